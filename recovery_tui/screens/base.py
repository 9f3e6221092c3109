"""The screen every full-size screen of the app derives from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from ..widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall

if TYPE_CHECKING:
    from ..app import RecoveryApp


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

    @property
    def coach(self) -> RecoveryApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.mount(TooSmall())
