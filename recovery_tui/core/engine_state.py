"""A running session as JSON, so it can be resumed after a crash or a dropped SSH session.

Only positions and counts are kept; clock values are not (a monotonic clock means
nothing in another process). A restored session starts paused at the beginning of the
phase it was in, so at most the rep in progress is lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .engine import Clock, Session, WallClock
from .engine_types import RESTS, EngineConfig, Phase, Progress
from .plan import Plan

STATE_VERSION = 1


class StateError(ValueError):
    """A saved state that does not fit its plan (or is not a state at all)."""


def session_to_state(session: Session) -> dict[str, Any]:
    return {
        "version": STATE_VERSION,
        "id": session.id,
        "plan": session.plan.id,
        "plan_name": session.plan.name,
        "started": session.started.isoformat(),
        "round": session.round,
        "index": session.index,
        "side": session.side,
        "phase": session.phase.value,
        "progress": [[p.to_json() for p in row] for row in session.progress],
        "history": [list(h) for h in session._history],
    }


def session_from_state(
    plan: Plan, config: EngineConfig, state: dict[str, Any], clock: Clock, now: WallClock
) -> Session:
    """Rebuild a session, paused where it was. Raises StateError if it does not fit."""
    try:
        if state.get("version") != STATE_VERSION or state.get("plan") != plan.id:
            raise StateError("the saved session belongs to another plan or version")
        progress = [[Progress.from_json(p) for p in row] for row in state["progress"]]
        if len(progress) != plan.rounds or any(len(r) != len(plan.exercises) for r in progress):
            raise StateError("the plan has changed since the session was saved")
        round_, index = int(state["round"]), int(state["index"])
        if not (0 <= round_ < plan.rounds and 0 <= index < len(plan.exercises)):
            raise StateError("the saved position is outside the plan")
        phase = Phase(state["phase"])
        started = datetime.fromisoformat(state["started"])
        history = [(int(r), int(i), str(s)) for r, i, s in state.get("history", [])]
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, StateError):
            raise
        raise StateError(f"the saved session is damaged ({error})") from error
    session = Session(plan, config, clock, now, session_id=str(state["id"]))
    session.started = started
    session.progress = progress
    session._history = history
    session.round, session.index = round_, index
    at = clock()
    if phase in RESTS:
        session._set_phase(phase, at, _rest_seconds(config, phase))
        session.side = session._resume_side()
    elif phase is Phase.DONE:
        session._set_phase(Phase.DONE, at, None)
    else:
        session._enter_exercise(at)
    session.paused_at = at
    return session


def _rest_seconds(config: EngineConfig, phase: Phase) -> float:
    return config.round_rest_seconds if phase is Phase.ROUND_REST else config.rest_seconds
