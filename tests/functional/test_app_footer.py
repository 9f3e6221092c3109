"""Textual's own Footer on every screen: each shows that screen's keys, and a click presses one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from app_helpers import footer_keys, seed, start_default_plan
from conftest import FIXED_NOW
from factories import make_record
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList

from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.screens.help import HelpScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.settings import SettingsScreen
from recovery_tui.widgets.key_footer import KeyFooter

AppFactory = Callable[..., Any]


async def test_plan_selection_lists_its_keys_and_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        keys = await footer_keys(pilot)
        assert keys == ["⏎ Start", "h History", "s Settings", "? Help", "q Quit", "^p palette"]


async def test_plan_selection_keys_follow_the_highlighted_plan(
    make_app: AppFactory, paths: AppPaths
) -> None:
    """The footer is rebuilt only when its keys change, so check that it still does."""
    paths.plans_dir.mkdir(parents=True)
    (paths.plans_dir / "broken.toml").write_bytes(b'name = "x\n')
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        plans = app.screen.query_one("#plan-list", OptionList)
        keys = await footer_keys(pilot)
        for highlighted in (1, plans.option_count - 1, 2, plans.option_count - 1, 0):
            plans.highlighted = highlighted
            shown = await footer_keys(pilot)
            assert ("⏎ Start" in shown) is (highlighted != plans.option_count - 1)
        assert shown == keys
        await pilot.press("h")
        await footer_keys(pilot)
        await pilot.press("escape")
        assert await footer_keys(pilot) == keys


async def test_keys_that_change_while_the_footer_rebuilds_are_shown(
    make_app: AppFactory, paths: AppPaths, monkeypatch: Any
) -> None:
    """The bindings change twice during one rebuild (two key presses while the old keys
    are being removed): the footer must end on the keys of the plan now highlighted."""
    paths.plans_dir.mkdir(parents=True)
    (paths.plans_dir / "broken.toml").write_bytes(b'name = "x\n')
    app = make_app()
    armed = False
    compose = KeyFooter.compose

    def compose_between_presses(footer: KeyFooter) -> ComposeResult:
        nonlocal armed
        plans = footer.screen.query_one("#plan-list", OptionList)
        if armed:
            plans.highlighted = 0  # handled while the old keys were removed
        yield from compose(footer)
        if armed:
            armed = False
            plans.highlighted = plans.option_count - 1  # and again, before the next rebuild

    monkeypatch.setattr(KeyFooter, "compose", compose_between_presses)
    async with app.run_test(size=(100, 30)) as pilot:
        plans = app.screen.query_one("#plan-list", OptionList)
        await footer_keys(pilot)
        armed = True
        plans.highlighted = plans.option_count - 1
        for _ in range(3):
            shown = await footer_keys(pilot)
        assert plans.highlighted == plans.option_count - 1  # the broken plan: nothing to start
        assert "⏎ Start" not in shown


async def test_a_click_on_a_key_presses_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await footer_keys(pilot)
        keys = await footer_keys(pilot)
        history = list(app.screen.query("FooterKey"))[keys.index("h History")]
        await pilot.click(history)
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_every_screen_has_the_footer(make_app: AppFactory) -> None:
    app = make_app()
    seen: dict[type[Screen[Any]], list[str]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("h", "escape", "s", "escape", "question_mark", "escape"):
            await pilot.press(key)
            seen[type(app.screen)] = await footer_keys(pilot)
        await start_default_plan(pilot)
        seen[ActiveSetScreen] = await footer_keys(pilot)
    assert {"esc Back", "n Note"} <= set(seen[HistoryScreen])
    assert "^s Save" in seen[SettingsScreen]
    assert seen[HelpScreen][0] == "esc Close"
    assert seen[ActiveSetScreen][:3] == ["space Pause", "⏎ Start now", "n Next"]


async def test_plan_selection_names_the_app_without_a_header(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#plan-list", OptionList).border_title == "recovery-tui"
        assert not app.screen.query("Header")


async def test_the_history_footer_keeps_its_keys_while_they_stay_the_same(
    make_app: AppFactory, paths: AppPaths
) -> None:
    """Its keys are built once: a note dialog opened and closed, a row highlighted."""
    seed(paths, [make_record(FIXED_NOW - timedelta(days=n)) for n in range(5)])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        keys = await footer_keys(pilot)
        shown = list(app.screen.query("FooterKey"))
        await pilot.press("n", "escape", "down")
        assert await footer_keys(pilot) == keys
        assert list(app.screen.query("FooterKey")) == shown
