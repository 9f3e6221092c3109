"""Pausing for a reason and running on after a count-in, never mid-rep."""

from __future__ import annotations

import pytest
from engine_helpers import FATIGUE, FIXED, REPS, kinds, make, run

from recovery_tui.core import doses
from recovery_tui.core.plans.model import Dose, Exercise
from recovery_tui.core.session.engine import RUNNER
from recovery_tui.core.session.types import EventKind, Phase


def test_paused_reps_do_not_count_and_restart_from_the_top_after_a_count_in() -> None:
    session, clock = make(REPS)
    run(session, clock, 3 + 2 * 3 + 1)  # count-in, three reps, half of the fourth
    assert session.count("both") == 3
    assert kinds(session.pause("overlay", runner_lifts=False)) == [EventKind.PAUSED]
    run(session, clock, 4)
    assert session.count("both") == 3
    events = session.resume("overlay")
    assert kinds(events) == [EventKind.RESUMED]
    assert session.phase is Phase.COUNT_IN and session.remaining() == pytest.approx(3)
    run(session, clock, 3)
    assert session.phase is Phase.REP and session.count("both") == 3
    assert session.remaining() == pytest.approx(2)  # a whole rep, not the half left


def test_reasons_add_up_and_the_pause_key_lifts_only_its_own() -> None:
    session, clock = make(REPS)
    run(session, clock, 4)
    session.toggle_pause()
    session.pause("overlay", runner_lifts=False)
    assert session.pause_reasons == {RUNNER, "overlay"}
    session.resume("overlay")
    assert session.paused  # the runner's pause stays after help closes
    session.pause("overlay", runner_lifts=False)
    session.toggle_pause()
    assert session.paused and session.pause_reasons == {"overlay"}
    session.toggle_pause()  # the key cannot lift an overlay: it adds the runner's pause
    assert session.pause_reasons == {RUNNER, "overlay"}
    session.resume("overlay")
    session.toggle_pause()
    assert not session.paused


def test_a_countdown_runs_on_but_never_ends_sooner_than_the_count_in() -> None:
    session, clock = make(FIXED, FIXED)
    run(session, clock, 3 + 6 + 9)  # a rest of 10 s with 1 s left
    assert session.phase is Phase.REST and session.remaining() == pytest.approx(1)
    session.pause("help", runner_lifts=False)
    clock.advance(30)
    session.resume("help")
    assert session.phase is Phase.REST and session.remaining() == pytest.approx(3)
    session.pause("help", runner_lifts=False)
    session.resume("help")
    assert session.remaining() == pytest.approx(3)


def test_an_open_set_runs_on_without_a_count_in_and_keeps_its_time() -> None:
    session, clock = make(FATIGUE)
    run(session, clock, 3 + 10)
    session.pause("help", runner_lifts=False)
    clock.advance(60)
    session.resume("help")
    assert session.phase is Phase.OPEN_SET and session.elapsed() == pytest.approx(10)
    clock.advance(5)
    session.done()
    assert session.current.set_seconds["left"] == [pytest.approx(15)]


def test_no_count_in_when_it_is_set_to_zero() -> None:
    session, clock = make(REPS, resume_count_in_seconds=0)
    run(session, clock, 3 + 1)
    session.toggle_pause()
    session.toggle_pause()
    assert session.phase is Phase.REP and session.remaining() == pytest.approx(1)


def test_the_fatigue_cap_ends_each_set_by_itself() -> None:
    session, clock = make(FATIGUE, fatigue_cap_seconds=45)
    events = run(session, clock, 3 + 45)
    assert EventKind.SET_ENDED in kinds(events)
    assert session.current.set_seconds["left"] == [pytest.approx(45)]
    assert session.phase is Phase.COUNT_IN


def test_reaching_the_low_end_of_a_range_is_an_event_of_its_own() -> None:
    session, clock = make(REPS)
    events = run(session, clock, 3 + 2 * 10)
    assert kinds(events).count(EventKind.MINIMUM_REACHED) == 1
    at = next(e for e in events if e.kind is EventKind.MINIMUM_REACHED)
    assert session.count("both") >= 10 and at.at == pytest.approx(1000 + 3 + 20)
    fixed, fixed_clock = make(FIXED)
    assert EventKind.MINIMUM_REACHED not in kinds(run(fixed, fixed_clock, 20))


def test_range_words_say_how_many_to_the_minimum_and_that_stopping_is_allowed() -> None:
    from recovery_tui.core.session.coaching import range_words, status_line

    session, clock = make(REPS)
    run(session, clock, 3)
    assert status_line(session) == "Rep 1 of 10-15 · at least 10 · stop any time after (n)"
    run(session, clock, 2 * 7)
    assert range_words(session) == "3 to go to 10 · stop any time after (n)"
    assert status_line(session).endswith("stop any time after (n)")
    run(session, clock, 2 * 2)
    assert status_line(session) == "Rep 10 of 10-15 · this one makes 10 · stop any time after (n)"
    run(session, clock, 2)
    assert range_words(session) == "minimum done · stop any time (n), or go on to 15"
    run(session, clock, 2 * 4)
    assert status_line(session) == "Rep 15 of 10-15 · minimum done · the last one, or stop now (n)"


def test_held_range_words_count_the_hold_to_come_during_a_relax() -> None:
    from recovery_tui.core.session.coaching import status_line

    session, clock = make(
        Exercise("Calf raise", Dose(doses.HELD, 2, 3, hold_seconds=5, relax_seconds=3))
    )
    run(session, clock, 3)
    assert status_line(session) == "Hold · rep 1 of 2-3 · at least 2 · stop any time after (n)"
    run(session, clock, 5)
    assert session.phase is Phase.RELAX
    assert status_line(session) == (
        "Relax · next is rep 2 of 2-3 · 1 to go to 2 · stop any time after (n)"
    )
    run(session, clock, 3)
    assert status_line(session).endswith(
        "rep 2 of 2-3 · this one makes 2 · stop any time after (n)"
    )
    run(session, clock, 5)
    assert status_line(session).endswith("or go on to 3")
    run(session, clock, 3)
    assert (
        status_line(session) == "Hold · rep 3 of 2-3 · minimum done · the last one, or stop now (n)"
    )
