"""The adherence rules: on plan, allowed rests, misses, the streak, the window's edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from factories import make_record

from recovery_tui.core.insight.adherence import (
    compact_strip,
    day_counts,
    day_status,
    reading_spans,
    reading_start,
    recovery_window,
    streak,
    window_line,
)
from recovery_tui.core.journal.record import SessionRecord

RACE = date(2026, 11, 15)
LETTER = {
    "met": "M",
    "fewer": "F",
    "partial": "P",
    "rest": "r",
    "missed": "x",
    "race": "R",
    "open": "o",
    "future": "f",
}


SESSIONS = {"p": "p", "q": "cp", "P": "pp", "Q": "ccp"}
"""Pattern letters: p a partial, q one completed and one partial, P two partials, Q 2 + 1."""


def records_for(pattern: str, *, hour: int = 7) -> list[SessionRecord]:
    """Day n after the race gets `pattern[n]`: a digit is that many completed sessions,
    a letter of `SESSIONS` its completed (c) and partial (p) ones, an hour apart from `hour` UTC.
    """
    records = []
    for offset, char in enumerate(pattern):
        kinds = SESSIONS.get(char, "c" * int(char) if char.isdigit() else "")
        for n, kind in enumerate(kinds):
            started = datetime(2026, 11, 15, hour + n, tzinfo=UTC) + timedelta(days=offset)
            records.append(make_record(started, status="partial" if kind == "p" else "completed"))
    return records


def statuses(pattern: str, today: int, target: int, window_days: int | None = None) -> str:
    window = recovery_window(
        records_for(pattern),
        race_date=RACE,
        window_days=len(pattern) - 1 if window_days is None else window_days,
        target=target,
        now=datetime(2026, 11, 15, 20, tzinfo=UTC) + timedelta(days=today),
    )
    return "".join(LETTER[d.status] for d in window.days)


@pytest.mark.parametrize(
    ("pattern", "today", "target", "expected", "length"),
    [
        ("0101010", 6, 1, "RMrMrMo", 5),  # every other day, today still open
        ("0101011", 6, 1, "RMrMrMM", 6),
        ("0101010", 6, 2, "RFrFrFo", 5),  # one a day against a target of two is on plan
        ("02212", 4, 2, "RMMFM", 4),  # two a day
        ("021", 2, 2, "RMF", 2),  # today already one of two: it counts
        ("03", 1, 2, "RM", 1),  # over the target is met
        ("010011", 5, 1, "RMxxMM", 2),  # two empty days in a row: both missed
        ("010100", 5, 1, "RMrMro", 4),  # an empty yesterday breaks nothing while today is open
        ("01100", 4, 1, "RMMro", 3),  # yesterday's rest is allowed while today is open
        ("00101", 4, 1, "RrMrM", 4),  # the race makes day 1's rest allowed
        ("10101", 4, 1, "MrMrM", 5),  # a session on race day counts
        ("0", 0, 1, "o", 0),  # race day itself, nothing yet
        ("000", 2, 1, "Rro", 1),  # no sessions at all: yesterday may still be a rest
        ("0000", 3, 1, "Rxxo", 0),
        ("01000", 1, 1, "RMfff", 1),  # the days to come are not missed
    ],
)
def test_statuses_and_streak(
    pattern: str, today: int, target: int, expected: str, length: int
) -> None:
    assert statuses(pattern, today, target) == expected
    window = recovery_window(
        records_for(pattern),
        race_date=RACE,
        window_days=len(pattern) - 1,
        target=target,
        now=datetime(2026, 11, 15, 20, tzinfo=UTC) + timedelta(days=today),
    )
    assert window.streak == length


@pytest.mark.parametrize(
    ("pattern", "today", "target", "expected", "length"),
    [
        # only partials: never on plan by themselves, never a streak
        ("pPpP", 3, 2, "PPPP", 0),
        ("0pppp", 4, 2, "RPPPP", 0),
        ("0ppp0", 4, 1, "RPPPo", 0),
        # partial + completed: the completed one counts, the partial is only shown
        ("0qq", 2, 2, "RFF", 2),
        ("0QQ", 2, 2, "RMM", 2),
        ("0q", 1, 1, "RM", 1),
        # over the target (with a partial too) is met
        ("0Q3", 2, 1, "RMM", 2),
        # every other day, partials on the rest days: a partial is never worse than nothing
        ("0p1p1p", 5, 1, "RPMPMP", 4),  # today partial: counted from yesterday
        ("01p1p1", 5, 1, "RMPMPM", 5),
        ("01p1p1", 5, 2, "RFPFPF", 5),
        # ... but it does not make the days around it allowed rests
        ("01p0p1", 5, 1, "RMPxPM", 1),
        ("010p01", 5, 1, "RMxPxM", 1),
        ("1pp1", 3, 1, "MPPM", 1),  # two partial days in a row: both off plan
    ],
)
def test_partials_are_shown_and_never_count(
    pattern: str, today: int, target: int, expected: str, length: int
) -> None:
    assert statuses(pattern, today, target) == expected
    window = recovery_window(
        records_for(pattern),
        race_date=RACE,
        window_days=len(pattern) - 1,
        target=target,
        now=datetime(2026, 11, 15, 20, tzinfo=UTC) + timedelta(days=today),
    )
    assert window.streak == length
    done = sum(d.sessions for d in window.days)
    assert done == sum(1 for r in records_for(pattern) if r.status == "completed")
    assert sum(d.partials for d in window.days) == len(records_for(pattern)) - done


def test_the_last_window_day_looks_past_the_window() -> None:
    # Day 3 is the window's last; a session on day 4 (outside it) makes day 3 a rest.
    assert statuses("01010", today=6, target=1, window_days=3) == "RMrM"
    assert statuses("01000", today=6, target=1, window_days=3) == "RMxx"


def test_the_streak_runs_on_past_the_window() -> None:
    window = recovery_window(
        records_for("0" + "1" * 20),
        race_date=RACE,
        window_days=14,
        target=1,
        now=datetime(2026, 12, 5, 20, tzinfo=UTC),
    )
    assert len(window.days) == 15 and window.day_number == 20
    assert window.streak == 20


def test_sessions_before_the_race_are_not_in_the_window() -> None:
    early = make_record(datetime(2026, 11, 14, 9, tzinfo=UTC))
    window = recovery_window(
        [early], race_date=RACE, window_days=2, target=1, now=datetime(2026, 11, 16, tzinfo=UTC)
    )
    assert [d.sessions for d in window.days] == [0, 0, 0]
    assert [d.status for d in window.days] == ["race", "open", "future"]
    assert window.day_number == 1


def test_before_the_race_every_day_is_to_come() -> None:
    window = recovery_window(
        [], race_date=RACE, window_days=2, target=2, now=datetime(2026, 11, 10, tzinfo=UTC)
    )
    assert {d.status for d in window.days} == {"future"}
    assert window.streak == 0 and window.day_number == -5


PARIS = ZoneInfo("Europe/Paris")  # UTC+1 in November
TOKYO = ZoneInfo("Asia/Tokyo")  # UTC+9


@pytest.mark.parametrize(
    ("started", "zone", "day"),
    [
        (datetime(2026, 11, 20, 22, 59, 59, tzinfo=UTC), PARIS, date(2026, 11, 20)),
        (datetime(2026, 11, 20, 23, 0, 0, tzinfo=UTC), PARIS, date(2026, 11, 21)),
        (datetime(2026, 11, 20, 23, 59, 59, tzinfo=UTC), UTC, date(2026, 11, 20)),
        (datetime(2026, 11, 21, 0, 0, 0, tzinfo=UTC), UTC, date(2026, 11, 21)),
        (
            datetime(2026, 11, 21, 8, 0, tzinfo=timezone(timedelta(hours=-8))),
            TOKYO,
            date(2026, 11, 22),
        ),
    ],
)
def test_days_are_local_dates_and_midnight_starts_a_new_one(
    started: datetime, zone: ZoneInfo, day: date
) -> None:
    assert day_counts([make_record(started)], zone) == {day: 1}


def test_a_session_past_midnight_belongs_to_the_day_it_started() -> None:
    late = make_record(datetime(2026, 11, 16, 23, 55, tzinfo=UTC))  # ends 00:09 next day
    assert late.ended.date() == date(2026, 11, 17)
    assert day_counts([late], UTC) == {date(2026, 11, 16): 1}


def test_the_zone_decides_which_day_is_today() -> None:
    # 23:30 UTC on day 2 is already day 3 in Paris: day 2 had a session, today is open.
    records = [make_record(datetime(2026, 11, 17, 8, tzinfo=UTC))]
    now = datetime(2026, 11, 17, 23, 30, tzinfo=UTC)
    in_utc = recovery_window(records, race_date=RACE, window_days=3, target=1, now=now)
    in_paris = recovery_window(records, race_date=RACE, window_days=3, target=1, now=now, tz=PARIS)
    assert [d.status for d in in_utc.days] == ["race", "rest", "met", "future"]
    assert [d.status for d in in_paris.days] == ["race", "rest", "met", "open"]
    assert (in_utc.today, in_paris.today) == (date(2026, 11, 17), date(2026, 11, 18))
    assert in_paris.days[3].is_today and not in_utc.days[3].is_today


def test_the_zone_of_now_is_used_when_none_is_given() -> None:
    record = make_record(datetime(2026, 11, 16, 23, 30, tzinfo=UTC))  # day 2 in Tokyo
    now = datetime(2026, 11, 17, 12, tzinfo=TOKYO)
    window = recovery_window([record], race_date=RACE, window_days=2, target=1, now=now)
    assert [d.sessions for d in window.days] == [0, 0, 1]


def test_streak_without_a_race_date_starts_at_the_first_session() -> None:
    counts = {date(2026, 11, 1): 1, date(2026, 11, 3): 1, date(2026, 11, 4): 2}
    assert streak(counts, today=date(2026, 11, 4), target=2) == 4
    assert streak(counts, today=date(2026, 11, 6), target=2) == 5  # the 5th may be a rest
    assert streak(counts, today=date(2026, 11, 7), target=2) == 0
    assert streak({}, today=date(2026, 11, 6), target=2) == 0


def test_day_status_outside_any_window() -> None:
    counts = {date(2026, 11, 1): 1}
    assert day_status(date(2026, 11, 2), counts, today=date(2026, 11, 9), target=1) == "missed"
    assert day_status(date(2026, 11, 10), counts, today=date(2026, 11, 9), target=1) == "future"


@pytest.mark.parametrize(
    ("today", "pattern", "text"),
    [
        (3, "0101", "Day 3 of the 14-day recovery window · 3 days in a row on plan"),
        (0, "1", "Day 0 of the 14-day recovery window · 1 day in a row on plan"),
        (15, "0", "The 14-day recovery window ended yesterday · on plan 0 of 14 days"),
        (20, "0" + "1" * 9, "The 14-day recovery window ended 6 days ago · on plan 9 of 14 days"),
        (20, "0p1p1p", "The 14-day recovery window ended 6 days ago · on plan 4 of 14 days"),
        (-2, "", "The 14-day recovery window starts on race day · 0 days in a row on plan"),
    ],
)
def test_window_line(today: int, pattern: str, text: str) -> None:
    window = recovery_window(
        records_for(pattern),
        race_date=RACE,
        window_days=14,
        target=1,
        now=datetime(2026, 11, 15, 20, tzinfo=UTC) + timedelta(days=today),
    )
    assert window_line(window) == text


@pytest.mark.parametrize(
    ("race", "window_days", "first"),
    [
        (None, 14, date(2026, 11, 22)),  # yesterday
        (date(2026, 11, 15), 14, RACE),  # in the window: back to the race
        (date(2026, 11, 30), 14, date(2026, 11, 22)),  # a race to come: yesterday
        (date(2026, 11, 8), 14, date(2026, 11, 8)),  # day 15: the window just ended
        (date(2026, 11, 7), 14, date(2026, 11, 8)),  # further back: the window's length
        (date(2025, 11, 23), 14, date(2026, 11, 8)),  # a year back: not a year of records
        (date(2025, 11, 23), 7, date(2026, 11, 15)),
        (date(2025, 11, 23), 0, date(2026, 11, 22)),
    ],
)
def test_reading_start_reaches_back_to_the_race_at_most_a_window(
    race: date | None, window_days: int, first: date
) -> None:
    now = datetime(2026, 11, 23, 7, 30, tzinfo=PARIS)
    start = reading_start(race, now, window_days=window_days)
    assert start == datetime.combine(first, datetime.min.time(), PARIS) - timedelta(hours=3)


def midnight(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=PARIS)


H3 = timedelta(hours=3)  # the daylight-saving margin


@pytest.mark.parametrize(
    ("race", "window_days", "spans"),
    [
        (None, 14, [(midnight(2026, 11, 22) - H3, None)]),
        (date(2026, 11, 15), 14, [(midnight(2026, 11, 15) - H3, None)]),  # all from the end
        # day 16: the window's first day is read apart, up to where the rest begins
        (
            date(2026, 11, 7),
            14,
            [
                (midnight(2026, 11, 8) - H3, None),
                (midnight(2026, 11, 7) - H3, midnight(2026, 11, 8) - H3),
            ],
        ),
        # a year back: its window and the day after it, and the last 15 days
        (
            date(2025, 11, 1),
            14,
            [
                (midnight(2026, 11, 8) - H3, None),
                (midnight(2025, 11, 1) - H3, midnight(2025, 11, 17) + H3),
            ],
        ),
        (
            date(2025, 11, 1),
            0,
            [
                (midnight(2026, 11, 22) - H3, None),
                (midnight(2025, 11, 1) - H3, midnight(2025, 11, 3) + H3),
            ],
        ),
    ],
)
def test_reading_spans_read_the_window_apart_when_it_is_long_gone(
    race: date | None, window_days: int, spans: list[tuple[datetime, datetime | None]]
) -> None:
    now = datetime(2026, 11, 23, 7, 30, tzinfo=PARIS)
    assert reading_spans(race, now, window_days=window_days) == spans


def test_compact_strip() -> None:
    window = recovery_window(
        records_for("0101"),
        race_date=RACE,
        window_days=5,
        target=1,
        now=datetime(2026, 11, 18, 20, tzinfo=UTC),
    )
    assert compact_strip(window) == "R●○[●]··"


def test_compact_strip_shows_each_kind_of_day() -> None:
    window = recovery_window(
        records_for("01p2p"),
        race_date=RACE,
        window_days=5,
        target=2,
        now=datetime(2026, 11, 19, 20, tzinfo=UTC),
    )
    assert compact_strip(window) == "R◐◔●[◔]·"
