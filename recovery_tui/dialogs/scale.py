"""A question answered on a 1-5 scale with one key; enter or escape skips.

The heel-to-mat check and the quads' soreness are both asked this way: from the mat,
one key must be enough, and a question must never stand between the runner and the
session, so skipping is the default.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..core.scale import SCORES
from ..styles import stylesheet
from .guard import KeyGuard

Scale = Sequence[tuple[int, str]]


class ScaleDialog(KeyGuard, ModalScreen[int | None]):
    """Dismisses with a value of the scale (1-5), or None when skipped."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS = [
        *(Binding(str(value), f"choose({value})", show=False) for value in SCORES),
        Binding("escape", "skip", "Skip"),
    ]

    def __init__(self, *, title: str, question: str, scale: Scale, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.scale = tuple(scale)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.question, classes="dialog-question", markup=False)
            scale = "\n".join(f"  {value}  {words}" for value, words in self.scale)
            yield Static(scale, id="scale-words", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for value, _words in self.scale:
                    yield Button(str(value), id=f"scale-{value}", classes="scale-value")
                yield Button("Skip", id="scale-skip", variant="primary")
            yield Static(self.hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#scale-skip", Button).focus()

    def action_choose(self, value: int) -> None:
        self.dismiss(value)

    def action_skip(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("scale-")
        self.dismiss(int(name) if name.isdigit() else None)
