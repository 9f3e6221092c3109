"""The heel-to-mat check: in down dog, how close do the heels come to the mat?

The source judges progress by exactly this, so the app asks before and after a session.
One key answers (1-5); enter or escape skips, because a check must never stand between
the runner and the mat. The `heel_check` setting turns the question off.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..styles import stylesheet

SCALE = (
    (1, "heels far from the mat"),
    (2, "a little closer"),
    (3, "about half-way down"),
    (4, "nearly touching"),
    (5, "heels flat on the mat"),
)


class HeelCheckDialog(ModalScreen[int | None]):
    """Dismisses with 1-5, or None when skipped."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS = [
        *(Binding(str(value), f"choose({value})", words, show=False) for value, words in SCALE),
        Binding("escape", "skip", "Skip"),
    ]

    def __init__(self, when: str) -> None:
        """`when` is ``before`` or ``after`` (the session)."""
        super().__init__()
        self.when = when

    def compose(self) -> ComposeResult:
        with Vertical(id="heel-dialog", classes="dialog"):
            yield Static(f"Heel-to-mat check, {self.when} the session", classes="dialog-title")
            yield Static(
                "In down dog, how close do your heels come to the mat?",
                classes="dialog-question",
            )
            scale = "\n".join(f"  {value}  {words}" for value, words in SCALE)
            yield Static(scale, id="heel-scale", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for value, _words in SCALE:
                    yield Button(str(value), id=f"heel-{value}", classes="heel-value")
                yield Button("Skip", id="heel-skip", variant="primary")
            yield Static(
                "Press 1-5, or enter to skip. Turn the check off with heel_check in settings.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#heel-skip", Button).focus()

    def action_choose(self, value: int) -> None:
        self.dismiss(value)

    def action_skip(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("heel-")
        self.dismiss(int(name) if name.isdigit() else None)
