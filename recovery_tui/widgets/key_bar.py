"""The key bar at the foot of a screen: every shown binding, with its description.

It looks and works like Textual's `Footer` (same keys in the same order, the same theme
colours, the command palette key on the right, a click presses the key), but it is one
widget drawing one line. The Footer is a widget per key, each styled and laid out on its
own, and composes itself again whenever the screen announces its bindings: on plan
selection that was a fifth of the work before the first frame, and the keys came last.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    """One key as shown: what to press, how it reads, and whether it does anything now."""

    key: str
    display: str
    description: str
    enabled: bool


class Shown(NamedTuple):
    keys: tuple[Key, ...]
    palette: Key | None


class KeyBar(Widget, can_focus=False):
    """Like `Footer`; see the module docstring."""

    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--palette-rule",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--hover {
        color: $footer-key-foreground;
        background: $block-hover-background;
    }
    KeyBar > .key-bar--palette-rule {
        color: $foreground 20%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: Shown | None = None
        self._spans: list[tuple[int, int, Key]] = []
        self._hover: Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Repaint only when what is shown changes: no layout, no new widgets."""
        if self.shown() != self._shown:
            self.refresh()

    def shown(self) -> Shown:
        """The screen's shown bindings, the first of each action, as the Footer lists them."""
        app = self.app
        keys: dict[str, Key] = {}
        palette = None
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            key = Key(binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = key
            elif binding.show:
                keys.setdefault(binding.action, key)
        return Shown(tuple(keys.values()), palette)

    def render(self) -> Text:
        self._shown = shown = self.shown()
        self._spans = []
        line = Text(no_wrap=True, overflow="crop", end="")
        for key in shown.keys:
            self._add(line, key, f" {key.display} ", f"{key.description} ")
        if shown.palette is not None:
            palette = shown.palette
            room = self.size.width - line.cell_len
            width = len(palette.display) + len(palette.description) + 3
            if room >= width:
                line.append(" " * (room - width))
                line.append("▏", style=self._style("palette-rule"))
                self._add(line, palette, palette.display, f" {palette.description}")
                line.append(" ")
        return line

    def _add(self, line: Text, key: Key, shown_key: str, description: str) -> None:
        start = line.cell_len
        dim = Style() if key.enabled else Style(dim=True)
        hover = self._style("hover") if key == self._hover else Style()
        line.append(shown_key, style=self._style("key") + dim + hover)
        line.append(description, style=self._style("description") + dim + hover)
        self._spans.append((start, line.cell_len, key))

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"key-bar--{part}")

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column `x`, if any."""
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh()
