"""When the next session is due, on frozen times: one row per rule of `core.next_due`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from factories import make_record

from recovery_tui.core.insight.next_due import due_by_settings, next_session_due
from recovery_tui.core.settings.fields import Settings

ZONE = timezone(timedelta(hours=1))
RACE = date(2026, 11, 1)
TODAY = date(2026, 11, 5)  # day 4


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


YESTERDAY = TODAY - timedelta(days=1)
CASES = {
    "one of two this morning": (
        [at(TODAY, 7, 40)],
        at(TODAY, 9),
        2,
        RACE,
        "second session: this morning (from 10:40)",
        TODAY,
    ),
    "one of two at noon": (
        [at(TODAY, 12, 15)],
        at(TODAY, 13),
        2,
        RACE,
        "second session: this afternoon (from 15:15)",
        TODAY,
    ),
    "one of two, the spread already passed": (
        [at(TODAY, 7)],
        at(TODAY, 16, 30),
        2,
        RACE,
        "second session: now",
        TODAY,
    ),
    "one of two, evening": (
        [at(TODAY, 16)],
        at(TODAY, 16, 30),
        2,
        RACE,
        "second session: this evening (from 19:00)",
        TODAY,
    ),
    "one of two, too late for a second": (
        [at(TODAY, 19, 30)],
        at(TODAY, 20),
        2,
        RACE,
        "next: tomorrow",
        TODAY + timedelta(days=1),
    ),
    "target met": (
        [at(TODAY, 7), at(TODAY, 15)],
        at(TODAY, 16),
        2,
        RACE,
        "next: tomorrow",
        TODAY + timedelta(days=1),
    ),
    "one a day, done": (
        [at(TODAY, 7)],
        at(TODAY, 8),
        1,
        RACE,
        "next: tomorrow",
        TODAY + timedelta(days=1),
    ),
    "yesterday active, nothing today": (
        [at(YESTERDAY, 8)],
        at(TODAY, 9),
        2,
        RACE,
        "today or tomorrow (every other day is fine)",
        TODAY,
    ),
    "yesterday a rest": (
        [at(TODAY - timedelta(days=2), 8)],
        at(TODAY, 9),
        2,
        RACE,
        "next: today",
        TODAY,
    ),
    "the day after the race": (
        [],
        at(RACE + timedelta(days=1), 9),
        2,
        RACE,
        "today or tomorrow (every other day is fine)",
        RACE + timedelta(days=1),
    ),
    "no sessions, no race date": ([], at(TODAY, 9), 2, None, "next: today", TODAY),
    "before the race": (
        [],
        at(RACE - timedelta(days=3), 9),
        2,
        RACE,
        "first session: after the race (Sun 01 Nov)",
        RACE,
    ),
    "last day of the window, done": (
        [at(RACE + timedelta(days=14), 7)],
        at(RACE + timedelta(days=14), 8),
        1,
        RACE,
        "none due: today is the last day of the recovery window",
        None,
    ),
    "after the window": (
        [],
        at(RACE + timedelta(days=15), 9),
        2,
        RACE,
        "none due: the 14-day recovery window is over",
        None,
    ),
    "a session just after midnight is today's": (
        [at(YESTERDAY, 23, 50), at(TODAY, 0, 20)],
        at(TODAY, 1),
        2,
        RACE,
        "second session: this morning (from 03:20)",
        TODAY,
    ),
}


@pytest.mark.parametrize(
    ("starts", "now", "target", "race", "text", "day"), CASES.values(), ids=CASES.keys()
)
def test_next_session_due(
    starts: list[datetime],
    now: datetime,
    target: int,
    race: date | None,
    text: str,
    day: date | None,
) -> None:
    records = [make_record(s) for s in starts]
    due = next_session_due(records, now=now, target=target, race_date=race, window_days=14)
    assert (due.text, due.day) == (text, day)


def test_days_are_taken_in_the_zone_of_now() -> None:
    """23:30 UTC on the 4th is 00:30 on the 5th in UTC+1: today's first session."""
    late_utc = datetime(2026, 11, 4, 23, 30, tzinfo=UTC)
    due = next_session_due([make_record(late_utc)], now=at(TODAY, 9), target=2, race_date=RACE)
    assert due.text == "second session: now"


def test_the_sentence_keeps_the_rest_of_the_text() -> None:
    due = next_session_due([], now=at(RACE - timedelta(days=3), 9), target=2, race_date=RACE)
    assert due.sentence == "First session: after the race (Sun 01 Nov)"


def test_due_by_settings_reads_the_target_race_and_window() -> None:
    settings = Settings(sessions_per_day=2, race_date=RACE, recovery_window_days=14)
    now = at(TODAY, 9)
    records = [make_record(at(TODAY, 7))]
    assert due_by_settings(records, settings, now) == next_session_due(
        records, now=now, target=2, race_date=RACE, window_days=14
    )
