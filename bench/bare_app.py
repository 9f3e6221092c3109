"""The yardstick: the smallest Textual app there is, one `Static`. Run as a script.

Whatever it costs to start Textual, to draw a frame and to hold a screen in memory, this
app pays too; what recovery-tui costs beyond it is what the figures show.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "Bare Textual yardstick"


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    BareApp().run()
