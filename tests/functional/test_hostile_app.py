"""The hostile-input table through every screen of the app (Pilot).

Every evil string from `hostile_strings.EVIL` is put where a file puts text: plan files
(names, cues, cautions...), the session log (plan names, exercise names, notes),
settings (theme). Each test looks at what is rendered (the SVG screenshot's characters,
which is what the terminal would be sent) and asserts the policy: nothing that would be a
control code reaches it, markup shows literally, and clicking a toast runs nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    answer_questions,
    drive,
    open_history,
    open_settings,
    seed,
    write_plan,
    write_settings,
)
from conftest import FIXED_NOW, FakeClock
from hostile_strings import EVIL, assert_safe, assert_shown_safely, evil_plan, shown, svg_text
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import DataTable, OptionList

from recovery_tui.core.journal.record import ExerciseResult, SessionRecord
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.dialogs.note import NoteDialog
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.screens.home import HomeScreen

AppFactory = Callable[..., Any]
SIZE = (200, 60)
"""Wide and tall, so a string's start is on screen whole wherever it is shown."""


def screen_text(app: Any) -> str:
    return svg_text(app.export_screenshot())


TOAST = "Toast"
"""A notification's widget, found by its CSS type name: Textual exports no class for it."""


def toast_text(app: Any) -> str:
    """What the toasts show, unwrapped: each renders a `Content` (never a markup string)."""
    toasts = app.screen.query(TOAST)
    assert toasts, "no toast on the screen"
    rendered = [toast.render() for toast in toasts]
    assert all(isinstance(content, Content) for content in rendered), rendered
    return "\n".join(content.plain for content in rendered)


@pytest.fixture
def evil_plans(paths: AppPaths) -> AppPaths:
    for key, evil in EVIL.items():
        write_plan(paths, f"{key}.toml", evil_plan(key, evil))
    return paths


def evil_record(key: str, evil: str, index: int) -> SessionRecord:
    started = FIXED_NOW - timedelta(hours=index + 1)
    result = ExerciseResult(evil, "reps", {"both": 2})
    return SessionRecord(
        id=f"{key}-{index}",
        plan=key,
        plan_name=evil,
        started=started,
        ended=started + timedelta(minutes=3),
        status="completed",
        rounds=[[result]],
        note=evil,
    )


async def test_plan_list_and_detail_show_each_string_literally(
    make_app: AppFactory, evil_plans: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        for key, evil in EVIL.items():
            options.highlighted = ids.index(key)
            await pilot.pause()
            assert_shown_safely(screen_text(app), evil, f"plan detail of {key}")
            prompt = options.get_option_at_index(ids.index(key)).prompt
            assert str(prompt).startswith(shown(evil)), key  # the list: plain Text, literal


async def test_the_palette_opens_and_lists_each_plan_literally(
    make_app: AppFactory, evil_plans: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Start")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        commands = app.screen.query_one(CommandList)
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        for key, evil in EVIL.items():
            wanted = "Start: " + shown(evil)
            assert any(p.startswith(wanted) for p in prompts), f"{key}: {wanted!r} not in {prompts}"
        assert_safe(screen_text(app), "palette")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_session_of_each_plan_runs_to_the_end_and_its_toast_is_plain(
    make_app: AppFactory, evil_plans: AppPaths, clock: FakeClock
) -> None:
    write_settings(evil_plans, heel_check=False, count_in_seconds=0)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for key, evil in EVIL.items():
            await pilot.pause()
            app.start_session(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ActiveSetScreen), key
            assert_shown_safely(screen_text(app), evil, f"active set of {key}")
            await drive(pilot, screen, clock)
            await answer_questions(pilot)
            await pilot.pause()
            assert_safe(screen_text(app), f"the end-of-session toast of {key}")
            text = toast_text(app)
            assert "Session logged" in text, key
            assert_shown_safely(text, evil, f"the end-of-session toast of {key}")
            app.clear_notifications()
    assert app.return_code is None or app.return_code == 0


CLICK_PLAN_NAME = "[@click=app.quit]" + "CLICK " * 6 + "[/]"


async def test_clicking_the_end_of_session_toast_runs_nothing(
    make_app: AppFactory, paths: AppPaths, clock: FakeClock
) -> None:
    """As markup, the whole first line of the message would be an `app.quit` link."""
    write_plan(paths, "click.toml", evil_plan("click", CLICK_PLAN_NAME))
    write_settings(paths, heel_check=False, count_in_seconds=0, default_plan="click")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.start_session("click")
        await pilot.pause()
        await drive(pilot, app.screen, clock)
        await answer_questions(pilot)
        await pilot.pause()
        assert CLICK_PLAN_NAME in toast_text(app)
        assert await pilot.click(TOAST, offset=(4, 2))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, HomeScreen)


async def test_history_table_and_detail_show_log_text_literally(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, [evil_record(key, evil, i) for i, (key, evil) in enumerate(EVIL.items())])
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == len(EVIL)
        text = screen_text(app)
        assert_safe(text, "history table")
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            record = screen.selected_record
            assert record is not None
            evil = EVIL[record.plan]
            assert_shown_safely(screen_text(app), evil, f"history detail of {record.plan}")


async def test_a_plan_error_quoting_markup_is_shown_plain_and_its_toast_does_nothing(
    make_app: AppFactory, paths: AppPaths
) -> None:
    """A bad value quoted in the error, and a file name with markup and an escape in it."""
    write_plan(
        paths,
        "[red]bad [@click=app.quit]x\x1b]0;T\x07.toml",
        'name = "x"\nid = "bad"\n[[exercise]]\nname = "y"\ndose = "reps"\nreps = "[/]"\n',
    )
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)
        assert_safe(screen_text(app), "plan error toast")
        assert "1 plan not loaded" in toast_text(app)
        await pilot.click(TOAST, offset=(4, 2))
        await pilot.pause()
        assert app.is_running
        options = app.screen.query_one(OptionList)
        options.highlighted = options.option_count - 1  # the file that was not loaded
        await pilot.pause()
        text = screen_text(app)
        assert_safe(text, "plan list with a failed file")
        assert "[red]bad [@click=app.quit]x\ufffd]0;T\ufffd.toml" in text
        assert 'got "[/]"' in text


