"""A fifth dose kind, defined only here: timed holds per side (hold N s on the left,
switch, hold N s on the right). It proves a kind plugs in through one module: nothing
in recovery_tui names it, yet plans load it and sessions run, log and show it.

    [[exercise]]
    name = "Single-leg balance"
    dose = "held_per_side"
    holds = 2
    hold_seconds = 20
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from recovery_tui.core import doses
from recovery_tui.core.doses.kind import amount, noun
from recovery_tui.core.plans.model import Dose, SideOrder
from recovery_tui.core.session.types import EngineConfig, Phase


class HeldPerSide(doses.DoseKind):
    name = "held_per_side"
    count_noun = "hold"
    keys = ("holds", "hold_seconds")
    required = {
        "holds": "a whole number 1-10 (holds per side)",
        "hold_seconds": "a number of seconds 1-120",
    }

    def parse(self, keys: doses.KeyReader) -> Dose:
        holds = keys.whole("holds", 1, 10)
        seconds = keys.seconds("hold_seconds", 1, 120)
        return Dose(self, holds, holds, SideOrder.ONE_THEN_OTHER, hold_seconds=seconds)

    def describe(self, dose: Dose) -> str:
        return f"{amount(dose)} {noun(dose, 'hold')} of {dose.hold_seconds:g} s each side"

    def work(self, dose: Dose, config: EngineConfig, tempo: float) -> doses.Step:
        return doses.Step(Phase.HOLD, dose.hold_seconds)

    def count_words(self, dose: Dose, count: int) -> str:
        return f"hold {count + 1} of {dose.high}"

    def go_words(self, dose: Dose, count: int) -> str:
        return "Hold still"


HELD_PER_SIDE = HeldPerSide()


@contextmanager
def registered() -> Iterator[HeldPerSide]:
    """The kind registered for one test, and taken out after (other tests' messages
    list the kinds that own a key)."""
    doses.register(HELD_PER_SIDE)
    try:
        yield HELD_PER_SIDE
    finally:
        doses.unregister(HELD_PER_SIDE.name)


PLAN = """\
name = "Balance"
id = "balance"

[[exercise]]
name = "Single-leg balance"
dose = "held_per_side"
holds = 2
hold_seconds = 20
cues = ["Eyes on a point ahead"]

[[exercise]]
name = "Knee bends"
dose = "reps"
reps = 2
"""
