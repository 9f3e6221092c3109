"""A running session as JSON, so it can be resumed after a crash or a dropped SSH session.

Only positions and counts are kept; clock values are not (a monotonic clock means
nothing in another process). A restored session starts paused at the beginning of the
phase it was in, so at most the rep in progress is lost.

A state file is read back by a later process, perhaps after a crash mid-write or a
hand edit, so `session_from_state` checks everything it uses and raises `StateError`
for anything it cannot trust: a damaged state must never become a crash, nor a log
record that later reads back as an unreadable line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..journal.record import SIDES, RecordError, SessionRecord
from ..plans.model import Plan
from .engine import Clock, Session, WallClock
from .types import EngineConfig, Phase, Progress

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
        "ended": session.ended.isoformat() if session.ended else None,
        "round": session.round,
        "index": session.index,
        "side": session.side,
        "phase": session.phase.value,
        "progress": [[p.to_json() for p in row] for row in session.progress],
        "history": [list(h) for h in session.count_order],
    }


def session_from_state(
    plan: Plan, config: EngineConfig, state: dict[str, Any], clock: Clock, now: WallClock
) -> Session:
    """Rebuild a session, paused where it was. Raises StateError if it does not fit."""
    if not isinstance(state, dict):
        raise StateError("the saved session is not a JSON object")
    if state.get("version") != STATE_VERSION or state.get("plan") != plan.id:
        raise StateError("the saved session belongs to another plan or version")
    try:
        parts = _read_parts(plan, state)
    except StateError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        raise StateError(
            f"the saved session is damaged ({type(error).__name__}: {error})"
        ) from None
    session_id, started, ended, round_, index, phase, progress, history = parts
    return Session.restored(
        plan,
        config,
        clock,
        now,
        session_id=session_id,
        started=started,
        ended=ended,
        position=(round_, index),
        phase=phase,
        progress=progress,
        count_order=history,
    )


_Parts = tuple[
    str,
    datetime,
    datetime | None,
    int,
    int,
    Phase,
    list[list[Progress]],
    list[tuple[int, int, str]],
]


def _read_parts(plan: Plan, state: dict[str, Any]) -> _Parts:
    """Every value a session needs, checked; raises on anything that does not fit."""
    session_id = state["id"]
    if not isinstance(session_id, str) or not session_id:
        raise StateError("the saved session has no id")
    started = _aware(state["started"])
    ended = None if state.get("ended") is None else _aware(state["ended"])
    progress = [[_progress(p) for p in row] for row in state["progress"]]
    if len(progress) != plan.rounds or any(len(r) != len(plan.exercises) for r in progress):
        raise StateError("the plan has changed since the session was saved")
    round_, index = _whole(state["round"]), _whole(state["index"])
    if not (0 <= round_ < plan.rounds and 0 <= index < len(plan.exercises)):
        raise StateError("the saved position is outside the plan")
    phase = Phase(state["phase"])
    history = [_history_entry(plan, h) for h in state.get("history", [])]
    return session_id, started, ended, round_, index, phase, progress, history


def _aware(text: Any) -> datetime:
    """A saved time: aware and in range, as a log record's times are (`parse_time`)."""
    from ..journal.record import RecordError, parse_time

    if not isinstance(text, str):
        raise StateError("a saved time is not text")
    try:
        return parse_time(text)
    except RecordError as error:
        raise StateError(f"a saved {error}") from None


def _whole(value: Any) -> int:
    if type(value) is not int:
        raise StateError(f"expected a whole number, got {type(value).__name__}")
    return value


def _progress(data: Any) -> Progress:
    progress = Progress.from_json(data)
    counts, sets = progress.counts, progress.set_seconds
    if not set(counts) <= set(SIDES) or not set(sets) <= set(SIDES):
        raise StateError("the saved counts name a side other than left, right or both")
    if any(value < 0 for value in counts.values()):
        raise StateError("the saved counts are negative")
    if any(not 0 <= x < 1e9 for values in sets.values() for x in values):
        raise StateError("the saved set durations are out of range")
    return progress


def _history_entry(plan: Plan, entry: Any) -> tuple[int, int, str]:
    round_, index, side = entry
    entry = (_whole(round_), _whole(index), str(side))
    if not (0 <= entry[0] < plan.rounds and 0 <= entry[1] < len(plan.exercises)):
        raise StateError("the saved history points outside the plan")
    if entry[2] not in SIDES:
        raise StateError("the saved history names an unknown side")
    return entry


RECORD_KEY = "record"
"""Where a session that ended but could not be logged keeps its whole record."""


def ended_state(record: SessionRecord) -> dict[str, Any]:
    """The unfinished-session state of a session that ended but is not in the log.

    It restores as finished, so resuming it offers only to save it (or discard it), and it
    keeps the record whole (note and checks too): saving it then logs exactly this one.
    """
    progress = [
        [
            Progress(dict(e.counts), {s: list(v) for s, v in e.set_seconds.items()}, e.skipped)
            for e in row
        ]
        for row in record.rounds
    ]
    return {
        "version": STATE_VERSION,
        "id": record.id,
        "plan": record.plan,
        "plan_name": record.plan_name,
        "started": record.started.isoformat(),
        "ended": record.ended.isoformat(),
        "round": max(len(record.rounds) - 1, 0),
        "index": max(len(record.rounds[-1]) - 1, 0) if record.rounds else 0,
        "side": "both",
        "phase": Phase.DONE.value,
        "progress": [[p.to_json() for p in row] for row in progress],
        "history": [],
        RECORD_KEY: record.to_json(),
    }


def saved_record(state: dict[str, Any]) -> SessionRecord | None:
    """The record an `ended_state` keeps, if this state has a sound one for its session."""
    try:
        record = SessionRecord.from_json(state.get(RECORD_KEY))
    except (RecordError, ValueError, TypeError, OverflowError):
        return None
    return record if record.id == state.get("id") else None
