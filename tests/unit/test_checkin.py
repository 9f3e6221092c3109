"""`status --json` and `status --format`: the check-in as data, on a fixed log and frozen time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from factories import make_record

from recovery_tui.core.errors import UserError
from recovery_tui.core.insight.checkin import FIELDS, checkin, fill_template

RACE = date(2026, 11, 15)
NOW = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)  # day 8
LOG = [
    make_record(datetime(2026, 11, 21, 8, tzinfo=UTC), id="a"),
    make_record(datetime(2026, 11, 22, 8, tzinfo=UTC), id="b"),
    make_record(datetime(2026, 11, 22, 18, tzinfo=UTC), id="c"),
    make_record(datetime(2026, 11, 23, 7, tzinfo=UTC), id="d"),
    make_record(datetime(2026, 11, 23, 9, 30, tzinfo=UTC), status="partial", id="e"),
]


def facts(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "now": NOW,
        "race_date": RACE,
        "window_days": 14,
        "target": 2,
        "unfinished": 1,
    }
    values.update(overrides)
    return checkin(LOG, **values)  # type: ignore[arg-type]


def test_the_object_holds_every_key_with_its_value() -> None:
    assert facts() == {
        "day_after_race": 8,
        "window_days": 14,
        "sessions_today": 1,
        "partial_today": 1,
        "target": 2,
        "streak": 3,
        "last": {
            "started": "2026-11-23T09:30:00+00:00",
            "plan": "full-circuit",
            "status": "partial",
        },
        "unfinished": 1,
        "next_due": {"day": "2026-11-23", "text": "second session: now"},
    }


def test_without_a_race_date_or_any_session() -> None:
    result = checkin([], now=NOW, race_date=None, window_days=14, target=2, unfinished=0)
    assert result["day_after_race"] is None and result["last"] is None
    assert (result["sessions_today"], result["streak"]) == (0, 0)
    json.dumps(result)  # JSON-ready as it is


def test_a_streak_counts_without_a_race_date_too() -> None:
    assert facts(race_date=None)["streak"] == 3


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{sessions_today}/{target}", "1/2"),
        ("day {day_after_race} · {streak}d", "day 8 · 3d"),
        (
            "{last_plan} {last_status} {last_started}",
            "full-circuit partial 2026-11-23T09:30:00+00:00",
        ),
        ("[{streak:>3}]", "[  3]"),
        ("{next_due}", "second session: now"),
        ("{{literal}} {unfinished}", "{literal} 1"),
        ("no fields", "no fields"),
    ],
)
def test_a_template_is_filled_in(template: str, expected: str) -> None:
    assert fill_template(template, facts()) == expected


def test_empty_values_fill_in_as_nothing() -> None:
    empty = checkin([], now=NOW, race_date=None, window_days=14, target=2, unfinished=0)
    assert fill_template("[{day_after_race}][{last_plan}]", empty) == "[][]"


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{sessions}/{target}", "unknown field '{sessions}'; known fields: day_after_race,"),
        ("{last.started}", "unknown field '{last.started}'"),
        ("{}", "unknown field '{}'"),
        ("{target!r}", "conversions are not allowed"),
        ("{target", "write {{ and }} for braces"),
        ("{streak:q}", "'{streak:q}': Unknown format code 'q'"),
    ],
)
def test_a_bad_template_says_what_is_known(template: str, words: str) -> None:
    with pytest.raises(UserError) as caught:
        fill_template(template, facts())
    assert words in str(caught.value)


def test_every_field_is_named_in_the_error() -> None:
    with pytest.raises(UserError) as caught:
        fill_template("{x}", facts())
    assert all(name in str(caught.value) for name in FIELDS)
