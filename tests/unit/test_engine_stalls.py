"""Time the process did not run is not exercise: stalls and stops on the fake clock."""

from __future__ import annotations

import pytest
from conftest import FakeClock
from engine_helpers import FIXED, REPS, kinds, make, run

from recovery_tui.core.session.engine import RUNNER, STOPPED, Session
from recovery_tui.core.session.saved import session_from_state, session_to_state
from recovery_tui.core.session.types import STALL_SECONDS, EngineConfig, EventKind, Phase
from recovery_tui.core.settings.fields import Settings


def paced(pacing: str = "auto", count_in_seconds: float = 3) -> tuple[Session, FakeClock]:
    """Knee bends paced every 2 s after a 3 s count-in, stalls detected as the app does."""
    return make(
        REPS,
        FIXED,
        stall_seconds=STALL_SECONDS,
        resume_count_in_seconds=0,
        pacing=pacing,
        count_in_seconds=count_in_seconds,
    )


def test_the_app_engine_detects_stalls_and_the_bare_engine_catches_up() -> None:
    assert EngineConfig.from_settings(Settings()).stall_seconds == STALL_SECONDS
    assert EngineConfig.defaults().stall_seconds is None


def test_a_long_gap_pauses_where_the_session_was_last_seen_and_credits_nothing() -> None:
    session, clock = paced()
    run(session, clock, 3 + 2 * 4 + 0.5)  # 4 reps, half-way to the fifth
    seen, remaining = clock(), session.remaining()
    clock.advance(10)  # SIGSTOP for 10 s: no tick ran
    events = session.update()
    assert kinds(events) == [EventKind.PAUSED]
    assert session.count("both") == 4
    assert session.pause_reasons == {STOPPED} and session.paused_at == seen
    assert session.remaining() == pytest.approx(remaining)
    clock.advance(30)  # the runner comes back to the mat later still
    assert kinds(session.toggle_pause()) == [EventKind.RESUMED]  # space lifts it
    assert session.remaining() == pytest.approx(remaining)
    events = run(session, clock, 1.5)
    assert kinds(events) == [EventKind.REP_COUNTED] and session.count("both") == 5


def test_a_late_tick_within_the_limit_still_lands_every_deadline() -> None:
    session, clock = paced()
    run(session, clock, 3)
    clock.advance(STALL_SECONDS - 0.5)  # two reps due, the first noticed 2.5 s late
    events = session.update()
    assert kinds(events) == [EventKind.REP_COUNTED, EventKind.REP_COUNTED]
    assert not session.paused


def test_a_long_untimed_phase_is_not_a_stall() -> None:
    """Manual reps (or a set to fatigue) have no deadline: waiting on the runner is normal."""
    session, clock = paced(pacing="manual", count_in_seconds=0)
    clock.advance(120)
    session.done()
    assert session.count("both") == 1 and not session.paused


def test_a_command_after_a_gap_acts_on_the_paused_session_and_returns_the_pause() -> None:
    session, clock = paced()
    run(session, clock, 3 + 2 * 2 + 1)
    clock.advance(10)
    events = session.undo()  # the first key after the stop: the gap pauses before the undo
    assert EventKind.PAUSED in kinds(events)
    assert session.paused and session.count("both") == 1


def test_stopped_pauses_at_the_last_seen_time_without_catching_up() -> None:
    """ctrl+z: the app says so just before the process stops."""
    session, clock = paced()
    run(session, clock, 3 + 2 * 3)
    seen = clock()
    clock.advance(1.5)  # a little time passed since the last tick, no rep fell due
    assert kinds(session.stopped()) == [EventKind.PAUSED]
    assert session.count("both") == 3 and session.paused_at == seen
    assert session.pause_reasons == {STOPPED}


def test_a_stop_over_a_runners_pause_is_lifted_by_the_same_key() -> None:
    session, clock = paced()
    run(session, clock, 4)
    session.toggle_pause()
    session.stopped()
    assert session.pause_reasons == {RUNNER, STOPPED}
    session.toggle_pause()
    assert not session.paused


def test_a_continue_counted_before_the_next_update_pauses_with_nothing_caught_up() -> None:
    """SIGCONT is counted in its handler, so even the first key after it finds it."""
    continued = [0]
    session, clock = paced()
    session.watch_stops(lambda: continued[0])
    run(session, clock, 3 + 2 * 2)
    seen = clock()
    clock.advance(2.5)  # stopped briefly: a rep fell due, well within the stall limit
    continued[0] += 1
    assert EventKind.PAUSED in kinds(session.done())  # a key pressed during the stop
    assert session.count("both") == 2 and session.paused_at == seen
    session.toggle_pause()
    run(session, clock, 2)
    assert session.count("both") == 3 and not session.paused


def test_a_continue_while_paused_adds_the_stop_and_is_over_on_resume() -> None:
    continued = [0]
    session, clock = paced()
    session.watch_stops(lambda: continued[0])
    run(session, clock, 4)
    session.pause("overlay", runner_lifts=False)
    continued[0] += 1
    session.update()
    session.resume("overlay")
    assert session.pause_reasons == {STOPPED}  # the runner was away: space to go on
    session.toggle_pause()
    run(session, clock, 1)
    assert not session.paused


def test_a_finished_session_is_not_stopped() -> None:
    session, clock = make(FIXED, count_in_seconds=0, stall_seconds=STALL_SECONDS)
    run(session, clock, 6)
    assert session.phase is Phase.DONE
    assert session.stopped() == [] and not session.paused


def test_a_restored_session_has_no_stall_to_find() -> None:
    session, clock = paced()
    run(session, clock, 3 + 2 * 2)
    copy = session_from_state(
        session.plan, session.config, session_to_state(session), clock, session.now
    )
    clock.advance(60)
    copy.update()
    copy.toggle_pause()
    assert not copy.paused and copy.last_seen == clock()
    run(copy, clock, 1)
    assert not copy.paused
