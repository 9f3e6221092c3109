"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Settings and session state are small files a crash, a full disk or a power cut must not
truncate. We write a private temp file beside the target, flush it to disk, rename it
over the target and flush the directory so the rename itself survives.

``os.write`` and ``os.fsync`` are called through the ``os`` module on purpose: tests
monkeypatch them to simulate ENOSPC and EIO.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents, each new one readable only by the user.

    ``Path.mkdir(parents=True)`` ignores ``mode`` for the parents it creates, so we walk
    down from the first missing ancestor ourselves. Existing directories are left alone.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # another process created it meanwhile; that is fine
        os.chmod(directory, PRIVATE_DIR_MODE)  # the umask may have removed bits
    path.mkdir(parents=True, exist_ok=True)  # raises if path exists as a file


def atomic_write(path: Path, data: bytes, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace ``path`` with ``data`` so that the old content survives any failure.

    A symbolic link is written through: the file it points to is replaced, and the link
    stays a link (people keep settings in their dotfiles, linked into place). A loop of
    links raises OSError (ELOOP).
    """
    path = _through_links(path)
    ensure_private_dir(path.parent)
    temp = _create_temp(path)
    try:
        fd = os.open(temp, os.O_WRONLY)
        try:
            write_all(fd, data)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


def _through_links(path: Path) -> Path:
    """The file a link (or a chain of links) ends at; `path` itself when it is no link."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))  # a link to a file not made yet: make it there


def _create_temp(path: Path) -> Path:
    """Create a new, empty, private temp file next to ``path`` (never reusing one)."""
    while True:
        # os.urandom, not `secrets`: the same bytes, without importing `random` and
        # `hashlib` into every command that only reads.
        temp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            continue
        os.close(fd)
        return temp


def write_all(fd: int, data: bytes) -> None:
    """Write every byte: ``os.write`` may write fewer bytes than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "write made no progress")
        view = view[written:]


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a directory, which is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
