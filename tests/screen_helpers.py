"""Helpers for the history, settings and help screen tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Input, Static

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.paths import AppPaths
from recovery_tui.core.record import SessionRecord
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.settings import SettingsScreen
from recovery_tui.widgets.setting_field import SettingField

AppFactory = Callable[..., Any]
SIZE = (100, 30)


async def footer_keys(pilot: Pilot[Any]) -> list[str]:
    """Each key in the current screen's footer as it reads: key, then what it does."""
    await pilot.pause()
    await pilot.pause()  # the footer lists the keys once the screen has said what they are
    footer = pilot.app.screen.query_one(Footer)
    return [" ".join(str(key.render()).split()) for key in footer.query("FooterKey")]


def text_of(app: Any, selector: str) -> str:
    """The plain text a Static shows."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def seed(paths: AppPaths, records: list[SessionRecord]) -> None:
    for record in records:
        SessionLog(paths.log_file).append(record)


async def open_history(pilot: Pilot[Any]) -> HistoryScreen:
    await pilot.pause()
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def open_settings(pilot: Pilot[Any]) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def row_texts(table: DataTable[Any], row: int) -> list[str]:
    return [cell.plain for cell in table.get_row_at(row)]


def field(screen: SettingsScreen, name: str) -> SettingField:
    return screen.query_one(f"#setting-{name}", SettingField)


async def type_into(pilot: Pilot[Any], name: str, text: str) -> None:
    """Focus the field's input, clear it and type, as a user would."""
    control = pilot.app.screen.query_one(f"#field-{name}", Input)
    control.focus()
    control.value = ""
    await pilot.press(*text)
    await pilot.pause()
