"""Small value types shared by the session engine and whoever watches it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from ..plans.model import Dose, SideOrder
from ..settings.fields import Settings


class Phase(StrEnum):
    COUNT_IN = "count_in"
    """Get ready: a countdown before the work starts."""
    REP = "rep"
    """Reps: paced by the clock (auto) or counted by the runner (manual)."""
    HOLD = "hold"
    RELAX = "relax"
    OPEN_SET = "open_set"
    """A set to fatigue: counts up until the runner ends it."""
    SWITCH = "switch"
    """A pause to change sides."""
    REST = "rest"
    """Between two exercises; the cursor already points at the next one."""
    ROUND_REST = "round_rest"
    DONE = "done"


RESTS = frozenset({Phase.REST, Phase.ROUND_REST})


class EventKind(StrEnum):
    COUNTDOWN_ENDED = "countdown_ended"
    REP_COUNTED = "rep_counted"
    SET_ENDED = "set_ended"
    SIDE_SWITCHED = "side_switched"
    EXERCISE_FINISHED = "exercise_finished"
    ROUND_FINISHED = "round_finished"
    SESSION_FINISHED = "session_finished"
    MINIMUM_REACHED = "minimum_reached"
    """A side reached the low end of a range: the runner may stop any time now."""
    PAUSED = "paused"
    """The session stopped its clock (the runner, an overlay, a suspended process...)."""
    RESUMED = "resumed"
    """The clock runs again; work that was cut mid-rep restarts after a count-in."""


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    round: int
    exercise: int
    side: str
    at: float
    """The clock time the event belongs to (its deadline, not when it was noticed)."""


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """The settings a session runs by. No defaults of its own: `from_settings()` gives
    the settings' defaults, so they are written once, in `settings.fields.Settings`."""

    pacing: str
    tempo_seconds: float
    count_in_seconds: float
    switch_seconds: float
    rest_seconds: float
    round_rest_seconds: float
    start_side: str
    resume_count_in_seconds: float
    """After a pause, seconds of get-ready before a rep or hold starts again from its top."""
    fatigue_cap_seconds: float
    """A set to fatigue ends by itself after this long; 0 leaves it to the runner."""
    stall_seconds: float | None = None
    """A deadline noticed this much later than it fell means the process did not run
    (stopped, suspended, starved): the session pauses where it was last seen instead of
    catching up. None (the bare engine) trusts the clock and catches up."""

    @classmethod
    def from_settings(cls, settings: Settings) -> EngineConfig:
        """The app's engine: the runner's settings, and stalls detected."""
        names = [name for name in cls.__dataclass_fields__ if name != "stall_seconds"]
        values = {name: getattr(settings, name) for name in names}
        return cls(**values, stall_seconds=STALL_SECONDS)

    @classmethod
    def defaults(cls, **changes: Any) -> EngineConfig:
        """A bare engine (it trusts its clock) on the settings' defaults, with `changes`."""
        return replace(cls.from_settings(Settings()), stall_seconds=None, **changes)


STALL_SECONDS = 5.0
"""The app wakes at every deadline (and at least once a second while a session runs), so
a deadline 5 s overdue was slept through (or the machine was so starved that no cue came
for 5 s: the runner should pick up from there). A stop that ends with SIGCONT pauses
whatever its length (see `Session.watch_stops`)."""


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"


def sides_for(dose: Dose, first: str) -> tuple[str, ...]:
    """The sides an exercise is counted on, in the order they are worked."""
    if dose.sides is SideOrder.NONE:
        return ("both",)
    return (first, other_side(first))


def target_for(dose: Dose) -> int:
    """The count at which a side is finished (its kind says: the top of a range...)."""
    return dose.kind.target_count(dose)


def required_for(dose: Dose) -> int:
    """The count at which a side counts as done (its kind says: the low end of a range...)."""
    return dose.kind.required_count(dose)


@dataclass(slots=True)
class Progress:
    """What has been done of one exercise in one round."""

    counts: dict[str, int] = field(default_factory=dict)
    set_seconds: dict[str, list[float]] = field(default_factory=dict)
    skipped: bool = False
    finished: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "set_seconds": {k: list(v) for k, v in self.set_seconds.items()},
            "skipped": self.skipped,
            "finished": self.finished,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Progress:
        return cls(
            counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
            set_seconds={
                str(k): [float(x) for x in v] for k, v in data.get("set_seconds", {}).items()
            },
            skipped=bool(data.get("skipped", False)),
            finished=bool(data.get("finished", False)),
        )
