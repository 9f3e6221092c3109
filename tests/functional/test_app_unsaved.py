"""Never lost on quit: a session kept only in memory (the data folder read-only) is asked about.

The data folder is made read-only for real (mode 0555) and, since a test may run as
root (whom modes do not stop), every write under it also fails with EROFS at the `os`
calls the app makes: what the app meets is what a read-only disk gives it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import answer_questions, logged, paced_reps_in, unfinished_files
from conftest import FakeClock
from textual.widgets import Button

from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.screens.home import HomeScreen

AppFactory = Callable[..., Any]
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class ReadOnly:
    """A folder that refuses every write until `fix()`."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder.resolve()
        self.on = True
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o555)
        real_open = os.open

        def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & WRITING:
                self.refuse(path)
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded_open)
        for name in ("mkdir", "replace", "rename", "unlink", "chmod"):
            monkeypatch.setattr(os, name, self.guard(getattr(os, name)))

    def guard(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(path: Any, *args: Any, **kwargs: Any) -> Any:
            self.refuse(path)
            return call(path, *args, **kwargs)

        return guarded

    def refuse(self, path: Any) -> None:
        inside = isinstance(path, str | Path) and Path(os.path.abspath(path)).is_relative_to(
            self.folder
        )
        if self.on and inside:
            raise OSError(errno.EROFS, "Read-only file system", str(path))

    def fix(self) -> None:
        self.on = False
        self.folder.chmod(0o700)


@pytest.fixture
def read_only(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReadOnly]:
    folder = ReadOnly(paths.data_dir, monkeypatch)
    yield folder
    folder.fix()


async def session_kept_in_memory(pilot: Any, clock: FakeClock, note: str = "") -> None:
    """Three paced reps, leave and save as partial: the log cannot be written."""
    await paced_reps_in(pilot, clock, 3)
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("enter")
    await answer_questions(pilot, note=note)
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen) and len(pilot.app.unsaved) == 1


async def answer(pilot: Any, answer_id: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog), f"expected the quit question, got {dialog!r}"
    dialog.query_one(f"#{answer_id}", Button).press()
    await pilot.pause()


def notifications(app: Any) -> list[str]:
    """Every message the app notifies from now on (it still shows them)."""
    said: list[str] = []
    notify = app.notify

    def spy(message: str, **kwargs: Any) -> None:
        said.append(message)
        notify(message, **kwargs)

    app.notify = spy
    return said


def asks_about_memory(app: Any) -> bool:
    screen = app.screen
    return isinstance(screen, ChoiceDialog) and "kept only in memory" in screen.question


QUIT_KEYS = {
    "q": ["q"],
    "ctrl+c": ["ctrl+c"],
    "ctrl+q": ["ctrl+q"],
    "palette": ["ctrl+p", *"Quit", "enter"],
}


@pytest.mark.parametrize("way", sorted(QUIT_KEYS))
async def test_quitting_asks_and_keeps_running_while_the_session_is_only_in_memory(
    make_app: AppFactory, clock: FakeClock, read_only: ReadOnly, way: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await session_kept_in_memory(pilot, clock)
        for key in QUIT_KEYS[way]:
            await pilot.press(key)
            await pilot.pause(0.3 if key == "t" else None)  # the palette searches as typed
        await pilot.pause()
        assert asks_about_memory(app)
        assert "Read-only file system" in app.screen.question
        await answer(pilot, "cancel")
        assert isinstance(app.screen, HomeScreen) and app.is_running and app.unsaved


async def test_try_again_fails_asks_again_then_saves_once_the_disk_is_fixed(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths, read_only: ReadOnly
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await session_kept_in_memory(pilot, clock, note="left calf tight")
        await pilot.press("q")
        await pilot.pause()
        await answer(pilot, "retry")
        assert asks_about_memory(app) and app.unsaved  # failed again: asked again
        read_only.fix()
        await answer(pilot, "retry")
    assert app.return_code == 0
    [record] = logged(paths)
    assert record.note == "left calf tight" and record.status == "partial"


async def test_keeping_fails_on_the_read_only_disk_and_says_so(
    make_app: AppFactory, clock: FakeClock, read_only: ReadOnly
) -> None:
    app = make_app()
    said = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await session_kept_in_memory(pilot, clock)
        await pilot.press("q")
        await pilot.pause()
        await answer(pilot, "keep")
        assert asks_about_memory(app) and app.unsaved and app.is_running
        assert any(m.startswith("Could not keep the session to resume") for m in said)


async def test_kept_as_unfinished_it_is_offered_and_saved_whole_next_time(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths, read_only: ReadOnly
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await session_kept_in_memory(pilot, clock, note="stiff after the long run")
        read_only.on = False  # the unfinished folder can be written, the log still not...
        paths.data_dir.chmod(0o700)
        paths.log_file.mkdir()  # ...a folder where the log should be: every append fails
        await pilot.press("q")
        await pilot.pause()
        await answer(pilot, "keep")
    assert app.return_code == 0 and len(unfinished_files(paths)) == 1
    paths.log_file.rmdir()
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        question = again.screen
        assert isinstance(question, ChoiceDialog)
        assert "finished, but not in your history yet" in question.question
        await answer(pilot, "save")
    [record] = logged(paths)
    assert record.note == "stiff after the long run" and record.status == "partial"
    assert unfinished_files(paths) == []


async def test_discard_is_the_only_way_to_drop_it(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths, read_only: ReadOnly
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await session_kept_in_memory(pilot, clock)
        await pilot.press("q")
        await pilot.pause()
        await answer(pilot, "discard")
    assert app.return_code == 0 and app.unsaved == []
    read_only.fix()
    assert logged(paths) == [] and unfinished_files(paths) == []


async def test_save_as_partial_on_quit_does_not_exit_when_the_save_fails(
    make_app: AppFactory, clock: FakeClock, read_only: ReadOnly
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await paced_reps_in(pilot, clock, 2)
        await pilot.press("q")
        await pilot.pause()
        await answer(pilot, "save")  # "Save as partial": the log cannot be written
        assert app.is_running and asks_about_memory(app)
        assert isinstance(app.screen_stack[-2], HomeScreen)


async def test_keep_to_resume_on_quit_stays_when_the_state_cannot_be_written(
    make_app: AppFactory, clock: FakeClock, read_only: ReadOnly
) -> None:
    app = make_app()
    said = notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await paced_reps_in(pilot, clock, 2)
        await pilot.press("q")
        await pilot.pause()
        await answer(pilot, "keep")
        assert app.is_running and app.screen is screen
        assert any(m.startswith("Could not keep the session to resume") for m in said)


async def test_with_nothing_unsaved_quit_is_immediate(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0
