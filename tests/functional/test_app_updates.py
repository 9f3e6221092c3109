"""Screens follow the app's news: a saved session and new settings reach every screen shown.

The app publishes them on `records_changed_signal` and `settings_changed_signal`; screens
subscribe when mounted, so nothing has to know which screens are open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from app_helpers import open_history, row_texts
from conftest import FIXED_NOW
from factories import make_record
from textual.widgets import DataTable

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.screens.home import HomeScreen
from recovery_tui.widgets.calendar_strip import CalendarStrip

AppFactory = Callable[..., Any]


async def test_new_settings_redraw_plan_selection(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(CalendarStrip)
        assert not strip.display  # no race date yet
        race = (FIXED_NOW - timedelta(days=2)).date()
        app.update_settings(dataclasses.replace(app.settings, race_date=race))
        await pilot.pause()
        assert strip.display and strip.window is not None and strip.window.day_number == 2


async def test_new_settings_reach_the_history_under_them(
    make_app: AppFactory, paths: AppPaths
) -> None:
    SessionLog(paths.log_file).append(make_record(FIXED_NOW - timedelta(days=1)))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        assert screen.query_one(CalendarStrip).window is None  # no race date yet
        race = (FIXED_NOW - timedelta(days=3)).date()
        app.update_settings(dataclasses.replace(app.settings, race_date=race))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        window = screen.query_one(CalendarStrip).window
        assert window is not None and window.day_number == 3
        assert len(screen.history.window) == 1


async def test_a_session_saved_later_shows_as_saved_in_the_open_history(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app()
    record: SessionRecord = make_record(FIXED_NOW - timedelta(hours=1))
    app.unsaved.append(record)  # as if the disk had been full when it ended
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        assert "not saved" in row_texts(table, 0)[2]
        app.retry_unsaved()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.unsaved == []
        assert table.row_count == 1 and "not saved" not in row_texts(table, 0)[2]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 of 2 sessions today" in str(app.screen.query_one("#today").render())
