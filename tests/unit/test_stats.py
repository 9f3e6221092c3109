"""The today line: day after the race, sessions against the target, the last session."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from factories import make_record

from recovery_tui.core.insight.stats import (
    TodaySummary,
    day_after_race,
    describe_when,
    format_duration,
    format_today,
    sessions_on,
    today_summary,
)

PARIS_SUMMER = timezone(timedelta(hours=2))
NEW_YORK_SUMMER = timezone(timedelta(hours=-4))
RACE = date(2024, 4, 14)


@pytest.mark.parametrize(
    ("race", "today", "expected"),
    [
        (None, date(2024, 4, 15), None),
        (RACE, RACE, 0),
        (RACE, date(2024, 4, 18), 4),
        (RACE, date(2024, 5, 4), 20),
        (RACE, date(2024, 4, 12), -2),
        (date(2023, 12, 31), date(2024, 1, 1), 1),
    ],
)
def test_day_after_race(race: date | None, today: date, expected: int | None) -> None:
    assert day_after_race(race, today) == expected


# 23:30 UTC on the 15th is the 16th in Paris and still the 15th in New York.
LATE = make_record(datetime(2024, 4, 15, 23, 30, tzinfo=UTC))
EARLY_PARIS = make_record(datetime(2024, 4, 16, 0, 10, tzinfo=PARIS_SUMMER))  # 22:10 UTC, 15th
MORNING = make_record(datetime(2024, 4, 16, 7, 0, tzinfo=UTC))
RECORDS = [LATE, EARLY_PARIS, MORNING]


@pytest.mark.parametrize(
    ("tz", "day", "expected"),
    [
        (UTC, date(2024, 4, 15), 2),
        (UTC, date(2024, 4, 16), 1),
        (PARIS_SUMMER, date(2024, 4, 15), 0),
        (PARIS_SUMMER, date(2024, 4, 16), 3),
        (NEW_YORK_SUMMER, date(2024, 4, 15), 2),
        (NEW_YORK_SUMMER, date(2024, 4, 16), 1),
        (UTC, date(2024, 4, 17), 0),
    ],
)
def test_sessions_on_counts_by_the_local_date(tz: timezone, day: date, expected: int) -> None:
    assert sessions_on(RECORDS, day, tz) == expected


@pytest.fixture
def local_zone_plus_10(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make the machine's zone UTC+10 for the test, then put it back."""
    monkeypatch.setenv("TZ", "XYZ-10")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("local_zone_plus_10")
def test_sessions_on_defaults_to_the_local_zone() -> None:
    assert sessions_on(RECORDS, date(2024, 4, 16)) == 3  # all of them are the 16th at UTC+10
    assert sessions_on(RECORDS, date(2024, 4, 15)) == 0


def test_today_summary_uses_the_zone_of_now() -> None:
    now = datetime(2024, 4, 15, 20, 0, tzinfo=NEW_YORK_SUMMER)  # already the 16th in UTC
    summary = today_summary([MORNING, LATE, EARLY_PARIS], race_date=RACE, target=2, now=now)
    assert summary == TodaySummary(
        day_after_race=1, sessions_today=2, target=2, last=MORNING, now=now
    )


def test_today_summary_with_no_records_or_race() -> None:
    now = datetime(2024, 4, 16, 8, 0, tzinfo=UTC)
    summary = today_summary([], race_date=None, target=1, now=now)
    assert (summary.day_after_race, summary.sessions_today, summary.last) == (None, 0, None)


NOW = datetime(2024, 4, 18, 12, 0, tzinfo=UTC)  # a Thursday


def summary(
    day: int | None, done: int = 1, target: int = 2, last_at: datetime | None = None
) -> TodaySummary:
    last = make_record(last_at) if last_at else None
    return TodaySummary(day_after_race=day, sessions_today=done, target=target, last=last, now=NOW)


AT_0742 = NOW.replace(hour=7, minute=42)


