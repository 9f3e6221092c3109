"""Target 6: `recovery-tui report` with a big log against the same with a tiny one.

The report's days are found by bisecting the log, so 20,000 sessions must cost about
what a handful do, and the whole command must stay under a second.
"""

from __future__ import annotations

from .common import BenchConfig, Row, alternate, median, ms, ratio_row
from .env import shared_home, time_command

LIMIT = 1.2
ABSOLUTE_LIMIT = 1.0


def run(config: BenchConfig) -> list[Row]:
    big = shared_home(config, "big", config.sessions)
    small = shared_home(config, "small", config.small_sessions)
    big_times, small_times = alternate(
        lambda: time_command(big, "report"),
        lambda: time_command(small, "report"),
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
