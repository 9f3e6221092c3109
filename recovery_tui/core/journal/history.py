"""What the history screen shows, read from the log: every session listed, few held whole.

The log may hold years of sessions. The list needs a summary of each (a `SummaryList`,
about 60 bytes a session); the detail pane needs the full record of one, read by its
offset when it is selected; the recovery panel needs the full records of its window
only. So opening the history never builds thousands of `SessionRecord`s, which cost
10 KB each and freeze the UI while the garbage collector walks them.

Sessions that could not be saved (kept in memory by the app) are listed with the rest,
marked by their `NOT_IN_LOG` offset. Amendments (notes.jsonl) are laid over each record
as it is read: looked up by id for the selected one, read back to the window's start
for the panel; no table of them all is held. Call these from a thread: they read files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from recovery_tui.core.errors import UserError
from recovery_tui.core.insight.adherence import reading_spans
from recovery_tui.core.insight.trends import chart_days
from recovery_tui.core.journal.lines import describe_bad_lines, summarize_record
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.journal.session_log import SessionLog
from recovery_tui.core.journal.summaries import SessionSummary, SummaryList

PAGE = 200
"""Sessions in the first page, read from the end of the log before the rest; the table
also grows by this many rows at a time."""
MARGIN = timedelta(days=1)
"""Read a day more around the chart days, for time zones."""


@dataclass(frozen=True)
class PanelSpan:
    """What the recovery panel covers: the settings it is drawn with, and when."""

    race_date: date | None
    window_days: int
    now: datetime

    def ranges(self) -> list[tuple[datetime, datetime | None]]:
        """[start, end) of the sessions it needs (an end of None is open).

        What plan selection reads for the strip and the streak, read alike so the two
        agree, and without a race date the days the charts cover.
        """
        spans = reading_spans(self.race_date, self.now, window_days=self.window_days)
        if self.race_date is None:
            first, last = chart_days(None, self.window_days, self.now.date())
            zone = self.now.tzinfo
            start = datetime.combine(first, time(), zone) - MARGIN
            spans.append((start, datetime.combine(last, time(), zone) + 2 * MARGIN))
        return spans


@dataclass(frozen=True)
class LoadedHistory:
    summaries: SummaryList
    """Every session listed, in start order, unsaved ones included."""
    unsaved: dict[str, SessionRecord] = field(default_factory=dict)
    """The sessions kept in memory because the log could not be written, by id."""
    window: list[SessionRecord] = field(default_factory=list)
    """Full records for the recovery panel (see `PanelSpan`), in start order."""
    warning: str = ""
    """Bad lines or an unreadable log, for the user; empty when all is well."""
    complete: bool = True
    """False for the first page, shown while the whole log is still being read."""

    def __len__(self) -> int:
        return len(self.summaries)

    def newest(self, index: int) -> SessionSummary:
        """The summary in row `index`, newest first."""
        return self.summaries[len(self.summaries) - 1 - index]

    def row_of(self, session_id: str) -> int | None:
        """The row (newest first) of the session with this id, or None."""
        index = self.summaries.index_of(session_id)
        return None if index is None else len(self.summaries) - 1 - index

    def record(self, log: SessionLog, summary: SessionSummary) -> SessionRecord | None:
        """The full record, amended; None when the log no longer holds it."""
        if not summary.in_log:
            return self.unsaved.get(summary.id)
        found = log.records_of([summary])
        return found[0] if found else None


def _panel_records(
    log: SessionLog, loaded: LoadedHistory, span: PanelSpan | None
) -> list[SessionRecord]:
    """The records `span` asks for: read by offset, or the unsaved ones from memory."""
    if span is None:
        return []
    summaries = loaded.summaries
    wanted = sorted(
        {i for start, end in span.ranges() for i in summaries.started_between(start, end)}
    )
    chosen = [summaries[i] for i in wanted]
    saved = log.records_of(s for s in chosen if s.in_log)
    unsaved = [loaded.unsaved[s.id] for s in chosen if not s.in_log and s.id in loaded.unsaved]
    return sorted(saved + unsaved, key=lambda r: r.started)


def _loaded(
    log: SessionLog,
    summaries: SummaryList,
    unsaved: list[SessionRecord],
    span: PanelSpan | None,
    *,
    warning: str = "",
    complete: bool = True,
) -> LoadedHistory:
    """Lists the unsaved sessions that are not in the log, then reads the panel's records."""
    kept: dict[str, SessionRecord] = {}
    for record in unsaved:
        if summaries.index_of(record.id) is None and record.id not in kept:
            kept[record.id] = record
            summaries.append(summarize_record(record))
    summaries.sort()
    try:
        log.amendments(since=log_end(summaries))
    except UserError as error:  # said once here; the records are shown as logged
        warning = "\n".join(text for text in (warning, str(error)) if text)
    loaded = LoadedHistory(summaries, kept, warning=warning, complete=complete)
    return dataclasses.replace(loaded, window=_panel_records(log, loaded, span))


def log_end(summaries: SummaryList) -> datetime | None:
    """The newest start listed: reading notes.jsonl back to it only checks it can be read."""
    return summaries[-1].started if len(summaries) else None


def newest_page(
    log: SessionLog, unsaved: list[SessionRecord], span: PanelSpan | None = None
) -> LoadedHistory:
    """The last PAGE sessions of the log, fast: only the end of the file is read."""
    try:
        summaries = log.newest_summaries(PAGE)
    except UserError:
        summaries = SummaryList()  # load_history reports it
    return _loaded(log, summaries, unsaved, span, complete=False)


def load_history(
    log: SessionLog, unsaved: list[SessionRecord], span: PanelSpan | None = None
) -> LoadedHistory:
    """Every session of the log as a summary, and the unsaved ones (call from a thread)."""
    try:
        result = log.summaries()
    except UserError as error:
        return _loaded(log, SummaryList(), unsaved, span, warning=str(error))
    warning = describe_bad_lines(log.path, result.bad_lines)
    return _loaded(log, result.summaries, unsaved, span, warning=warning)
