"""One line of ``sessions.jsonl``: how a record is written, read, and told from junk.

A line is readable when it is JSON that `check_record` (core/journal/record.py, the one
validator) accepts; anything else — a torn write, a newer app's record, a date out of
range — is an unreadable line: counted and named to the user, kept in the file, never
shown. Parsing is bounded: a line over `MAX_LINE_BYTES` is not parsed at all, and
nesting too deep for Python is caught, so no line can hang or crash a reader.

Text from the file enters here: `SessionRecord.from_checked` cleans a record's text
(`core.safe_text`), and a summary's names are cleaned once each (`_interned`).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from recovery_tui.core.journal.record import (
    CheckedRecord,
    RecordError,
    SessionRecord,
    check_record,
    parse_time,
)
from recovery_tui.core.journal.summaries import NOT_IN_LOG, SessionSummary
from recovery_tui.core.safe_text import clean_line

MAX_LINE_BYTES = 256 * 1024
"""The longest line read, and the longest record written: a full circuit is about
1.5 KB, so this leaves room for a long note and refuses only what no session is."""

_STARTED = b'"started":"'
"""The start time as the app writes it (values are escaped, so it cannot occur in one)."""


def encode_record(record: SessionRecord) -> bytes:
    """The record as one log line, newline included."""
    text = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def encode_entry(entry: dict[str, Any]) -> bytes:
    """Any journal entry (a notes.jsonl line) as one line, newline included."""
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def load_json(raw: bytes) -> Any:
    """The JSON value of one line; raises ValueError for anything unreadable or too long."""
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError("line too long")
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError as error:
        raise ValueError("nested too deeply") from error


def check_line(raw: bytes) -> CheckedRecord | None:
    """The validated record on one line, or None when the line is unreadable."""
    try:
        return check_record(load_json(raw))
    except (ValueError, RecordError, TypeError):
        return None


def parse_line(raw: bytes) -> SessionRecord | None:
    """The record on one line, its text cleaned, or None when the line is unreadable."""
    checked = check_line(raw)
    return None if checked is None else record_of(checked)


def record_of(checked: CheckedRecord) -> SessionRecord:
    return SessionRecord.from_checked(checked)


def summarize_line(raw: bytes, offset: int, names: dict[str, str]) -> SessionSummary | None:
    """The summary of one line, or None when the line is unreadable.

    `names` interns (and cleans once) plan ids and names, which repeat on nearly every line.
    """
    checked = check_line(raw)
    if checked is None:
        return None
    data = checked.data
    plan_name = data.get("plan_name", "")
    plan_name = plan_name if isinstance(plan_name, str) else ""
    return SessionSummary(
        id=clean_line(data["id"]),
        plan=_interned(names, data["plan"]),
        plan_name=_interned(names, plan_name),
        started=checked.started,
        ended=checked.ended,
        status=data["status"],
        rounds_completed=checked.rounds_completed,
        rounds_total=len(data.get("rounds", [])),
        offset=offset,
    )


def _interned(names: dict[str, str], text: str) -> str:
    found = names.get(text)
    if found is None:
        found = names[text] = clean_line(text)
    return found


def summarize_record(record: SessionRecord, offset: int = NOT_IN_LOG) -> SessionSummary:
    """The summary of a record already in memory (a session not saved yet, say)."""
    return SessionSummary(
        id=record.id,
        plan=record.plan,
        plan_name=record.plan_name,
        started=record.started,
        ended=record.ended,
        status=record.status,
        rounds_completed=record.rounds_completed,
        rounds_total=len(record.rounds),
        offset=offset,
    )


def started_of(raw: bytes) -> datetime | None:
    """When the record on this line started, or None when it is unreadable.

    Bisecting the log reads one line per probe and most lines are skipped, so a line as
    the app writes it gives its start without being parsed; whether it is readable is
    still decided by the one validator, when it is read.
    """
    at = raw.find(_STARTED)
    if at != -1 and raw.find(_STARTED, at + 1) == -1:
        begin = at + len(_STARTED)
        try:
            return parse_time(raw[begin : raw.find(b'"', begin)].decode())
        except (RecordError, UnicodeDecodeError):
            pass
    checked = check_line(raw)
    return None if checked is None else checked.started


def is_blank(raw: bytes) -> bool:
    return not raw.strip()


def describe_bad_lines(path: Path, bad_lines: list[int], *, shown: int = 10) -> str:
    """``sessions.jsonl: skipped 2 unreadable lines (3, 9)``, or "" when there are none."""
    if not bad_lines:
        return ""
    noun = "line" if len(bad_lines) == 1 else "lines"
    numbers = ", ".join(str(n) for n in bad_lines[:shown])
    if len(bad_lines) > shown:
        numbers += ", ..."
    return f"{path.name}: skipped {len(bad_lines)} unreadable {noun} ({numbers})"
