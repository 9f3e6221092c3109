"""The screen every full-size screen of the app derives from, and where its styles live."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from ..widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall

if TYPE_CHECKING:
    from ..app import RecoveryApp


def _styles_dir() -> Path:
    """The `recovery_tui.styles` package: `styles/` in a checkout, mapped there on install.

    Found through the import system rather than `importlib.resources`, which would pull in
    `zipfile` and friends at start-up; Textual reads stylesheets from real files anyway.
    """
    spec = find_spec("recovery_tui.styles")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the recovery_tui.styles package is missing: reinstall recovery-tui")
    return Path(next(iter(spec.submodule_search_locations)))


STYLES = _styles_dir()


def stylesheet(name: str) -> Path:
    """A stylesheet of the app, for `CSS_PATH`.

    Each screen names the ones it needs, so a start parses only plan selection's, and a
    screen's own are read when it is first shown.
    """
    return STYLES / name


class CoachScreen(Screen[None]):
    """Adds the too-small message; breakpoints set `-narrow`/`-short` on the screen."""

    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (MIN_WIDTH, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [
        (0, "-short"),
        (MIN_HEIGHT, "-tall"),
    ]

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        try:
            width, height = self.app.size
        except RuntimeError:  # made outside a running app: the first resize sets them
            return
        # What the breakpoints will say, said now: set only at the first resize, they
        # would make Textual restyle every widget of the screen a second time.
        wide = "-wide" if width >= MIN_WIDTH else "-narrow"
        self.add_class(wide, "-tall" if height >= MIN_HEIGHT else "-short", update=False)

    @property
    def coach(self) -> RecoveryApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.mount(TooSmall())
