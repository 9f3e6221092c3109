"""Helpers for engine tests: a fake clock, tiny exercises, and a way to run time forward."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from conftest import FakeClock

from recovery_tui.core import doses
from recovery_tui.core.plans.model import Dose, Exercise, Plan, SideOrder
from recovery_tui.core.session.engine import Session
from recovery_tui.core.session.types import EngineConfig, EventKind


def fixed_now() -> datetime:
    return datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


REPS = Exercise("Knee bends", Dose(doses.REPS, 10, 15))
FIXED = Exercise("Swings", Dose(doses.REPS, 3, 3))
ALT = Exercise("Pedal", Dose(doses.REPS_PER_SIDE, 2, 3, SideOrder.ALTERNATING))
ONE = Exercise("Lunge", Dose(doses.REPS_PER_SIDE, 2, 2, SideOrder.ONE_THEN_OTHER))
HELD = Exercise("Calf raise", Dose(doses.HELD, 2, 2, hold_seconds=5, relax_seconds=3))
FATIGUE = Exercise("Quad pump", Dose(doses.TO_FATIGUE, 2, 2, SideOrder.ONE_THEN_OTHER))

CONFIG = EngineConfig.defaults(
    pacing="auto",
    tempo_seconds=2,
    count_in_seconds=3,
    switch_seconds=4,
    rest_seconds=10,
    round_rest_seconds=30,
)


def make(*exercises: Exercise, rounds: int = 1, **config: object) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    plan = Plan(id="test", name="Test", exercises=exercises, rounds=rounds)
    cfg = dataclasses.replace(CONFIG, **config)  # type: ignore[arg-type]
    return Session(plan, cfg, clock, fixed_now), clock


def run(session: Session, clock: FakeClock, seconds: float, step: float = 0.25) -> list:
    events = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        events += session.update()
    return events


def kinds(events: list) -> list[EventKind]:
    return [e.kind for e in events]
