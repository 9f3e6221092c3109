"""Target 5b: a whole `full-circuit` session on a fake clock drifts by exactly nothing.

The engine is driven twice with the same plan and the same sets to fatigue: once with
ticks exactly on every deadline (the yardstick), once with ticks that come late by up
to 0.4 s and in between at random, as a busy event loop delivers them. Every event must
land on the same clock time in both, and the session must end at the same moment.
"""

from __future__ import annotations

import random

from recovery_tui.core.plans.catalog import builtin_plans
from recovery_tui.core.session.engine import Session
from recovery_tui.core.session.types import EngineConfig, Event, Phase

from .common import BenchConfig, Row, ms

PLAN = "full-circuit"
SET_SECONDS = 30.0
"""How long each set to fatigue lasts before the runner presses enter."""
MAX_LATE = 0.4
START = 1000.0


class FakeClock:
    """Monotonic seconds that move only when the driver says so."""

    def __init__(self) -> None:
        self.t = START

    def __call__(self) -> float:
        return self.t


def drive(jitter: random.Random | None) -> tuple[list[Event], float]:
    """Run the whole session; its events and the clock time it finished at."""
    plan = next(p for p in builtin_plans() if p.id == PLAN)
    clock = FakeClock()
    session = Session(plan, EngineConfig.defaults(), clock, session_id="drift")
    events: list[Event] = []
    for _ in range(100_000):
        if session.finished:
            break
        if session.phase is Phase.OPEN_SET:
            clock.t = session.phase_started + SET_SECONDS
            events += session.done()
            continue
        deadline = session.next_deadline()
        if deadline is None:
            raise RuntimeError(f"the session stopped in {session.phase} with nothing to wait for")
        target = deadline + (jitter.uniform(0.0, MAX_LATE) if jitter else 0.0)
        while clock.t < target:
            step = jitter.uniform(0.05, 0.3) if jitter else target - clock.t
            clock.t = min(target, clock.t + step)
            events += session.update()
    finished = next(e.at for e in events if e.kind.value == "session_finished")
    return events, finished


def run(config: BenchConfig) -> list[Row]:
    exact, exact_end = drive(None)
    late, late_end = drive(random.Random(2026))
    if [(e.kind, e.round, e.exercise, e.side) for e in exact] != [
        (e.kind, e.round, e.exercise, e.side) for e in late
    ]:
        raise RuntimeError("late ticks changed what happened, not only when")
    drift = max(
        [abs(a.at - b.at) for a, b in zip(exact, late, strict=True)] + [abs(late_end - exact_end)]
    )
    minutes, seconds = divmod(round(exact_end - START), 60)
    return [
        Row(
            figure=f"5b {PLAN} on a fake clock, ticks up to {MAX_LATE:g} s late",
            measured=f"{ms(drift) if drift else 'no'} drift, {len(late)} events",
            yardstick=f"exact ticks, {minutes}:{seconds:02d}",
            ratio="",
            target="0 drift",
            ok=drift == 0.0,
            value=drift,
        )
    ]
