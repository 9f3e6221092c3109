"""Target 2: `recovery-tui status` with a big log against the same with a tiny one.

The command reads only the end of the log, so the size of the log must not show; the
whole command, Python's start included, must also stay under 80 ms. `status --json`
(for a status bar, run every few seconds) reads the same and must be as flat.
"""

from __future__ import annotations

from datetime import date, timedelta

from .common import BenchConfig, Row, alternate, median, ms, ratio_row
from .env import shared_home, sibling_home, time_command

LIMIT = 1.1
ABSOLUTE_LIMIT = 0.080
OLD_RACE_DAYS = 365
"""For 2c: a runner who has not updated the race date since last year's marathon."""


def run(config: BenchConfig) -> list[Row]:
    big = shared_home(config, "big", config.sessions)
    small = shared_home(config, "small", config.small_sessions)
    big_times, small_times = alternate(
        lambda: time_command(big, "status"),
        lambda: time_command(small, "status"),
        config.status_runs,
        warm_up=not config.quick,
    )
    measured = median(big_times)
    race = date.today() - timedelta(days=OLD_RACE_DAYS)
    old_big = sibling_home(config, "status-old-big", big, race_date=race)
    old_small = sibling_home(config, "status-old-small", small, race_date=race)
    old_big_times, old_small_times = alternate(
        lambda: time_command(old_big, "status"),
        lambda: time_command(old_small, "status"),
        config.status_runs,
        warm_up=not config.quick,
    )
    json_big_times, json_small_times = alternate(
        lambda: time_command(big, "status", "--json"),
        lambda: time_command(small, "status", "--json"),
        config.status_runs,
        warm_up=not config.quick,
    )
    return [
        ratio_row(
            f"2 status, {config.sessions:,} vs {config.small_sessions} sessions",
            measured,
            median(small_times),
            LIMIT,
            ms,
        ),
        Row(
            figure=f"2b status, {config.sessions:,} sessions",
            measured=ms(measured),
            yardstick="",
            ratio="",
            target=f"< {ms(ABSOLUTE_LIMIT)}",
            ok=measured < ABSOLUTE_LIMIT,
            value=measured,
        ),
        ratio_row(
            f"2c status, race {OLD_RACE_DAYS} days ago, {config.sessions:,} vs "
            f"{config.small_sessions} sessions",
            median(old_big_times),
            median(old_small_times),
            LIMIT,
            ms,
        ),
        ratio_row(
            f"2d status --json, {config.sessions:,} vs {config.small_sessions} sessions",
            median(json_big_times),
            median(json_small_times),
            LIMIT,
            ms,
        ),
    ]
