"""The quad-pump caution as a choice: how sore are the quads, and what to do about it.

The source says that with very sore or tired quads after the race it is fine to skip
the Half-Hooklying Quad Pump for a few days and bring it back later. So before a plan
that has it, the app may ask how the quads feel (1 fresh to 5 very sore); at
`VERY_SORE` or more it offers the circuit without the quad pump (the default), the
same plan with only the quad pump skipped today, or the plan as it is.
"""

from __future__ import annotations

from typing import Literal

from recovery_tui.core.plans.model import Plan

SCALE = (
    (1, "fresh"),
    (2, "a little tired"),
    (3, "sore, but fine to work"),
    (4, "sore"),
    (5, "very sore"),
)
VERY_SORE = 4
"""From this score on, the app offers to leave the quad pump out."""
WITHOUT_QUAD_PUMP = "circuit-without-quad-pump"
"""The built-in plan the app offers instead."""

SoreAnswer = Literal["without", "skip", "as-planned"]
SORE_ANSWERS: tuple[tuple[SoreAnswer, str, str], ...] = (
    ("without", "Without it", "the circuit without the quad pump"),
    ("skip", "Skip it today", "this plan, only the quad pump skipped"),
    ("as-planned", "As planned", "the quad pump as usual"),
)
"""The answers offered at `VERY_SORE`, the default first: id, button, what it means."""


def quad_pump_indexes(plan: Plan) -> tuple[int, ...]:
    """Where the quad pump is in `plan` (by name, as a custom plan names it too)."""
    return tuple(
        index
        for index, exercise in enumerate(plan.exercises)
        if "quad pump" in " ".join(exercise.name.lower().replace("-", " ").split())
    )


def is_very_sore(score: int | None) -> bool:
    return score is not None and score >= VERY_SORE
