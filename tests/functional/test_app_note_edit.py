"""Editing a note in history: the old text is kept and added to, and the keys do what they say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from app_helpers import AppFactory, open_history, text_of
from conftest import FIXED_NOW
from factories import make_record
from textual.widgets import Input

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.note import EDIT_HINT, NEW_HINT, NoteDialog


def seed_with_note(paths: AppPaths, note: str) -> None:
    record = make_record(FIXED_NOW - timedelta(days=1), id="yesterday")
    record.note = note
    SessionLog(paths.log_file).append(record)


@pytest.mark.parametrize(
    ("keys", "kept"),
    [
        ((*" then easier", "enter"), "calves tight then easier"),  # typing adds at the end
        ((*["backspace"] * 5, *"sore", "enter"), "calves sore"),
        ((*"xyz", "escape"), None),  # escape keeps the note as it was: nothing written
    ],
    ids=["type adds", "backspace edits", "escape keeps"],
)
async def test_editing_a_note_starts_at_its_end(
    make_app: AppFactory, paths: AppPaths, keys: tuple[str, ...], kept: str | None
) -> None:
    seed_with_note(paths, "calves tight")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        field = dialog.query_one(Input)
        assert field.value == "calves tight"
        assert field.cursor_position == len("calves tight") and field.selection.is_empty
        assert text_of(app, ".dialog-hint") == EDIT_HINT
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert screen.selected_record is not None
        assert screen.selected_record.note == (kept or "calves tight")
    expected = {} if kept is None else {"yesterday": kept}
    found = SessionLog(paths.log_file).amendments()
    assert {k: v.note for k, v in found.items()} == expected


async def test_a_new_note_says_escape_means_no_note(make_app: AppFactory, paths: AppPaths) -> None:
    seed_with_note(paths, "")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert text_of(app, ".dialog-hint") == NEW_HINT
