"""Why this exercise, and its caution: the reasoning of the home screen, mid-session.

Opened with `w` on the active set; like every overlay it pauses the session, and the
session counts in again when it closes. Plan text is shown as plain text, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..core.plans.model import Exercise
from ..core.safe_text import clean
from ..styles import stylesheet


class WhyDialog(ModalScreen[None]):
    """The exercise's why and caution; escape, enter or `w` closes it."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
        Binding("w", "close", "Close", show=False),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        exercise = self.exercise
        with Vertical(id="why-dialog", classes="dialog"):
            yield Static(Text(clean(exercise.name)), classes="dialog-title")
            with VerticalScroll(id="why-body"):
                why = clean(exercise.why) or "This plan gives no reason for this exercise."
                yield Static(Text(why), id="why-text")
                if exercise.caution:
                    yield Static(Text(f"⚠ {clean(exercise.caution)}"), id="why-caution")
            yield Static(
                "The session is paused · escape, enter or w goes back", classes="dialog-hint"
            )

    def action_close(self) -> None:
        self.dismiss()
