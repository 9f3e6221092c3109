"""Reps with both legs together: a fixed number or a range such as 10-15."""

from __future__ import annotations

from ..plans.model import Dose
from .kind import DoseKind, KeyReader

REPS_RULE = 'a whole number 1-500 or a range like "10-15"'


class Reps(DoseKind):
    name = "reps"
    keys = ("reps",)
    required = {"reps": REPS_RULE}

    def parse(self, keys: KeyReader) -> Dose:
        low, high = keys.reps()
        return Dose(self, low, high)
