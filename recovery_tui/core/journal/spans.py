"""Finding a stretch of days anywhere in the log without parsing what lies between.

Reading from the end suits the last few days. The recovery window of a race a year back
sits in the middle of the log, and reading back to it would parse a year of records on
every start. The log is written in start order, give or take `DISORDER_SLACK` (what
`import` may leave), so the span's first line is found by bisecting the file, looking
at one line at each probe; then only the span's lines are read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import BinaryIO

from recovery_tui.core.journal.lines import is_blank, started_of

DISORDER_SLACK = timedelta(days=1)
"""How far out of order records may be before a reader stops looking."""
CLOSE_ENOUGH = 16 * 1024
"""Stop bisecting at this many bytes (about a dozen records) and read on from there."""
PROBE_LINES = 8
"""Lines tried at a probe for a readable record before giving up on that spot."""


def _start_after(handle: BinaryIO, position: int) -> datetime | None:
    """When the first readable record after `position` started; None if none is near."""
    handle.seek(position)
    if position:
        handle.readline()  # the rest of a line that began before
    for _ in range(PROBE_LINES):
        raw = handle.readline()
        if not raw:
            return None
        started = started_of(raw)
        if started is not None:
            return started
    return None


def offset_before(handle: BinaryIO, start: datetime) -> int:
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


def lines_in_span(handle: BinaryIO, start: datetime, end: datetime) -> Iterator[bytes]:
    """The lines of records started in [start, end), in file order."""
    offset = offset_before(handle, start)
    handle.seek(offset)
    if offset:
        handle.readline()  # begun before `offset`, so older than `start`
    for raw in handle:
        started = None if is_blank(raw) else started_of(raw)
        if started is None or started < start:
            continue
        if started >= end + DISORDER_SLACK:
            break
        if started < end:
            yield raw
