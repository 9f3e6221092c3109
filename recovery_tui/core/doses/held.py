"""Held reps: each rep a hold countdown, then a relax countdown, both legs together."""

from __future__ import annotations

from ..plans.model import Dose
from ..session.types import EngineConfig, Phase
from .kind import DoseKind, KeyReader, Step, amount, noun
from .reps import REPS_RULE

DEFAULT_RELAX_SECONDS = 3.0


class Held(DoseKind):
    name = "held"
    label = "Holds"
    count_noun = "hold"
    keys = ("reps", "hold_seconds", "relax_seconds")
    required = {"reps": REPS_RULE, "hold_seconds": "a number of seconds 0.5-600"}

    def parse(self, keys: KeyReader) -> Dose:
        low, high = keys.reps()
        hold = keys.seconds("hold_seconds", 0.5, 600)
        relax = (
            keys.seconds("relax_seconds", 0, 600)
            if keys.has("relax_seconds")
            else DEFAULT_RELAX_SECONDS
        )
        return Dose(self, low, high, hold_seconds=hold, relax_seconds=relax)

    def describe(self, dose: Dose) -> str:
        text = f"{amount(dose)} {noun(dose, 'rep')}, hold {dose.hold_seconds:g} s"
        if dose.relax_seconds:
            text += f", relax {dose.relax_seconds:g} s"
        return text

    def work(self, dose: Dose, config: EngineConfig, tempo: float) -> Step:
        return Step(Phase.HOLD, dose.hold_seconds)

    def between(self, dose: Dose, config: EngineConfig) -> Step | None:
        return Step(Phase.RELAX, dose.relax_seconds) if dose.relax_seconds > 0 else None

    def go_words(self, dose: Dose, count: int) -> str:
        return "Hold"
