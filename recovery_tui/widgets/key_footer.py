"""Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer


class KeyFooter(Footer):
    """The stock Footer, minus the rebuilds that would show the same keys again.

    Textual's Footer throws its keys away and makes new ones (a widget each) whenever the
    screen's bindings are refreshed: on focus, when the screen is pushed, at every
    highlight on plan selection. Before plan selection is idle that is four rebuilds of
    the same six keys; here it is one. Measured 2026-12-02 (VmHWM idle on plan selection,
    20,000 sessions, 100x30 tmux, 3 runs each): 39.2 MB with the stock Footer, 38.6 MB
    with this one. Public API only (`recompose`, `Screen.active_bindings`); tested with
    Textual 8.2.8.
    """

    _shown: Hashable = None
    """The keys as they were when last built (read in `compose`, as the keys are)."""

    def _keys(self) -> Hashable:
        bindings = self.screen.active_bindings.values()
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        return palette, tuple((binding, enabled, tip) for _, binding, enabled, tip in bindings)

    def compose(self) -> ComposeResult:
        # Noted here, not in `recompose`: the rebuild awaits the old keys' removal before
        # it composes, and the bindings may change in between.
        self._shown = self._keys()
        yield from super().compose()

    async def recompose(self) -> None:
        if self._keys() != self._shown:
            await super().recompose()
