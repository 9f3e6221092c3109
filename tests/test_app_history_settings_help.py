"""History, settings and help driven through the app with Pilot; files are checked on disk."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from app_helpers import write_settings
from conftest import FIXED_NOW
from factories import make_record
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Select, Static, Switch

from recovery_tui.core.history_data import PAGE, load_history, newest_page
from recovery_tui.core.log import append_record, encode_record
from recovery_tui.core.paths import AppPaths
from recovery_tui.core.record import SessionRecord
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.screens.help import HelpScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.settings import SettingsScreen
from recovery_tui.widgets.session_detail import when
from recovery_tui.widgets.setting_field import SettingField

AppFactory = Callable[..., Any]
SIZE = (100, 30)


def text_of(app: Any, selector: str) -> str:
    """The plain text a Static shows."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def seed(paths: AppPaths, records: list[SessionRecord]) -> None:
    for record in records:
        append_record(paths.log_file, record)


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


# ---- history ---------------------------------------------------------------


async def test_history_lists_sessions_newest_first_with_the_selected_detail(
    make_app: AppFactory, paths: AppPaths
) -> None:
    day = FIXED_NOW - timedelta(days=2)
    oldest = make_record(day)
    partial = make_record(day + timedelta(hours=10), status="partial")
    newest = make_record(day + timedelta(days=1))
    seed(paths, [oldest, newest, partial])  # not in time order on purpose
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        assert table.row_count == 3
        assert [row_texts(table, i)[0] for i in range(3)] == [
            when(r.started) for r in (newest, partial, oldest)
        ]
        assert row_texts(table, 1)[2:] == ["partial", "1/2", "14:05"]
        detail = text_of(app, "#session-text")
        assert "completed · 2/2 rounds" in detail
        assert "Round 2" in detail
        assert "left 12 · right 12 reps" in detail
        assert "left 3 sets: 31.5, 28.2, 25.0 s" in detail
        await pilot.press("down")
        detail = text_of(app, "#session-text")
        assert "partial · 1/2 rounds" in detail
        assert "not done" in detail


