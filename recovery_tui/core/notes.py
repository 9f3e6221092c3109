"""Notes added to a session after it was logged: ``notes.jsonl`` beside the session log.

The session log is appended to, never edited, and older apps count any line that is not
a session as unreadable; so a note written later goes to its own file, one
``{"id": ..., "note": ..., "at": ...}`` per line, and the last line for an id wins.
Readers lay the notes over the records (`apply_notes`); a note written at the end of a
session lives in the record itself and is only replaced by a later note here.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from recovery_tui.core.errors import UserError
from recovery_tui.core.log import locked_log
from recovery_tui.core.record import SessionRecord
from recovery_tui.core.safe_text import clean, clean_line

NOTES_FILE_NAME = "notes.jsonl"


def notes_path(log_file: Path) -> Path:
    """The notes file beside `log_file`."""
    return log_file.with_name(NOTES_FILE_NAME)


def append_note(path: Path, session_id: str, note: str, now: datetime) -> None:
    """Record `note` (possibly empty: the note removed) for a session; raises UserError."""
    entry = {"id": session_id, "note": note, "at": now.isoformat(timespec="seconds")}
    line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        with locked_log(path):
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                torn = size and os.pread(fd, 1, size - 1) != b"\n"
                os.write(fd, (b"\n" if torn else b"") + line + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(f"Could not save the note to {path}: {reason}.") from None


def read_notes(path: Path) -> dict[str, str]:
    """Session id -> latest note; unreadable lines are skipped (a note is not worth a crash)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    notes: dict[str, str] = {}
    for raw in data.split(b"\n"):
        try:
            entry = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            continue
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("id"), str)
            and isinstance(entry.get("note"), str)
        ):
            notes[clean_line(entry["id"])] = clean(entry["note"])  # cleaned where it enters
    return notes


def apply_notes(records: Iterable[SessionRecord], notes: dict[str, str]) -> list[SessionRecord]:
    """The records with later notes laid over them; the records passed in are not changed."""
    return [dataclasses.replace(r, note=notes[r.id]) if r.id in notes else r for r in records]
