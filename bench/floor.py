"""Target 8: the floor view redraws on a resize in under 50 ms.

The real app runs headless at 100x30 with a session on its active set; the terminal is
resized between 80x24, 100x30 and 200x50. 8a times what the floor view itself draws
for a resize (the big number and the big side and phase words, every `BigText.render`
between the resize and the app idle again); 8b times the whole resize until the app is
idle (Textual's layout of the screen, every widget, the frame), against the bare
Textual app resized the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.app import App

from recovery_tui.app import RecoveryApp
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.widgets.big_text import BigText

from .bare_app import BareApp
from .common import BenchConfig, Row, median, ms
from .env import make_home

LIMIT = 0.050
WHOLE_LIMIT = 8.0
"""8b is a guard against a regression, not the issue's figure: Textual lays out and
draws the whole screen on a resize, a dozen widgets against the bare app's one."""
SIZES = [(200, 50), (80, 24), (100, 30)]


@contextlib.contextmanager
def drawing_probe() -> Iterator[list[float]]:
    """While active, every `BigText.render` adds its seconds to the list."""
    original = BigText.render
    spent: list[float] = []

    def render(self: BigText) -> Text:
        started = time.perf_counter()
        result = original(self)
        spent.append(time.perf_counter() - started)
        return result

    BigText.render = render  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        BigText.render = original  # type: ignore[method-assign]


async def _resizes(
    app: App[Any], runs: int, spent: list[float], *, ready: type | None = None
) -> tuple[list[float], list[float]]:
    """Per resize: seconds from the new size to the app idle again, and the seconds
    the drawing probe's `spent` list gained meanwhile."""
    whole: list[float] = []
    drawn: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if ready is None or isinstance(app.screen, ready):
                break
            await pilot.pause(0.05)
        else:
            raise RuntimeError("the session did not start")
        await pilot.pause()
        for _ in range(runs):
            for width, height in SIZES:
                before = len(spent)
                started = time.perf_counter()
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                whole.append(time.perf_counter() - started)
                drawn.append(sum(spent[before:]))
    return whole, drawn


def run(config: BenchConfig) -> list[Row]:
    home = make_home(
        config.workdir / "floor", 0, heel_check=False, soreness_check=False, bell=False
    )
    runs = max(1, config.runs)
    app = RecoveryApp(home.paths, start_plan="full-circuit", start_now=True)
    with drawing_probe() as spent:
        whole, drawn = asyncio.run(_resizes(app, runs, spent, ready=ActiveSetScreen))
    bare, _ = asyncio.run(_resizes(BareApp(), runs, []))
    worst = max(drawn)
    ratio = median(whole) / median(bare) if median(bare) else float("inf")
    return [
        Row(
            figure="8a floor view drawn on resize (80x24 / 100x30 / 200x50)",
            measured=f"{ms(worst)} worst of {len(drawn)} ({ms(median(drawn))} median)",
            yardstick="",
            ratio="",
            target=f"< {ms(LIMIT)} worst",
            ok=worst < LIMIT,
            value=worst,
        ),
        Row(
            figure="8b the whole resize until idle, the active set",
            measured=f"{ms(median(whole))} median ({ms(max(whole))} worst)",
            yardstick=f"{ms(median(bare))} median, bare app",
            ratio=f"{ratio:.2f}x",
            target=f"<= {WHOLE_LIMIT:g}x",
            ok=ratio <= WHOLE_LIMIT,
            value=ratio,
        ),
    ]
