"""What was done is kept: a set left running, and a met dose that the runner skips past."""

from __future__ import annotations

import pytest
from engine_helpers import FATIGUE, FIXED, HELD, REPS, make, run

from recovery_tui.core.session.types import Phase


def test_leaving_mid_set_keeps_the_running_sets_time_so_far() -> None:
    session, clock = make(FATIGUE, FIXED, count_in_seconds=0)
    clock.advance(31.5)
    session.done()  # set 1: 31.5 s
    assert session.phase is Phase.OPEN_SET
    clock.advance(4)  # 4 s into set 2
    session.pause("overlay")  # the leave dialog opens
    clock.advance(60)  # the dialog is read: no time counts
    record = session.to_record()
    quad = record.rounds[0][0]
    side = session.side
    assert quad.counts == {side: 2}
    assert quad.set_seconds == {side: [31.5, 4.0]}
    assert not quad.skipped and record.status == "partial"
    assert session.progress[0][0].counts == {side: 1}  # the session itself is untouched


def test_a_set_only_just_begun_is_not_a_set() -> None:
    session, clock = make(FATIGUE, count_in_seconds=0)
    clock.advance(0.4)
    assert not session.anything_done()
    assert session.to_record().rounds[0][0].counts == {}
    clock.advance(3)
    assert session.anything_done()  # leaving 3 s into the first set logs it


def test_reps_counted_before_leaving_are_kept_and_a_half_rep_is_not() -> None:
    session, clock = make(REPS, count_in_seconds=0)
    run(session, clock, 2 * 6 + 1)  # six reps and half of the seventh
    assert session.to_record().rounds[0][0].counts == {"both": 6}


@pytest.mark.parametrize("pacing", ["auto", "manual"])
def test_skip_after_the_minimum_logs_the_exercise_done_not_skipped(pacing: str) -> None:
    session, clock = make(REPS, FIXED, pacing=pacing, count_in_seconds=0)
    if pacing == "auto":
        run(session, clock, 2 * 13)
    else:
        for _ in range(13):
            session.done()
    assert session.count("both") == 13  # 13 of 10-15
    session.skip()
    knee_bends = session.progress[0][0]
    assert knee_bends.finished and not knee_bends.skipped
    assert session.index == 1
    result = session.to_record().rounds[0][0]
    assert (result.counts, result.skipped) == ({"both": 13}, False)


def test_skip_below_the_minimum_is_still_a_skip() -> None:
    session, clock = make(REPS, FIXED, count_in_seconds=0)
    run(session, clock, 2 * 9)
    session.skip()
    assert session.progress[0][0].skipped
    assert session.to_record().rounds[0][0].skipped


def test_a_met_dose_is_never_logged_as_skipped() -> None:
    session, clock = make(HELD, FIXED, count_in_seconds=0)
    session.current.counts["both"] = 2  # held 2 of 2, then marked skipped some other way
    session.current.skipped = True
    assert session.to_record().rounds[0][0].skipped is False
