"""atomic_write: the old file survives a full disk, an I/O error or a failed rename."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from recovery_tui.core.atomic import atomic_write, ensure_private_dir

OLD = b"rest_seconds = 20\n"
NEW = b"rest_seconds = 45\nbell = false\n"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_writes_a_new_file_readable_only_by_the_user(tmp_path: Path) -> None:
    old_umask = os.umask(0)  # even a permissive umask must not widen the mode
    try:
        atomic_write(tmp_path / "settings.toml", NEW)
    finally:
        os.umask(old_umask)
    assert (tmp_path / "settings.toml").read_bytes() == NEW
    assert mode_of(tmp_path / "settings.toml") == 0o600


def test_replaces_an_existing_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(OLD)
    atomic_write(path, NEW)
    assert path.read_bytes() == NEW
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_a_requested_mode_is_applied(tmp_path: Path) -> None:
    atomic_write(tmp_path / "shared.txt", NEW, mode=0o644)
    assert mode_of(tmp_path / "shared.txt") == 0o644


def test_creates_missing_parent_directories_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "recovery-tui" / "settings.toml"
    atomic_write(path, NEW)
    assert path.read_bytes() == NEW
    assert mode_of(tmp_path / "config") == 0o700
    assert mode_of(tmp_path / "config" / "recovery-tui") == 0o700


def test_ensure_private_dir_leaves_existing_directories_alone(tmp_path: Path) -> None:
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    ensure_private_dir(existing / "mine")
    assert mode_of(existing) == 0o755
    assert mode_of(existing / "mine") == 0o700


def test_ensure_private_dir_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "taken").write_bytes(b"")
    with pytest.raises(OSError):
        ensure_private_dir(tmp_path / "taken")


def _fail(code: int) -> Callable[..., int]:
    def failing(*args: object) -> int:
        raise OSError(code, os.strerror(code))

    return failing


@pytest.mark.parametrize(
    ("function", "code"),
    [
        ("write", errno.ENOSPC),
        ("write", errno.EIO),
        ("fsync", errno.ENOSPC),
        ("fsync", errno.EIO),
        ("replace", errno.EACCES),
        ("fchmod", errno.EPERM),
    ],
)
def test_a_failure_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, code: int
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(OLD)
    monkeypatch.setattr(os, function, _fail(code))
    with pytest.raises(OSError) as caught:
        atomic_write(path, NEW)
    monkeypatch.undo()
    assert caught.value.errno == code
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_a_failure_on_a_new_file_leaves_no_file_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", _fail(errno.ENOSPC))
    with pytest.raises(OSError):
        atomic_write(tmp_path / "settings.toml", NEW)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_short_writes_are_continued_until_every_byte_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    atomic_write(tmp_path / "settings.toml", NEW)
    monkeypatch.undo()
    assert (tmp_path / "settings.toml").read_bytes() == NEW


def test_a_write_that_makes_no_progress_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(OLD)
    monkeypatch.setattr(os, "write", lambda fd, data: 0)
    with pytest.raises(OSError) as caught:
        atomic_write(path, NEW)
    monkeypatch.undo()
    assert caught.value.errno == errno.EIO
    assert path.read_bytes() == OLD
    assert os.listdir(tmp_path) == ["settings.toml"]


def test_empty_data_writes_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(OLD)
    atomic_write(path, b"")
    assert path.read_bytes() == b""
