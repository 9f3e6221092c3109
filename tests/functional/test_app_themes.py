"""Every built-in Textual theme: each screen renders, and the chosen theme is saved."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

from app_helpers import start_default_plan
from textual.app import App

from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.core.settings.themes import THEMES
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.settings import SettingsScreen
from recovery_tui.widgets.plan_detail import PlanDetail

AppFactory = Callable[..., Any]


def test_the_themes_status_checks_against_are_textuals(make_app: AppFactory) -> None:
    """`status` checks the theme setting without importing Textual, against its own copy
    of the list: it must be the one the app offers (a Textual upgrade shows up here)."""
    assert list(THEMES) == sorted(App[None]().available_themes)
    assert list(THEMES) == sorted(make_app().available_themes)


async def test_every_theme_renders_every_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        themes = sorted(app.available_themes)
        assert len(themes) > 5
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert app.screen.query_one("#plan-list").region.height > 0
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = await start_default_plan(pilot)
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert screen.query_one("#countdown").region.height >= 5  # big at 80x24


async def test_the_plan_detail_is_drawn_in_the_theme_in_force(make_app: AppFactory) -> None:
    """The plan detail keeps its wrapped lines: a new theme must style them again."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(PlanDetail)
        for theme in ("textual-light", "nord", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            drawn = app.screen.get_style_at(*detail.content_region.offset)
            assert drawn.bgcolor == detail.rich_style.bgcolor, theme
            assert drawn.color == detail.rich_style.color, theme


async def test_a_theme_chosen_in_the_app_is_saved(make_app: AppFactory, paths: AppPaths) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    saved = tomllib.loads(paths.config_file.read_text())
    assert saved["theme"] == "nord"
    restarted = make_app()
    async with restarted.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert restarted.theme == "nord"


COMMENTED = b"""\
# my settings
bell = true   # keep it loud

theme = "nord"   # dark, for the evening
rest_seconds = 30
"""


async def test_a_theme_change_keeps_a_commented_file_but_its_theme_line(
    make_app: AppFactory, paths: AppPaths
) -> None:
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_bytes(COMMENTED)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "gruvbox"  # what picking a theme in the command palette does
        await pilot.pause()
    expected = COMMENTED.replace(b'"nord"   #', b'"gruvbox"   #')
    assert paths.config_file.read_bytes() == expected
