"""A free-text note for a session: how it felt, what hurt, what to change next time.

Enter saves what is written (an empty line removes the note); escape leaves the note
as it was. An existing note opens with the cursor at its end, not selected, so the
first key adds to it instead of replacing it. The hint says what the keys do here.
The text is stored as typed and shown only as plain text, never as markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..core.safe_text import clean
from ..styles import stylesheet
from .guard import KeyGuard

MAX_NOTE = 1000
"""Characters; a note is a line or two, not a diary."""
NEW_HINT = "enter: save the note · escape: no note"
EDIT_HINT = (
    "enter: save the changes (an empty line removes the note) · escape: keep the note as it was"
)


class NoteDialog(KeyGuard, ModalScreen[str | None]):
    """Dismisses with the note (possibly empty), or None when left with escape."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, note: str = "", *, title: str = "Note for this session", guard: bool = False
    ) -> None:
        super().__init__()
        self.guard_keys = guard
        self.note = note
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(
                self.note,
                placeholder="How did it feel? (optional)",
                max_length=MAX_NOTE,
                select_on_focus=False,
                id="note-input",
            )
            hint = EDIT_HINT if self.note else NEW_HINT
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(clean(event.value.strip()))  # pasted text may hold escapes

    def action_cancel(self) -> None:
        self.dismiss(None)
