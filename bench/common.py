"""What every figure shares: its settings, its result row, and fair alternation.

Each figure compares the app with a yardstick measured in the same run. The two are
measured in ABBA order (app, yardstick, yardstick, app, ...) so that a machine that
gets busier or quieter during the run moves both sides alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class BenchConfig:
    """How big and how long: the real figures, or a quick pass that only proves they run."""

    workdir: Path
    sessions: int = 20_000
    small_sessions: int = 10
    runs: int = 7
    status_runs: int = 15
    load_countdown: float = 30.0
    """Seconds of the countdown timed while the machine is busy (target 5c)."""
    paced_seconds: float = 6.0
    """How long the app runs short countdowns and paced reps for target 5a."""
    quick: bool = False

    @classmethod
    def quick_config(cls, workdir: Path) -> BenchConfig:
        """A small log, one run each, one-second countdowns: seconds, not minutes."""
        return cls(
            workdir=workdir,
            sessions=300,
            runs=1,
            status_runs=1,
            load_countdown=1.0,
            paced_seconds=2.5,
            quick=True,
        )


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    figure: str
    measured: str
    yardstick: str
    ratio: str
    target: str
    ok: bool
    value: float
    """The number the target is checked against (a ratio, milliseconds, ...)."""
    skipped: bool = False


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0095 else f"{seconds * 1000:.1f} ms"


def mb(kib: float) -> str:
    return f"{kib / 1024:.1f} MB"


def ratio_row(
    figure: str, measured: float, yardstick: float, limit: float, show: Callable[[float], str]
) -> Row:
    """A row whose target is `measured` at most `limit` times `yardstick`."""
    ratio = measured / yardstick if yardstick else float("inf")
    return Row(
        figure=figure,
        measured=show(measured),
        yardstick=show(yardstick),
        ratio=f"{ratio:.2f}x",
        target=f"<= {limit:g}x",
        ok=ratio <= limit,
        value=ratio,
    )


def limit_row(figure: str, measured: float, limit: float, show: Callable[[float], str]) -> Row:
    """A row whose target is `measured` under `limit` itself (no yardstick)."""
    return Row(
        figure=figure,
        measured=show(measured),
        yardstick="",
        ratio="",
        target=f"< {show(limit)}",
        ok=measured < limit,
        value=measured,
    )


def alternate(
    first: Callable[[], T], second: Callable[[], T], runs: int, *, warm_up: bool = True
) -> tuple[list[T], list[T]]:
    """Run both `runs` times in ABBA order (after one untimed run of each); their samples."""
    if warm_up:
        first()
        second()
    a: list[T] = []
    b: list[T] = []
    for index in range(runs):
        pair = [(first, a), (second, b)]
        for measure, samples in pair if index % 2 == 0 else reversed(pair):
            samples.append(measure())
    return a, b


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def wait_until(ready: Callable[[], bool], timeout: float, poll: float = 0.005) -> float:
    """Poll `ready` until it holds; the perf_counter time it was first seen true."""
    deadline = time.perf_counter() + timeout
    while True:
        if ready():
            return time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"not ready after {timeout:g} s")
        time.sleep(poll)


def format_table(rows: list[Row]) -> str:
    """The results as a Markdown table (readable in a terminal, pasteable in the docs)."""
    header = ("figure", "measured", "yardstick", "ratio", "target", "ok")
    cells = [header] + [
        (
            r.figure,
            r.measured,
            r.yardstick,
            r.ratio,
            r.target,
            "skip" if r.skipped else "yes" if r.ok else "NO",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
