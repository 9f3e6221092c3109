"""The session record: what one session did, as stored in the session log.

One record is one JSON object on one line of ``sessions.jsonl``. The schema is
versioned so that older apps can skip records they do not understand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from recovery_tui.core.safe_text import clean, clean_line

from ..scale import score

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
        """An exercise from its JSON; raises `RecordError` (see `check_exercise`)."""
        check_exercise(data)
        return cls._from_checked(data)

    @classmethod
    def _from_checked(cls, data: dict[str, Any]) -> ExerciseResult:
        sets = data.get("set_seconds", {})
        return cls(
            name=clean_line(data["name"]),
            kind=clean_line(data["kind"]),
            counts=dict(data.get("counts", {})),
            set_seconds={k: [float(x) for x in v] for k, v in sets.items()},
            skipped=data.get("skipped", False),
        )


def exercise_done(counts: dict[str, int], skipped: bool) -> bool:
    """An exercise counts as done in its round when something was counted or it was skipped."""
    return bool(counts) or skipped


def completed_rounds(done: Iterable[list[bool]]) -> int:
    """Rounds in which every exercise was done (`exercise_done`), out of per-round flags."""
    return sum(1 for flags in done if flags and all(flags))


def check_exercise(data: Any) -> bool:
    """Raise `RecordError` unless `data` is a valid exercise result; whether it is done.

    Plain loops and exact types (what JSON gives): this runs for every exercise of every
    line when the whole history is listed, so it must cost little.
    """
    if type(data) is not dict:
        raise RecordError("exercise is not an object")
    if type(data.get("name")) is not str or type(data.get("kind")) is not str:
        raise RecordError("exercise needs string 'name' and 'kind'")
    counts = data.get("counts", _NONE)
    if type(counts) is not dict:
        raise RecordError(_COUNTS)
    for side, count in counts.items():
        if side not in SIDES or type(count) is not int or count < 0:
            raise RecordError(_COUNTS)
    sets = data.get("set_seconds", _NONE)
    if type(sets) is not dict:
        raise RecordError(_SETS)
    for side, seconds in sets.items():
        if side not in SIDES or type(seconds) is not list:
            raise RecordError(_SETS)
        for value in seconds:
            if type(value) is not float and type(value) is not int:
                raise RecordError(_SETS)
    skipped = data.get("skipped", False)
    if skipped is not True and skipped is not False:
        raise RecordError("'skipped' must be true or false")
    return exercise_done(counts, skipped)


_NONE: dict[str, Any] = {}
_COUNTS = "'counts' must map left/right/both to non-negative integers"
_SETS = "'set_seconds' must map sides to lists of numbers"


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
        return completed_rounds(
            [exercise_done(e.counts, e.skipped) for e in r] for r in self.rounds
        )

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
        """The record in `data`; raises `RecordError` (see `check_record`)."""
        return cls.from_checked(check_record(data))

    @classmethod
    def from_checked(cls, checked: CheckedRecord) -> SessionRecord:
        """The record `check_record` found valid, built without checking it again; its
        text is cleaned here, where it enters (safe_text)."""
        data = checked.data
        plan_name = data.get("plan_name", "")
        return cls(
            id=clean_line(data["id"]),
            plan=clean_line(data["plan"]),
            plan_name=clean_line(plan_name) if isinstance(plan_name, str) else "",
            started=checked.started,
            ended=checked.ended,
            status=data["status"],
            rounds=[[ExerciseResult._from_checked(e) for e in r] for r in data.get("rounds", [])],
            check_before=data.get("check_before"),
            check_after=data.get("check_after"),
            note=clean(data.get("note", "")),
            quad_soreness=data.get("quad_soreness"),
        )


@dataclass(frozen=True, slots=True)
class CheckedRecord:
    """A record's JSON object that `check_record` accepted, with what it worked out."""

    data: dict[str, Any]
    started: datetime
    ended: datetime
    rounds_completed: int


def check_record(data: Any) -> CheckedRecord:
    """The one validator of a session record; raises `RecordError` saying what is wrong.

    Every reader of the log goes through it, so a line is readable or not the same way
    for `status`, the history list and `import`. It builds no objects beyond the JSON it
    is given, so listing 20,000 sessions stays light.
    """
    if not isinstance(data, dict):
        raise RecordError("record is not a JSON object")
    if data.get("schema") != SCHEMA_VERSION:
        raise RecordError(f"unsupported schema version {data.get('schema')!r}")
    for key in ("id", "plan", "started", "ended", "status"):
        if not isinstance(data.get(key), str):
            raise RecordError(f"'{key}' must be a string")
    if not data["id"]:
        raise RecordError("'id' must not be empty")
    if data["status"] not in ("completed", "partial"):
        raise RecordError("'status' must be 'completed' or 'partial'")
    started, ended = parse_time(data["started"]), parse_time(data["ended"])
    rounds = data.get("rounds", [])
    if not isinstance(rounds, list) or not all(isinstance(r, list) for r in rounds):
        raise RecordError("'rounds' must be a list of lists")
    for value in (data.get("check_before"), data.get("check_after")):
        if value is not None and score(value) is None:
            raise RecordError("heel-to-mat checks must be 1-5 or null")
    soreness = data.get("quad_soreness")
    if soreness is not None and score(soreness) is None:
        raise RecordError("'quad_soreness' must be 1-5 or null")
    if not isinstance(data.get("note", ""), str):
        raise RecordError("'note' must be a string")
    done = completed_rounds([check_exercise(e) for e in r] for r in rounds)
    return CheckedRecord(data, started, ended, done)


EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
"""Times a record may hold: [EARLIEST, LATEST). Outside, a line is unreadable: such a
session was never run on a working clock, and values near year 1 or 9999 overflow when
shown in local time. (1970, not 2000: a generated 20,000-session bench log, twice a day,
starts in 1998.)"""


def parse_time(text: str) -> datetime:
    """An aware timestamp in the sane range; raises `RecordError`."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise RecordError(f"bad timestamp {text!r}") from error
    if value.tzinfo is None:
        raise RecordError(f"timestamp {text!r} has no UTC offset")
    if not EARLIEST <= value < LATEST:
        raise RecordError(f"timestamp {text!r} is not between 1970 and 2100")
    return value
