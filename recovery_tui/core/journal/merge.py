"""`recovery-tui import FILE`: merge another machine's journal into ours, by session id.

The readers of the log assume it is roughly in start order, so appending old sessions at
the end would hide them. Instead the merge writes one file in start order and swaps it
in atomically (through a symbolic link, if the log is one), holding the lock appenders
take, so a session saved meanwhile waits and then lands in the new file.

What is kept, whatever happens:

- every line of our log byte for byte — records, unreadable lines, blank lines, a CR
  before the newline, a form feed — each travelling with the record before it, so a
  newer app still finds its own lines where it left them. The one byte ever added is
  a newline after a last line that had none (a torn write), so a record can follow it;
- on a clash of ids our record wins: a session is never replaced by another copy.

A record from the other file is written as its line with surrounding white space
(a CR, spaces) trimmed. Its unreadable and blank lines are counted and skipped.

The other machine's later notes (the notes.jsonl beside FILE, or `notes`) come too:
every entry we do not have is added, and the file is put in the order the entries were
made (lines that cannot be dated first), so for each session the newest edit wins,
whichever machine made it. Our entries are kept byte for byte.

Nothing new to add means nothing is written, so a second import leaves both files
byte-identical. The other files are only read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui.core.atomic import atomic_write
from recovery_tui.core.errors import UserError
from recovery_tui.core.journal import amendments
from recovery_tui.core.journal.files import NotRegularFile, locked, read_whole, reason
from recovery_tui.core.journal.lines import check_line, is_blank
from recovery_tui.core.journal.record import EARLIEST

if TYPE_CHECKING:
    from recovery_tui.core.journal.session_log import SessionLog

MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""Far beyond any real log (20,000 sessions are about 30 MB)."""


@dataclass
class _Block:
    """A readable record's line and the lines that followed it up to the next record."""

    session_id: str | None
    """None only for the lines before the first readable record."""
    started: datetime
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
    notes_imported: int = 0

    def describe(self) -> str:
        """``other.jsonl: imported 12 sessions, 30 already present, 2 unreadable lines skipped``."""
        parts = [
            f"imported {_plural(self.imported, 'session')}",
            f"{self.already_present} already present",
        ]
        if self.notes_imported:
            parts.append(f"{_plural(self.notes_imported, 'later note')} added")
        if self.skipped_lines:
            parts.append(f"{_plural(self.skipped_lines, 'unreadable line')} skipped")
        text = f"{self.source.name}: " + ", ".join(parts)
        if self.kept_bad_lines:
            lines = _plural(self.kept_bad_lines, "unreadable line")
            text += f"; {lines} of {self.target.name} kept as they were"
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _parse(data: bytes, *, ours: bool) -> _Parsed:
    """Split a log into blocks; our lines are kept exactly, the other file's trimmed."""
    parsed = _Parsed()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline that ends the last line
    for raw in lines:
        checked = check_line(raw)
        if checked is not None:
            line = raw if ours else raw.strip()
            parsed.blocks.append(_Block(checked.data["id"], checked.started, [line]))
            continue
        if is_blank(raw):
            if ours:
                _keep(parsed, raw)
            continue
        parsed.bad_lines += 1
        if ours:
            _keep(parsed, raw)
    return parsed


def _keep(parsed: _Parsed, raw: bytes) -> None:
    """A line that is not a record stays with the record before it."""
    if parsed.blocks:
        parsed.blocks[-1].lines.append(raw)
    else:
        parsed.blocks.append(_Block(None, EARLIEST, [raw]))


def _sort_key(block: _Block) -> tuple[int, datetime]:
    """Leading lines stay first; the rest by start time (the sort is stable)."""
    return (0, EARLIEST) if block.session_id is None else (1, block.started)


