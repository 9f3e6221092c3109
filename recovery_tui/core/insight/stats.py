"""The "today" line: which day after the race it is, sessions done against the target, the last one.

Pure functions: the caller passes the clock and the records, so tests pin any date,
time zone or midnight they like.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from recovery_tui.core.journal.record import SessionRecord

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_after_race(race_date: date | None, today: date) -> int | None:
    """Days since the race, race day being day 0 (negative before it); None without a date."""
    if race_date is None:
        return None
    return (today - race_date).days


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of `moment` in `tz` (the machine's zone when None)."""
    return moment.astimezone(tz).date()


def sessions_on(
    records: Iterable[SessionRecord],
    day: date,
    tz: tzinfo | None = None,
    *,
    status: str = "completed",
) -> int:
    """How many sessions of `status` started on `day` in `tz` (local when None).

    Completed by default: only those count toward the day's target.
    """
    return sum(1 for r in records if r.status == status and local_date(r.started, tz) == day)


@dataclass(frozen=True)
class TodaySummary:
    day_after_race: int | None
    sessions_today: int
    """Completed sessions today: what counts toward the target."""
    target: int
    last: SessionRecord | None
    now: datetime
    """The moment the summary was made; "today" and "yesterday" are relative to it."""
    partials_today: int = 0
    """Sessions cut short today: shown, never counted."""


def today_summary(
    records: Iterable[SessionRecord],
    *,
    race_date: date | None,
    target: int,
    now: datetime,
) -> TodaySummary:
    """Everything the today line needs; days are counted in the zone of `now`.

    A naive `now` is taken as local time.
    """
    if now.tzinfo is None:
        now = now.astimezone()
    records = list(records)
    today = now.date()
    return TodaySummary(
        day_after_race=day_after_race(race_date, today),
        sessions_today=sessions_on(records, today, now.tzinfo),
        target=target,
        last=max(records, key=lambda r: r.started, default=None),
        now=now,
        partials_today=sessions_on(records, today, now.tzinfo, status="partial"),
    )


def format_today(summary: TodaySummary, *, window_days: int = 14) -> str:
    """One plain line, e.g. ``Day 4 after the race · 1 of 2 sessions today · last: ...``."""
    parts = [
        _race_part(summary.day_after_race, window_days),
        _sessions_part(summary.sessions_today, summary.target, summary.partials_today),
        "last: " + _last_part(summary.last, summary.now),
    ]
    return " · ".join(p for p in parts if p)


def _race_part(day: int | None, window_days: int) -> str:
    if day is None:
        return ""
    if day == 0:
        return "Race day"
    if day < 0:
        return "1 day before the race" if day == -1 else f"{-day} days before the race"
    if day > window_days:
        return f"Day {day} after the race (past the {window_days}-day window)"
    return f"Day {day} after the race"


def _sessions_part(done: int, target: int, partials: int = 0) -> str:
    """``1 of 2 sessions today (+1 partial)``, ``2 of 2 sessions today ✓``, ``3 today, target 2 ✓``.

    Only completed sessions count; over the target reads as met, never "3 of 2".
    """
    cut_short = f" (+{partials} partial)" if partials else ""
    if target <= 0:
        return f"{done} {'session' if done == 1 else 'sessions'} today{cut_short}"
    if done > target:
        return f"{done} today, target {target} ✓{cut_short}"
    noun = "session" if target == 1 else "sessions"
    met = " ✓" if done == target else ""
    return f"{done} of {target} {noun} today{met}{cut_short}"


def _last_part(last: SessionRecord | None, now: datetime) -> str:
    if last is None:
        return "none yet"
    name = last.plan_name or last.plan
    return f"{describe_when(last.started, now)}, {name}, {last.status}"


def describe_when(moment: datetime, now: datetime) -> str:
    """``today 07:42``, ``yesterday 21:10``, ``Tuesday 08:00`` or ``3 Mar 08:00``.

    `moment` is shown in the zone of `now`; the year is added when it differs.
    """
    local = moment.astimezone(now.tzinfo)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    days_ago = (now.date() - local.date()).days
    if days_ago == 0:
        return f"today {clock}"
    if days_ago == 1:
        return f"yesterday {clock}"
    if 1 < days_ago < 7:
        return f"{_WEEKDAYS[local.weekday()]} {clock}"
    text = f"{local.day} {_MONTHS[local.month - 1]}"
    if local.year != now.year:
        text += f" {local.year}"
    return f"{text} {clock}"


def format_duration(seconds: float) -> str:
    """``0:42``, ``12:05`` or ``1:02:03``; negative or non-finite values show as ``0:00``."""
    total = round(seconds) if math.isfinite(seconds) and seconds > 0 else 0
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
