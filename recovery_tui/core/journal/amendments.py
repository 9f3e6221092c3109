"""What is added to a session after it was logged: ``notes.jsonl`` beside the session log.

A session is in the log the moment it ends; its after-session heel check and its note,
and any note edited later, come after. The log is appended to, never edited, and older
apps count any line that is not a session as unreadable, so these go to their own file,
one ``{"id": ..., "at": ..., "note": ...}`` (and/or ``"check_after": 4``) per line. For
each field the newest line wins. A record's own note and check are only the start:
readers lay the amendments over them (`Amendment.apply`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from recovery_tui.core.journal.lines import encode_entry, load_json
from recovery_tui.core.journal.record import EARLIEST, RecordError, SessionRecord, parse_time
from recovery_tui.core.safe_text import clean, clean_line
from recovery_tui.core.scale import score

NOTES_FILE_NAME = "notes.jsonl"

UNSET: Any = object()
"""A field an amendment does not change (None is a value: the check taken back)."""


@dataclass(frozen=True, slots=True)
class Amendment:
    """The latest later word on one session: its note and after-check, if ever amended."""

    at: datetime = EARLIEST
    note: str | None = None
    """None when no line changed the note (an empty note is a note removed)."""
    check_after: int | None = UNSET

    def apply(self, record: SessionRecord) -> SessionRecord:
        """The record with this amendment laid over it; `record` is not changed."""
        changes: dict[str, Any] = {}
        if self.note is not None:
            changes["note"] = self.note
        if self.check_after is not UNSET:
            changes["check_after"] = self.check_after
        return dataclasses.replace(record, **changes) if changes else record

    def then(self, later: Amendment) -> Amendment:
        """This amendment with a later one laid over it, field by field."""
        return Amendment(
            at=max(self.at, later.at),
            note=self.note if later.note is None else later.note,
            check_after=self.check_after if later.check_after is UNSET else later.check_after,
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of notes.jsonl, checked."""

    session_id: str
    amendment: Amendment


def encode(session_id: str, at: datetime, *, note: str | None, check_after: int | None) -> bytes:
    """A notes.jsonl line; `check_after` is left out when it is `UNSET`."""
    entry: dict[str, Any] = {"id": session_id, "at": at.isoformat(timespec="seconds")}
    if note is not None:
        entry["note"] = note
    if check_after is not UNSET:
        entry["check_after"] = check_after
    return encode_entry(entry)


def parse(raw: bytes) -> Entry | None:
    """The entry on one notes.jsonl line, or None when the line is not one we can use."""
    try:
        data = load_json(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    note, check = data.get("note"), data.get("check_after", UNSET)
    if note is not None and not isinstance(note, str):
        return None
    if check is not UNSET and check is not None and score(check) is None:
        return None
    if note is None and check is UNSET:
        return None
    try:
        at = parse_time(data["at"]) if isinstance(data.get("at"), str) else EARLIEST
    except RecordError:
        at = EARLIEST
    note = None if note is None else clean(note)  # cleaned where it enters
    return Entry(clean_line(data["id"]), Amendment(at, note, check))


def overlay(amendments: dict[str, Amendment], entry: Entry) -> None:
    """Lay `entry` over what is known of its session (entries read oldest first)."""
    known = amendments.get(entry.session_id)
    amendments[entry.session_id] = entry.amendment if known is None else known.then(entry.amendment)