async def test_history_marks_sessions_that_are_not_saved(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    app = make_app()
    app.unsaved.append(make_record(FIXED_NOW - timedelta(hours=1)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.table.row_count == 2
        assert row_texts(screen.table, 0)[2] == "completed · not saved"
        assert row_texts(screen.table, 1)[2] == "completed"
        assert "Not saved to the log yet" in text_of(app, "#session-text")


async def test_history_warns_about_a_damaged_log(make_app: AppFactory, paths: AppPaths) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    with paths.log_file.open("ab") as log:
        log.write(b'{"schema": 1, "id": "torn\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        warning = screen.query_one("#history-warning", Static)
        assert warning.has_class("-shown")
        assert text_of(app, "#history-warning") == "sessions.jsonl: skipped 1 unreadable line (2)"
        assert screen.table.row_count == 1


async def test_history_lists_a_session_whose_exercises_cannot_be_read(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    damaged = make_record(FIXED_NOW - timedelta(hours=2), status="partial").to_json()
    damaged["rounds"][0][0]["counts"] = {"both": -3}
    with paths.log_file.open("ab") as log:
        log.write(json.dumps(damaged).encode() + b"\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.table.row_count == 2
        assert row_texts(screen.table, 0)[2:4] == ["partial", "1/2"]
        detail = text_of(app, "#session-text")
        assert "partial · 1/2 rounds" in detail
        assert "could not be read from the log" in detail
        assert screen.selected_record is None
        await pilot.press("down")
        assert "Round 2" in text_of(app, "#session-text")
        assert screen.selected_record is not None


async def test_history_without_sessions_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.has_class("-empty")
        assert screen.query_one("#history-empty").display
        assert "No sessions yet" in text_of(app, "#history-empty")
        assert not screen.query_one("#history-warning").has_class("-shown")


async def test_history_builds_rows_a_page_at_a_time(make_app: AppFactory, paths: AppPaths) -> None:
    total = PAGE * 2 + 50
    start = FIXED_NOW - timedelta(days=total)
    paths.data_dir.mkdir(parents=True)
    lines = (encode_record(make_record(start + timedelta(days=i))) for i in range(total))
    paths.log_file.write_bytes(b"".join(lines))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.shown == PAGE
        assert f"{total:,} sessions" in text_of(app, "#history-status")
        screen.table.move_cursor(row=PAGE - 1)
        await pilot.pause()
        assert screen.shown == PAGE * 2
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert screen.shown == total
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert row_texts(screen.table, screen.table.cursor_row)[0] == when(start, this_year=2026)
        assert "2025" in when(start, this_year=2026)


@pytest.mark.parametrize(("width", "stacked"), [(80, True), (99, True), (100, False)])
async def test_history_puts_the_detail_under_the_table_when_narrow(
    make_app: AppFactory, paths: AppPaths, width: int, stacked: bool
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await open_history(pilot)
        table, detail = screen.table.region, screen.query_one("#session-detail").region
        assert screen.has_class("-stacked") is stacked
        assert (detail.y >= table.bottom) is stacked


def test_the_first_page_comes_from_the_end_of_the_log(paths: AppPaths) -> None:
    start = FIXED_NOW - timedelta(days=PAGE + 5)
    records = [make_record(start + timedelta(days=i)) for i in range(PAGE + 5)]
    seed(paths, records)
    unsaved = make_record(FIXED_NOW - timedelta(minutes=5))
    first = newest_page(paths, [unsaved])
    assert not first.complete
    assert [first.newest(i).id for i in range(3)] == [unsaved.id, records[-1].id, records[-2].id]
    assert len(first) == PAGE + 1
    whole = load_history(paths, [unsaved])
    assert whole.complete
    assert len(whole) == PAGE + 6
    assert whole.newest(len(whole) - 1).id == records[0].id


async def test_history_reloads_when_a_session_is_saved(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert app.save_record(make_record(FIXED_NOW - timedelta(minutes=20), status="partial"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.table.row_count == 2
        assert row_texts(screen.table, 0)[2] == "partial"
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


# ---- settings --------------------------------------------------------------


def field(screen: SettingsScreen, name: str) -> SettingField:
    return screen.query_one(f"#setting-{name}", SettingField)


async def type_into(pilot: Pilot[Any], name: str, text: str) -> None:
    """Focus the field's input, clear it and type, as a user would."""
    control = pilot.app.screen.query_one(f"#field-{name}", Input)
    control.focus()
    control.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def test_settings_edit_and_save_writes_the_file(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "rest_seconds", "45")
        screen.query_one("#field-bell", Switch).value = False
        screen.query_one("#field-pacing", Select).value = "manual"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        assert app.settings.rest_seconds == 45
    text = paths.config_file.read_text(encoding="utf-8")
    assert "\nrest_seconds = 45\n" in text
    assert "\nbell = false\n" in text
    assert '\npacing = "manual"\n' in text


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("rest_seconds", "abc", 'rest_seconds must be a whole number from 0 to 600, got "abc"'),
        ("tempo_seconds", "0.5", "tempo_seconds must be a number from 1 to 30, got 0.5"),
        ("race_date", "2026-13-01", "race_date must be a date like 2026-11-02"),
    ],
)
async def test_settings_invalid_input_shows_the_error_and_does_not_save(
    make_app: AppFactory, paths: AppPaths, name: str, typed: str, message: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, name, typed)
        assert field(screen, name).has_class("-invalid")
        assert message in text_of(app, f"#error-{name}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert f"fix {name}" in text_of(app, "#settings-message")
        await type_into(pilot, name, "")
        if name != "race_date":
            await type_into(pilot, name, "5")
        assert not field(screen, name).has_class("-invalid")
    assert not paths.config_file.exists()


async def test_settings_refuse_to_overwrite_a_file_changed_on_disk(
    make_app: AppFactory, paths: AppPaths
) -> None:
    write_settings(paths, rest_seconds=30)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        edited = b"# edited by hand\nrest_seconds = 90\n"
        paths.config_file.write_bytes(edited)
        await type_into(pilot, "rest_seconds", "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "was changed on disk" in text_of(app, "#settings-message")
        assert paths.config_file.read_bytes() == edited


async def test_settings_with_a_broken_file_show_the_error_and_never_save(
    make_app: AppFactory, paths: AppPaths
) -> None:
    paths.config_file.parent.mkdir(parents=True)
    broken = b'rest_seconds = "abc"\n'
    paths.config_file.write_bytes(broken)
    before = os.stat(paths.config_file).st_mtime_ns
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        shown = text_of(app, "#settings-broken")
        assert "line 1: 'rest_seconds' must be a whole number from 0 to 600" in shown
        assert "Saving is disabled" in shown
        assert screen.query_one("#save", Button).disabled
        await type_into(pilot, "rest_seconds", "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "must be fixed first" in text_of(app, "#settings-message")
    assert paths.config_file.read_bytes() == broken
    assert os.stat(paths.config_file).st_mtime_ns == before


async def test_settings_escape_asks_before_discarding_edits(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "rest_seconds", "45")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: keep editing
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # "Discard" is the default answer
        await pilot.pause()
        assert not isinstance(app.screen, (SettingsScreen, ChoiceDialog))
        assert app.settings.rest_seconds == 20
    assert not paths.config_file.exists()


async def test_settings_escape_without_edits_leaves_at_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (SettingsScreen, ChoiceDialog))


async def test_settings_offer_the_themes_and_the_plans(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        themes = screen.query_one("#field-theme", Select)
        plans = screen.query_one("#field-default_plan", Select)
        assert themes.value == "textual-dark"
        assert {value for _, value in themes._options} >= set(app.available_themes)
        assert [value for _, value in plans._options] == [p.id for p in app.catalog.plans]


# ---- help ------------------------------------------------------------------


def help_text(app: Any) -> str:
    return "\n".join(
        str(static.content.plain) for static in app.screen.query(".help-section Static")
    )


async def test_help_lists_the_keys_of_every_screen(make_app: AppFactory) -> None:
    from recovery_tui.screens.active import ActiveSetScreen
    from recovery_tui.screens.home import HomeScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for title in ("Everywhere", "Plan selection", "Active set", "History", "Settings"):
            assert title in text
        for screen_class in (HomeScreen, ActiveSetScreen, HistoryScreen, SettingsScreen):
            for binding in screen_class.BINDINGS:
                assert binding.description in text  # type: ignore[union-attr]
        assert "^p  Command palette" in text
        assert "space  Pause" in text
        current = app.screen.query_one(".help-section.-current")
        assert "Plan selection  (this screen)" in str(current.query(Static).first().content)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_help_marks_the_screen_it_was_opened_from(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        sections = app.screen.query(".help-section.-current")
        assert len(sections) == 1
        assert "History  (this screen)" in str(sections.first().query(Static).first().content)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
