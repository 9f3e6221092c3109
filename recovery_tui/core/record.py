"""The session record: what one session did, as stored in the session log.

One record is one JSON object on one line of ``sessions.jsonl``. The schema is
versioned so that older apps can skip records they do not understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from recovery_tui.core.safe_text import clean, clean_line

from .scale import score

SCHEMA_VERSION = 1

Status = Literal["completed", "partial"]
SIDES = ("left", "right", "both")


class RecordError(ValueError):
    """A JSON object that is not a valid session record."""


@dataclass(slots=True)
class ExerciseResult:
    """One exercise in one round.

    ``counts`` maps a side (``left``/``right``, or ``both`` for two-footed work) to
    reps done, or to sets done for to-fatigue exercises, whose durations in seconds
    are in ``set_seconds``.
    """

    name: str
    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    set_seconds: dict[str, list[float]] = field(default_factory=dict)
    skipped: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "kind": self.kind, "counts": dict(self.counts)}
        if self.set_seconds:
            data["set_seconds"] = {s: [round(x, 2) for x in v] for s, v in self.set_seconds.items()}
        data["skipped"] = self.skipped
        return data

    @classmethod
    def from_json(cls, data: Any) -> ExerciseResult:
        if not isinstance(data, dict):
            raise RecordError("exercise is not an object")
        name, kind = data.get("name"), data.get("kind")
        if not isinstance(name, str) or not isinstance(kind, str):
            raise RecordError("exercise needs string 'name' and 'kind'")
        counts = data.get("counts", {})
        if not isinstance(counts, dict) or not all(
            k in SIDES and type(v) is int and v >= 0 for k, v in counts.items()
        ):
            raise RecordError("'counts' must map left/right/both to non-negative integers")
        sets = data.get("set_seconds", {})
        if not isinstance(sets, dict) or not all(
            k in SIDES
            and isinstance(v, list)
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in v)
            for k, v in sets.items()
        ):
            raise RecordError("'set_seconds' must map sides to lists of numbers")
        skipped = data.get("skipped", False)
        if not isinstance(skipped, bool):
            raise RecordError("'skipped' must be true or false")
        return cls(
            name=clean_line(name),
            kind=clean_line(kind),
            counts=dict(counts),
            set_seconds={k: [float(x) for x in v] for k, v in sets.items()},
            skipped=skipped,
        )


@dataclass(slots=True)
class SessionRecord:
    id: str
    plan: str
    started: datetime
    ended: datetime
    status: Status
    rounds: list[list[ExerciseResult]] = field(default_factory=list)
    """``rounds[r][e]``: the result of exercise ``e`` in round ``r`` (both 0-based)."""
    plan_name: str = ""
    check_before: int | None = None
    """Heel-to-mat check before the session, 1 (far) to 5 (flat), or None."""
    check_after: int | None = None
    note: str = ""
    quad_soreness: int | None = None
    """How the quads felt before the session, 1 (fresh) to 5 (very sore), or None if not
    asked. Written only when set, so records without it read and write as before."""

    @property
    def duration_seconds(self) -> float:
        return max(0.0, (self.ended - self.started).total_seconds())

    @property
    def rounds_completed(self) -> int:
        """Rounds in which every exercise was done or skipped (not left unfinished)."""
        return sum(1 for r in self.rounds if r and all(e.counts or e.skipped for e in r))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "plan": self.plan,
            "plan_name": self.plan_name,
            "started": self.started.isoformat(timespec="seconds"),
            "ended": self.ended.isoformat(timespec="seconds"),
            "status": self.status,
            "rounds": [[e.to_json() for e in r] for r in self.rounds],
            "check_before": self.check_before,
            "check_after": self.check_after,
            "note": self.note,
        }
        if self.quad_soreness is not None:
            data["quad_soreness"] = self.quad_soreness
        return data

    @classmethod
    def from_json(cls, data: Any) -> SessionRecord:
        """A record from the log; its text is cleaned here, where it enters (safe_text)."""
        if not isinstance(data, dict):
            raise RecordError("record is not a JSON object")
        if data.get("schema") != SCHEMA_VERSION:
            raise RecordError(f"unsupported schema version {data.get('schema')!r}")
        for key in ("id", "plan", "started", "ended", "status"):
            if not isinstance(data.get(key), str):
                raise RecordError(f"'{key}' must be a string")
        if data["status"] not in ("completed", "partial"):
            raise RecordError("'status' must be 'completed' or 'partial'")
        started, ended = _parse_time(data["started"]), _parse_time(data["ended"])
        rounds = data.get("rounds", [])
        if not isinstance(rounds, list) or not all(isinstance(r, list) for r in rounds):
            raise RecordError("'rounds' must be a list of lists")
        checks = [data.get("check_before"), data.get("check_after")]
        if any(value is not None and score(value) is None for value in checks):
            raise RecordError("heel-to-mat checks must be 1-5 or null")
        soreness = data.get("quad_soreness")
        if soreness is not None and score(soreness) is None:
            raise RecordError("'quad_soreness' must be 1-5 or null")
        note = data.get("note", "")
        if not isinstance(note, str):
            raise RecordError("'note' must be a string")
        plan_name = data.get("plan_name", "")
        return cls(
            id=clean_line(data["id"]),
            plan=clean_line(data["plan"]),
            plan_name=clean_line(plan_name) if isinstance(plan_name, str) else "",
            started=started,
            ended=ended,
            status=data["status"],
            rounds=[[ExerciseResult.from_json(e) for e in r] for r in rounds],
            check_before=checks[0],
            check_after=checks[1],
            note=clean(note),
            quad_soreness=soreness,
        )


def _parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise RecordError(f"bad timestamp {text!r}") from error
    if value.tzinfo is None:
        raise RecordError(f"timestamp {text!r} has no UTC offset")
    return value