def _read(path: Path, *, missing_ok: bool) -> bytes:
    try:
        data = read_whole(path, MAX_IMPORT_BYTES)
    except NotRegularFile as error:
        raise UserError(f"Cannot import {path}: {error.strerror}. Nothing was imported.") from None
    except OSError as error:
        raise UserError(f"Cannot read {path}: {reason(error)}. Nothing was imported.") from None
    if data is None:
        if missing_ok:
            return b""
        raise UserError(f"Cannot import {path}: there is no such file.")
    return data


def merge_into(log: SessionLog, other: Path, notes: Path | None = None) -> MergeResult:
    """Merge `other` (and its notes) into `log` by session id; see the module docstring."""
    data = _read(other, missing_ok=False)
    notes_file = notes or other.with_name(amendments.NOTES_FILE_NAME)
    their_notes = b"" if notes_file == log.notes_path else _read(notes_file, missing_ok=True)
    return merge_data(log, data, other, their_notes)


def merge_data(log: SessionLog, data: bytes, source: Path, notes: bytes = b"") -> MergeResult:
    """Merge a journal given as bytes (from a pipe, say: `import -`); `source` names it.

    Nothing is read but `data` and `notes` (the other machine's notes.jsonl, if any).
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise UserError(f"Cannot import {source}: it is larger than a session log can be.")
    incoming = _parse(data, ours=False)
    if incoming.bad_lines and not incoming.blocks:
        raise UserError(
            f"{source}: no session records found (expected a recovery-tui sessions.jsonl); "
            "nothing was imported."
        )
    other, their_notes = source, notes
    try:
        with locked(log.path), locked(log.notes_path):
            result = _merge_locked(log, other, incoming)
            added = _merge_notes(log.notes_path, their_notes)
    except OSError as error:
        raise UserError(
            f"Could not write {log.path}: {reason(error)}. Nothing was changed."
        ) from None
    return dataclasses.replace(result, notes_imported=added)


def _merge_locked(log: SessionLog, other: Path, incoming: _Parsed) -> MergeResult:
    ours = _parse(_read(log.path, missing_ok=True), ours=True)
    known = {b.session_id for b in ours.blocks if b.session_id is not None}
    new: list[_Block] = []
    for block in incoming.blocks:
        if block.session_id is None or block.session_id in known:
            continue
        known.add(block.session_id)
        new.append(block)
    if new:
        blocks = sorted(ours.blocks + new, key=_sort_key)
        atomic_write(log.path, b"".join(line + b"\n" for b in blocks for line in b.lines))
    return MergeResult(
        source=other,
        target=log.path,
        imported=len(new),
        already_present=len(incoming.blocks) - len(new),
        skipped_lines=incoming.bad_lines,
        kept_bad_lines=ours.bad_lines if new else 0,
    )


def _merge_notes(path: Path, theirs: bytes) -> int:
    """Add the entries of `theirs` we do not have; ours stay byte for byte, in time order."""
    if not theirs.strip():
        return 0
    data = _read(path, missing_ok=True)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    seen = {_entry_key(raw) for raw in lines}
    new: list[bytes] = []
    for raw in theirs.split(b"\n"):
        key = _entry_key(raw)
        if key is not None and key not in seen:
            seen.add(key)
            new.append(raw.strip())
    if not new:
        return 0
    merged = sorted(((_when(raw), n, raw) for n, raw in enumerate(lines + new)))
    atomic_write(path, b"".join(raw + b"\n" for _when_, _n, raw in merged))
    return len(new)


def _entry_key(raw: bytes) -> tuple[object, ...] | None:
    """What makes two notes.jsonl entries the same edit; None for an unusable line."""
    entry = None if is_blank(raw) else amendments.parse(raw)
    if entry is None:
        return None
    change = entry.amendment
    check = None if change.check_after is amendments.UNSET else ("check", change.check_after)
    return (entry.session_id, change.at, change.note, check)


def _when(raw: bytes) -> datetime:
    """When an entry was made, for ordering; lines that are not entries keep their place
    among the oldest, as they cannot be dated."""
    entry = None if is_blank(raw) else amendments.parse(raw)
    return EARLIEST if entry is None else entry.amendment.at
