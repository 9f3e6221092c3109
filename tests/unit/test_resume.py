"""Never lose a rep: a session saved at any moment comes back exactly where it was.

Whole sessions of the built-in plans run on a fake clock, and a copy is restored
(through JSON, as from the state file) after every single step.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import FakeClock
from resume_helpers import (
    AUTO,
    FULL,
    MANUAL,
    PLANS,
    START,
    advance,
    every_step,
    expected_phase,
    new_session,
    restored,
    where,
)

from recovery_tui.core.session.saved import StateError, session_from_state, session_to_state
from recovery_tui.core.session.types import EngineConfig, Phase


@pytest.mark.parametrize(
    ("plan_id", "config"),
    [("full-circuit", AUTO), ("full-circuit", MANUAL), ("down-dog-block", AUTO)],
    ids=["full-circuit-auto", "full-circuit-manual-right-first", "down-dog-block"],
)
def test_a_session_saved_at_any_step_comes_back_where_it_was(
    plan_id: str, config: EngineConfig
) -> None:
    session, clock = new_session(PLANS[plan_id], config)
    phases_seen = set()
    sides_seen = set()
    for step in every_step(session, clock):
        copy = restored(step)
        phases_seen.add(step.phase)
        sides_seen.add(step.side)
        assert where(copy) == where(step)
        assert copy.paused and copy.phase is expected_phase(step)
        assert copy.to_record().rounds == step.to_record().rounds
    assert session.finished
    if plan_id == "full-circuit" and config is AUTO:
        assert phases_seen >= {Phase.COUNT_IN, Phase.REP, Phase.HOLD, Phase.RELAX}
        assert phases_seen >= {Phase.OPEN_SET, Phase.SWITCH, Phase.REST, Phase.ROUND_REST}
        assert sides_seen == {"left", "right", "both"}


def test_a_resumed_session_runs_on_to_the_same_record() -> None:
    """Stop in round 1's quad pump (a set to fatigue, one side done), resume, finish."""
    session, clock = new_session()
    for step in every_step(session, clock):
        if step.index == 3 and step.count("left") == 3 and step.count("right") == 1:
            break
    copy = restored(session)
    assert (copy.round, copy.index, copy.side) == (0, 3, "right")
    copy.toggle_pause()
    for _ in every_step(copy, copy.clock):  # type: ignore[arg-type]
        pass
    for _ in every_step(session, clock):
        pass
    mine, theirs = copy.to_record(), session.to_record()
    assert (mine.id, mine.status, mine.started) == (theirs.id, "completed", theirs.started)
    assert [[e.counts for e in r] for r in mine.rounds] == [
        [e.counts for e in r] for r in theirs.rounds
    ]
    assert mine.rounds[0][3].set_seconds == theirs.rounds[0][3].set_seconds


def test_undo_back_and_skip_survive_a_restore() -> None:
    session, clock = new_session()
    for step in every_step(session, clock):
        if step.index == 1 and step.count("right") == 2:
            break
    session.undo()
    session.skip()
    session.back()
    copy = restored(session)
    assert where(copy) == where(session)
    copy.toggle_pause()
    copy.undo()  # the history came back too: undo still takes back the last count
    session.undo()
    assert where(copy) == where(session)


def test_a_restore_uses_the_settings_of_the_new_run() -> None:
    session, clock = new_session()
    advance(session, clock)
    copy = restored(session, dataclasses.replace(AUTO, count_in_seconds=0, tempo_seconds=7))
    assert copy.phase is Phase.REP
    copy.toggle_pause()
    assert copy.phase is Phase.COUNT_IN  # the rep starts again after the count-in
    new_clock = copy.clock
    assert isinstance(new_clock, FakeClock)  # the one restored() gave it
    new_clock.advance(AUTO.resume_count_in_seconds)
    copy.update()
    assert copy.phase is Phase.REP and copy.remaining() == pytest.approx(7)


def _damage(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    session, clock = new_session()
    for _ in range(20):
        advance(session, clock)
    state = json.loads(json.dumps(session_to_state(session)))
    change(state)
    return state


DAMAGE: dict[str, Callable[[dict[str, Any]], object]] = {
    "other plan": lambda s: s.update(plan="down-dog-block"),
    "other version": lambda s: s.update(version=2),
    "no id": lambda s: s.pop("id"),
    "id not text": lambda s: s.update(id=["x"]),
    "no progress": lambda s: s.pop("progress"),
    "progress rows missing": lambda s: s["progress"].pop(),
    "progress not objects": lambda s: s.update(progress=[[1] * 6, [2] * 6]),
    "progress a string": lambda s: s.update(progress="ab"),
    "count not a number": lambda s: s["progress"][0][0]["counts"].update(both="many"),
    "count negative": lambda s: s["progress"][0][0]["counts"].update(both=-1),
    "count huge float": lambda s: s["progress"][0][0]["counts"].update(both=1e999),
    "unknown side": lambda s: s["progress"][0][0]["counts"].update(middle=3),
    "set seconds nan": lambda s: s["progress"][0][3].update(set_seconds={"left": [float("nan")]}),
    "round out of plan": lambda s: s.update(round=2),
    "index negative": lambda s: s.update(index=-1),
    "round a float": lambda s: s.update(round=1e999),
    "round text": lambda s: s.update(round="1"),
    "phase unknown": lambda s: s.update(phase="nap"),
    "started naive": lambda s: s.update(started="2026-11-23T07:30:00"),
    "started junk": lambda s: s.update(started="yesterday"),
    "started number": lambda s: s.update(started=5),
    "ended naive": lambda s: s.update(ended="2026-11-23T08:30:00"),
    "ended junk": lambda s: s.update(ended=[]),
    "history junk": lambda s: s.update(history=[[0, 0]]),
    "history outside": lambda s: s.update(history=[[0, 99, "both"]]),
    "history side": lambda s: s.update(history=[[0, 0, "up"]]),
    "history not a list": lambda s: s.update(history=7),
}


@pytest.mark.parametrize("change", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_state_is_a_state_error_never_a_crash(
    change: Callable[[dict[str, Any]], object],
) -> None:
    state = _damage(change)
    with pytest.raises(StateError):
        session_from_state(FULL, AUTO, state, FakeClock(), lambda: START)


def test_a_state_that_is_not_an_object_is_a_state_error() -> None:
    junk: object
    for junk in ([], "state", None, 3):
        with pytest.raises(StateError):
            session_from_state(FULL, AUTO, junk, FakeClock(), lambda: START)  # type: ignore[arg-type]
