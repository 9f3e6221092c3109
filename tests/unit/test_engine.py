"""The session engine on a fake clock: every dose kind, side order, pause and command."""

from __future__ import annotations

import pytest
from engine_helpers import ALT, FATIGUE, FIXED, HELD, ONE, REPS, fixed_now, kinds, make, run

from recovery_tui.core.session.types import EventKind, Phase


def test_auto_reps_stop_at_the_top_of_the_range() -> None:
    session, clock = make(REPS, FIXED)
    assert session.phase is Phase.COUNT_IN
    run(session, clock, 3)
    assert session.phase is Phase.REP
    run(session, clock, 2 * 14)
    assert session.count("both") == 14
    events = run(session, clock, 2)
    assert session.current is session.progress[0][1]
    assert session.progress[0][0].counts == {"both": 15}
    assert EventKind.EXERCISE_FINISHED in kinds(events)
    assert session.phase is Phase.REST


def test_next_finishes_a_range_anywhere_keeping_counts() -> None:
    session, clock = make(REPS, FIXED)
    run(session, clock, 3 + 2 * 11)
    session.next()
    assert session.progress[0][0].counts == {"both": 11}
    assert session.progress[0][0].finished
    assert session.phase is Phase.REST and session.index == 1


def test_manual_pacing_counts_one_rep_per_done_and_ignores_time() -> None:
    session, clock = make(FIXED, pacing="manual", count_in_seconds=0)
    assert session.phase is Phase.REP and session.remaining() is None
    run(session, clock, 60)
    assert session.count("both") == 0
    session.done()
    session.done()
    assert session.count("both") == 2
    events = session.done()
    assert EventKind.SESSION_FINISHED in kinds(events)
    assert session.finished


def test_alternating_sides_start_from_the_configured_side() -> None:
    session, clock = make(ALT, start_side="right")
    run(session, clock, 3)
    seen = []
    for _ in range(6):
        seen.append(session.side)
        run(session, clock, 2)
    assert seen == ["right", "left"] * 3
    assert session.progress[0][0].counts == {"right": 3, "left": 3}
    assert session.finished


def test_one_side_then_the_other_with_a_switch_pause() -> None:
    session, clock = make(ONE)
    events = run(session, clock, 3 + 2 * 2)
    assert session.progress[0][0].counts == {"left": 2}
    assert EventKind.SIDE_SWITCHED in kinds(events)
    assert session.phase is Phase.SWITCH and session.side == "right"
    assert session.remaining() == pytest.approx(4)
    run(session, clock, 4 + 2 * 2)
    assert session.progress[0][0].counts == {"left": 2, "right": 2}
    assert session.finished


def test_held_reps_hold_then_relax() -> None:
    session, clock = make(HELD)
    run(session, clock, 3)
    assert session.phase is Phase.HOLD
    run(session, clock, 5)
    assert session.phase is Phase.RELAX and session.count("both") == 1
    run(session, clock, 3)
    assert session.phase is Phase.HOLD
    events = run(session, clock, 5)
    assert session.count("both") == 2 and session.finished
    assert kinds(events)[-1] is EventKind.SESSION_FINISHED


def test_sets_to_fatigue_are_open_ended_per_side_first_side_first() -> None:
    session, clock = make(FATIGUE, start_side="left")
    run(session, clock, 3)
    assert session.phase is Phase.OPEN_SET and session.remaining() is None
    run(session, clock, 40)
    assert session.elapsed() == pytest.approx(40)
    session.done()
    assert session.phase is Phase.COUNT_IN and session.side == "left"
    run(session, clock, 3 + 25)
    session.done()
    assert session.phase is Phase.SWITCH and session.side == "right"
    run(session, clock, 4 + 30)
    session.done()
    run(session, clock, 3 + 20)
    session.done()
    progress = session.progress[0][0]
    assert progress.counts == {"left": 2, "right": 2}
    assert progress.set_seconds == {
        "left": pytest.approx([40, 25]),
        "right": pytest.approx([30, 20]),
    }
    assert session.finished


