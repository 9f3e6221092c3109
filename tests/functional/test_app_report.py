"""The report screen: from history (`r`) and the palette, the same Markdown, saved with `s`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from app_helpers import SIZE, AppFactory, open_history, seed, unlisted_keys, write_settings
from conftest import FIXED_NOW
from test_report import RACE, week
from textual.pilot import Pilot
from textual.widgets import Markdown

from recovery_tui.core.insight.report import report_file_name, report_for
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.palette import app_commands
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.report import ReportScreen


async def open_report(pilot: Pilot[Any]) -> ReportScreen:
    await open_history(pilot)
    await pilot.press("r")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    return screen


def expected(paths: AppPaths) -> str:
    return report_for(
        SessionLog(paths.log_file), race_date=RACE, window_days=14, target=2, now=FIXED_NOW
    )


async def test_the_report_opens_from_history_and_saves(
    make_app: AppFactory, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(paths, race_date=RACE)
    seed(paths, week())
    app = make_app()
    spans: list[tuple[datetime, datetime]] = []
    between = app.journal.between

    def spy(start: datetime, end: datetime) -> list[SessionRecord]:
        spans.append((start, end))
        return between(start, end)

    monkeypatch.setattr(app.journal, "between", spy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert screen.text == expected(paths)
        assert spans, "the report reads through the app's journal, not a log of its own"
        assert "Heel to mat in down dog" in screen.query_one(Markdown).source
        await pilot.press("s")
        await pilot.pause()
        saved = paths.data_dir / report_file_name(FIXED_NOW)
        assert saved.read_text(encoding="utf-8") == expected(paths)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_the_palette_offers_the_report(make_app: AppFactory, paths: AppPaths) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        [command] = [c for c in app_commands(app) if c.title == "Report for the physio"]
        command.callback()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "No sessions from " in (app.screen.text or "")


async def test_every_key_the_report_answers_to_is_in_its_footer_or_the_help(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, week())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert app.focused is screen.query_one("#report-body"), "the report is there to scroll"
        assert {"up", "pagedown", "end"} <= set(screen.active_bindings)
        assert unlisted_keys(screen) == []
