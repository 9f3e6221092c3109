"""Past sessions, newest first, and the selected one in full.

The log may hold years of sessions, so it is read in a thread: the newest page first
(read from the end of the file, so it shows at once), then the whole log. The table is
filled a page at a time as the cursor nears the end: 20,000 rows are never built up front.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ..core.errors import UserError
from ..core.export import format_duration
from ..core.log import read_log, tail_records
from ..core.notes import append_note, apply_notes, notes_path, read_notes
from ..core.paths import AppPaths
from ..core.record import SessionRecord
from ..dialogs.note import NoteDialog
from ..widgets.recovery_panel import RecoveryPanel
from ..widgets.session_detail import SessionDetail, plan_label, rounds_label, when
from ..widgets.too_small import MIN_WIDTH
from .base import CoachScreen

PAGE = 200
"""Rows added to the table at a time."""
NEAR_END = 40
"""Add the next page once the cursor is this close to the last row shown."""
PLAN_WIDTH = 24
COLUMNS = ("Started", "Plan", "Status", "Rounds", "Time")


@dataclass(frozen=True)
class HistoryRow:
    record: SessionRecord
    saved: bool
    """False for a session kept in memory because the log could not be written."""


@dataclass(frozen=True)
class LoadedHistory:
    rows: list[HistoryRow]
    """Newest first."""
    warning: str = ""
    """Bad lines or an unreadable log, for the user; empty when all is well."""
    complete: bool = True
    """False for the first page, shown while the whole log is still being read."""


def _rows(records: list[SessionRecord], unsaved: list[SessionRecord]) -> list[HistoryRow]:
    saved_ids = {record.id for record in records}
    rows = [HistoryRow(r, True) for r in records]
    rows += [HistoryRow(r, False) for r in unsaved if r.id not in saved_ids]
    rows.sort(key=lambda row: row.record.started, reverse=True)
    return rows


def newest_page(paths: AppPaths, unsaved: list[SessionRecord]) -> LoadedHistory:
    """The last PAGE records of the log, fast: only the end of the file is read."""
    try:
        records = tail_records(paths.log_file, PAGE)
    except UserError:
        records = []  # load_history reports it
    records = apply_notes(records, read_notes(notes_path(paths.log_file)))
    return LoadedHistory(_rows(records, unsaved), complete=False)


def load_history(paths: AppPaths, unsaved: list[SessionRecord]) -> LoadedHistory:
    """Read the whole log (slow for a big one: call from a thread) and add the unsaved."""
    path = paths.log_file
    try:
        result = read_log(path)
    except UserError as error:
        return LoadedHistory(_rows([], unsaved), str(error))
    records = apply_notes(result.records, read_notes(notes_path(path)))
    return LoadedHistory(_rows(records, unsaved), result.describe_bad_lines(path))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class HistoryScreen(CoachScreen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "note", "Note"),
        Binding("c", "charts", "Charts"),
    ]
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (MIN_WIDTH, "-stacked"),  # the detail goes under the table: side by side needs 100
        (100, "-wide"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HistoryRow] = []
        self._keep_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="history-warning", markup=False)
        yield Static("Reading the session log…", id="history-status", markup=False)
        with Horizontal(id="history-body"):
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield SessionDetail(id="session-detail")
        yield RecoveryPanel(id="recovery-panel")
        yield Static(
            "No sessions yet.\nFinish (or leave) a session and it shows up here.",
            id="history-empty",
            markup=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(*COLUMNS)
        table.focus()
        self.add_class("-loading")
        self._load(list(self.coach.unsaved), first_page=True)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load(self, unsaved: list[SessionRecord], *, first_page: bool = False) -> LoadedHistory:
        paths = self.coach.paths
        if first_page:
            first = newest_page(paths, unsaved)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show, first)
        return load_history(paths, unsaved)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and isinstance(result, LoadedHistory):
            self._show(result)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            self._show(LoadedHistory([], f"Could not read the session log: {error}"))

    def records_changed(self) -> None:
        """The app saved a session (or the settings): read the log again."""
        if not self.is_mounted:
            return  # on_mount will read it
        self._load(list(self.coach.unsaved))

    # ---- filling the table -------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#history-table", DataTable)

    @property
    def shown(self) -> int:
        """How many of `rows` are in the table so far."""
        return self.table.row_count

    def _show(self, loaded: LoadedHistory) -> None:
        if self not in self.app.screen_stack:
            return  # left while the log was being read
        self._keep_id = self._selected_id() or self._keep_id
        self.set_class(not loaded.complete, "-loading")
        self.rows = loaded.rows
        warning = self.query_one("#history-warning", Static)
        warning.update(loaded.warning)
        warning.set_class(bool(loaded.warning), "-shown")
        self.set_class(loaded.complete and not self.rows, "-empty")
        self.table.clear()
        self._add_page()
        keep = next((i for i, row in enumerate(self.rows) if row.record.id == self._keep_id), 0)
        while keep >= self.shown and self.shown < len(self.rows):
            self._add_page()
        if self.rows:
            self.table.move_cursor(row=keep, animate=False)
            self._show_detail(keep)
        else:
            self.query_one(SessionDetail).show(None)
        self._show_recovery()

    def _show_recovery(self) -> None:
        settings = self.coach.settings
        self.query_one(RecoveryPanel).show(
            [row.record for row in self.rows],
            race_date=settings.race_date,
            window_days=settings.recovery_window_days,
            target=settings.sessions_per_day,
            now=self.coach.now(),
        )

    def _add_page(self) -> None:
        start = self.shown
        this_year = self.coach.now().year
        for index, row in enumerate(self.rows[start : start + PAGE], start=start):
            self.table.add_row(*self._cells(row, this_year), key=str(index))
        self._update_status()

    def _cells(self, row: HistoryRow, this_year: int) -> tuple[Text, ...]:
        record = row.record
        status = record.status if row.saved else f"{record.status} · not saved"
        return (
            Text(when(record.started, this_year=this_year)),
            Text(_shorten(plan_label(record), PLAN_WIDTH)),
            Text(status, style="" if row.saved else "bold"),
            Text(rounds_label(record), justify="right"),
            Text(format_duration(record.duration_seconds), justify="right"),
        )

    def _update_status(self) -> None:
        total = len(self.rows)
        noun = "session" if total == 1 else "sessions"
        text = f"{total:,} {noun}, newest first"
        if self.has_class("-loading"):
            text = f"The newest {total:,} {noun} · reading the whole log…"
        elif self.shown < total:
            text += f" · showing {self.shown:,}, more as you scroll down"
        self.query_one("#history-status", Static).update(text)

    # ---- selection ---------------------------------------------------------

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)
        if event.cursor_row >= self.shown - NEAR_END and self.shown < len(self.rows):
            self._add_page()

    def _show_detail(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            row = self.rows[index]
            detail = self.query_one(SessionDetail)
            detail.show(row.record, saved=row.saved, this_year=self.coach.now().year)

    def _selected_id(self) -> str | None:
        index = self.table.cursor_row
        return self.rows[index].record.id if 0 <= index < len(self.rows) else None

    def action_back(self) -> None:
        self.dismiss()

    def action_charts(self) -> None:
        """Show the recovery window and its charts in place of the sessions, or back."""
        self.toggle_class("-charts")
        if self.has_class("-charts"):
            self.query_one(RecoveryPanel).focus()
        else:
            self.table.focus()

    def action_note(self) -> None:
        index = self.table.cursor_row
        if self.has_class("-charts") or not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        dialog = NoteDialog(row.record.note, title=f"Note for {when(row.record.started)}")
        self.app.push_screen(dialog, lambda note: self._noted(row, note))

    def _noted(self, row: HistoryRow, note: str | None) -> None:
        """A later note goes to notes.jsonl; an unsaved session keeps it in the record."""
        if note is None or note == row.record.note:
            return
        if row.saved:
            path = notes_path(self.coach.paths.log_file)
            try:
                append_note(path, row.record.id, note, self.coach.now())
            except UserError as error:
                self.notify(str(error), title="Note not saved", severity="error")
                return
        else:
            row.record.note = note  # the app's own copy, saved with the session
        self.records_changed()
