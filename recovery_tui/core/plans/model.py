"""Plans: an ordered list of exercises, each with a dose, repeated for a number of rounds.

These are plain frozen dataclasses; `plans.loader` turns TOML into them and reports
mistakes with their location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..doses import DoseKind


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

    ``low``/``high`` are what a side counts to (reps, or sets for sets to fatigue); a
    fixed dose has ``low == high``. `kind` (a `doses.DoseKind`) says how it is counted,
    run and worded; the holds are for the kinds that hold.
    """

    kind: DoseKind
    low: int
    high: int
    sides: SideOrder = SideOrder.NONE
    hold_seconds: float = 0.0
    relax_seconds: float = 0.0

    @property
    def is_range(self) -> bool:
        return self.high > self.low

    def describe(self) -> str:
        """A short human description such as ``10-15 reps each side``: its kind's words."""
        return self.kind.describe(self)


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
