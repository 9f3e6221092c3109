"""Target 6: `recovery-tui report` with a big log against the same with a tiny one.

The report's days are found by bisecting the log, so 20,000 sessions must cost about
what a handful do, and the whole command must stay under a second.
"""

from __future__ import annotations

import subprocess
import time

from .common import BenchConfig, Row, alternate, median, ms, ratio_row
from .env import BenchHome, app_command, shared_home, subprocess_environ

LIMIT = 1.2
ABSOLUTE_LIMIT = 1.0


def time_report(home: BenchHome) -> float:
    """Seconds for one `recovery-tui report` (to a pipe), from fork to exit."""
    argv = [*app_command(), "report"]
    environ = subprocess_environ(home)
    started = time.perf_counter()
    subprocess.run(argv, env=environ, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def run(config: BenchConfig) -> list[Row]:
    big = shared_home(config, "big", config.sessions)
    small = shared_home(config, "small", config.small_sessions)
    big_times, small_times = alternate(
        lambda: time_report(big),
        lambda: time_report(small),
        config.status_runs,
        warm_up=not config.quick,
    )
    measured = median(big_times)
    return [
        ratio_row(
            f"6 report, {config.sessions:,} vs {config.small_sessions} sessions",
            measured,
            median(small_times),
            LIMIT,
            ms,
        ),
        Row(
            figure=f"6b report, {config.sessions:,} sessions",
            measured=ms(measured),
            yardstick="",
            ratio="",
            target=f"< {ms(ABSOLUTE_LIMIT)}",
            ok=measured < ABSOLUTE_LIMIT,
            value=measured,
        ),
    ]
