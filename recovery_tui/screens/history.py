"""Past sessions, newest first, and the selected one in full.

The log may hold years of sessions, so it is read in a thread: the newest page first
(read from the end of the file, so it shows at once), then, once that is on screen, the
offset index of every session (`core.journal.history`). A row's cells and the selected
session in full are read by their place in the file when shown: a page of lines, or a
single one, so they are read at once rather than in a thread. The table is filled a page
at a time as the cursor nears the end: 20,000 rows are never built up front.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from ..core.errors import UserError
from ..core.insight.stats import format_duration
from ..core.journal import SessionSummary
from ..core.journal.history import PAGE, LoadedHistory, PanelSpan, load_history, newest_page
from ..core.journal.record import SessionRecord
from ..dialogs.note import NoteDialog
from ..styles import stylesheet
from ..widgets.key_footer import KeyFooter
from ..widgets.recovery_panel import RecoveryPanel
from ..widgets.session_detail import SessionDetail, plan_label, rounds_label, when
from ..widgets.too_small import MIN_WIDTH
from .coach_screen import CoachScreen

NEAR_END = 20
"""Add the next page once the cursor is this close to the last row shown (below PAGE)."""
PLAN_WIDTH = 24
COLUMNS = ("Started", "Plan", "Status", "Rounds", "Time")
GONE = "This session can no longer be read: the log changed. Reopen the history."


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class HistoryScreen(CoachScreen):
    CSS_PATH = stylesheet("history.tcss")
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "note", "Note"),
        Binding("c", "charts", "Charts"),
        Binding("r", "app.report", "Report"),
    ]
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (MIN_WIDTH, "-stacked"),  # the detail goes under the table: side by side needs 100
        (100, "-wide"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history = LoadedHistory(self.coach.journal, complete=False)
        self.selected_record: SessionRecord | None = None
        """The full record of the selected session, later note included."""
        self._keep: SessionSummary | None = None
        """The session to keep selected when the log is read again."""

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
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        # As Text: DataTable reads a str label as markup, which loads Rich's table of emoji
        # codes for five plain words (0.6 MB of peak memory with the history open, 4b).
        table.add_columns(*(Text(name) for name in COLUMNS))
        table.focus()
        self.add_class("-loading")
        self._load(list(self.coach.unsaved), first_page=True)
        self.subscribe_to(self.coach.records_changed_signal, lambda _record: self.reload())
        self.subscribe_to(self.coach.settings_changed_signal, lambda _settings: self.reload())

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load(self, unsaved: list[SessionRecord], *, first_page: bool = False) -> LoadedHistory:
        log = self.coach.journal
        settings = self.coach.settings
        span = PanelSpan(settings.race_date, settings.recovery_window_days, self.coach.now())
        if first_page:
            return newest_page(log, unsaved, span)
        return load_history(log, unsaved, span)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and isinstance(result, LoadedHistory):
            self._show(result)
            if not result.complete:
                # The rest once the first page is on screen: reading the whole log in
                # a thread still takes turns with the UI, so let that frame go first.
                self.call_after_refresh(self.reload)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            warning = f"Could not read the session log: {error}"
            self._show(LoadedHistory(self.coach.journal, warning=warning))

    def reload(self) -> None:
        """Read the whole log again (a session was saved, or the recovery window moved)."""
        self._load(list(self.coach.unsaved))

    # ---- filling the table -------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#history-table", DataTable)

    @property
    def shown(self) -> int:
        """How many of the sessions are in the table so far."""
        return self.table.row_count

    def _show(self, loaded: LoadedHistory) -> None:
        if self not in self.app.screen_stack:
            return  # left while the log was being read
        self._keep = self._selected() or self._keep
        before = self.history
        rows_kept = self._same_rows(loaded)
        self.set_class(not loaded.complete, "-loading")
        self.history = loaded
        warning = self.query_one("#history-warning", Static)
        warning.update(loaded.warning)
        warning.set_class(bool(loaded.warning), "-shown")
        self.set_class(loaded.complete and not len(loaded), "-empty")
        keep = self._fill_table(loaded, rows_kept)
        # The whole log after its first page, the same rows: what is shown stays (drawing
        # it again would cost the peak memory of a second render, 0.3 MB at 4b).
        settled = rows_kept and not before.complete
        if not (settled and keep == self.table.cursor_row):
            self._select(keep)
        if not (settled and loaded.window == before.window):
            self._show_recovery()

    def _fill_table(self, loaded: LoadedHistory, rows_kept: bool) -> int:
        """Rows up to the one to keep selected (a page at least); returns that row."""
        if not rows_kept:
            self.table.clear()
            self._add_page()
        keep = (loaded.row_of(self._keep) if self._keep else None) or 0
        wanted = max(keep + 1, self.table.size.height + NEAR_END)  # a tall screen is filled
        while self.shown < min(wanted, len(loaded)):
            self._add_page()
        self._update_status()
        return keep

    def _select(self, row: int) -> None:
        if len(self.history):
            self.table.move_cursor(row=row, animate=False)
            self._show_detail(row)
        else:
            self.selected_record = None
            self.query_one(SessionDetail).show(None)

    def _same_rows(self, loaded: LoadedHistory) -> bool:
        """Whether the rows in the table are the newest of `loaded` too, as they are when
        the whole log follows its first page: then the table is kept, not rebuilt."""
        return self.shown > 0 and loaded.same_newest(self.history, self.shown)

    def _show_recovery(self) -> None:
        settings = self.coach.settings
        self.query_one(RecoveryPanel).show(
            self.history.window,
            race_date=settings.race_date,
            window_days=settings.recovery_window_days,
            target=settings.sessions_per_day,
            now=self.coach.now(),
        )

    def _add_page(self) -> None:
        start = self.shown
        this_year = self.coach.now().year
        for index in range(start, min(start + PAGE, len(self.history))):
            cells = self._cells(self.history.newest(index), this_year)
            self.table.add_row(*cells, key=str(index))
        self._update_status()

    def _cells(self, summary: SessionSummary, this_year: int) -> tuple[Text, ...]:
        saved = summary.in_log
        status = summary.status if saved else f"{summary.status} · not saved"
        return (
            Text(when(summary.started, this_year=this_year)),
            Text(_shorten(plan_label(summary), PLAN_WIDTH)),
            Text(status, style="" if saved else "bold"),
            Text(rounds_label(summary), justify="right"),
            Text(format_duration(summary.duration_seconds), justify="right"),
        )

    def _update_status(self) -> None:
        total = len(self.history)
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
        if event.cursor_row >= self.shown - NEAR_END and self.shown < len(self.history):
            self._add_page()
        if self.history.log_changed():
            self.reload()  # a row read is gone from the log: list what it holds now

    def _show_detail(self, index: int) -> None:
        """Read the selected session in full: one line of the log, found by its offset."""
        if not 0 <= index < len(self.history):
            return
        summary = self.history.newest(index)
        record = self.history.record(summary)
        self.selected_record = record
        detail = self.query_one(SessionDetail)
        this_year = self.coach.now().year
        detail.show(record or summary, saved=summary.in_log, this_year=this_year)

    def _selected(self) -> SessionSummary | None:
        index = self.table.cursor_row
        return self.history.newest(index) if 0 <= index < len(self.history) else None

    def action_back(self) -> None:
        self.dismiss()

    def action_charts(self) -> None:
        """Show the recovery window and its charts in place of the sessions, or back."""
        self.toggle_class("-charts")
        if self.has_class("-charts"):
            panel = self.query_one(RecoveryPanel)
            panel.show_charts()
            panel.focus()
        else:
            self.table.focus()

    def action_note(self) -> None:
        index = self.table.cursor_row
        if self.has_class("-charts") or not 0 <= index < len(self.history):
            return
        summary = self.history.newest(index)
        if not summary.readable:
            self.notify(GONE, title="Note not saved", severity="warning", markup=False)
            return
        record = self.selected_record
        if record is not None and record.id != summary.id:
            record = None
        note = record.note if record else ""
        dialog = NoteDialog(note, title=f"Note for {when(summary.started)}")
        self.app.push_screen(dialog, lambda new: self._noted(summary, note, new))

    def _noted(self, summary: SessionSummary, old: str, note: str | None) -> None:
        """A later note goes to notes.jsonl; an unsaved session keeps it in the record."""
        if note is None or note == old:
            return
        unsaved = self.history.unsaved.get(summary.id)
        if summary.in_log:
            try:
                self.coach.journal.amend(summary.id, self.coach.now(), note=note)
            except UserError as error:
                self.notify(str(error), title="Note not saved", severity="error", markup=False)
                return
        elif unsaved is not None:
            unsaved.note = note  # the app's own copy, saved with the session
        index = self.history.row_of(summary)
        if index is not None and index == self.table.cursor_row:
            self._show_detail(index)
