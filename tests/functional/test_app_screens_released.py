"""Screens that were closed do not pile up: nothing of the app keeps them alive.

(The last one closed may linger a moment, held by its finished worker's context or by a
cancelled asyncio timer until its time comes, so the test visits the screen several
times and counts what is left. The session screen is released the same way, but only
once its cancelled timers' times have passed: seconds of real time, not tested here.)
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from app_helpers import open_history
from textual.screen import Screen

from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen

AppFactory = Callable[..., Any]
VISITS = 4


def alive(kind: type[Screen[Any]]) -> int:
    gc.collect()
    return sum(isinstance(thing, kind) for thing in gc.get_objects())


async def test_history_screens_are_freed_once_left(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(VISITS):
            await open_history(pilot)
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert alive(HistoryScreen) <= 1
