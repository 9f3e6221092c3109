"""Plans as plain text lines, for `plans show` and anything else that prints a plan."""

from __future__ import annotations

from .model import Plan


def plan_summary(plan: Plan) -> str:
    """``6 exercises, 2 rounds``; ``1 exercise, 1 round``."""
    count = len(plan.exercises)
    exercises = "exercise" if count == 1 else "exercises"
    rounds = "round" if plan.rounds == 1 else "rounds"
    return f"{count} {exercises}, {plan.rounds} {rounds}"


def describe_plan(plan: Plan) -> list[str]:
    """Every exercise with its dose, sides, holds, cues, why and caution."""
    lines = [f"{plan.name} ({plan.id}): {plan_summary(plan)}"]
    if plan.description:
        lines.append(plan.description)
    for number, exercise in enumerate(plan.exercises, start=1):
        lines.append("")
        lines.append(f"{number}. {exercise.name}: {exercise.dose.describe()}")
        lines.extend(f"   - {cue}" for cue in exercise.cues)
        if exercise.why:
            lines.append(f"   Why: {exercise.why}")
        if exercise.caution:
            lines.append(f"   Caution: {exercise.caution}")
    if plan.source:
        lines += ["", f"Source: {plan.source}"]
    return lines
