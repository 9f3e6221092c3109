"""Sessions on a fake clock, stepped as a runner would, and restored as a new process would.

Shared by the resume tests: the engine round trip, the claims and the app's prompt.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import FakeClock

from recovery_tui.core.plans.catalog import builtin_plans
from recovery_tui.core.plans.model import Plan
from recovery_tui.core.session.engine import Session
from recovery_tui.core.session.saved import session_from_state, session_to_state
from recovery_tui.core.session.types import RESTS, EngineConfig, Phase
from recovery_tui.core.session.unfinished import claim_new

REPO = Path(__file__).resolve().parent.parent
PLANS = {plan.id: plan for plan in builtin_plans()}
FULL = PLANS["full-circuit"]
START = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
AUTO = EngineConfig.defaults()
MANUAL = EngineConfig.defaults(pacing="manual", count_in_seconds=0, start_side="right")


def new_session(plan: Plan = FULL, config: EngineConfig = AUTO) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    return Session(plan, config, clock, lambda: START), clock


def advance(session: Session, clock: FakeClock, set_seconds: float = 21.5) -> None:
    """One step, as a runner would take it: wait for the deadline, or press enter."""
    if session.phase is Phase.OPEN_SET:
        clock.advance(set_seconds)
        session.done()
    elif session.config.pacing == "manual" and session.phase is Phase.REP:
        clock.advance(1.25)
        session.done()
    else:
        deadline = session.next_deadline()
        assert deadline is not None, f"stuck in {session.phase}"
        clock.t = deadline
        session.update()


def every_step(session: Session, clock: FakeClock) -> Iterator[Session]:
    """Yield the session at each step until it finishes (and once finished)."""
    for _ in range(5000):
        yield session
        if session.finished:
            return
        advance(session, clock)
    raise AssertionError("the session never finished")


def restored(session: Session, config: EngineConfig | None = None) -> Session:
    """What a new process rebuilds from the state file of `session`."""
    state = json.loads(json.dumps(session_to_state(session)))
    clock = FakeClock(start=50.0)
    return session_from_state(session.plan, config or session.config, state, clock, lambda: START)


def where(session: Session) -> dict[str, Any]:
    """Everything a resumed session must get back: plan, position, side and counts."""
    state = session_to_state(session)
    del state["phase"]
    if session.finished:
        del state["side"]  # no side is being worked any more
    return state


def expected_phase(session: Session) -> Phase:
    """A rest stays a rest; any working phase restarts at the exercise's count-in."""
    if session.phase in RESTS or session.phase is Phase.DONE:
        return session.phase
    return Phase.COUNT_IN if session.config.count_in_seconds > 0 else restored(session).phase


def saved_session(data: Path, *, steps: int = 4, release: bool = True, **extra: Any) -> Session:
    """A full-circuit session some steps in, saved as a running app would, then let go."""
    session, clock = new_session()
    for _ in range(steps):
        advance(session, clock)
    claim = claim_new(data, session.id)
    claim.save({**session_to_state(session), **extra})
    if release:
        claim.release()
    return session
