"""The calendar strip and the charts as text: readable without colour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_record

from recovery_tui.core.insight.adherence import AFTER_THE_WINDOW, recovery_window
from recovery_tui.core.insight.trends import (
    DayAxis,
    fatigue_sets,
    heel_points,
    heel_series,
    session_ticks,
    side_sets,
)
from recovery_tui.widgets.calendar_strip import strip_text
from recovery_tui.widgets.recovery_charts import weaker_side

RACE = date(2026, 11, 15)
NOW = datetime(2026, 11, 19, 9, tzinfo=UTC)


def week() -> list:
    records = [make_record(datetime(2026, 11, d, 8, tzinfo=UTC)) for d in (16, 18, 18, 19)]
    for record in records:
        record.check_before = record.check_after = None
    records[0].check_before, records[0].check_after = 1, 3
    records[3].check_before, records[3].check_after = 3, None
    partial = make_record(datetime(2026, 11, 17, 20, tzinfo=UTC), status="partial")
    partial.check_before = partial.check_after = None
    partial.rounds[1][4].counts = {"left": 15}
    return [*records, partial]


@pytest.mark.parametrize(
    ("left", "right", "text"),
    [
        (30.0, 26.0, "right sets end 13% sooner"),
        (20.0, 30.0, "left sets end 33% sooner"),
        (30.0, 28.0, ""),
        (None, 28.0, ""),
    ],
)
def test_weaker_side(left: float | None, right: float | None, text: str) -> None:
    assert weaker_side(left, right) == text


def test_strip_marks_today_and_every_status_with_a_symbol() -> None:
    window = recovery_window(week(), race_date=RACE, window_days=6, target=2, now=NOW)
    lines = strip_text(window, 80).plain.splitlines()
    assert lines[0] == "Day 4 of the 6-day recovery window · 4 days in a row on plan"
    assert lines[1] == "day       0  1  2  3  4  5  6"
    assert lines[2] == "          R  ◐  ◔  ● [◐] ·  ·"
    assert lines[3] == "sessions  0  1  0  2  1"
    assert lines[4] == "partial         1"
    assert lines[5] == "● 2/day  ◐ fewer  ◔ partial  ○ rest  ✗ missed  R race  · to come  [ ] today"


def test_after_the_window_the_strip_says_what_next_instead_of_the_days() -> None:
    window = recovery_window(week(), race_date=RACE, window_days=2, target=2, now=NOW)
    lines = strip_text(window, 80).plain.splitlines()
    assert lines == [
        "The 2-day recovery window ended 2 days ago · on plan 2 of 2 days",
        AFTER_THE_WINDOW,
    ]


def test_strip_wraps_a_long_window_and_asks_for_a_race_date() -> None:
    window = recovery_window([], race_date=RACE, window_days=30, target=1, now=NOW)
    lines = strip_text(window, 40).plain.splitlines()
    assert lines[1] == "day       0  1  2  3  4  5  6  7  8  9"
    assert lines[4] == "day       10 11 12 13 14 15 16 17 18 19"
    assert "race_date" in strip_text(None, 80).plain


def test_series() -> None:
    records = week()
    assert [(p.before, p.after) for p in heel_series(records)] == [(1, 3), (3, None)]
    sets = fatigue_sets(records)
    assert len(sets) == 4 * 2 * 3 + 3  # the partial session did round 1 only
    assert (sets[0].left, sets[0].right, sets[0].number) == (31.5, 30.0, 1)


def test_the_day_axis_places_sessions_and_labels_dates() -> None:
    axis = DayAxis(RACE, RACE + timedelta(days=14))
    assert axis.x(datetime(2026, 11, 16, 18, tzinfo=UTC), UTC) == 1.75
    ticks, labels = axis.ticks(8)
    assert ticks == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0]
    assert labels[:3] == ["15 Nov", "17 Nov", "19 Nov"]
    assert DayAxis(RACE, RACE + timedelta(days=60)).ticks(8)[1][:2] == ["15 Nov", "23 Nov"]


def test_chart_series() -> None:
    records = week()
    axis = DayAxis(RACE, RACE + timedelta(days=6))
    before, after = heel_points(records, axis, UTC)
    assert (before.xs, before.ys) == ([1 + 8 / 24, 4 + 8 / 24], [1.0, 3.0])
    assert (after.xs, after.ys) == ([1 + 8 / 24], [3.0])
    sets = fatigue_sets(records)
    left, right = side_sets(sets)
    assert left.xs[:3] == [1.0, 2.0, 3.0] and left.ys[:3] == [31.5, 28.25, 25.0]
    assert len(right.ys) == len(sets)
    ticks, labels = session_ticks(sets, 8)
    assert ticks == [1.0, 7.0, 10.0, 22.0]  # the two sessions at 08:00 on the 18th share one
    assert labels == ["16 Nov", "17 Nov", "18 Nov", "19 Nov"]
