"""Snapshots of seeing recovery work: the calendar strip, the charts, the heel check.

Race day is 2026-11-15 and the frozen now is Monday 2026-11-23 07:30 UTC, day 8. The
seeded week has two sessions on some days, an allowed rest day, two missed days, a
session cut short with the right side's lunges undone, and a right side whose sets to
fatigue end sooner. Regenerate with `pytest tests/functional/test_snapshots_recovery.py
--snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from app_helpers import write_settings
from factories import make_record
from textual.pilot import Pilot

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import SessionRecord, Status
from recovery_tui.core.settings.paths import AppPaths

AppFactory = Callable[..., Any]
SnapCompare = Callable[..., bool]
RACE = date(2026, 11, 15)

WEEK: list[tuple[int, int, int, int]] = [
    # (day of November, hour UTC, heel check before, after)
    (16, 7, 1, 3),
    (16, 18, 2, 3),
    (17, 19, 2, 3),  # cut short: see `seed`
    # the 18th: a rest day between two days with sessions
    (19, 7, 2, 4),
    (19, 17, 3, 4),
    # the 20th and 21st: missed
    (22, 8, 3, 5),
    (23, 6, 3, 5),  # today, earlier this morning
]


def _weaker_right(record: SessionRecord) -> None:
    for results in record.rounds:
        quad = results[3]
        if quad.set_seconds:
            quad.set_seconds["right"] = [s * 0.8 for s in quad.set_seconds["right"]]


def seed(paths: AppPaths) -> None:
    write_settings(paths, race_date=RACE)
    for day, hour, before, after in WEEK:
        started = datetime(2026, 11, day, hour, tzinfo=UTC)
        status: Status = "partial" if day == 17 else "completed"
        record = make_record(started, status=status, id=f"{day}-{hour}")
        record.check_before, record.check_after = before, after
        if day == 17:
            record.rounds[1][4].counts = {"left": 15}  # stopped before the right side
            record.note = "Quads too sore, stopped at the lunges"
        if day >= 19:
            _weaker_right(record)
        SessionLog(paths.log_file).append(record)


async def open_history(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.pause()
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


def test_home_with_the_recovery_window(
    make_app: AppFactory, paths: AppPaths, snap_compare: SnapCompare
) -> None:
    seed(paths)
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_history_charts_and_calendar(
    make_app: AppFactory, paths: AppPaths, snap_compare: SnapCompare
) -> None:
    seed(paths)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_history(pilot, "c")

    assert snap_compare(make_app(), terminal_size=(80, 32), run_before=run_before)


def test_history_charts_in_full(
    make_app: AppFactory, paths: AppPaths, snap_compare: SnapCompare
) -> None:
    """All three charts on a tall terminal: dates on the x axes, a marker per series."""
    seed(paths)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_history(pilot, "c")

    assert snap_compare(make_app(), terminal_size=(100, 62), run_before=run_before)


def test_history_session_with_checks_and_note(
    make_app: AppFactory, paths: AppPaths, snap_compare: SnapCompare
) -> None:
    seed(paths)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_history(pilot, "down", "down", "down", "down")  # the partial session

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


@pytest.mark.parametrize("keys", [(), ("n",)], ids=["heel-check-before", "note-dialog"])
def test_dialogs(
    make_app: AppFactory, paths: AppPaths, snap_compare: SnapCompare, keys: tuple[str, ...]
) -> None:
    seed(paths)

    async def run_before(pilot: Pilot[Any]) -> None:
        if keys:
            await open_history(pilot, *keys)
        else:
            await pilot.pause()
            await pilot.press("enter", "enter")  # start, skip the quads
            await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
