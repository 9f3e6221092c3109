"""Target 1: launch to the first frame of plan selection, against a bare Textual app.

Both start in the same real terminal (tmux, 100x30) from the same Python; the clock
runs from just before tmux is asked to start the program until capture-pane shows the
screen: the plan list for the app, the one `Static` for the yardstick.
"""

from __future__ import annotations

from collections.abc import Mapping

from .bare_app import MARKER
from .common import BenchConfig, Row, alternate, median, ms, ratio_row
from .env import app_command, bare_app_command, shared_home
from .tmux import Screen, Tmux

LIMIT = 1.3
HOME_MARKER = "Full circuit"


def home_shown(text: str) -> bool:
    return HOME_MARKER in text


def bare_shown(text: str) -> bool:
    return MARKER in text


def time_to_screen(
    tmux: Tmux, argv: list[str], env: Mapping[str, str], screen: Screen
) -> tuple[float, float]:
    """Wall and CPU seconds from starting `argv` until `screen` shows; then it is closed."""
    pane = tmux.start(argv, env)
    try:
        seen = pane.wait_for(screen)
        return seen - pane.started, pane.cpu_seconds()
    finally:
        pane.close()


def run(config: BenchConfig, tmux: Tmux) -> list[Row]:
    home = shared_home(config, "big", config.sessions)
    env = home.environ()
    app, bare = alternate(
        lambda: time_to_screen(tmux, app_command(), env, home_shown),
        lambda: time_to_screen(tmux, bare_app_command(), env, bare_shown),
        config.runs,
        warm_up=not config.quick,
    )
    sessions = f"{config.sessions:,} sessions"
    return [
        ratio_row(
            f"1 launch to plan selection, {sessions} (tmux)",
            median([wall for wall, _ in app]),
            median([wall for wall, _ in bare]),
            LIMIT,
            ms,
        ),
        ratio_row(
            "1b the same, CPU time (less swayed by a busy machine)",
            median([cpu for _, cpu in app]),
            median([cpu for _, cpu in bare]),
            LIMIT,
            ms,
        ),
    ]