@pytest.mark.parametrize("theme", [EVIL["markup"], "[@click=app.quit]QUIT QUIT QUIT QUIT[/]"])
async def test_a_hostile_theme_is_named_literally_and_its_toast_does_nothing(
    make_app: AppFactory, paths: AppPaths, theme: str
) -> None:
    write_settings(paths, theme=theme)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert_safe(screen_text(app), "theme toast")
        text = toast_text(app)
        assert "Unknown theme" in text and theme in text
        for toast in app.screen.query(TOAST):
            await pilot.click(toast, offset=(4, 2))
        await pilot.pause()
        assert app.is_running
        screen = await open_settings(pilot)
        assert_safe(screen_text(app), "settings screen")
        assert "[@click=app.quit]" in screen_text(app)
        assert screen is app.screen


@pytest.mark.parametrize("key", ["osc52-clipboard", "markup", "bidi"])
async def test_the_settings_error_quoting_a_hostile_value_is_plain(
    make_app: AppFactory, paths: AppPaths, key: str
) -> None:
    write_settings(paths, default_plan=EVIL[key], pacing=EVIL[key])
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert_safe(screen_text(app), "settings error toast")
        text = toast_text(app)
        assert "not used" in text and "pacing" in text
        assert_safe(text, "settings error toast")
        await open_settings(pilot)
        assert_safe(screen_text(app), "settings screen")


async def test_the_resume_dialog_names_a_hostile_plan_literally(
    make_app: AppFactory, paths: AppPaths, tmp_path: Path
) -> None:
    """The unfinished-session file is untrusted too: its plan name is quoted in the question."""
    from recovery_tui.core.session.saved import session_to_state
    from recovery_tui.core.session.unfinished import claim_new

    for key in ("markup", "osc0-title"):
        app = make_app()
        session = app.new_session(app.plan("full-circuit"))
        state = session_to_state(session)
        state["plan_name"] = EVIL[key]
        claim = claim_new(paths.data_dir, session.id)
        claim.save(state)
        claim.release()
        app = make_app()
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            assert_shown_safely(screen_text(app), EVIL[key], f"resume dialog, {key}")
            await pilot.press("escape")
        shutil.rmtree(paths.data_dir / "unfinished")


async def test_the_note_dialog_and_the_report_show_log_text_literally(
    make_app: AppFactory, paths: AppPaths
) -> None:
    keys = ["markup", "osc52-clipboard", "bidi", "csi"]
    seed(paths, [evil_record(key, EVIL[key], i) for i, key in enumerate(keys)])
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one(DataTable)
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            record = screen.selected_record
            assert record is not None
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, NoteDialog)
            assert_shown_safely(screen_text(app), EVIL[record.plan], f"note dialog, {record.plan}")
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "ReportScreen"
        assert_safe(screen_text(app), "report screen")
