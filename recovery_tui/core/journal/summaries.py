"""Many session summaries in little memory: columns of numbers instead of objects.

Twenty thousand `SessionSummary` objects take about 8 MB, 400 bytes each, and every
full garbage collection walks them all. A history list needs them all (to count, sort
and page through), but shows a screenful: so `SummaryList` keeps each field as a column
(`array`s of numbers, the ids in one byte string) and makes a `SessionSummary` only for
the row asked for. What repeats from session to session (the plan, the status, the
rounds, the time zones) is stored once and referred to by number. About 60 bytes a
session, and nothing for the collector to walk.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import NamedTuple

NOT_IN_LOG = -1
"""The offset of a summary made from a record that is not (yet) in the log."""


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: str
    plan: str
    plan_name: str
    started: datetime
    ended: datetime
    status: str
    rounds_completed: int
    rounds_total: int
    offset: int
    """Where the record's line starts in the log (bytes), or `NOT_IN_LOG`."""

    @property
    def duration_seconds(self) -> float:
        return max(0.0, (self.ended - self.started).total_seconds())

    @property
    def in_log(self) -> bool:
        return self.offset != NOT_IN_LOG


class _Shape(NamedTuple):
    """The fields many sessions share, stored once."""

    plan: str
    plan_name: str
    status: str
    rounds_completed: int
    rounds_total: int
    started_zone: tzinfo | None
    ended_zone: tzinfo | None


class SummaryList:
    """Summaries in the order they were added (`sort` puts them in start order)."""

    def __init__(self, summaries: Iterable[SessionSummary] = ()) -> None:
        self._started = array("d")
        self._ended = array("d")
        self._offsets = array("q")
        self._shapes = array("I")
        self._shape_list: list[_Shape] = []
        self._shape_index: dict[_Shape, int] = {}
        self._ids = bytearray()
        self._id_ends = array("q")
        for summary in summaries:
            self.append(summary)

    def append(self, summary: SessionSummary) -> None:
        shape = _Shape(
            summary.plan,
            summary.plan_name,
            summary.status,
            summary.rounds_completed,
            summary.rounds_total,
            summary.started.tzinfo,
            summary.ended.tzinfo,
        )
        number = self._shape_index.get(shape)
        if number is None:
            number = self._shape_index[shape] = len(self._shape_list)
            self._shape_list.append(shape)
        self._shapes.append(number)
        self._started.append(summary.started.timestamp())
        self._ended.append(summary.ended.timestamp())
        self._offsets.append(summary.offset)
        self._ids += summary.id.encode("utf-8", "surrogatepass")
        self._id_ends.append(len(self._ids))

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> SessionSummary:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("summary index out of range")
        shape = self._shape_list[self._shapes[index]]
        return SessionSummary(
            id=self.id_at(index),
            plan=shape.plan,
            plan_name=shape.plan_name,
            started=datetime.fromtimestamp(self._started[index], shape.started_zone),
            ended=datetime.fromtimestamp(self._ended[index], shape.ended_zone),
            status=shape.status,
            rounds_completed=shape.rounds_completed,
            rounds_total=shape.rounds_total,
            offset=self._offsets[index],
        )

    def __iter__(self) -> Iterator[SessionSummary]:
        return (self[i] for i in range(len(self)))

    def id_at(self, index: int) -> str:
        start = self._id_ends[index - 1] if index else 0
        return self._ids[start : self._id_ends[index]].decode("utf-8", "surrogatepass")

    def started_between(self, start: datetime, end: datetime | None = None) -> range:
        """The indices of the summaries started in [start, end); the list must be sorted."""
        low = bisect_left(self._started, start.timestamp())
        high = len(self) if end is None else bisect_left(self._started, end.timestamp())
        return range(low, max(low, high))

    def index_of(self, session_id: str) -> int | None:
        """The first summary with this id, or None; a search of one byte string."""
        needle = session_id.encode("utf-8", "surrogatepass")
        if not needle:
            return next((i for i in range(len(self)) if not self.id_at(i)), None)
        at = self._ids.find(needle)
        while at != -1:
            index = bisect_right(self._id_ends, at)
            start = self._id_ends[index - 1] if index else 0
            if start == at and self._id_ends[index] == at + len(needle):
                return index
            at = self._ids.find(needle, at + 1)
        return None

    def sort(self) -> None:
        """Into start order, keeping the order of equal starts.

        A log is in start order but for a few records (`import` may leave some), so
        those are taken out, sorted and merged back, with no list as long as the log:
        the big temporary lists of a plain sort would stay on as the process's peak.
        """
        started = self._started
        kept = array("q")
        moved: list[int] = []
        top = float("-inf")
        for index, moment in enumerate(started):
            if moment >= top:
                kept.append(index)
                top = moment
            else:
                moved.append(index)
        if not moved:
            return
        moved.sort(key=started.__getitem__)
        order = array("q")
        next_moved = 0
        for index in kept:
            while next_moved < len(moved) and (
                started[moved[next_moved]],
                moved[next_moved],
            ) < (started[index], index):
                order.append(moved[next_moved])
                next_moved += 1
            order.append(index)
        order.extend(moved[next_moved:])
        self._reorder(order)

    def _reorder(self, order: array[int]) -> None:
        """Put row `order[n]` at row n, column by column."""
        ids = bytearray()
        id_ends = array("q")
        for index in order:
            ids += self._ids[self._id_ends[index - 1] if index else 0 : self._id_ends[index]]
            id_ends.append(len(ids))
        self._ids, self._id_ends = ids, id_ends
        for name in ("_started", "_ended", "_offsets", "_shapes"):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, (column[i] for i in order)))
