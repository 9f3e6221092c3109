"""A key pressed in the last moment before a dialog opens does not answer it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app_helpers import drive, logged, write_settings
from conftest import FakeClock
from textual.widgets import Input

from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.guard import KEY_GUARD_SECONDS
from recovery_tui.dialogs.heel_check import HeelCheckDialog
from recovery_tui.dialogs.note import NoteDialog
from recovery_tui.screens.active import ActiveSetScreen

AppFactory = Callable[..., Any]


async def test_a_stray_key_does_not_answer_the_heel_check_before(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_settings(paths, soreness_check=False)
    app = make_app(key_guard_seconds=KEY_GUARD_SECONDS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HeelCheckDialog)
        await pilot.press("enter", "3")  # the key after "start": too soon
        await pilot.pause()
        assert isinstance(app.screen, HeelCheckDialog)
        clock.advance(KEY_GUARD_SECONDS)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, ActiveSetScreen) and app.screen.check_before == 4


async def test_keys_at_the_end_reach_neither_the_heel_check_nor_the_note(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_settings(paths, soreness_check=False)
    app = make_app(key_guard_seconds=KEY_GUARD_SECONDS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        clock.advance(KEY_GUARD_SECONDS)
        await pilot.pause()
        await pilot.press("escape")  # skip the check before
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActiveSetScreen)
        await drive(pilot, screen, clock, lambda session: session.count("both") == 2)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # leave and save: the closing questions open
        await pilot.pause()
        assert isinstance(app.screen, HeelCheckDialog)
        await pilot.press("enter", "x")  # stray keys from the mat
        await pilot.pause()
        assert isinstance(app.screen, HeelCheckDialog)
        clock.advance(KEY_GUARD_SECONDS)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.query_one(Input).value == ""
        clock.advance(KEY_GUARD_SECONDS)
        await pilot.press("o", "k", "enter")
        await pilot.pause()
    [record] = logged(paths)
    assert (record.check_after, record.note) == (2, "ok")
