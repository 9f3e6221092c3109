"""Plans: an ordered list of exercises, each with a dose, repeated for a number of rounds.

These are plain frozen dataclasses; `plans.loader` turns TOML into them and reports
mistakes with their location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DoseKind(StrEnum):
    """How an exercise is counted."""

    REPS = "reps"
    """Reps with both legs together (a fixed number or a range such as 10-15)."""
    REPS_PER_SIDE = "reps_per_side"
    """Reps counted for the left and the right side separately."""
    HELD = "held"
    """Reps with a hold countdown then a relax countdown, both legs together."""
    TO_FATIGUE = "to_fatigue"
    """Open-ended sets, ended by the runner, a number per side, all of one side first."""


class SideOrder(StrEnum):
    """In which order the sides of a per-side exercise are worked."""

    NONE = "none"
    """Both legs together: one counter."""
    ALTERNATING = "alternating"
    """Left, right, left, right... one rep each (pedalling the feet)."""
    ONE_THEN_OTHER = "one_then_other"
    """All of the first side, a switch-sides pause, then all of the other."""


@dataclass(frozen=True, slots=True)
class Dose:
    """What to do for one exercise in one round.

    ``low``/``high`` are reps (per side for per-side doses) for rep-like kinds and
    the number of sets per side for ``TO_FATIGUE``. A fixed dose has ``low == high``.
    """

    kind: DoseKind
    low: int
    high: int
    sides: SideOrder = SideOrder.NONE
    hold_seconds: float = 0.0
    relax_seconds: float = 0.0

    @property
    def per_side(self) -> bool:
        return self.sides is not SideOrder.NONE

    @property
    def is_range(self) -> bool:
        return self.high > self.low

    def describe(self) -> str:
        """A short human description such as ``10-15 reps each side``."""
        amount = f"{self.low}-{self.high}" if self.is_range else str(self.low)
        one = not self.is_range and self.low == 1
        reps, sets = ("rep", "set") if one else ("reps", "sets")
        if self.kind is DoseKind.TO_FATIGUE:
            return f"{amount} {sets} to fatigue on each side, all of one side first"
        if self.kind is DoseKind.HELD:
            text = f"{amount} {reps}, hold {self.hold_seconds:g} s"
            if self.relax_seconds:
                text += f", relax {self.relax_seconds:g} s"
            return text
        if self.sides is SideOrder.ALTERNATING:
            return f"{amount} {reps} each side, alternating"
        if self.sides is SideOrder.ONE_THEN_OTHER:
            return f"{amount} {reps} each side, one side then the other"
        return f"{amount} {reps}"


@dataclass(frozen=True, slots=True)
class Exercise:
    name: str
    dose: Dose
    cues: tuple[str, ...] = ()
    why: str = ""
    caution: str = ""
    tempo_seconds: float | None = None
    """Overrides the `tempo_seconds` setting for this exercise's paced reps."""


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    name: str
    exercises: tuple[Exercise, ...]
    rounds: int = 1
    description: str = ""
    source: str = ""
    builtin: bool = False
    path: str = field(default="", compare=False)
    """Where the plan was loaded from (empty for plans built in code)."""
