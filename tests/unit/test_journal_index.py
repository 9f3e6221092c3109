"""The offset index: counts, orders and finds sessions in 16 bytes each."""

from __future__ import annotations

import random
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from recovery_tui.core.journal import SessionIndex

START = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return START + timedelta(hours=hours)


def index_of(hours: list[float]) -> SessionIndex:
    """An index whose n-th session has the offset n."""
    index = SessionIndex()
    for offset, hour in enumerate(hours):
        index.add(offset, at(hour))
    return index


def entries(index: SessionIndex) -> list[tuple[int, float]]:
    return [(index.offset(i), index.started(i)) for i in range(len(index))]


def test_sessions_come_back_as_they_went_in() -> None:
    index = index_of([0, 30, 2.5])
    index.add(-1, at(1))  # not in the log
    assert len(index) == 4
    assert entries(index) == [(0, at(0).timestamp()), (1, at(30).timestamp()),
                              (2, at(2.5).timestamp()), (-1, at(1).timestamp())]  # fmt: skip


def test_sort_puts_them_in_start_order_and_keeps_ties_in_place() -> None:
    index = index_of([5, 1, 9, 1])
    index.sort()
    assert [index.offset(i) for i in range(4)] == [1, 3, 0, 2]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("shape", ["in order", "nearly sorted", "shuffled", "reversed"])
def test_sort_is_a_stable_sort_by_start(seed: int, shape: str) -> None:
    rng = random.Random(seed)
    hours: list[float] = [n // 3 for n in range(60)]  # three sessions at each hour: ties
    if shape == "nearly sorted":
        for spot in rng.sample(range(59), 5):
            hours[spot], hours[spot + 1] = hours[spot + 1], hours[spot]
    elif shape == "shuffled":
        rng.shuffle(hours)
    elif shape == "reversed":
        hours.reverse()
    index = index_of(hours)
    expected = sorted(entries(index), key=lambda entry: entry[1])
    index.sort()
    assert entries(index) == expected


def test_started_between_takes_half_open_ranges() -> None:
    index = index_of(list(range(10)))
    assert index.started_between(at(3), at(6)) == range(3, 6)
    assert index.started_between(at(7 + 1 / 60)) == range(8, 10)
    assert index.started_between(at(20)) == range(10, 10)
    assert len(index.started_between(at(6), at(2))) == 0


def test_a_session_costs_sixteen_bytes() -> None:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = index_of([n / 2 for n in range(5000)])
        index.sort()
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(index) == 5000
    assert used < 20 * 5000  # the summaries it replaced took about 60 each
