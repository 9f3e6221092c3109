"""`recovery-tui import FILE`: merge another machine's ``sessions.jsonl`` into ours.

The readers of the log (`tail_records`, `records_since`) assume it is roughly in start
order, so appending old sessions at the end would hide them. Instead the merge writes
one file in start order and swaps it in atomically, holding the lock appenders take, so
a session saved meanwhile waits and then lands in the new file.

What is kept, whatever happens:

- every line of our log byte for byte, records and unreadable lines alike; an
  unreadable line (a torn write, a newer app's record) travels with the record before
  it, so a newer app still finds its own records where it left them;
- on a clash of ids our record wins: a session is never replaced by another copy.

Nothing new to add means nothing is written, so a second import leaves the file
byte-identical. Unreadable lines of the other file are counted and skipped; that file
is only read.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from recovery_tui.core.atomic import atomic_write
from recovery_tui.core.errors import UserError
from recovery_tui.core.log import locked_log, parse_line
from recovery_tui.core.record import SessionRecord


@dataclass
class _Block:
    """A readable record's line and the unreadable lines that followed it in the file."""

    record: SessionRecord | None
    """None only for unreadable lines before the first readable record."""
    lines: list[bytes]


@dataclass
class _Parsed:
    blocks: list[_Block] = field(default_factory=list)
    bad_lines: int = 0


@dataclass(frozen=True)
class MergeResult:
    """What an import did, for the report line."""

    source: Path
    target: Path
    imported: int
    already_present: int
    skipped_lines: int
    """Unreadable lines of the source, not imported."""
    kept_bad_lines: int
    """Unreadable lines of the target, kept in place by a rewrite."""

    def describe(self) -> str:
        """``other.jsonl: imported 12 sessions, 30 already present, 2 unreadable lines skipped``."""
        parts = [
            f"imported {_plural(self.imported, 'session')}",
            f"{self.already_present} already present",
        ]
        if self.skipped_lines:
            parts.append(f"{_plural(self.skipped_lines, 'unreadable line')} skipped")
        text = f"{self.source.name}: " + ", ".join(parts)
        if self.kept_bad_lines:
            lines = _plural(self.kept_bad_lines, "unreadable line")
            text += f"; {lines} of {self.target.name} kept as they were"
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _parse(data: bytes) -> _Parsed:
    """Split a log into blocks; blank lines carry nothing and are dropped."""
    parsed = _Parsed()
    for raw in data.split(b"\n"):
        line = raw.strip()
        if not line:
            continue
        record = parse_line(line)
        if record is not None:
            parsed.blocks.append(_Block(record, [line]))
            continue
        parsed.bad_lines += 1
        if parsed.blocks:
            parsed.blocks[-1].lines.append(line)
        else:
            parsed.blocks.append(_Block(None, [line]))
    return parsed


def _sort_key(block: _Block) -> tuple[int, datetime | None]:
    """Leading unreadable lines stay first; the rest by start time (the sort is stable)."""
    return (0, None) if block.record is None else (1, block.record.started)


MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""Far beyond any real log (20,000 sessions are about 30 MB); stops `/dev/zero` and the like."""


def _read(path: Path, what: str) -> bytes:
    try:
        if what != "log":
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise UserError(
                    f"Cannot import {path}: it is not a regular file. Nothing was imported."
                )
            if info.st_size > MAX_IMPORT_BYTES:
                raise UserError(
                    f"Cannot import {path}: it is larger than a session log can be. "
                    "Nothing was imported."
                )
        return path.read_bytes()
    except FileNotFoundError:
        if what == "log":
            return b""
        raise UserError(f"Cannot import {path}: there is no such file.") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(f"Cannot read {path}: {reason}. Nothing was imported.") from None


def merge_sessions(log_file: Path, other: Path) -> MergeResult:
    """Merge `other` into `log_file` by session id; see the module docstring."""
    incoming = _parse(_read(other, "session file"))
    if incoming.bad_lines and not any(block.record for block in incoming.blocks):
        raise UserError(
            f"{other}: no session records found (expected a recovery-tui sessions.jsonl); "
            "nothing was imported."
        )
    try:
        with locked_log(log_file):
            return _merge_locked(log_file, other, incoming)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(f"Could not write {log_file}: {reason}. Nothing was changed.") from None


def _merge_locked(log_file: Path, other: Path, incoming: _Parsed) -> MergeResult:
    ours = _parse(_read(log_file, "log"))
    known = {b.record.id for b in ours.blocks if b.record is not None}
    new: list[_Block] = []
    for block in incoming.blocks:
        if block.record is None or block.record.id in known:
            continue
        known.add(block.record.id)
        new.append(_Block(block.record, block.lines[:1]))
    readable = sum(1 for b in incoming.blocks if b.record is not None)
    if new:
        blocks = sorted(ours.blocks + new, key=_sort_key)
        atomic_write(log_file, b"".join(line + b"\n" for b in blocks for line in b.lines))
    return MergeResult(
        source=other,
        target=log_file,
        imported=len(new),
        already_present=readable - len(new),
        skipped_lines=incoming.bad_lines,
        kept_bad_lines=ours.bad_lines if new else 0,
    )


def merge_logs(log_file: Path, other: Path) -> str:
    """Merge `other` into `log_file`; the one-line report for the user."""
    return merge_sessions(log_file, other).describe()
