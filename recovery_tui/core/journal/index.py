"""`SessionIndex`: where each session's line starts in the log, and when it started.

The history lists every session but shows a screenful, so, as toolong's `LogFile` keeps
an index of line offsets and reads a line when it is shown, the index keeps per session
only what the list needs to count, order and find a row: its offset and its start time,
16 bytes in two `array`s (nothing for the garbage collector to walk). A row's cells are
read from its line when the row is shown (`SessionLog.summaries_at`).

A negative offset marks a session that is not in the log (kept in memory by the app):
``-1 - n`` for the n-th of them, so the caller can tell which.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from datetime import datetime
from typing import Any


class SessionIndex:
    """Sessions in the order added; `sort` puts them in start order."""

    __slots__ = ("_offsets", "_started")

    def __init__(self) -> None:
        self._offsets = array("q")
        self._started = array("d")

    def add(self, offset: int, started: datetime) -> None:
        self._offsets.append(offset)
        self._started.append(started.timestamp())

    def __len__(self) -> int:
        return len(self._offsets)

    def offset(self, index: int) -> int:
        """Where the session's line starts (bytes), or a negative number: not in the log."""
        return self._offsets[index]

    def started(self, index: int) -> float:
        """When the session started, as a POSIX timestamp."""
        return self._started[index]

    def started_between(self, start: datetime, end: datetime | None = None) -> range:
        """The indices of the sessions started in [start, end); the index must be sorted."""
        low = bisect_left(self._started, start.timestamp())
        high = len(self) if end is None else bisect_left(self._started, end.timestamp())
        return range(low, max(low, high))

    def sort(self) -> None:
        """Into start order, keeping the order of equal starts.

        A log is in start order but for a few records (`import` may leave some), so the
        order is found with temporaries the size of those few plus one permutation, which
        is then applied to the columns in place: a plain sort's lists as long as the log,
        or new columns, would stay on as the process's peak (new columns: 0.3 MB at 4b).
        """
        order = _start_order(self._started)
        if order is not None:
            _permute(order, self._offsets, self._started)


def _start_order(started: array[float]) -> array[int] | None:
    """The indices in stable start order, or None when they already are in it.

    Those at or after the latest start so far are in order; the rest (few) are sorted
    apart and merged in by (start, index), which keeps equal starts in their order.
    """
    moved: list[int] = []
    top = float("-inf")
    for index, moment in enumerate(started):
        if moment >= top:
            top = moment
        else:
            moved.append(index)
    if not moved:
        return None
    moved.sort(key=started.__getitem__)
    order = array("I")
    next_moved, is_moved = 0, set(moved)
    for index, moment in enumerate(started):
        if index in is_moved:
            continue
        while next_moved < len(moved) and (started[moved[next_moved]], moved[next_moved]) < (
            moment,
            index,
        ):
            order.append(moved[next_moved])
            next_moved += 1
        order.append(index)
    order.extend(moved[next_moved:])
    return order


def _permute(order: array[int], *columns: array[Any]) -> None:
    """Put item ``order[n]`` at n in each column, in place, cycle by cycle (uses up `order`)."""
    for start in range(len(order)):
        if order[start] == start:
            continue  # in place already, or done
        kept = [column[start] for column in columns]
        at = start
        while (source := order[at]) != start:
            for column in columns:
                column[at] = column[source]
            order[at], at = at, source
        for column, value in zip(columns, kept, strict=True):
            column[at] = value
        order[at] = at
