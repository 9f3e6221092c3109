"""Target 2: `recovery-tui status` with a big log against the same with a tiny one.

The command reads only the end of the log, so the size of the log must not show; the
whole command, Python's start included, must also stay under 80 ms. `status --json`
(for a status bar, run every few seconds) reads the same and must be as flat.
"""

from __future__ import annotations

import subprocess
import time
from datetime import date, timedelta

from .common import BenchConfig, Row, alternate, median, ms, ratio_row
from .env import BenchHome, app_command, shared_home, sibling_home, subprocess_environ

LIMIT = 1.1
ABSOLUTE_LIMIT = 0.080
OLD_RACE_DAYS = 365
"""For 2c: a runner who has not updated the race date since last year's marathon."""


def time_status(home: BenchHome, *options: str) -> float:
    """Seconds for one `recovery-tui status` (with `options`), from fork to exit."""
    argv = [*app_command(), "status", *options]
    environ = subprocess_environ(home)
    started = time.perf_counter()
    subprocess.run(argv, env=environ, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def run(config: BenchConfig) -> list[Row]:
    big = shared_home(config, "big", config.sessions)
    small = shared_home(config, "small", config.small_sessions)
    big_times, small_times = alternate(
        lambda: time_status(big),
        lambda: time_status(small),
        config.status_runs,
        warm_up=not config.quick,
    )
    measured = median(big_times)
    race = date.today() - timedelta(days=OLD_RACE_DAYS)
    old_big = sibling_home(config, "status-old-big", big, race_date=race)
    old_small = sibling_home(config, "status-old-small", small, race_date=race)
    old_big_times, old_small_times = alternate(
        lambda: time_status(old_big),
        lambda: time_status(old_small),
        config.status_runs,
        warm_up=not config.quick,
    )
    json_big_times, json_small_times = alternate(
        lambda: time_status(big, "--json"),
        lambda: time_status(small, "--json"),
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
