"""A SummaryList gives back exactly the summaries put in, in little memory."""

from __future__ import annotations

import dataclasses
import random
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from factories import make_record

from recovery_tui.core.journal import NOT_IN_LOG, SessionSummary
from recovery_tui.core.journal.lines import summarize_record
from recovery_tui.core.journal.summaries import SummaryList

START = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def summary(hours: float, id: str, *, offset: int = 0, zone: object = UTC) -> SessionSummary:
    started = (START + timedelta(hours=hours)).astimezone(zone)  # type: ignore[arg-type]
    return dataclasses.replace(summarize_record(make_record(started), offset), id=id)


def test_summaries_come_back_as_they_went_in() -> None:
    plus_five = timezone(timedelta(hours=5, minutes=30))
    items = [
        summary(0, "a", offset=0),
        summarize_record(make_record(START + timedelta(days=1), status="partial", id="b"), 900),
        summary(30, "ümlaut-ç", offset=1800, zone=plus_five),
        summary(40, "d", offset=NOT_IN_LOG, zone=PARIS),
    ]
    kept = SummaryList(items)
    assert len(kept) == 4
    assert list(kept) == items
    assert kept[-1] == items[-1] and kept[-4] == items[0]
    assert kept[2].started.utcoffset() == timedelta(hours=5, minutes=30)
    assert kept[3].started.tzinfo is PARIS and not kept[3].in_log
    assert (kept[1].status, kept[1].rounds_completed, kept[1].rounds_total) == ("partial", 1, 2)


@pytest.mark.parametrize("index", [4, -5])
def test_an_index_past_either_end_is_an_error(index: int) -> None:
    kept = SummaryList(summary(h, str(h)) for h in range(4))
    with pytest.raises(IndexError):
        kept[index]


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ("ab", 1),
        ("abc", 2),
        ("b", 3),
        ("", 4),
        ("ç", 5),
        ("a", None),  # inside other ids only
        ("bab", None),  # across two ids
        ("zz", None),
    ],
)
def test_index_of_finds_whole_ids_only(wanted: str, found: int | None) -> None:
    ids = ["xabx", "ab", "abc", "b", "", "ç"]
    kept = SummaryList(summary(n, id) for n, id in enumerate(ids))
    assert kept.index_of(wanted) == found
    assert [kept.id_at(i) for i in range(len(ids))] == ids


def test_sort_puts_them_in_start_order_and_keeps_ties_in_place() -> None:
    items = [summary(5, "late"), summary(1, "tie-1"), summary(9, "last"), summary(1, "tie-2")]
    kept = SummaryList(items)
    kept.sort()
    assert [s.id for s in kept] == ["tie-1", "tie-2", "late", "last"]
    assert kept.index_of("late") == 2
    assert kept[3] == items[2]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("shape", ["nearly sorted", "shuffled", "reversed"])
def test_sort_is_a_stable_sort_by_start(seed: int, shape: str) -> None:
    rng = random.Random(seed)
    hours = [n // 3 for n in range(60)]  # three sessions at each hour: ties
    if shape == "nearly sorted":
        for index in rng.sample(range(59), 5):
            hours[index], hours[index + 1] = hours[index + 1], hours[index]
    elif shape == "shuffled":
        rng.shuffle(hours)
    else:
        hours.reverse()
    items = [summary(h, f"s{n}", offset=n) for n, h in enumerate(hours)]
    kept = SummaryList(items)
    kept.sort()
    assert list(kept) == sorted(items, key=lambda s: s.started)


def test_started_between_takes_half_open_ranges() -> None:
    kept = SummaryList(summary(h, str(h)) for h in range(10))
    at = START.__add__
    assert kept.started_between(at(timedelta(hours=3)), at(timedelta(hours=6))) == range(3, 6)
    assert kept.started_between(at(timedelta(hours=7, minutes=1))) == range(8, 10)
    assert kept.started_between(at(timedelta(hours=20))) == range(10, 10)
    assert len(kept.started_between(at(timedelta(hours=6)), at(timedelta(hours=2)))) == 0


def test_a_session_costs_well_under_a_hundred_bytes() -> None:
    ids = [f"20261116T0700-{n:05d}-aecb1e71" for n in range(5000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = SummaryList(summary(n, id, offset=n * 1400) for n, id in enumerate(ids))
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(kept) == 5000
    assert used < 100 * 5000  # kept as SessionSummary objects, they take about 240 each
