"""Target 6: `recovery-tui report` with a big log against the same with a tiny one.

The report's days are found by bisecting the log, so 20,000 sessions must cost about
what a handful do, and the whole command must stay under a second.
"""

from __future__ import annotations

from .common import BenchConfig, Row, limit_row, ms, ratio_row
from .env import shared_home, time_big_and_small

LIMIT = 1.2
ABSOLUTE_LIMIT = 1.0


def run(config: BenchConfig) -> list[Row]:
    big = shared_home(config, "big", config.sessions)
    small = shared_home(config, "small", config.small_sessions)
    measured, yardstick = time_big_and_small(config, big, small, "report")
    return [
        ratio_row(
            f"6 report, {config.sessions:,} vs {config.small_sessions} sessions",
            measured,
            yardstick,
            LIMIT,
            ms,
        ),
        limit_row(f"6b report, {config.sessions:,} sessions", measured, ABSOLUTE_LIMIT, ms),
    ]
