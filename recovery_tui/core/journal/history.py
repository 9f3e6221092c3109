"""What the history screen shows, read from the log: every session listed, few held whole.

The log may hold years of sessions. The list needs to count, order and find them: the
offset index (`SessionIndex`, 16 bytes a session); the rows on screen are read from
their lines a page at a time, and one page is kept; the detail pane reads the full
record of one, by its offset, when it is selected; the recovery panel needs the full
records of its window only. So opening the history holds no object per session, and
never builds thousands of `SessionRecord`s (10 KB each, and the garbage collector's
pauses).

Sessions that could not be saved (kept in memory by the app) are listed with the rest,
marked by a negative offset in the index. Amendments (notes.jsonl) are laid over each
record as it is read: looked up by id for the selected one, read back to the window's
start for the panel; no table of them all is held. Call `newest_page` and
`load_history` from a thread: they read the file; a page of rows (`PAGE` lines read by
offset, a few milliseconds) is read where it is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from recovery_tui.core.errors import UserError
from recovery_tui.core.insight.adherence import reading_spans
from recovery_tui.core.insight.trends import chart_days
from recovery_tui.core.journal.index import SessionIndex
from recovery_tui.core.journal.lines import describe_bad_lines, summarize_record
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.journal.session_log import SessionLog
from recovery_tui.core.journal.summaries import UNREADABLE, SessionSummary

PAGE = 50
"""Sessions in the first page, read from the end of the log before the rest; the table
grows by this many rows at a time, and the rows of one page are kept. A screen shows
about 20: a page of 200 cost 0.6 MB more at the peak (4b)."""
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


class LoadedHistory:
    """Every session listed (row 0 the newest), the rows of one page, the panel's window."""

    def __init__(
        self,
        log: SessionLog,
        index: SessionIndex | None = None,
        unsaved: Iterable[SessionRecord] = (),
        *,
        warning: str = "",
        complete: bool = True,
    ) -> None:
        self.log = log
        self.index = index if index is not None else SessionIndex()
        """Every session listed, in start order; unsaved ones have negative offsets."""
        self.unsaved = {record.id: record for record in unsaved}
        """The sessions kept in memory because the log could not be written, by id;
        the n-th has the offset ``-1 - n`` in the index."""
        self.window: list[SessionRecord] = []
        """Full records for the recovery panel (see `PanelSpan`), in start order."""
        self.warning = warning
        """Bad lines or an unreadable log, for the user; empty when all is well."""
        self.complete = complete
        """False for the first page, shown while the whole log is still being read."""
        self._unsaved_rows = tuple(self.unsaved.values())
        self._page_number = -1
        self._page: list[SessionSummary] = []
        self._changed: bool | None = False

    def __len__(self) -> int:
        return len(self.index)

    def newest(self, row: int) -> SessionSummary:
        """The summary in row `row`, newest first (its page is read unless it is kept)."""
        if not 0 <= row < len(self):
            raise IndexError("history row out of range")
        number = row // PAGE
        if number != self._page_number:
            self._page = self._read_page(number)
            self._page_number = number
        return self._page[row - number * PAGE]

    def log_changed(self) -> bool:
        """Whether a row read was unreadable, though the index listed it: the log was
        replaced or shortened since it was read. True once, so it is read again once."""
        changed = self._changed is True
        if changed:
            self._changed = None  # said
        return changed

    def row_of(self, session: SessionSummary) -> int | None:
        """The row (newest first) of this session, or None: found by its id, among the
        sessions started in the same second."""
        index = _find(self.log, self.index, self._unsaved_rows, session.id, session.started)
        return None if index is None else len(self) - 1 - index

    def same_newest(self, other: LoadedHistory, count: int) -> bool:
        """Whether the newest `count` rows are those of `other` too (a table can stay)."""
        return count <= min(len(self), len(other)) and all(
            self._key(row) == other._key(row) for row in range(count)
        )

    def record(self, summary: SessionSummary) -> SessionRecord | None:
        """The full record, amended; None when the log no longer holds it."""
        if not summary.in_log:
            return self.unsaved.get(summary.id)
        found = self.log.records_of([summary])
        return found[0] if found else None

    def _key(self, row: int) -> tuple[int, float, str]:
        index = len(self) - 1 - row
        offset = self.index.offset(index)
        unsaved = self._unsaved_rows[-1 - offset].id if offset < 0 else ""
        return offset, self.index.started(index), unsaved

    def _read_page(self, number: int) -> list[SessionSummary]:
        last = len(self) - 1
        indices = [last - row for row in range(number * PAGE, min((number + 1) * PAGE, last + 1))]
        saved = [i for i in indices if self.index.offset(i) >= 0]
        read = iter(self.log.summaries_at(_places(self.index, saved)))
        return [self._summary(i, read) for i in indices]

    def _summary(self, index: int, read: Iterator[SessionSummary | None]) -> SessionSummary:
        offset = self.index.offset(index)
        if offset < 0:
            return summarize_record(self._unsaved_rows[-1 - offset])
        found = next(read)
        if found is not None:
            return found
        if self._changed is False:
            self._changed = True
        return unreadable_summary(offset, self.index.started(index))


