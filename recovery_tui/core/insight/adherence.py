"""Keeping to the prescription: which days of the recovery window were on plan.

The source prescribes one or two sessions a day, every day or every other day, for the
first one to two weeks after the race (race day = day 0). The rules, decided once here:

- A day's sessions are those *started* on that calendar date in the caller's time zone;
  a session that runs past midnight belongs to the day it started on.
- Only *completed* sessions count toward the day's target: work that was done. A
  session cut short (status ``partial``) is shown, but never counts by itself.
- ``met``: at least ``target`` completed sessions (more is met too, never "3 of 2").
  ``fewer``: at least one, fewer than the target. Both are *on plan*: the source allows
  one session a day, so the target is the runner's aim, not the bar.
- ``partial``: only cut-short sessions that day. It is on plan only where an empty day
  would be (an allowed rest below): a partial never makes a day worse than nothing, nor
  on plan by itself, and it does not make the days around it allowed rests.
- ``rest``: no session, but the day before was active and the day after is active too
  (every other day is allowed). Active means a completed session, or the race itself.
  While today is still open, yesterday's rest counts as allowed: there is still time.
- ``missed``: a past day with no session that is not an allowed rest; two empty days
  in a row are both missed, since neither sits between two active days.
- ``race``: race day without a session; it is neither on plan nor missed.
- ``open``: today, no completed or partial session yet; ``future``: after today.

The streak is the number of days in a row on plan, counted back from today when today
already has a completed session, otherwise from yesterday. It starts at the race at the
earliest.

Every function here takes plain records (anything with ``started`` and ``status``: a
`SessionRecord`, a `SessionSummary`), so whoever reads the log can ask.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal, Protocol

DayStatus = Literal["met", "fewer", "partial", "rest", "missed", "race", "open", "future"]
ON_PLAN: frozenset[DayStatus] = frozenset({"met", "fewer", "rest"})
"""Always on plan; a ``partial`` day is on plan only where a rest would be allowed."""
ONE_DAY = timedelta(days=1)
DST_MARGIN = timedelta(hours=3)
"""Read this much more around a day: a daylight-saving change moves local midnight."""
SYMBOLS: dict[DayStatus, str] = {
    "met": "●",
    "fewer": "◐",
    "partial": "◔",
    "rest": "○",
    "missed": "✗",
    "race": "R",
    "open": "·",
    "future": "·",
}
"""One symbol per status, so the strip reads without colour."""


def reading_start(race_date: date | None, now: datetime, *, window_days: int) -> datetime:
    """Where to start reading the log: midnight of yesterday, or earlier for the streak.

    Yesterday is needed for "yesterday 21:10"; race day for the window and the streak
    while the window is recent. Once the race is further back than the window, only the
    last `window_days` + 1 days are read from the end (the window's own days are read
    apart, see `reading_spans`): a race date a year old must not make every start parse
    a year of records. So the streak then counts back that far at most. A few hours more
    cover a daylight-saving change; the extra records are filtered out by date anyway.
    """
    today = now.date()
    first = today - ONE_DAY
    if race_date is not None:
        first = min(first, max(race_date, today - timedelta(days=window_days + 1)))
    return _midnight(first, now.tzinfo) - DST_MARGIN


def _midnight(day: date, zone: tzinfo | None) -> datetime:
    return datetime.combine(day, time(), zone)


def window_span(
    race_date: date, window_days: int, zone: tzinfo | None
) -> tuple[datetime, datetime]:
    """[start, end) of the sessions the window's days depend on.

    Race day to the day after the window's last day, whose sessions make the last day a
    rest or a miss; race day itself needs no day before it.
    """
    end = race_date + timedelta(days=window_days + 2)
    return _midnight(race_date, zone) - DST_MARGIN, _midnight(end, zone) + DST_MARGIN


def reading_spans(
    race_date: date | None, now: datetime, *, window_days: int
) -> list[tuple[datetime, datetime | None]]:
    """The spans of the log that the today line, the streak and the calendar strip need.

    From `reading_start` on (read from the end of the log), and, when the race is further
    back than that, the window's own days (found apart, wherever they are in the log).
    An end of None is open.
    """
    since = reading_start(race_date, now, window_days=window_days)
    spans: list[tuple[datetime, datetime | None]] = [(since, None)]
    if race_date is not None:
        start, end = window_span(race_date, window_days, now.tzinfo)
        if start < since:
            spans.append((start, min(end, since)))
    return spans


class Logged(Protocol):
    """What adherence needs of a session: when it started and whether it was completed."""

    @property
    def started(self) -> datetime: ...

    @property
    def status(self) -> str: ...


def day_counts(records: Iterable[Logged], tz: tzinfo | None = None) -> Counter[date]:
    """Completed sessions per local start date in `tz` (the machine's when None)."""
    return Counter(r.started.astimezone(tz).date() for r in records if r.status == "completed")


def partial_counts(records: Iterable[Logged], tz: tzinfo | None = None) -> Counter[date]:
    """Sessions cut short (status ``partial``) per local start date in `tz`."""
    return Counter(r.started.astimezone(tz).date() for r in records if r.status == "partial")


def _active(day: date, counts: Mapping[date, int], race_date: date | None) -> bool:
    """A day that makes the next or the previous day's rest allowed."""
    return counts.get(day, 0) > 0 or day == race_date


def _allowed_rest(day: date, counts: Mapping[date, int], today: date, race: date | None) -> bool:
    before = _active(day - ONE_DAY, counts, race)
    return before and (day + ONE_DAY == today or _active(day + ONE_DAY, counts, race))


def day_status(
    day: date,
    counts: Mapping[date, int],
    *,
    today: date,
    target: int,
    race_date: date | None = None,
    partials: Mapping[date, int] | None = None,
) -> DayStatus:
    """The status of one day under the rules in this module's docstring.

    `counts` are completed sessions per day, `partials` the cut-short ones.
    """
    sessions = counts.get(day, 0)
    if day > today:
        return "future"
    if sessions:
        return "met" if sessions >= max(1, target) else "fewer"
    if partials and partials.get(day, 0):
        return "partial"
    if day == today:
        return "open"
    if day == race_date:
        return "race"
    return "rest" if _allowed_rest(day, counts, today, race_date) else "missed"


def on_plan(
    day: date,
    status: DayStatus,
    counts: Mapping[date, int],
    *,
    today: date,
    race_date: date | None = None,
) -> bool:
    """Whether a day of this status keeps the streak: a partial only where a rest would."""
    if status == "partial":
        return day != today and _allowed_rest(day, counts, today, race_date)
    return status in ON_PLAN


def streak(
    counts: Mapping[date, int],
    *,
    today: date,
    target: int,
    race_date: date | None = None,
    partials: Mapping[date, int] | None = None,
) -> int:
    """Days in a row on plan, ending today (if it has a completed session) or yesterday.

    Without a race date the first day with a completed session is where counting may stop.
    """
    start = race_date or min(counts, default=today)
    day = today if counts.get(today, 0) else today - ONE_DAY
    length = 0
    while day >= start:
        status = day_status(
            day, counts, today=today, target=target, race_date=race_date, partials=partials
        )
        if not on_plan(day, status, counts, today=today, race_date=race_date):
            break
        length += 1
        day -= ONE_DAY
    return length


@dataclass(frozen=True)
class WindowDay:
    """One cell of the calendar strip."""

    day: date
    number: int
    """Days after the race: 0 is race day."""
    sessions: int
    """Completed sessions."""
    status: DayStatus
    is_today: bool
    partials: int = 0
    """Sessions cut short; shown, never counted toward the target."""
    on_plan: bool = False


@dataclass(frozen=True)
class RecoveryWindow:
    """The recovery window as of `today`: race day 0 to day `window_days`, and the streak."""

    race_date: date
    today: date
    window_days: int
    target: int
    days: tuple[WindowDay, ...]
    streak: int

    @property
    def day_number(self) -> int:
        """Today's number of days after the race (negative before it)."""
        return (self.today - self.race_date).days

    @property
    def is_over(self) -> bool:
        return self.day_number > self.window_days

    def days_on_plan(self) -> int:
        """Days after the race (race day itself is not one to keep to) that were on plan."""
        return sum(1 for d in self.days if d.on_plan and d.number > 0)


def recovery_window(
    records: Iterable[Logged],
    *,
    race_date: date,
    window_days: int,
    target: int,
    now: datetime,
    tz: tzinfo | None = None,
) -> RecoveryWindow:
    """The window's days and the streak; dates are taken in `tz`, else in the zone of `now`.

    `records` should cover `reading_spans`: the window's days, and back to
    `reading_start` for the streak, which counts back as far as the records go.
    """
    zone = tz or now.tzinfo
    today = now.astimezone(zone).date()
    records = list(records)
    counts, partials = day_counts(records, zone), partial_counts(records, zone)
    days = []
    for offset in range(window_days + 1):
        day = race_date + timedelta(days=offset)
        status = day_status(
            day, counts, today=today, target=target, race_date=race_date, partials=partials
        )
        days.append(
            WindowDay(
                day=day,
                number=offset,
                sessions=counts.get(day, 0),
                status=status,
                is_today=day == today,
                partials=partials.get(day, 0),
                on_plan=on_plan(day, status, counts, today=today, race_date=race_date),
            )
        )
    length = streak(counts, today=today, target=target, race_date=race_date, partials=partials)
    return RecoveryWindow(race_date, today, window_days, target, tuple(days), length)


def window_line(window: RecoveryWindow) -> str:
    """``Day 8 of the 14-day recovery window · 5 days in a row on plan``.

    Once the window is over: ``The 14-day recovery window ended 3 days ago · on plan 12 of
    15 days``, since a streak of a finished plan says little.
    """
    number, total = window.day_number, window.window_days
    if number > total:
        ago = "yesterday" if number - total == 1 else f"{number - total} days ago"
        return (
            f"The {total}-day recovery window ended {ago} · "
            f"on plan {window.days_on_plan()} of {total} {plural(total, 'day')}"
        )
    if number < 0:
        where = f"The {total}-day recovery window starts on race day"
    else:
        where = f"Day {number} of the {total}-day recovery window"
    return f"{where} · {window.streak} {plural(window.streak, 'day')} in a row on plan"


AFTER_THE_WINDOW = (
    "What next: keep using the circuit as needed (a session on a stiff or sore day); "
    "for another stretch, lengthen recovery_window_days or set a new race_date in the settings."
)
"""Said once the window is over, where the days would otherwise run on as misses."""


def plural(count: int, noun: str) -> str:
    """``day`` or ``days`` for `count` (the count itself is the caller's)."""
    return noun if count == 1 else noun + "s"


def compact_strip(window: RecoveryWindow) -> str:
    """The window in one line of symbols, today in brackets: ``R●◐◔○[·]···``."""
    return "".join(
        f"[{SYMBOLS[d.status]}]" if d.is_today else SYMBOLS[d.status] for d in window.days
    )
