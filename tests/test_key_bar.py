"""The key bar on plan selection: every key with its description, and a click presses it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import OptionList

from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.widgets.key_bar import KeyBar

AppFactory = Callable[..., Any]


async def test_every_shown_binding_is_in_the_bar_with_its_description(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = bar.shown()
        assert [(k.display, k.description) for k in shown.keys] == [
            ("⏎", "Start"),
            ("h", "History"),
            ("s", "Settings"),
            ("?", "Help"),
            ("q", "Quit"),
        ]
        assert shown.palette is not None and shown.palette.display == "^p"
        line = bar.render().plain
        assert line.startswith(" ⏎ Start  h History  s Settings  ? Help  q Quit ")
        assert line.endswith("▏^p palette ") and len(line) == 80


async def test_a_click_on_a_key_presses_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        x = bar.render().plain.index("History")
        key = bar.key_at(x)
        assert key is not None and key.key == "h"
        assert bar.key_at(60) is None  # the gap before the palette key
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_hovering_a_key_highlights_it_until_the_pointer_leaves(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        x = bar.render().plain.index("Settings")
        await pilot.hover(KeyBar, offset=(x, 0))
        assert bar._hover is not None and bar._hover.key == "s"
        await pilot.hover(OptionList)
        await pilot.pause()
        assert bar._hover is None


async def test_plan_selection_names_the_app_without_a_header(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#plan-list", OptionList).border_title == "recovery-tui"
        assert not app.screen.query("Header")