def unreadable_summary(offset: int, started: float) -> SessionSummary:
    """A row whose line no longer holds its session (the log was replaced since)."""
    moment = datetime.fromtimestamp(started, UTC)
    return SessionSummary("", "", "", moment, moment, UNREADABLE, 0, 0, offset)


def _places(index: SessionIndex, indices: Iterable[int]) -> list[tuple[int, float]]:
    return [(index.offset(i), index.started(i)) for i in indices]


def _find(
    log: SessionLog,
    index: SessionIndex,
    unsaved: tuple[SessionRecord, ...],
    session_id: str,
    started: datetime,
) -> int | None:
    """The index of the session with this id started in the second of `started` (sorted
    index), or None. The log keeps starts to the second and the app's unsaved sessions to
    the microsecond: one session, matched by id."""
    second = started.replace(microsecond=0)
    saved: list[int] = []
    for at in index.started_between(second, second + timedelta(seconds=1)):
        offset = index.offset(at)
        if offset >= 0:
            saved.append(at)
        elif unsaved[-1 - offset].id == session_id:
            return at
    read = log.summaries_at(_places(index, saved))
    return next((at for at, s in zip(saved, read, strict=True) if s and s.id == session_id), None)


def _panel_records(
    log: SessionLog, loaded: LoadedHistory, span: PanelSpan | None
) -> list[SessionRecord]:
    """The records `span` asks for: read by offset, or the unsaved ones from memory."""
    if span is None:
        return []
    index = loaded.index
    wanted = sorted({i for start, end in span.ranges() for i in index.started_between(start, end)})
    saved = [i for i in wanted if index.offset(i) >= 0]
    summaries = [s for s in log.summaries_at(_places(index, saved)) if s is not None]
    records = log.records_of(summaries)
    rows = tuple(loaded.unsaved.values())
    records += [rows[-1 - index.offset(i)] for i in wanted if index.offset(i) < 0]
    return sorted(records, key=lambda r: r.started)


def _loaded(
    log: SessionLog,
    index: SessionIndex,
    unsaved: list[SessionRecord],
    span: PanelSpan | None,
    *,
    warning: str = "",
    complete: bool = True,
) -> LoadedHistory:
    """Lists the unsaved sessions that are not in the log, then reads the panel's records
    and the first page of rows."""
    kept: dict[str, SessionRecord] = {}
    for record in unsaved:
        if record.id not in kept and _find(log, index, (), record.id, record.started) is None:
            kept[record.id] = record
    for number, record in enumerate(kept.values()):
        index.add(-1 - number, record.started)
    index.sort()
    try:
        log.amendments(since=log_end(index))
    except UserError as error:  # said once here; the records are shown as logged
        warning = "\n".join(text for text in (warning, str(error)) if text)
    loaded = LoadedHistory(log, index, kept.values(), warning=warning, complete=complete)
    loaded.window = _panel_records(log, loaded, span)
    if len(loaded):
        loaded.newest(0)  # the first page, read here rather than on the UI thread
    return loaded


def log_end(index: SessionIndex) -> datetime | None:
    """The newest start listed: reading notes.jsonl back to it only checks it can be read."""
    return datetime.fromtimestamp(index.started(len(index) - 1), UTC) if len(index) else None


def newest_page(
    log: SessionLog, unsaved: list[SessionRecord], span: PanelSpan | None = None
) -> LoadedHistory:
    """The last PAGE sessions of the log, fast: only the end of the file is read."""
    index = SessionIndex()
    try:
        for summary in log.newest_summaries(PAGE):
            index.add(summary.offset, summary.started)
    except UserError:
        pass  # load_history reports it
    return _loaded(log, index, unsaved, span, complete=False)


def load_history(
    log: SessionLog, unsaved: list[SessionRecord], span: PanelSpan | None = None
) -> LoadedHistory:
    """Every session of the log in the index, and the unsaved ones (call from a thread)."""
    try:
        result = log.index()
    except UserError as error:
        return _loaded(log, SessionIndex(), unsaved, span, warning=str(error))
    warning = describe_bad_lines(log.path, result.bad_lines)
    return _loaded(log, result.index, unsaved, span, warning=warning)
