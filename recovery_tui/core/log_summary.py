"""One small summary per session: what a list of the whole history needs, and no more.

A full `SessionRecord` of the circuit is about forty Python objects. Twenty thousand
of them take over 100 MB, and while they are built the garbage collector walks them all
again and again, 100-200 ms at a time with the GIL held, so the UI freezes even though
the log is read in a thread. A list of sessions needs only a few fields of each, so a
`SessionSummary` keeps those plus where its line starts in the file, and a `SummaryList`
stores them as columns of numbers (about 60 bytes a session). The full record of the one
session being looked at is read from there (`read_record_at`, `read_records`); the
newest sessions can be listed from the end of the file alone (`tail_summaries`).

A line counts as unreadable here when its top-level fields are wrong, exactly as for
`read_log`; a line whose exercises are broken still lists, and `read_record_at` then
returns None for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from recovery_tui.core.log import BLOCK_SIZE, LogReadError, lines_backwards, parse_line
from recovery_tui.core.record import SCHEMA_VERSION, SessionRecord
from recovery_tui.core.safe_text import clean_line
from recovery_tui.core.summary_list import NOT_IN_LOG, SessionSummary, SummaryList

__all__ = [
    "NOT_IN_LOG",
    "SessionSummary",
    "SummaryList",
    "SummaryReadResult",
    "read_record_at",
    "read_records",
    "read_summaries",
    "summarize_line",
    "summarize_record",
    "tail_summaries",
]

READ_BUFFER = 1024 * 1024
"""Bytes read at a time when streaming the whole log (see `read_summaries`)."""


@dataclass
class SummaryReadResult:
    """The summaries in start order, and the 1-based numbers of unreadable lines."""

    summaries: SummaryList = field(default_factory=SummaryList)
    bad_lines: list[int] = field(default_factory=list)


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


def summarize_line(raw: bytes, offset: int, names: dict[str, str]) -> SessionSummary | None:
    """The summary of one log line, or None when `read_log` would skip the line.

    `names` interns plan ids and names, which repeat on nearly every line.
    """
    try:
        return _summary(json.loads(raw.decode("utf-8")), offset, names)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _summary(data: dict[str, Any], offset: int, names: dict[str, str]) -> SessionSummary | None:
    if data.get("schema") != SCHEMA_VERSION or data.get("status") not in ("completed", "partial"):
        return None
    texts = [data["id"], data["plan"], data["started"], data["ended"]]
    plan_name = data.get("plan_name", "")
    rounds = data.get("rounds", [])
    if not all(isinstance(t, str) for t in texts) or not _valid_extras(data, rounds):
        return None
    started, ended = datetime.fromisoformat(texts[2]), datetime.fromisoformat(texts[3])
    if started.tzinfo is None or ended.tzinfo is None:
        return None
    completed = sum(1 for r in rounds if r and all(e.get("counts") or e.get("skipped") for e in r))
    return SessionSummary(
        id=clean_line(texts[0]),
        plan=_interned(names, texts[1]),
        plan_name=_interned(names, plan_name) if isinstance(plan_name, str) else "",
        started=started,
        ended=ended,
        status=data["status"],
        rounds_completed=completed,
        rounds_total=len(rounds),
        offset=offset,
    )


def _interned(names: dict[str, str], raw: str) -> str:
    """`raw` cleaned (safe_text), once per distinct text: plan ids and names repeat."""
    found = names.get(raw)
    if found is None:
        found = names[raw] = clean_line(raw)
    return found


def _valid_extras(data: dict[str, Any], rounds: Any) -> bool:
    """The rest of what `SessionRecord.from_json` checks above the level of exercises."""
    checks = (data.get("check_before"), data.get("check_after"))
    return (
        isinstance(rounds, list)
        and all(isinstance(r, list) for r in rounds)
        and all(c is None or (type(c) is int and 1 <= c <= 5) for c in checks)
        and isinstance(data.get("note", ""), str)
    )


def read_summaries(path: Path) -> SummaryReadResult:
    """Every readable session's summary, in start order, streaming the file line by line.

    Read in large pieces: each read lets go of the GIL, and a thread that lets go of it
    often (every 8 KB) keeps the UI thread from ever being handed it (it waits 100 ms
    and more); one read a megabyte lets Python's switching work every 5 ms.
    """
    result = SummaryReadResult()
    names: dict[str, str] = {}
    offset = 0
    try:
        with path.open("rb", buffering=READ_BUFFER) as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    summary = summarize_line(raw, offset, names)
                    if summary is None:
                        result.bad_lines.append(number)
                    else:
                        result.summaries.append(summary)
                offset += len(raw)
    except FileNotFoundError:
        return result
    except OSError as error:
        reason = error.strerror or str(error)
        raise LogReadError(f"Could not read the session log {path}: {reason}.") from error
    result.summaries.sort()
    return result


def read_record_at(path: Path, offset: int) -> SessionRecord | None:
    """The full record whose line starts at `offset`, or None if it is unreadable or gone."""
    if offset < 0:
        return None
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            raw = handle.readline()
    except OSError:
        return None
    return parse_line(raw) if raw.strip() else None


def read_records(path: Path, summaries: Iterable[SessionSummary]) -> list[SessionRecord]:
    """The full records of these summaries, read by offset with the file opened once.

    A record is left out when its line is unreadable, or holds another session: the log
    was replaced (by `import`) since the summaries were read.
    """
    records: list[SessionRecord] = []
    try:
        with path.open("rb") as handle:
            for summary in summaries:
                if summary.offset < 0:
                    continue
                handle.seek(summary.offset)
                record = parse_line(handle.readline())
                if record is not None and record.id == summary.id:
                    records.append(record)
    except OSError:
        return records
    return records


def tail_summaries(path: Path, count: int, *, block_size: int = BLOCK_SIZE) -> SummaryList:
    """The summaries of the last `count` readable lines, in start order, read from the end.

    Only the end of the file is read, so the newest sessions list at once however long
    the log. Raises `LogReadError` when the log exists but cannot be read.
    """
    found: list[SessionSummary] = []
    names: dict[str, str] = {}
    try:
        with path.open("rb") as handle:
            for offset, raw in lines_backwards(handle, block_size):
                if len(found) >= count:
                    break
                if raw.strip() and (summary := summarize_line(raw, offset, names)):
                    found.append(summary)
    except FileNotFoundError:
        return SummaryList()
    except OSError as error:
        reason = error.strerror or str(error)
        raise LogReadError(f"Could not read the session log {path}: {reason}.") from error
    found.sort(key=lambda s: s.started)
    return SummaryList(found)
