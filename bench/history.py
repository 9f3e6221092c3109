"""Target 3: opening the history panel with a big log, and whether the UI stays live.

In tmux: from plan selection, `h` until the newest session's row is on screen, against
`escape` from there until plan selection is back (the same keypress-to-frame path, with
a screen that reads nothing). The difference is what reading history costs.

In-process (headless): a 5 ms interval timer runs while the history loads; the longest
gap between its ticks is the longest the UI was blocked. Then the table is checked: the
newest session first, and far fewer rows than sessions.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from textual.widgets import DataTable
from textual.worker import WorkerState

from recovery_tui.app import RecoveryApp
from recovery_tui.core.journal import SessionLog
from recovery_tui.widgets.session_detail import when

from .common import BenchConfig, Row, median, ms
from .env import BenchHome, app_command, shared_home
from .launch import home_shown
from .tmux import Tmux

EXTRA_LIMIT = 0.150
STALL_LIMIT = 0.100
"""A pause under a tenth of a second still feels instant; longer, keys feel stuck."""
BEAT = 0.005


def newest_label(home: BenchHome) -> str:
    """The newest session's date as the history table shows it."""
    newest = max(SessionLog(home.paths.log_file).tail(20), key=lambda r: r.started)
    return when(newest.started, this_year=newest.started.astimezone().year)


def plan_selection_shown(text: str) -> bool:
    """Plan selection, and not the history (whose rows also name the plans)."""
    return home_shown(text) and "h History" in text


def open_and_close(tmux: Tmux, home: BenchHome, label: str) -> tuple[float, float]:
    """One launch: seconds from `h` to the newest row, and from `escape` to plan selection.

    Each key is sent once the app is idle, so neither is slowed by work left over from
    before (start-up, or reading the whole log in the background after the first page).
    """
    pane = tmux.start(app_command(), home.environ())
    try:
        pane.wait_for(home_shown)
        pane.wait_idle()
        sent = pane.send("h")
        opened = pane.wait_for(lambda text: label in text and not plan_selection_shown(text))
        pane.wait_idle()
        back = pane.send("Escape")
        closed = pane.wait_for(plan_selection_shown)
        return opened - sent, closed - back
    finally:
        pane.close()


@dataclass(frozen=True)
class Opening:
    """What the headless app did while its history opened."""

    switch_stall: float
    """The longest pause of the UI until the history screen was up (composing it)."""
    load_stall: float
    """The longest pause after that, until every worker had finished."""
    rows_after: float
    """Seconds from `h` until the table had rows."""
    rows: int
    first: str


async def _open_headless(home: BenchHome) -> Opening:
    """Open the history with a 5 ms interval timer running; see `Opening`."""
    app = RecoveryApp(home.paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        home_screen = app.screen
        beats = [(time.perf_counter(), True)]
        timer = app.set_interval(
            BEAT, lambda: beats.append((time.perf_counter(), app.screen is home_screen))
        )
        started = time.perf_counter()
        press = asyncio.create_task(pilot.press("h"))  # it returns only once the app is idle
        while not (tables := [t for t in app.screen.query(DataTable) if t.row_count]):
            await asyncio.sleep(BEAT)
        rows_after = time.perf_counter() - started
        give_up = time.perf_counter() + 30.0
        while _busy(app) and time.perf_counter() < give_up:
            await asyncio.sleep(BEAT)
        await press
        await pilot.pause(0.2)
        timer.stop()
    switched = next(i for i, (_, at_home) in enumerate(beats) if not at_home)
    gaps = [b[0] - a[0] for a, b in zip(beats, beats[1:], strict=False)]
    table = tables[0]
    return Opening(
        switch_stall=max(gaps[:switched]) - BEAT,
        load_stall=max(gaps[switched:], default=BEAT) - BEAT,
        rows_after=rows_after,
        rows=table.row_count,
        first=str(table.get_row_at(0)[0]),
    )


def _busy(app: RecoveryApp) -> bool:
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


def run(config: BenchConfig, tmux: Tmux) -> list[Row]:
    home = shared_home(config, "big", config.sessions)
    label = newest_label(home)
    opened: list[float] = []
    closed: list[float] = []
    if not config.quick:
        open_and_close(tmux, home, label)  # warm-up: file cache, bytecode cache
    for _ in range(config.runs):
        seconds_open, seconds_close = open_and_close(tmux, home, label)
        opened.append(seconds_open)
        closed.append(seconds_close)
    extra = median(opened) - median(closed)
    opening = asyncio.run(_open_headless(home))
    rows, first = opening.rows, opening.first
    sessions = f"{config.sessions:,} sessions"
    return [
        Row(
            figure=f"3 open history, {sessions} (tmux): h vs escape",
            measured=ms(median(opened)),
            yardstick=ms(median(closed)),
            ratio=f"+{ms(extra)}",
            target=f"<= +{ms(EXTRA_LIMIT)}",
            ok=extra <= EXTRA_LIMIT,
            value=extra,
        ),
        Row(
            figure=f"3b longest UI stall while history loads ({ms(opening.rows_after)} to rows)",
            measured=ms(opening.load_stall),
            yardstick=f"opening {ms(opening.switch_stall)}",
            ratio="",
            target=f"<= {ms(STALL_LIMIT)}",
            ok=opening.load_stall <= STALL_LIMIT,
            value=opening.load_stall,
        ),
        Row(
            figure="3c rows built when history opens",
            measured=f"{rows:,}, newest first" if first == label else f"{rows:,}, first {first}",
            yardstick=sessions,
            ratio=f"{rows / config.sessions:.2f}x",
            target="a page, newest first",
            ok=rows < config.sessions and first == label,
            value=rows,
        ),
    ]
