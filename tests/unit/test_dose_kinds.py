"""Dose kinds plug in through one module: a fifth kind, defined only in the test suite
(`held_per_side.py`), loads from a plan file with located errors, runs a whole session
in the engine, is worded, saved for resuming and logged; the registry refuses doubles."""

from __future__ import annotations

import pytest
from engine_helpers import CONFIG, FakeClock, fixed_now, kinds, run
from held_per_side import HELD_PER_SIDE, PLAN, registered

from recovery_tui.core import doses
from recovery_tui.core.errors import ConfigError
from recovery_tui.core.plans.loader import parse_plan
from recovery_tui.core.plans.model import Dose, Exercise, Plan, SideOrder
from recovery_tui.core.session import coaching, cues
from recovery_tui.core.session.engine import Session
from recovery_tui.core.session.saved import session_from_state, session_to_state
from recovery_tui.core.session.types import EventKind, Phase

BALANCE = Exercise("Balance", Dose(HELD_PER_SIDE, 2, 2, SideOrder.ONE_THEN_OTHER, hold_seconds=20))


def balance_session() -> tuple[Session, FakeClock]:
    clock = FakeClock()
    plan = Plan(id="balance", name="Balance", exercises=(BALANCE,))
    return Session(plan, CONFIG, clock, fixed_now), clock


def test_a_plan_file_names_the_fifth_kind_once_it_is_registered() -> None:
    with registered():
        plan = parse_plan(PLAN, source_name="balance.toml", default_id="balance")
    dose = plan.exercises[0].dose
    assert dose == Dose(HELD_PER_SIDE, 2, 2, SideOrder.ONE_THEN_OTHER, hold_seconds=20)
    assert dose.describe() == "2 holds of 20 s each side"
    with pytest.raises(ConfigError) as error:
        parse_plan(PLAN, source_name="balance.toml", default_id="balance")
    assert str(error.value) == (
        "balance.toml: line 6: exercise 1 (Single-leg balance): 'dose': must be "
        '"reps" or "reps_per_side" or "held" or "to_fatigue", got "held_per_side"'
    ), "once the test is over, the kind is gone"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("holds = 2\n", ""),
            "balance.toml: line 4: exercise 1 (Single-leg balance): 'holds': is missing; "
            'dose "held_per_side" needs it: a whole number 1-10 (holds per side)',
        ),
        (
            ("holds = 2\n", "holds = 11\n"),
            "balance.toml: line 7: exercise 1 (Single-leg balance): 'holds': "
            "must be a whole number 1-10, got 11",
        ),
        (
            ("holds = 2\n", 'holds = 2\nsides = "alternating"\n'),
            "balance.toml: line 8: exercise 1 (Single-leg balance): 'sides' does not apply "
            'to dose "held_per_side" (only to "reps_per_side"); allowed here: name, dose, '
            "tempo_seconds, cues, why, caution, holds, hold_seconds",
        ),
        (
            (
                'name = "Knee bends"\ndose = "reps"\n',
                'name = "Knee bends"\ndose = "reps"\nholds = 1\n',
            ),
            "balance.toml: line 14: exercise 2 (Knee bends): 'holds' does not apply to dose "
            '"reps" (only to "held_per_side"); allowed here: name, dose, tempo_seconds, cues, '
            "why, caution, reps",
        ),
    ],
)
def test_its_keys_are_checked_with_the_loaders_located_messages(
    change: tuple[str, str], message: str
) -> None:
    with registered(), pytest.raises(ConfigError) as error:
        parse_plan(PLAN.replace(*change), source_name="balance.toml", default_id="balance")
    assert str(error.value) == message


def test_the_engine_runs_a_whole_session_of_it_side_by_side() -> None:
    session, clock = balance_session()
    assert (session.phase, session.side) == (Phase.COUNT_IN, "left")
    run(session, clock, 3)
    assert (session.phase, session.remaining()) == (Phase.HOLD, 20)
    assert coaching.phase_words(session) == "Hold · left · hold 1 of 2"
    assert cues.go_words(session) == "Hold still"
    events = run(session, clock, 20)
    assert kinds(events) == [EventKind.COUNTDOWN_ENDED, EventKind.REP_COUNTED]
    assert (session.phase, session.count("left")) == (Phase.HOLD, 1), "the next hold at once"
    events = run(session, clock, 20)
    assert EventKind.SIDE_SWITCHED in kinds(events)
    assert (session.phase, session.side) == (Phase.SWITCH, "right")
    run(session, clock, 4 + 20)
    assert coaching.phase_words(session) == "Hold · right · hold 2 of 2"
    events = run(session, clock, 20)
    assert EventKind.SESSION_FINISHED in kinds(events)
    record = session.to_record()
    assert record.status == "completed"
    [[result]] = record.rounds
    assert (result.kind, result.counts, result.set_seconds) == (
        "held_per_side",
        {"left": 2, "right": 2},
        {},
    )


def test_a_saved_session_of_it_resumes_on_the_same_side_and_hold() -> None:
    session, clock = balance_session()
    run(session, clock, 3 + 20 + 20 + 4 + 5)
    assert (session.side, session.phase, session.count("right")) == ("right", Phase.HOLD, 0)
    state = session_to_state(session)
    again = session_from_state(session.plan, CONFIG, state, clock, fixed_now)
    assert (again.side, again.count("left"), again.paused) == ("right", 2, True)
    again.toggle_pause()
    run(again, clock, CONFIG.resume_count_in_seconds)
    assert again.phase is Phase.HOLD and again.remaining() == 20


def test_the_registry_refuses_a_second_kind_of_the_same_name() -> None:
    with pytest.raises(ValueError, match="a name of its own"):
        doses.register(doses.Reps())
    with registered():
        assert doses.kind_named("held_per_side") is HELD_PER_SIDE
        assert doses.record_kind("held_per_side") is HELD_PER_SIDE
    assert doses.kind_named("held_per_side") is None
    assert doses.record_kind("held_per_side") is doses.REPS, "an unknown logged kind reads as reps"


@pytest.mark.parametrize(
    ("kind", "counts", "words"),
    [
        (doses.REPS, {"both": 12}, ["12 reps"]),
        (doses.REPS, {"both": 1}, ["1 rep"]),
        (doses.REPS_PER_SIDE, {"left": 15, "right": 14}, ["left 15 · right 14 reps"]),
        (doses.HELD, {"both": 4}, ["4 holds"]),
        (doses.HELD, {"both": 1}, ["1 hold"]),
        (HELD_PER_SIDE, {"left": 2, "right": 1}, ["left 2 · right 1 holds"]),
        (HELD_PER_SIDE, {"left": 1, "right": 1}, ["left 1 · right 1 hold"]),
    ],
    ids=repr,
)
def test_a_logged_result_is_read_back_in_its_kinds_own_words(
    kind: doses.DoseKind, counts: dict[str, int], words: list[str]
) -> None:
    """The history and the summary ask the kind: holds are not called reps."""
    assert kind.result_lines(counts, {}) == words
