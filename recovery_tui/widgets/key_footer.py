"""Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

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
    """What the keys showed when last built."""

    def _keys(self) -> Hashable:
        bindings = self.screen.active_bindings.values()
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        return palette, tuple((binding, enabled, tip) for _, binding, enabled, tip in bindings)

    async def recompose(self) -> None:
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await super().recompose()
