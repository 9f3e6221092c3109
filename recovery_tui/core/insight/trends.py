"""Series for the history charts: is the recovery working, and is one side weaker?

The source judges progress by how close the heels come to the mat in down dog, so the
heel-to-mat checks before and after each session are the main series. Set times to
fatigue, left against right, show a weaker side. Pure functions over records, in start order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from recovery_tui.core.doses import record_kind
from recovery_tui.core.journal.record import SessionRecord


def chart_days(race_date: date | None, window_days: int, today: date) -> tuple[date, date]:
    """The first and last day the charts cover: the recovery window, or the last days."""
    if race_date is not None:
        return race_date, race_date + timedelta(days=window_days)
    return today - timedelta(days=window_days), today


def records_between(
    records: Iterable[SessionRecord], first: date, last: date, tz: tzinfo | None = None
) -> list[SessionRecord]:
    """Records started from `first` to `last` (local dates in `tz`, both included), in order."""
    chosen = [r for r in records if first <= r.started.astimezone(tz).date() <= last]
    return sorted(chosen, key=lambda r: r.started)


@dataclass(frozen=True)
class HeelPoint:
    """One session's heel-to-mat checks: 1 (far from the mat) to 5 (flat), None if skipped."""

    started: datetime
    before: int | None
    after: int | None


def heel_series(records: Iterable[SessionRecord]) -> list[HeelPoint]:
    """The sessions with at least one check, in start order."""
    points = [
        HeelPoint(r.started, r.check_before, r.check_after)
        for r in records
        if r.check_before is not None or r.check_after is not None
    ]
    return sorted(points, key=lambda p: p.started)


@dataclass(frozen=True)
class FatigueSet:
    """Set `number` of a timed-sets exercise in one round: seconds per side, None if not done."""

    started: datetime
    kind: str
    """The dose kind logged (what the set is called: `doses.set_times_label`)."""
    round: int
    """1-based."""
    number: int
    """1-based, within the side."""
    left: float | None
    right: float | None


def fatigue_sets(records: Iterable[SessionRecord]) -> list[FatigueSet]:
    """Every to-fatigue set, left paired with right by set number, in session order."""
    sets: list[FatigueSet] = []
    for record in sorted(records, key=lambda r: r.started):
        for round_number, results in enumerate(record.rounds, start=1):
            for result in results:
                if not record_kind(result.kind).timed_sets or result.skipped:
                    continue
                left = result.set_seconds.get("left", [])
                right = result.set_seconds.get("right", [])
                for index in range(max(len(left), len(right))):
                    sets.append(
                        FatigueSet(
                            record.started,
                            result.kind,
                            round_number,
                            index + 1,
                            left[index] if index < len(left) else None,
                            right[index] if index < len(right) else None,
                        )
                    )
    return sets


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date) -> str:
    """``16 Nov``: English whatever the locale, so a chart reads the same everywhere."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


@dataclass(frozen=True)
class DayAxis:
    """An x axis of days, `first` at 0: a session sits at its day plus the hour's fraction."""

    first: date
    last: date

    @property
    def length(self) -> int:
        return (self.last - self.first).days

    def x(self, moment: datetime, tz: tzinfo | None = None) -> float:
        local = moment.astimezone(tz)
        return (local.date() - self.first).days + (local.hour + local.minute / 60) / 24

    def ticks(self, most: int) -> tuple[list[float], list[str]]:
        """At most `most` evenly spaced day ticks, each labelled with its date."""
        step = max(1, -(-(self.length + 1) // max(1, most)))
        days = range(0, self.length + 1, step)
        return [float(n) for n in days], [day_label(self.first + timedelta(days=n)) for n in days]


@dataclass(frozen=True)
class Series:
    """Points of one chart series."""

    xs: list[float]
    ys: list[float]


def heel_points(
    records: Iterable[SessionRecord], axis: DayAxis, tz: tzinfo | None = None
) -> tuple[Series, Series]:
    """The heel checks before and after, each at its session's place on the day axis."""
    before, after = Series([], []), Series([], [])
    for point in heel_series(records):
        x = axis.x(point.started, tz)
        for series, value in ((before, point.before), (after, point.after)):
            if value is not None:
                series.xs.append(x)
                series.ys.append(float(value))
    return before, after


def side_sets(sets: Sequence[FatigueSet]) -> tuple[Series, Series]:
    """Left and right seconds per set, set after set across the sessions (1-based x)."""
    left, right = Series([], []), Series([], [])
    for number, item in enumerate(sets, start=1):
        for series, value in ((left, item.left), (right, item.right)):
            if value is not None:
                series.xs.append(float(number))
                series.ys.append(value)
    return left, right


def session_ticks(
    sets: Sequence[FatigueSet], most: int, tz: tzinfo | None = None
) -> tuple[list[float], list[str]]:
    """An x tick at the first set of each day, labelled with its date; at most `most`."""
    firsts: list[tuple[float, str]] = []
    seen: set[date] = set()
    for number, item in enumerate(sets, start=1):
        day = item.started.astimezone(tz).date()
        if day not in seen:
            seen.add(day)
            firsts.append((float(number), day_label(day)))
    step = max(1, -(-len(firsts) // max(1, most)))
    chosen = firsts[::step]
    return [x for x, _ in chosen], [label for _, label in chosen]