@pytest.mark.parametrize(
    ("given", "text"),
    [
        (
            summary(4, last_at=AT_0742),
            "Day 4 after the race · 1 of 2 sessions today · last: today 07:42, Full circuit, "
            "completed",
        ),
        (summary(None, 0, last_at=None), "0 of 2 sessions today · last: none yet"),
        (summary(0, 0, 1), "Race day · 0 of 1 session today · last: none yet"),
        (summary(-3, 0), "3 days before the race · 0 of 2 sessions today · last: none yet"),
        (summary(14, 2), "Day 14 after the race · 2 of 2 sessions today ✓ · last: none yet"),
        (summary(3, 3), "Day 3 after the race · 3 today, target 2 ✓ · last: none yet"),
        (summary(3, 1, 1), "Day 3 after the race · 1 of 1 session today ✓ · last: none yet"),
        (
            summary(20, 0),
            "Day 20 after the race (past the 14-day window) · 0 of 2 sessions today "
            "· last: none yet",
        ),
        (
            summary(5, 0, last_at=AT_0742 - timedelta(days=1)),
            "Day 5 after the race · 0 of 2 sessions today · last: yesterday 07:42, Full circuit, "
            "completed",
        ),
        (summary(None, 3, 0), "3 sessions today · last: none yet"),
    ],
)
def test_format_today(given: TodaySummary, text: str) -> None:
    assert format_today(given) == text


def test_format_today_window_is_configurable() -> None:
    assert format_today(summary(10), window_days=7).startswith(
        "Day 10 after the race (past the 7-day window) · "
    )


@pytest.mark.parametrize(
    ("done", "partials", "target", "text"),
    [
        (0, 2, 2, "0 of 2 sessions today (+2 partial)"),
        (1, 1, 2, "1 of 2 sessions today (+1 partial)"),
        (2, 1, 2, "2 of 2 sessions today ✓ (+1 partial)"),
        (3, 4, 2, "3 today, target 2 ✓ (+4 partial)"),
        (0, 1, 0, "0 sessions today (+1 partial)"),
    ],
)
def test_partials_are_shown_but_never_counted(
    done: int, partials: int, target: int, text: str
) -> None:
    given = TodaySummary(None, done, target, None, NOW, partials_today=partials)
    assert format_today(given) == f"{text} · last: none yet"


def test_today_summary_counts_completed_sessions_and_partials_apart() -> None:
    records = [
        make_record(AT_0742, status="partial"),
        make_record(AT_0742 + timedelta(hours=1)),
        make_record(AT_0742 + timedelta(hours=2), status="partial"),
    ]
    given = today_summary(records, race_date=None, target=2, now=NOW)
    assert (given.sessions_today, given.partials_today) == (1, 2)


def test_format_today_names_a_partial_custom_session() -> None:
    given = TodaySummary(2, 1, 2, make_record(AT_0742, plan="calves-only", status="partial"), NOW)
    assert format_today(given).endswith("last: today 07:42, calves-only, partial")


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2024, 4, 18, 0, 0, tzinfo=UTC), "today 00:00"),
        (datetime(2024, 4, 17, 23, 59, tzinfo=UTC), "yesterday 23:59"),
        (datetime(2024, 4, 18, 1, 30, tzinfo=PARIS_SUMMER), "yesterday 23:30"),
        (datetime(2024, 4, 16, 9, 5, tzinfo=UTC), "Tuesday 09:05"),
        (datetime(2024, 4, 12, 9, 5, tzinfo=UTC), "Friday 09:05"),
        (datetime(2024, 4, 11, 9, 5, tzinfo=UTC), "11 Apr 09:05"),
        (datetime(2023, 12, 31, 18, 0, tzinfo=UTC), "31 Dec 2023 18:00"),
        (datetime(2024, 4, 20, 8, 0, tzinfo=UTC), "20 Apr 08:00"),  # a clock that ran ahead
    ],
)
def test_describe_when(moment: datetime, text: str) -> None:
    assert describe_when(moment, NOW) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (42, "0:42"),
        (59.6, "1:00"),
        (725, "12:05"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
        (36000, "10:00:00"),
        (-5, "0:00"),
        (float("nan"), "0:00"),
        (float("inf"), "0:00"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
