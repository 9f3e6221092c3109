"""Reps counted for the left and the right separately: taking turns, or one side then
the other with a pause to switch."""

from __future__ import annotations

from ..plans.model import Dose, SideOrder
from .kind import DoseKind, KeyReader, amount, noun
from .reps import REPS_RULE

SIDE_CHOICES: tuple[str, ...] = (SideOrder.ALTERNATING, SideOrder.ONE_THEN_OTHER)


class RepsPerSide(DoseKind):
    name = "reps_per_side"
    keys = ("reps", "sides")
    required = {"reps": REPS_RULE, "sides": '"alternating" or "one_then_other"'}

    def parse(self, keys: KeyReader) -> Dose:
        low, high = keys.reps()
        return Dose(self, low, high, SideOrder(keys.choice("sides", SIDE_CHOICES)))

    def describe(self, dose: Dose) -> str:
        order = "alternating" if dose.sides is SideOrder.ALTERNATING else "one side then the other"
        return f"{amount(dose)} {noun(dose, 'rep')} each side, {order}"
