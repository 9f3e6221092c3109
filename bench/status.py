"""Target 2: `recovery-tui status` with a big log against the same with a tiny one.

The command reads only the end of the log, so the size of the log must not show; the
whole command, Python's start included, must also stay under 80 ms. `status --json`
(for a status bar, run every few seconds) reads the same and must be as flat.
"""

from __future__ import annotations

from datetime import date, timedelta

from .common import BenchConfig, Row, limit_row, ms, ratio_row
from .env import shared_home, sibling_home, time_big_and_small

LIMIT = 1.1
ABSOLUTE_LIMIT = 0.080
OLD_RACE_DAYS = 365
"""For 2c: a runner who has not updated the race date since last year's marathon."""


def run(config: BenchConfig) -> list[Row]:
    big = shared_home(config, "big", config.sessions)
    small = shared_home(config, "small", config.small_sessions)
    measured, yardstick = time_big_and_small(config, big, small, "status")
    race = date.today() - timedelta(days=OLD_RACE_DAYS)
    old_big = sibling_home(config, "status-old-big", big, race_date=race)
    old_small = sibling_home(config, "status-old-small", small, race_date=race)
    sizes = f"{config.sessions:,} vs {config.small_sessions} sessions"
    return [
        ratio_row(f"2 status, {sizes}", measured, yardstick, LIMIT, ms),
        limit_row(f"2b status, {config.sessions:,} sessions", measured, ABSOLUTE_LIMIT, ms),
        ratio_row(
            f"2c status, race {OLD_RACE_DAYS} days ago, {sizes}",
            *time_big_and_small(config, old_big, old_small, "status"),
            LIMIT,
            ms,
        ),
        ratio_row(
            f"2d status --json, {sizes}",
            *time_big_and_small(config, big, small, "status", "--json"),
            LIMIT,
            ms,
        ),
    ]
