"""Dose kinds, one module each (reps, reps per side, held, to fatigue): what a plan file
writes for it, how it is described, run, worded, logged and charted."""

from .held import Held
from .kind import ChartSeries, DoseKind, KeyReader, Step
from .registry import (
    kind_named,
    kind_names,
    kinds,
    record_kind,
    register,
    set_times_label,
    unregister,
)
from .reps import Reps
from .reps_per_side import RepsPerSide
from .to_fatigue import ToFatigue

REPS = register(Reps())
REPS_PER_SIDE = register(RepsPerSide())
HELD = register(Held())
TO_FATIGUE = register(ToFatigue())

__all__ = [
    "HELD",
    "REPS",
    "REPS_PER_SIDE",
    "TO_FATIGUE",
    "ChartSeries",
    "DoseKind",
    "KeyReader",
    "Step",
    "kind_named",
    "kind_names",
    "kinds",
    "record_kind",
    "register",
    "set_times_label",
    "unregister",
]
