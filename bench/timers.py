"""Targets 5a and 5c: countdowns end on time in the running app, even on a busy machine.

The real app runs (headless, on the real monotonic clock) with short countdowns and
paced reps. Every event the engine times carries its deadline (`Event.at`); the active
screen's `react` is wrapped to note how long after that deadline it got to handle it.
For 5c a 30 s countdown runs while busy processes keep every core of the machine busy.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

from recovery_tui.app import RecoveryApp
from recovery_tui.core.session.types import Event, EventKind
from recovery_tui.screens.active import ActiveSetScreen

from .common import BenchConfig, Row, median, ms
from .env import BenchHome, make_home

LIMIT = 0.050
TIMED = frozenset({EventKind.COUNTDOWN_ENDED, EventKind.REP_COUNTED})
SPIN = """
import sys, time
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    pass
"""
Lateness = list[tuple[EventKind, float]]


@contextlib.contextmanager
def lateness_probe() -> Iterator[Lateness]:
    """While active, every timed event the active screen handles adds (kind, seconds late)."""
    original = ActiveSetScreen.react
    late: Lateness = []

    def react(self: ActiveSetScreen, events: list[Event], *, command: bool = False) -> None:
        now = time.monotonic()
        late.extend((event.kind, now - event.at) for event in events if event.kind in TIMED)
        original(self, events, command=command)

    ActiveSetScreen.react = react  # type: ignore[method-assign]
    try:
        yield late
    finally:
        ActiveSetScreen.react = original  # type: ignore[method-assign]


async def _run_session(
    home: BenchHome, plan: str, seconds: float, done: Callable[[Lateness], bool]
) -> Lateness:
    """Start `plan` at once and let it run until `done` or `seconds` have passed."""
    with lateness_probe() as late:
        app = RecoveryApp(home.paths, start_plan=plan, start_now=True)
        async with app.run_test(size=(100, 30)):
            give_up = time.monotonic() + seconds
            while time.monotonic() < give_up and not done(late):
                await asyncio.sleep(0.05)
    return late


@contextlib.contextmanager
def busy_machine(seconds: float) -> Iterator[int]:
    """One CPU-bound process per core, each stopping by itself after `seconds`."""
    spinners = [
        subprocess.Popen([sys.executable, "-c", SPIN, str(seconds)])
        for _ in range(os.cpu_count() or 1)
    ]
    try:
        yield len(spinners)
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def _row(figure: str, late: Lateness, kinds: str) -> Row:
    if not late:
        raise RuntimeError(f"{figure}: no countdown ended; did the session start?")
    worst = max(seconds for _, seconds in late)
    return Row(
        figure=figure,
        measured=f"{ms(worst)} worst of {len(late)} ({ms(median([s for _, s in late]))} median)",
        yardstick=f"{kinds} deadline",
        ratio="",
        target=f"<= {ms(LIMIT)} late",
        ok=worst <= LIMIT,
        value=worst,
    )


def run(config: BenchConfig) -> list[Row]:
    paced = make_home(
        config.workdir / "timers-paced",
        0,
        count_in_seconds=1,
        tempo_seconds=1.0,
        heel_check=False,
        soreness_check=False,
        bell=False,
    )
    late = asyncio.run(_run_session(paced, "down-dog-block", config.paced_seconds, lambda _: False))
    countdown = round(config.load_countdown)
    loaded = make_home(
        config.workdir / "timers-load",
        0,
        count_in_seconds=countdown,
        heel_check=False,
        soreness_check=False,  # no question before the session: the countdown starts at once
        bell=False,
    )
    with busy_machine(countdown + 5.0) as busy:
        under_load = asyncio.run(
            _run_session(
                loaded,
                "full-circuit",
                countdown + 5.0,
                lambda events: any(kind is EventKind.COUNTDOWN_ENDED for kind, _ in events),
            )
        )
    first_end = [late for late in under_load if late[0] is EventKind.COUNTDOWN_ENDED][:1]
    return [
        _row("5a countdowns and paced reps in the app (1 s each)", late, "each"),
        _row(f"5c a {countdown} s countdown, {busy} busy processes", first_end, "its"),
    ]
