"""The journal's files on disk: opened safely, read from the end, appended under a lock.

Every file here may be something else than we left it: a named pipe, a device, a folder
or a symbolic-link loop in its place. Opening with ``O_NONBLOCK`` never waits for a pipe's
writer, and `open_regular` refuses anything but a regular file before a byte is read,
so a FIFO never blocks and ``/dev/zero`` never fills the memory.

Appends are one ``os.write`` of a whole line, under an ``flock`` on a lock file beside
the file (``sessions.jsonl.lock``), then ``fsync``. A failed write is cut back. A crash
in the middle of a write can still leave a torn last line: readers count it as
unreadable, and the next append starts on a new line so the torn one never swallows it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from recovery_tui.core.errors import UserError

BLOCK_SIZE = 64 * 1024
"""How much of the file the backward readers take at a time."""

_HINTS = {
    errno.ENOSPC: "the disk is full; free some space and finish a session again",
    errno.EDQUOT: "the disk quota is used up; free some space",
    errno.EROFS: "the file system is read-only; choose another --data-dir",
    errno.EACCES: "check the permissions of the file and its folder, or use --data-dir",
    errno.EPERM: "check the permissions of the file and its folder, or use --data-dir",
    errno.ELOOP: "a symbolic link points (in the end) back to itself; fix or remove it",
}

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class LogWriteError(UserError):
    """The session (or note) could not be saved to the journal."""


class LogReadError(UserError):
    """A journal file exists but could not be read at all."""


class NotRegularFile(OSError):
    """A path that holds a pipe, a device, a folder...: never read, never waited on."""


def reason(error: OSError) -> str:
    """Why an operation failed, in words, with a hint when there is a usual fix."""
    text = error.strerror or str(error)
    hint = _HINTS.get(error.errno or 0)
    return f"{text} ({hint})" if hint else text


def open_regular(path: Path, *, flags: int = os.O_RDONLY, mode: int = 0o600) -> int:
    """A descriptor on `path` if it is a regular file; raises `NotRegularFile` or OSError.

    Symbolic links are followed (a log kept elsewhere through a link is fine); a loop of
    them fails with ELOOP.
    """
    fd = os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            what = next((name for test, name in _KINDS if test(kind)), "not a regular file")
            raise NotRegularFile(errno.EINVAL, f"it is {what}, not a regular file")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_for_reading(path: Path, *, buffering: int = -1) -> BinaryIO | None:
    """`path` opened for reading in binary, or None when there is no such file."""
    try:
        fd = open_regular(path)
    except FileNotFoundError:
        return None
    return os.fdopen(fd, "rb", buffering=buffering)


def read_error(path: Path, error: OSError, what: str = "the session log") -> LogReadError:
    return LogReadError(f"Could not read {what} {path}: {reason(error)}.")


def lines_backwards(handle: BinaryIO, block_size: int = BLOCK_SIZE) -> Iterator[tuple[int, bytes]]:
    """(offset, line) from the last line to the first, reading blocks from the end.

    Pieces of a long line are joined once, when its start is found, so even a huge
    junk line costs linear time.
    """
    position = handle.seek(0, os.SEEK_END)
    pieces: list[bytes] = []
    while position > 0:
        step = min(block_size, position)
        position -= step
        handle.seek(position)
        chunk = handle.read(step)
        end = len(chunk)
        newline = chunk.rfind(b"\n", 0, end)
        while newline != -1:
            pieces.append(chunk[newline + 1 : end])
            yield position + newline + 1, b"".join(reversed(pieces))
            pieces = []
            end = newline
            newline = chunk.rfind(b"\n", 0, end)
        pieces.append(chunk[:end])
    yield 0, b"".join(reversed(pieces))


SEARCH_BLOCK = 256 * 1024
"""How much of a file `lines_containing` holds at a time."""


def lines_containing(
    handle: BinaryIO, needle: bytes, limit: int, block_size: int = SEARCH_BLOCK
) -> Iterator[bytes]:
    """The lines (without their newline) in which `needle` appears, a block at a time.

    A byte search of each block, so a big log costs one block of memory: mapping the file
    instead made every page of it resident (28 MB at 20,000 sessions) for each session
    saved. A line longer than `limit` is skipped: no reader can take it anyway.
    """
    rest = b""
    skipping = False  # inside a line longer than `limit`: dropped up to its newline
    while block := handle.read(block_size):
        if skipping:
            newline = block.find(b"\n")
            if newline == -1:
                continue
            block, skipping = block[newline + 1 :], False
        data = rest + block
        last = data.rfind(b"\n")
        if last != -1:
            yield from _matches(data, needle, last + 1)
        rest = data[last + 1 :]
        if len(rest) > limit:
            rest, skipping = b"", True
    if rest:
        yield from _matches(rest, needle, len(rest))


def _matches(data: bytes, needle: bytes, end: int) -> Iterator[bytes]:
    """The lines of `data[:end]` (whole lines) in which `needle` appears."""
    at = data.find(needle, 0, end)
    while at != -1:
        start = data.rfind(b"\n", 0, at) + 1
        stop = data.find(b"\n", at, end)
        stop = end if stop == -1 else stop
        yield data[start:stop]
        at = data.find(needle, stop, end)


def lock_path(path: Path) -> Path:
    """The lock file beside a journal file: ``sessions.jsonl.lock``."""
    return path.with_name(path.name + ".lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold `path`'s exclusive lock; raises OSError when the lock file cannot be opened.

    The lock is a separate file, not the file itself, because `import` replaces the file:
    a writer that had locked the old one would append to a file no longer in place.
    Writers open the file only once they hold this lock.
    """
    from recovery_tui.core.atomic import ensure_private_dir

    ensure_private_dir(path.parent)
    fd = open_regular(lock_path(path), flags=os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing also releases the lock


def append_locked(path: Path, line: bytes) -> None:
    """Append `line` (newline included) durably; the caller holds `locked(path)`.

    Raises OSError; on failure the file is cut back to where it was.
    """
    from recovery_tui.core.atomic import write_all  # only writers need it

    # Read access is only used to look at the last byte for a torn line.
    fd = open_regular(path, flags=os.O_RDWR | os.O_APPEND | os.O_CREAT)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # keep a torn last line from swallowing this one
        try:
            write_all(fd, line)  # one os.write for the whole line; loops only on a short write
            os.fsync(fd)
        except OSError:
            _truncate_quietly(fd, size)
            raise
    finally:
        os.close(fd)


def _truncate_quietly(fd: int, size: int) -> None:
    """Undo a partial write; the original error is the one worth reporting."""
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass


def read_whole(path: Path, limit: int) -> bytes | None:
    """All of a regular file up to `limit` bytes, or None when missing; raises OSError."""
    handle = open_for_reading(path)
    if handle is None:
        return None
    with handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise OSError(errno.EFBIG, f"it is larger than {limit // (1024 * 1024)} MB")
        return handle.read(limit + 1)[:limit]
