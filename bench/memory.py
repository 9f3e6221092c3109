"""Target 4: peak memory with a big log, against the bare Textual app.

Both run in tmux; once the screen is up and has settled, the kernel's high-water mark
of resident memory (VmHWM) is read from /proc. The app is measured twice: on plan
selection, and again after its history has been opened (which reads the whole log).
"""

from __future__ import annotations

from collections.abc import Callable

from .common import BenchConfig, Row, alternate, mb, median, ratio_row
from .env import BenchHome, app_command, bare_app_command, shared_home
from .history import newest_label
from .launch import bare_shown, home_shown
from .tmux import Pane, Screen, Tmux

LIMIT = 1.3
RUNS = 3
"""Peak memory hardly varies from run to run."""


def peak_kib(tmux: Tmux, argv: list[str], home: BenchHome, then: Callable[[Pane], None]) -> float:
    """The program's peak memory once it shows its first screen and `then` has run."""
    pane = tmux.start(argv, home.environ())
    try:
        then(pane)
        pane.wait_idle()  # the work that follows the first frame, or a log read in a thread
        return float(pane.peak_memory_kib())
    finally:
        pane.close()


def wait(pane: Pane, screen: Screen) -> None:
    pane.wait_for(screen)


def run(config: BenchConfig, tmux: Tmux) -> list[Row]:
    home = shared_home(config, "big", config.sessions)
    label = newest_label(home)
    runs = min(config.runs, RUNS)

    def bare() -> float:
        return peak_kib(tmux, bare_app_command(), home, lambda pane: wait(pane, bare_shown))

    def plan_selection(pane: Pane) -> None:
        wait(pane, home_shown)

    def history(pane: Pane) -> None:
        pane.wait_for(home_shown)
        pane.wait_idle()
        pane.send("h")
        pane.wait_for(lambda text: label in text and "h History" not in text)

    at_home, bare_home = alternate(
        lambda: peak_kib(tmux, app_command(), home, plan_selection),
        bare,
        runs,
        warm_up=not config.quick,
    )
    at_history, bare_history = alternate(
        lambda: peak_kib(tmux, app_command(), home, history), bare, runs, warm_up=False
    )
    sessions = f"{config.sessions:,} sessions"
    return [
        ratio_row(f"4 peak memory, plan selection, {sessions}", median(at_home),
                  median(bare_home), LIMIT, mb),
        ratio_row(f"4b peak memory, history opened, {sessions}", median(at_history),
                  median(bare_history), LIMIT, mb),
    ]  # fmt: skip
