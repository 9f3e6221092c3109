"""The report for the physio on screen: the same Markdown as `recovery-tui report`.

The log is read in a thread (it may be years long; the report's days are found by
bisecting it). `s` saves the report into the data folder, where `recovery-tui paths`
points, and says the file's full name.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from ..core.atomic import atomic_write, ensure_private_dir
from ..core.errors import UserError
from ..core.insight.report import report_file_name, report_for
from ..styles import stylesheet
from .coach_screen import CoachScreen


class ReportScreen(CoachScreen):
    CSS_PATH = stylesheet("report.tcss")
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("s", "save", "Save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.text: str | None = None
        """The report, once made."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Making the report…", id="report-status", markup=False)
        with VerticalScroll(id="report-body"):
            yield Markdown(id="report")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Report for the physio"
        self.make_report()

    @work(thread=True, exclusive=True)
    def make_report(self) -> None:
        settings = self.coach.settings
        try:
            text = report_for(
                self.coach.journal,
                race_date=settings.race_date,
                window_days=settings.recovery_window_days,
                target=settings.sessions_per_day,
                now=self.coach.now(),
            )
        except UserError as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        self.text = text
        self.query_one("#report", Markdown).update(text)
        self.query_one("#report-status", Static).update("s saves it as a Markdown file.")
        self.query_one("#report-body").focus()

    def _show_error(self, message: str) -> None:
        self.query_one("#report-status", Static).update(message)

    def action_save(self) -> None:
        if self.text is None:
            self.notify("The report is still being made.", severity="warning", markup=False)
            return
        folder = self.coach.paths.data_dir
        path = folder / report_file_name(self.coach.now())
        try:
            ensure_private_dir(folder)
            atomic_write(path, self.text.encode("utf-8"))
        except OSError as error:
            message = f"Could not save {path}: {error.strerror or error}"
            self.notify(message, title="Report not saved", severity="error", markup=False)
            return
        self.notify(f"Saved to {path}", title="Report saved", markup=False)

    def action_back(self) -> None:
        self.dismiss()
