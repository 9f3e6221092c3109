"""Engine commands at the edges: undo after a finish, paused commands, what completed means."""

from __future__ import annotations

import pytest
from engine_helpers import FIXED, HELD, REPS, kinds, make, run

from recovery_tui.core.session.types import EventKind, Phase


def test_undo_reopens_the_exercise_a_count_just_finished() -> None:
    session, clock = make(FIXED, FIXED, pacing="manual", count_in_seconds=0)
    for _ in range(3):
        session.done()
    assert session.phase is Phase.REST and session.index == 1
    session.undo()
    assert session.index == 0 and session.phase is Phase.REP
    assert session.count("both") == 2 and not session.current.finished


def test_undo_after_the_last_count_reopens_the_session() -> None:
    session, clock = make(FIXED, pacing="manual", count_in_seconds=0)
    for _ in range(3):
        session.done()
    assert session.finished and session.ended is not None
    session.undo()
    assert not session.finished and session.ended is None
    assert session.count("both") == 2
    assert session.to_record().status == "partial"


def test_completed_needs_every_dose_met_skips_allowed() -> None:
    cut_short, _ = make(FIXED, FIXED, count_in_seconds=0, pacing="manual")
    cut_short.done()
    cut_short.next()
    cut_short.next()
    cut_short.skip()
    assert cut_short.finished and cut_short.to_record().status == "partial"
    all_skipped, _ = make(FIXED, FIXED)
    all_skipped.skip()
    all_skipped.skip()
    assert all_skipped.finished and all_skipped.to_record().status == "partial"
    with_a_skip, clock = make(FIXED, FIXED, rest_seconds=0)
    with_a_skip.skip()
    run(with_a_skip, clock, 3 + 6)
    assert with_a_skip.finished and with_a_skip.to_record().status == "completed"


def test_progress_counts_what_was_done_when_an_exercise_is_cut_short() -> None:
    session, clock = make(REPS, FIXED, count_in_seconds=0)
    run(session, clock, 2 * 5)
    session.next()
    assert session.fraction_done() == pytest.approx((5 / 10) / 2)
    session.skip()
    assert session.fraction_done() == pytest.approx((5 / 10 + 1) / 2)


def test_back_from_the_end_clears_the_end_time() -> None:
    session, clock = make(FIXED, count_in_seconds=0)
    run(session, clock, 6)
    assert session.ended is not None
    session.back()
    assert session.ended is None and not session.finished


def test_commands_work_while_paused_and_stay_paused() -> None:
    session, clock = make(REPS, FIXED)
    run(session, clock, 3 + 2 * 4)
    session.toggle_pause()
    clock.advance(50)
    session.next()
    assert session.paused and session.phase is Phase.REST
    assert session.remaining() == pytest.approx(10)
    clock.advance(50)
    session.toggle_pause()
    run(session, clock, 9.75)
    assert session.phase is Phase.REST
    run(session, clock, 0.25)
    assert session.phase is Phase.COUNT_IN


def test_the_end_of_a_hold_is_a_countdown_end() -> None:
    session, clock = make(HELD, count_in_seconds=0)
    events = run(session, clock, 5)
    assert kinds(events) == [EventKind.COUNTDOWN_ENDED, EventKind.REP_COUNTED]
