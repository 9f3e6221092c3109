"""Special files in place of ours: a clear message, never a hang; links written through.

Every command here runs as a real subprocess with a timeout (`cli`), so one that blocked
on a pipe would fail the test rather than hang the suite.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import watch_notifications
from cli_helpers import cli, log_file
from conftest import FIXED_NOW
from factories import make_record

from recovery_tui.core.atomic import atomic_write
from recovery_tui.core.errors import UserError
from recovery_tui.core.journal import LogWriteError, SessionLog, encode_record
from recovery_tui.core.session.unfinished import claim_new, claim_orphans, describe_unfinished
from recovery_tui.core.settings.paths import AppPaths

RECORD = make_record(FIXED_NOW, id="one")


def make_fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def make_dir(path: Path) -> None:
    path.mkdir(parents=True)


def make_loop(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    other = path.with_name(path.name + "-loop")
    path.symlink_to(other)
    other.symlink_to(path)


def make_device(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")


SPECIAL: dict[str, Callable[[Path], None]] = {
    "a named pipe": make_fifo,
    "a folder": make_dir,
    "a device": make_device,
    "symbolic link": make_loop,
}


@pytest.mark.parametrize("kind", SPECIAL, ids=list(SPECIAL))
@pytest.mark.parametrize("command", ["status", "history"])
def test_a_special_log_gives_one_clear_message(tmp_path: Path, kind: str, command: str) -> None:
    SPECIAL[kind](log_file(tmp_path))
    result = cli(tmp_path, command)
    assert result.returncode == 1
    assert "sessions.jsonl" in result.stderr and kind in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("kind", SPECIAL, ids=list(SPECIAL))
def test_a_special_notes_file_is_named_and_the_history_still_shown(
    tmp_path: Path, kind: str
) -> None:
    log = log_file(tmp_path)
    SPECIAL[kind](log.with_name("notes.jsonl"))
    SessionLog(log).append(RECORD)
    assert cli(tmp_path, "status").returncode == 0
    result = cli(tmp_path, "history", "--json")
    assert result.returncode == 0 and '"id": "one"' in result.stdout
    assert "notes.jsonl" in result.stderr and kind in result.stderr


@pytest.mark.parametrize("kind", SPECIAL, ids=list(SPECIAL))
def test_saving_to_a_special_log_is_refused_with_its_reason(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "data" / "sessions.jsonl"
    SPECIAL[kind](path)
    with pytest.raises(LogWriteError, match=kind):
        SessionLog(path).append(RECORD)


@pytest.mark.parametrize("kind", SPECIAL, ids=list(SPECIAL))
def test_importing_a_special_file_is_refused(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "other" / "sessions.jsonl"
    SPECIAL[kind](source)
    with pytest.raises(UserError, match=f"{kind}.*Nothing was imported"):
        SessionLog(tmp_path / "data" / "sessions.jsonl").merge_from(source)


@pytest.mark.parametrize("kind", SPECIAL, ids=list(SPECIAL))
def test_special_files_among_unfinished_sessions_are_passed_over(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    SPECIAL[kind](data / "unfinished" / "odd.json")
    SPECIAL[kind](data / "unfinished" / "odd.lock")
    assert describe_unfinished(data) is None
    assert claim_orphans(data) == ([], 0)
    assert cli(tmp_path, "--data-dir", str(data), "status").returncode == 0


async def test_the_app_starts_and_says_why_the_log_cannot_be_read(
    make_app: Callable[..., Any], paths: AppPaths
) -> None:
    make_fifo(paths.log_file)
    app = make_app()
    shown = watch_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in shown]
        assert any("sessions.jsonl" in m and "a named pipe" in m for m in messages), messages


def test_a_linked_log_is_appended_and_imported_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "sync" / "sessions.jsonl"
    real.parent.mkdir()
    link = tmp_path / "data" / "sessions.jsonl"
    link.parent.mkdir()
    link.symlink_to(real)
    log = SessionLog(link)
    log.append(make_record(RECORD.started, id="first"))
    other = tmp_path / "other.jsonl"
    other.write_bytes(encode_record(make_record(RECORD.started, id="theirs")))
    assert log.merge_from(other).imported == 1
    assert link.is_symlink() and link.resolve() == real
    assert [r.id for r in SessionLog(real).read_all().records] == ["first", "theirs"]


def test_an_atomic_write_replaces_the_linked_file_not_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text("bell = true\n")
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    atomic_write(link, b"bell = false\n")
    assert link.is_symlink() and real.read_text() == "bell = false\n"
    dangling = tmp_path / "config" / "plan.toml"
    dangling.symlink_to(tmp_path / "dotfiles" / "new" / "plan.toml")
    atomic_write(dangling, b"x")
    assert dangling.is_symlink() and dangling.read_bytes() == b"x"
    loop = tmp_path / "config" / "loop"
    make_loop(loop)
    with pytest.raises(OSError, match="symbolic links"):
        atomic_write(loop, b"x")
    assert loop.is_symlink()


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_folders_we_create_are_private_whatever_the_umask(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "a" / "b" / "sessions.jsonl")
    log.append(RECORD)
    log.amend("one", RECORD.started, note="x")
    claim_new(tmp_path / "c" / "d", "s").save({})
    for folder in ("a", "a/b", "c", "c/d", "c/d/unfinished"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder
    for name in ("a/b/sessions.jsonl", "a/b/notes.jsonl", "a/b/sessions.jsonl.lock"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name


def snapshot(folder: Path) -> list[tuple[str, int, int]]:
    return sorted(
        (str(p.relative_to(folder)), p.stat().st_mtime_ns, p.stat().st_size)
        for p in folder.rglob("*")
    )


@pytest.mark.parametrize(
    "command",
    [["status"], ["history"], ["history", "--csv"], ["plans"], ["paths"]],
    ids=lambda c: " ".join(c),
)
def test_read_only_commands_write_nothing(tmp_path: Path, command: list[str]) -> None:
    log = log_file(tmp_path)
    SessionLog(log).append(RECORD)
    SessionLog(log).amend("one", RECORD.started, note="later")
    claim = claim_new(log.parent, "unfinished-one")
    claim.save({"plan": "full-circuit", "round": 0, "index": 1})
    claim.release()
    claim.lock_file.unlink()  # as after a crash that took the lock file with it
    before = snapshot(tmp_path)
    result = cli(tmp_path, *command)
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path) == before
