"""The screen every full-size screen of the app derives from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.signal import Signal

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

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name, id, classes)
        self._signals: list[Signal[Any]] = []
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

    def subscribe_to(
        self, signal: Signal[Any], callback: Callable[[Any], object], *, immediate: bool = False
    ) -> None:
        """Follow one of the app's signals while this screen is mounted.

        Textual's `Signal` keys its subscribers weakly, but the callbacks it keeps hold the
        screen, so a screen that never unsubscribes outlives its dismissal until the signal
        next publishes: 2-3 MB for every visit to the history.
        """
        signal.subscribe(self, callback, immediate=immediate)
        self._signals.append(signal)

    def on_unmount(self) -> None:
        for signal in self._signals:
            signal.unsubscribe(self)
        self._signals.clear()
