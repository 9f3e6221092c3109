"""Builders for test data shared by the test modules."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from recovery_tui.core.journal.record import ExerciseResult, SessionRecord, Status

_serial = itertools.count(1)


def full_circuit_round(*, finished: bool = True) -> list[ExerciseResult]:
    """One round of the six-exercise circuit; unfinished rounds stop after exercise 3."""
    results = [
        ExerciseResult("Down Dog with Knee Bends", "reps", {"both": 12}),
        ExerciseResult("Down Dog Pedaling Feet", "reps_per_side", {"left": 12, "right": 12}),
        ExerciseResult("Down Dog Dynamic Calf Stretch", "held", {"both": 4}),
        ExerciseResult(
            "Half-Hooklying Quad Pump",
            "to_fatigue",
            {"left": 3, "right": 3},
            {"left": [31.5, 28.25, 25.0], "right": [30.0, 27.5, 24.75]},
        ),
        ExerciseResult("In-Line Lunge", "reps_per_side", {"left": 15, "right": 15}),
        ExerciseResult("Standing Ankle Roll Swings", "reps", {"both": 10}),
    ]
    if not finished:
        for result in results[3:]:
            result.counts = {}
            result.set_seconds = {}
    return results


def make_record(
    started: datetime,
    *,
    plan: str = "full-circuit",
    status: Status = "completed",
    id: str | None = None,
) -> SessionRecord:
    """A two-round full-circuit-like record; a partial one leaves round 2 unfinished."""
    return SessionRecord(
        id=id or f"{started:%Y%m%dT%H%M%S}-{next(_serial)}",
        plan=plan,
        plan_name="Full circuit" if plan == "full-circuit" else plan,
        started=started,
        ended=started + timedelta(minutes=14, seconds=5),
        status=status,
        rounds=[full_circuit_round(), full_circuit_round(finished=status == "completed")],
        check_before=2,
        check_after=4,
        note="",
    )