def test_pause_freezes_the_countdown_and_a_hold_restarts_after_a_count_in() -> None:
    session, clock = make(HELD)
    run(session, clock, 3 + 2)
    assert session.remaining() == pytest.approx(3)
    session.toggle_pause()
    run(session, clock, 100)
    assert session.remaining() == pytest.approx(3) and session.count("both") == 0
    session.done()  # ignored while paused
    assert session.phase is Phase.HOLD
    session.toggle_pause()
    assert session.phase is Phase.COUNT_IN and session.remaining() == pytest.approx(3)
    run(session, clock, 3)
    assert session.phase is Phase.HOLD and session.remaining() == pytest.approx(5)
    run(session, clock, 5)
    assert session.phase is Phase.RELAX and session.count("both") == 1


def test_done_ends_a_rest_early_and_skip_marks_skipped() -> None:
    session, clock = make(FIXED, FIXED, FIXED)
    run(session, clock, 3 + 6)
    assert session.phase is Phase.REST and session.index == 1
    session.done()
    assert session.phase is Phase.COUNT_IN and session.index == 1
    session.skip()
    assert session.progress[0][1].skipped
    assert session.index == 2 and session.phase is Phase.COUNT_IN


def test_back_returns_to_the_previous_exercise_and_keeps_a_partial_count() -> None:
    session, clock = make(REPS, FIXED)
    run(session, clock, 3 + 2 * 5)
    session.next()
    assert session.index == 1
    session.back()
    assert session.index == 0 and session.count("both") == 5
    assert session.phase is Phase.COUNT_IN
    run(session, clock, 3 + 2 * 10)
    assert session.progress[0][0].counts == {"both": 15}


def test_back_redoes_an_exercise_that_was_full() -> None:
    session, clock = make(FIXED, FIXED)
    run(session, clock, 3 + 6)
    session.back()
    assert session.index == 0 and session.count("both") == 0


def test_undo_takes_back_the_last_count_and_returns_to_the_side() -> None:
    session, clock = make(ONE, pacing="manual", count_in_seconds=0)
    session.done()
    session.done()
    assert session.phase is Phase.SWITCH and session.side == "right"
    session.undo()
    assert session.side == "left" and session.count("left") == 1
    assert session.phase is Phase.REP
    session.done()
    assert session.count("left") == 2 and session.side == "right"


def test_undo_removes_the_duration_of_the_last_set() -> None:
    session, clock = make(FATIGUE, count_in_seconds=0)
    run(session, clock, 10)
    session.done()
    session.undo()
    assert session.current.set_seconds == {"left": []}
    assert session.count("left") == 0


def test_rests_between_exercises_and_rounds_and_zero_turns_them_off() -> None:
    session, clock = make(FIXED, FIXED, rounds=2)
    run(session, clock, 3 + 6)
    assert session.phase is Phase.REST
    run(session, clock, 10 + 3 + 6)
    assert session.phase is Phase.ROUND_REST and session.round == 1
    assert session.remaining() == pytest.approx(30)
    session2, clock2 = make(FIXED, FIXED, rounds=2, rest_seconds=0, round_rest_seconds=0)
    events = run(session2, clock2, 3 + 6)
    assert session2.phase is Phase.COUNT_IN and session2.index == 1
    assert EventKind.ROUND_FINISHED not in kinds(events)
    events = run(session2, clock2, 9)
    assert session2.phase is Phase.COUNT_IN and session2.round == 1
    assert EventKind.ROUND_FINISHED in kinds(events)


def test_late_ticks_never_drift() -> None:
    """A tick 7.9 s late still lands every deadline where it belongs."""
    session, clock = make(REPS)
    clock.advance(3 + 2 * 7 + 1.9)
    events = session.update()
    reps = [e.at - 1000 for e in events if e.kind is EventKind.REP_COUNTED]
    assert reps == [3 + 2 * k for k in range(1, 8)]
    assert session.remaining() == pytest.approx(0.1)


def test_record_holds_counts_per_side_round_and_status() -> None:
    session, clock = make(ALT, FATIGUE, rounds=2, count_in_seconds=0)
    run(session, clock, 12)
    record = session.to_record()
    assert record.status == "partial"
    assert record.rounds[0][0].counts == {"left": 3, "right": 3}
    assert record.rounds[1][1].counts == {}
    assert record.started == fixed_now()
