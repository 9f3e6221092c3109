"""The app's stylesheets (`recovery_tui.styles`: this folder in a checkout, mapped on install).

Screens and dialogs both name theirs here, so neither has to import the other to find them.
"""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parent


def stylesheet(name: str) -> Path:
    """A stylesheet of the app, for `CSS_PATH`.

    Each screen names the ones it needs, so a start parses only plan selection's, and a
    screen's own are read when it is first shown.
    """
    return STYLES / name
