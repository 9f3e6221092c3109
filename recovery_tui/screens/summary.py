"""The end of a session: what was done, shown until the runner closes it.

Opened over plan selection once the session is in the log; like the closing questions
it ignores keys in its first moments, so the last key from the mat does not close it.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..core.session.summary import SessionResult
from ..dialogs.guard import KeyGuard
from ..styles import stylesheet


def facts_table(summary: SessionResult) -> Table:
    """Label and value, in plain text (never markup)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, value in summary.facts:
        table.add_row(Text(label), Text(value))
    return table


def counts_table(summary: SessionResult) -> Table:
    """An exercise per row, a round per column."""
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column("Exercise", no_wrap=True)
    for number in range(1, summary.rounds + 1):
        table.add_column(f"Round {number}", no_wrap=True)
    for name, per_round in summary.exercises:
        table.add_row(Text(name), *(Text(done) for done in per_round))
    return table


def set_times_table(summary: SessionResult) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column(summary.set_times_label, no_wrap=True)
    table.add_column("Each set")
    for name, times in summary.set_times:
        table.add_row(Text(name), Text(times))
    return table


class SummaryScreen(KeyGuard, ModalScreen[None]):
    """Duration, rounds, counts per side, set times, the heel check and the next session."""

    CSS_PATH = stylesheet("dialogs.tcss")
    BINDINGS = [
        Binding("enter", "close", "Close"),
        Binding("escape", "close", "Close", show=False),
    ]

    def __init__(self, summary: SessionResult) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="summary", classes="dialog"):
            yield Static(Text(self.summary.title), classes="dialog-title")
            with VerticalScroll(id="summary-body"):
                yield Static(facts_table(self.summary), id="summary-facts")
                yield Static(counts_table(self.summary), id="summary-counts")
                if self.summary.set_times:
                    yield Static(set_times_table(self.summary), id="summary-set-times")
            yield Static("enter closes", classes="dialog-hint")
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss()
