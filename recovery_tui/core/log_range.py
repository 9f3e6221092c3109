"""The sessions of a span of days anywhere in the log, without parsing what lies between.

`records_since` reads from the end of the log, which suits the last few days. The
recovery window of a race a year back sits in the middle of the log, and reading back to
it would parse a year of records on every start. The log is written in start order, give
or take `DISORDER_SLACK` (what `import` may leave), so the span's first line is found by
bisecting the file, parsing one line at each probe; then only the span's lines are read.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import IO

from recovery_tui.core.adherence import reading_spans
from recovery_tui.core.log import (
    DISORDER_SLACK,
    LogReadError,
    parse_line,
    records_since,
    tail_records,
)
from recovery_tui.core.record import SessionRecord

CLOSE_ENOUGH = 16 * 1024
"""Stop bisecting at this many bytes (about a dozen records) and read on from there."""
PROBE_LINES = 8
"""Lines tried at a probe for a readable record before giving up on that spot."""
_STARTED = b'"started":"'
"""The start time as the app writes it (values are escaped, so it cannot occur in one)."""


def _started(raw: bytes) -> datetime | None:
    """When the record on this line started, without building it when the app wrote it.

    A line written otherwise (spaces, a key twice) is parsed in full; None when the line
    is not a readable record.
    """
    at = raw.find(_STARTED)
    if at != -1 and raw.find(_STARTED, at + 1) == -1:
        begin = at + len(_STARTED)
        try:
            value = datetime.fromisoformat(raw[begin : raw.find(b'"', begin)].decode())
        except (ValueError, UnicodeDecodeError):
            value = None
        if value is not None and value.tzinfo is not None:
            return value
    record = parse_line(raw)
    return None if record is None else record.started


def _start_after(handle: IO[bytes], position: int) -> datetime | None:
    """When the first readable record after `position` started; None if none is near."""
    handle.seek(position)
    if position:
        handle.readline()  # the rest of a line that began before
    for _ in range(PROBE_LINES):
        raw = handle.readline()
        if not raw:
            return None
        started = _started(raw)
        if started is not None:
            return started
    return None


def _offset_before(handle: IO[bytes], start: datetime) -> int:
    """An offset with no record started at or after `start` before it.

    A record at least `DISORDER_SLACK` older than `start` is past every record before it
    in the file; a probe that finds nothing readable moves left, which is always safe.
    """
    low, high = 0, handle.seek(0, os.SEEK_END)
    while high - low > CLOSE_ENOUGH:
        middle = (low + high) // 2
        started = _start_after(handle, middle)
        if started is not None and started < start - DISORDER_SLACK:
            low = middle
        else:
            high = middle
    return low


def records_in_span(path: Path, start: datetime, end: datetime) -> list[SessionRecord]:
    """Records started in [start, end), in start order; raises `LogReadError`."""
    found: list[SessionRecord] = []
    try:
        with path.open("rb") as handle:
            offset = _offset_before(handle, start)
            handle.seek(offset)
            if offset:
                handle.readline()  # begun before `offset`, so older than `start`
            for raw in handle:
                started = _started(raw) if raw.strip() else None
                if started is None or started < start:
                    continue
                if started >= end + DISORDER_SLACK:
                    break
                record = parse_line(raw) if started < end else None
                if record is not None:
                    found.append(record)
    except FileNotFoundError:
        return []
    except OSError as error:
        reason = error.strerror or str(error)
        raise LogReadError(f"Could not read the session log {path}: {reason}.") from error
    return sorted(found, key=lambda r: r.started)


def read_recent(
    path: Path, race_date: date | None, now: datetime, *, window_days: int
) -> list[SessionRecord]:
    """What the today line, the streak and the calendar strip need, in start order.

    The days since `reading_start` (or else the last session, for "last: ..."), and the
    recovery window's own days wherever they are (`reading_spans`). Raises `LogReadError`.
    """
    (since, _), *older = reading_spans(race_date, now, window_days=window_days)
    records = records_since(path, since) or tail_records(path, 1)
    seen = {r.id for r in records}
    for start, end in older:
        records += [r for r in records_in_span(path, start, end or since) if r.id not in seen]
    return sorted(records, key=lambda r: r.started)
