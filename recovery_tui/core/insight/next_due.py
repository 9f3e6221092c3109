"""When the next session is due, by the prescription: 1-2 a day, every day or every other day.

The source prescribes one or two sessions a day, spread through the day, every day or
every other day, for the recovery window. The rules, decided once here:

- Today's target not met yet and a session done today: the next one is due
  `SPREAD` after the last one started (the relief of one session fades within an hour
  or two, so a second one soon after adds little). If that is `LATE` or later, one
  session was enough for today: the next is tomorrow.
- Today's target met: tomorrow.
- Nothing today yet: yesterday active (a session, or the race) means today may be a
  rest day, so "today or tomorrow"; otherwise today is due, since two empty days in a
  row are a missed day (see `adherence`).
- Before the race, and after the recovery window, nothing is due.

Pure: the caller passes the records and the clock, so a test pins any moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from recovery_tui.core.insight.adherence import day_counts
from recovery_tui.core.journal.record import SessionRecord

if TYPE_CHECKING:
    from recovery_tui.core.settings.fields import Settings

SPREAD = timedelta(hours=3)
"""How long after one session the next one of the same day is due."""
LATE = time(22, 0)
"""A second session due this late is not due today."""
ORDINALS = ("first", "second", "third", "fourth")


@dataclass(frozen=True)
class NextDue:
    """The next session: on which day (None when none is due), and in words."""

    day: date | None
    text: str
    """Lower case, to follow a label or a separator: ``second session: this afternoon``."""

    @property
    def sentence(self) -> str:
        """The text on a line of its own: ``Second session: this afternoon``."""
        return self.text[:1].upper() + self.text[1:]


def due_by_settings(records: Iterable[SessionRecord], settings: Settings, now: datetime) -> NextDue:
    """When the next session is due by the runner's settings (their sessions a day, race
    date and window): what home, the end-of-session summary and `status` show."""
    return next_session_due(
        records,
        now=now,
        target=settings.sessions_per_day,
        race_date=settings.race_date,
        window_days=settings.recovery_window_days,
    )


def next_session_due(
    records: Iterable[SessionRecord],
    *,
    now: datetime,
    target: int,
    race_date: date | None = None,
    window_days: int = 14,
) -> NextDue:
    """When the next session is due, as of `now`; days are taken in the zone of `now`.

    `records` must cover yesterday and today (more is fine).
    """
    if now.tzinfo is None:
        now = now.astimezone()
    today = now.date()
    tomorrow = today + timedelta(days=1)
    if race_date is not None and today < race_date:
        return NextDue(race_date, f"first session: after the race ({race_date:%a %d %b})")
    last_day = None if race_date is None else race_date + timedelta(days=window_days)
    if last_day is not None and today > last_day:
        return NextDue(None, f"none due: the {window_days}-day recovery window is over")
    records = list(records)
    done = day_counts(records, now.tzinfo)
    done_today = done.get(today, 0)
    if done_today == 0:
        if done.get(today - timedelta(days=1), 0) or race_date == today - timedelta(days=1):
            return NextDue(today, "today or tomorrow (every other day is fine)")
        return NextDue(today, "next: today")
    if done_today < target:
        latest = max(r.started for r in records if r.started.astimezone(now.tzinfo).date() == today)
        due = max(latest.astimezone(now.tzinfo) + SPREAD, now)
        if due.date() == today and due.time() < LATE:
            return NextDue(today, f"{_nth_session(done_today + 1)}: {_later_today(due, now)}")
    if last_day is not None and tomorrow > last_day:
        return NextDue(None, "none due: today is the last day of the recovery window")
    return NextDue(tomorrow, "next: tomorrow")


def _nth_session(number: int) -> str:
    """``second session``; past the named ones, ``session 5``."""
    return f"{ORDINALS[number - 1]} session" if number <= len(ORDINALS) else f"session {number}"


def _later_today(due: datetime, now: datetime) -> str:
    """``now``, ``this afternoon (from 14:30)``, ``this evening (from 19:05)``."""
    if due <= now:
        return "now"
    part = (
        "this morning" if due.hour < 12 else "this afternoon" if due.hour < 18 else "this evening"
    )
    return f"{part} (from {due:%H:%M})"
