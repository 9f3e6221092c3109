"""Sets to fatigue: open-ended sets the runner ends, a number per side, all of one side
first; each set's time is kept, left against right (a weaker side shows)."""

from __future__ import annotations

from collections.abc import Mapping

from ..plans.model import Dose, SideOrder
from ..session.types import EngineConfig, Phase
from .kind import ChartSeries, DoseKind, KeyReader, Step, amount, noun


class ToFatigue(DoseKind):
    name = "to_fatigue"
    keys = ("sets",)
    required = {"sets": "a whole number 1-20 (sets per side)"}
    chart = ChartSeries.SET_TIMES
    label = "Sets to fatigue"
    floor_names = {Phase.OPEN_SET: "UNTIL TIRED"}

    def parse(self, keys: KeyReader) -> Dose:
        sets = keys.whole("sets", 1, 20)
        return Dose(self, sets, sets, SideOrder.ONE_THEN_OTHER)

    def describe(self, dose: Dose) -> str:
        return f"{amount(dose)} {noun(dose, 'set')} to fatigue on each side, all of one side first"

    def required_count(self, dose: Dose) -> int:
        return dose.high

    def work(self, dose: Dose, config: EngineConfig, tempo: float) -> Step:
        return Step(Phase.OPEN_SET, config.fatigue_cap_seconds or None)

    def between(self, dose: Dose, config: EngineConfig) -> Step | None:
        """A get-ready before every set, as before the first."""
        seconds = config.count_in_seconds
        return Step(Phase.COUNT_IN, seconds) if seconds > 0 else None

    def count_words(self, dose: Dose, count: int) -> str:
        return f"set {count + 1} of {dose.high}"

    def phase_words(self, phase: Phase, dose: Dose, count: int, side: str, pacing: str) -> str:
        on_side = "" if side == "both" else f" · {side}"
        set_words = f"{self.count_words(dose, count)}{on_side}"
        if phase is Phase.OPEN_SET:
            return f"{set_words.capitalize()} — go until tired, then enter or click"
        return f"Get ready · {set_words}"

    def go_words(self, dose: Dose, count: int) -> str:
        return f"Set {count + 1} of {dose.high} — go until tired"

    def shows_range(self, dose: Dose) -> bool:
        return False

    def result_lines(
        self, counts: Mapping[str, int], set_seconds: Mapping[str, list[float]]
    ) -> list[str]:
        """One line per side, with each set's time: ``left 3 sets: 40.0, 31.5 s``."""
        lines = []
        for side, count in counts.items():
            seconds = ", ".join(f"{s:.1f}" for s in set_seconds.get(side, []))
            amount = f"{count} {'set' if count == 1 else 'sets'}" + (
                f": {seconds} s" if seconds else ""
            )
            lines.append(amount if side == "both" else f"{side} {amount}")
        return lines
