"""The figures, by number, and how to run one (with a tmux server when it needs one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .common import BenchConfig, Row
from .tmux import Tmux, tmux_missing


@dataclass(frozen=True)
class Figure:
    title: str
    run: Callable[..., list[Row]]
    needs_tmux: bool


def _launch(config: BenchConfig, tmux: Tmux) -> list[Row]:
    from . import launch

    return launch.run(config, tmux)


def _status(config: BenchConfig) -> list[Row]:
    from . import status

    return status.run(config)


def _report(config: BenchConfig) -> list[Row]:
    from . import report

    return report.run(config)


def _history(config: BenchConfig, tmux: Tmux) -> list[Row]:
    from . import history

    return history.run(config, tmux)


def _memory(config: BenchConfig, tmux: Tmux) -> list[Row]:
    from . import memory

    return memory.run(config, tmux)


def _timers(config: BenchConfig) -> list[Row]:
    from . import drift, timers

    return timers.run(config) + drift.run(config)


def _hangup(config: BenchConfig) -> list[Row]:
    from . import hangup

    return hangup.run(config)


def _floor(config: BenchConfig) -> list[Row]:
    from . import floor

    return floor.run(config)


def _session_cost(config: BenchConfig, tmux: Tmux) -> list[Row]:
    from . import session_cost

    return session_cost.run(config, tmux)


FIGURES = {
    "1": Figure("launch to plan selection", _launch, needs_tmux=True),
    "2": Figure("status with a big log", _status, needs_tmux=False),
    "3": Figure("opening the history", _history, needs_tmux=True),
    "4": Figure("peak memory", _memory, needs_tmux=True),
    "5": Figure("timer accuracy", _timers, needs_tmux=False),
    "6": Figure("report for the physio", _report, needs_tmux=False),
    "7": Figure("hang-up to exit", _hangup, needs_tmux=False),
    "8": Figure("floor view redraw on resize", _floor, needs_tmux=False),
    "9": Figure("a session with the voice on", _session_cost, needs_tmux=True),
}


def skipped_row(key: str, reason: str) -> Row:
    title = f"{key} {FIGURES[key].title}"
    return Row(title, f"skipped: {reason}", "", "", "", ok=False, value=0.0, skipped=True)


def failed_row(key: str, error: Exception) -> Row:
    """A figure that could not be measured; the table says why instead of stopping."""
    title = f"{key} {FIGURES[key].title}"
    return Row(title, f"error: {error}", "", "", "", ok=False, value=float("nan"))


def run_figure(key: str, config: BenchConfig) -> list[Row]:
    """One figure's rows; a tmux figure without tmux gives one row saying why it was skipped."""
    figure = FIGURES[key]
    if not figure.needs_tmux:
        return figure.run(config)
    reason = tmux_missing()
    if reason:
        return [skipped_row(key, reason)]
    with Tmux() as tmux:
        return figure.run(config, tmux)
