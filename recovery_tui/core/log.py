"""The session log: ``sessions.jsonl``, one session record per line, appended to.

Appending a whole line with one ``write``, under a lock shared with `merge`, keeps the
file readable even when two app instances save at once or the machine dies mid-write.
Only `import` (core/merge.py) ever replaces the file, atomically and under the same
lock. Reading is forgiving: a line that cannot be understood is reported by number and
skipped, never rewritten, so a newer app's records or a crash's torn line cost nothing
else.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

from recovery_tui.core.errors import UserError
from recovery_tui.core.record import RecordError, SessionRecord

BLOCK_SIZE = 64 * 1024
"""How much of the file the backward readers take at a time."""

DISORDER_SLACK = timedelta(days=1)
"""How far out of order records may be before `records_since` stops looking."""

_HINTS = {
    errno.ENOSPC: "the disk is full; free some space and finish a session again",
    errno.EDQUOT: "the disk quota is used up; free some space",
    errno.EROFS: "the file system is read-only; choose another --data-dir",
    errno.EACCES: "check the permissions of the file and its folder, or use --data-dir",
    errno.EPERM: "check the permissions of the file and its folder, or use --data-dir",
}


class LogWriteError(UserError):
    """The session could not be saved to the log."""


class LogReadError(UserError):
    """The log exists but could not be read at all (permissions, a folder in its place...)."""


@dataclass
class LogReadResult:
    """The records that could be read, and the 1-based numbers of the lines that could not."""

    records: list[SessionRecord] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)
    path: Path | None = None
    """The file that was read; names it in `messages`."""

    def describe_bad_lines(self, path: Path | None = None) -> str:
        """``sessions.jsonl: skipped 2 unreadable lines (3, 9)``, or "" when all were read."""
        return describe_bad_lines(path or self.path or Path("sessions.jsonl"), self.bad_lines)

    def messages(self) -> list[str]:
        """Notes for the user about skipped lines: empty when every line was read."""
        text = self.describe_bad_lines()
        return [text] if text else []


def describe_bad_lines(path: Path, bad_lines: list[int], *, shown: int = 10) -> str:
    """``sessions.jsonl: skipped 2 unreadable lines (3, 9)``, or "" when there are none."""
    if not bad_lines:
        return ""
    noun = "line" if len(bad_lines) == 1 else "lines"
    numbers = ", ".join(str(n) for n in bad_lines[:shown])
    if len(bad_lines) > shown:
        numbers += ", ..."
    return f"{path.name}: skipped {len(bad_lines)} unreadable {noun} ({numbers})"


def encode_record(record: SessionRecord) -> bytes:
    """The record as one log line, newline included."""
    text = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def lock_path(path: Path) -> Path:
    """The lock file beside the log: ``sessions.jsonl.lock``."""
    return path.with_name(path.name + ".lock")


@contextmanager
def locked_log(path: Path) -> Iterator[None]:
    """Hold the log's exclusive lock; raises OSError when the lock file cannot be opened.

    The lock is a separate file, not the log itself, because `merge` replaces the log
    with a new file: a writer that had locked the old file would append to a file no
    longer in place. Writers open the log only once they hold this lock.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing also releases the lock


def append_record(path: Path, record: SessionRecord) -> None:
    """Append one record as one line, durably, under the log's exclusive lock.

    Raises `LogWriteError` naming the file and the reason; the file is never left
    with a part of this record in it.
    """
    line = encode_record(record)
    try:
        with locked_log(path):
            # Read access is only used to look at the last byte for a torn line.
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                _append_locked(fd, line)
            finally:
                os.close(fd)
    except OSError as error:
        raise _write_error(path, error) from error


def _append_locked(fd: int, line: bytes) -> None:
    """Write `line` at the end; on failure cut the file back to where it was."""
    from recovery_tui.core.atomic import write_all  # only writers need it; start-up does not

    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        line = b"\n" + line  # keep a torn last line from swallowing this record
    try:
        write_all(fd, line)  # one os.write for the whole line; loops only on a short write
        os.fsync(fd)
    except OSError:
        _truncate_quietly(fd, size)
        raise


def _truncate_quietly(fd: int, size: int) -> None:
    """Undo a partial write; the original error is the one worth reporting."""
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass


def _write_error(path: Path, error: OSError) -> LogWriteError:
    reason = error.strerror or str(error)
    hint = _HINTS.get(error.errno or 0)
    text = f"Could not save the session to {path}: {reason}"
    return LogWriteError(f"{text} ({hint})." if hint else f"{text}.")


def parse_line(raw: bytes) -> SessionRecord | None:
    """The record on one line, or None when the line is not a readable record."""
    try:
        return SessionRecord.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, RecordError, RecursionError, TypeError):
        return None


def _is_blank(raw: bytes) -> bool:
    return not raw.strip()


def read_log(path: Path) -> LogReadResult:
    """Every readable record, sorted by start time; unreadable lines are counted, not fatal."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LogReadResult(path=path)
    except OSError as error:
        raise _read_error(path, error) from error
    result = LogReadResult(path=path)
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if _is_blank(raw):
            continue
        record = parse_line(raw)
        if record is None:
            result.bad_lines.append(number)
        else:
            result.records.append(record)
    result.records.sort(key=lambda r: r.started)
    return result


def _lines_backwards(path: Path, block_size: int = BLOCK_SIZE) -> Iterator[bytes]:
    """The file's lines from last to first; a missing file has none."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        for _offset, line in lines_backwards(handle, block_size):
            yield line


def lines_backwards(handle: IO[bytes], block_size: int = BLOCK_SIZE) -> Iterator[tuple[int, bytes]]:
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


def _records_backwards(path: Path) -> Iterator[SessionRecord]:
    """Readable records from the end of the file; unreadable lines are skipped."""
    try:
        for raw in _lines_backwards(path):
            if not _is_blank(raw) and (record := parse_line(raw)) is not None:
                yield record
    except OSError as error:
        raise _read_error(path, error) from error


def _read_error(path: Path, error: OSError) -> LogReadError:
    reason = error.strerror or str(error)
    return LogReadError(f"Could not read the session log {path}: {reason}.")


def tail_records(path: Path, count: int) -> list[SessionRecord]:
    """The last `count` readable records, in start order, without reading the whole file."""
    found: list[SessionRecord] = []
    if count > 0:
        for record in _records_backwards(path):
            found.append(record)
            if len(found) == count:
                break
    found.reverse()
    found.sort(key=lambda r: r.started)
    return found


def records_since(path: Path, since: datetime) -> list[SessionRecord]:
    """Records started at or after `since`, in start order, read from the end of the file.

    Records are appended roughly in time order, so the search stops at the first one
    older than `since` by more than `DISORDER_SLACK`. A naive `since` is local time.
    """
    if since.tzinfo is None:
        since = since.astimezone()
    found: list[SessionRecord] = []
    stop_before = since - DISORDER_SLACK
    for record in _records_backwards(path):
        if record.started < stop_before:
            break
        if record.started >= since:
            found.append(record)
    found.reverse()
    found.sort(key=lambda r: r.started)
    return found
