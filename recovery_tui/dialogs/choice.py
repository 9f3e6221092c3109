"""A question with a few answers, as buttons; the first is the default (`enter`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..styles import stylesheet
from .guard import KeyGuard


class ChoiceDialog(KeyGuard, ModalScreen[str]):
    """Dismisses with the id of the chosen answer, or `cancel` on escape."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        question: str,
        answers: list[tuple[str, str]],
        *,
        title: str = "",
        guard: bool = False,
    ) -> None:
        """`guard`: the app opened it by itself, so keys in its first moments are ignored."""
        super().__init__()
        self.guard_keys = guard
        self.question = question
        self.answers = answers
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.title_text:
                yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(self.question, id="dialog-question", markup=False)
            with Horizontal(id="dialog-buttons"):
                for index, (answer_id, label) in enumerate(self.answers):
                    yield Button(
                        label, id=answer_id, variant="primary" if index == 0 else "default"
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_cancel(self) -> None:
        self.dismiss("cancel")


def confirm(question: str, yes: str = "Yes", no: str = "No") -> ChoiceDialog:
    """A yes/no question; the result is `yes` or `no` (or `cancel`)."""
    return ChoiceDialog(question, [("yes", yes), ("no", no)])
