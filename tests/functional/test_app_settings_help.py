"""Settings and help driven through the app with Pilot; settings.toml is checked on disk."""

from __future__ import annotations

import importlib
import os
import pkgutil
from typing import Any

import pytest
from app_helpers import (
    SIZE,
    AppFactory,
    field,
    open_history,
    open_settings,
    text_of,
    type_into,
    watch_notifications,
    write_settings,
)
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, OptionList, Select, Static, Switch

import recovery_tui.screens as screens_package
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.screens.help import HelpScreen, help_sections, section_text
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.settings import SettingsScreen


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
    broken = b"rest_seconds = \n"
    paths.config_file.write_bytes(broken)
    before = os.stat(paths.config_file).st_mtime_ns
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        shown = text_of(app, "#settings-broken")
        assert "line 1, column 16: " in shown
        assert "Saving is disabled" in shown
        assert screen.query_one("#save", Button).disabled
        await type_into(pilot, "rest_seconds", "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "must be fixed first" in text_of(app, "#settings-message")
    assert paths.config_file.read_bytes() == broken
    assert os.stat(paths.config_file).st_mtime_ns == before


async def test_settings_with_bad_keys_show_each_by_its_field_and_save_the_rest(
    make_app: AppFactory, paths: AppPaths
) -> None:
    paths.config_file.parent.mkdir(parents=True)
    content = b"# mine\nbel = false\nsessions_per_day = 7\nrace_date = 2026-11-01\n"
    paths.config_file.write_bytes(content)
    app = make_app()
    shown = watch_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        notes = [n for n in shown if n.title == "2 settings not used"]
        assert len(notes) == 1 and len(shown) == 1
        assert "line 2: unknown setting 'bel', ignored; did you mean 'bell'?" in notes[0].message
        assert "line 3: 'sessions_per_day' must be a whole number from 1 to 3" in notes[0].message
        assert app.settings.race_date is not None
        screen = await open_settings(pilot)
        assert "did you mean 'bell'?" in text_of(app, "#settings-unknown")
        by_field = field(screen, "sessions_per_day")
        assert by_field.has_class("-file-problem")
        assert "got 7; using the default, 2" in text_of(app, "#setting-sessions_per_day .-problem")
        assert not field(screen, "rest_seconds").has_class("-file-problem")
        await type_into(pilot, "rest_seconds", "45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
    assert paths.config_file.read_bytes() == content + b"rest_seconds = 45\n"


async def test_settings_switches_say_on_or_off_and_a_fixed_field_clears_the_refusal(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        assert text_of(app, "#setting-bell .switch-state") == "On"
        screen.query_one("#field-bell", Switch).value = False
        await pilot.pause()
        assert text_of(app, "#setting-bell .switch-state") == "Off"
        await type_into(pilot, "rest_seconds", "abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Not saved: fix rest_seconds first." in text_of(app, "#settings-message")
        await type_into(pilot, "rest_seconds", "30")
        assert text_of(app, "#settings-message") == ""
        assert not screen.query_one("#settings-message").has_class("-shown")


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


def choices(select: Select[Any]) -> list[str]:
    """What a Select offers, as its drop-down list shows it."""
    options = select.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_settings_offer_the_themes_and_the_plans(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        themes = screen.query_one("#field-theme", Select)
        plans = screen.query_one("#field-default_plan", Select)
        assert themes.value == "textual-dark"
        assert set(app.available_themes) <= set(choices(themes))
        offered = choices(plans)
        assert all(any(f"({p.id})" in line for line in offered) for p in app.catalog.plans)


# ---- help ------------------------------------------------------------------


def help_text(app: Any) -> str:
    return "\n".join(
        str(static.content.plain) for static in app.screen.query(".help-section Static")
    )


def own_bindings(screen: type[Screen[Any]]) -> list[Binding]:
    """The bindings a screen class declares itself (not Textual's Screen's tab keys)."""
    return list(Binding.make_bindings(screen.__dict__.get("BINDINGS", [])))


def screens_with_keys() -> list[type[Screen[Any]]]:
    """Every Screen class defined in `recovery_tui/screens/` with keys of its own, found by
    walking the package (a new screen is in this list without anyone adding it). The help
    screen is left out: its own keys (close) are on its footer."""
    found: list[type[Screen[Any]]] = []
    for module_info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
                and value is not HelpScreen
                and any(b.description for b in own_bindings(value))
            ):
                found.append(value)
    return found


def test_the_screens_with_keys_are_found() -> None:
    """The walk above finds the screens, or the help test below would check nothing."""
    from recovery_tui.screens.report import ReportScreen
    from recovery_tui.screens.summary import SummaryScreen

    found = screens_with_keys()
    assert {HistoryScreen, SettingsScreen, ReportScreen, SummaryScreen} <= set(found)


async def test_help_lists_the_keys_of_every_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        sections = {section.screen: section for section in help_sections(app)}
        for screen_class in screens_with_keys():
            assert screen_class in sections, f"{screen_class.__name__} is not in the help"
            section = sections[screen_class]
            assert section.title in text
            assert section_text(section).plain in text
            for binding in own_bindings(screen_class):
                if binding.description:
                    assert (app.get_key_display(binding), binding.description) in [
                        (key, description)
                        for keys, description in section.keys
                        for key in keys.split(" / ")
                    ], f"{binding.key} ({binding.description}) of {screen_class.__name__}"
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
