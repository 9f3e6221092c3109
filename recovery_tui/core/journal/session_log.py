"""`SessionLog`: the one owner of ``sessions.jsonl`` and ``notes.jsonl``.

Every reader and writer of the session journal asks it: `status`, plan selection, the
history list and detail, the recovery window, `history --json/--csv` and `import`. A
line is readable or not by one validator (`lines.check_line`); every record it returns
has its later amendments (notes.jsonl) laid over it.

The log is appended to in start order (give or take `DISORDER_SLACK`), so the newest
sessions are read from the end of the file (`tail`, `since`), a span of days anywhere by
bisecting it (`between`), and the whole history as an offset index (`index`: where each
line starts and when its session did), so a row or a full record is read back by its
place in the file when it is shown (`summaries_at`, `records_of`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from recovery_tui.core.journal import amendments as notes
from recovery_tui.core.journal.amendments import UNSET, Amendment
from recovery_tui.core.journal.files import (
    LogReadError,
    LogWriteError,
    append_locked,
    lines_backwards,
    lines_containing,
    locked,
    open_for_reading,
    read_error,
    reason,
)
from recovery_tui.core.journal.index import SessionIndex
from recovery_tui.core.journal.lines import (
    MAX_LINE_BYTES,
    check_line,
    describe_bad_lines,
    encode_record,
    is_blank,
    parse_line,
    summarize_line,
)
from recovery_tui.core.journal.record import EARLIEST, SessionRecord
from recovery_tui.core.journal.spans import DISORDER_SLACK, lines_in_span
from recovery_tui.core.journal.summaries import SessionSummary

if TYPE_CHECKING:
    from recovery_tui.core.journal.merge import MergeResult

READ_BUFFER = 1024 * 1024
"""Bytes read at a time when streaming the whole log.

Each read lets go of the GIL; a thread that lets go of it often (every 8 KB) keeps the
UI thread from ever being handed it (it waits 100 ms and more); one read a megabyte lets
Python's switching work every 5 ms.
"""

Span = tuple[datetime, datetime | None]
"""[start, end) of a stretch of time; an end of None is open (up to now)."""


@dataclass
class LogRead:
    """What a whole read found: the records, and the 1-based numbers of unreadable lines."""

    records: list[SessionRecord] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)
    path: Path = Path("sessions.jsonl")
    notes_error: str = ""
    """Why notes.jsonl could not be read, when it could not."""

    def describe_bad_lines(self) -> str:
        """``sessions.jsonl: skipped 2 unreadable lines (3, 9)``, or "" when all were read."""
        return describe_bad_lines(self.path, self.bad_lines)

    def messages(self) -> list[str]:
        """Notes for the user about what could not be read: empty when all was read."""
        return [text for text in (self.describe_bad_lines(), self.notes_error) if text]


@dataclass
class IndexRead:
    """Every readable session's place in the file, in start order, and the unreadable lines."""

    index: SessionIndex = field(default_factory=SessionIndex)
    bad_lines: list[int] = field(default_factory=list)


class SessionLog:
    """The session journal in one data folder: sessions.jsonl, notes.jsonl and their locks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        """sessions.jsonl: one record per line, appended to."""
        self.notes_path = path.with_name(notes.NOTES_FILE_NAME)
        """notes.jsonl: what was added to logged sessions afterwards."""

    def __repr__(self) -> str:
        return f"SessionLog({str(self.path)!r})"

    # ---- reading records ---------------------------------------------------

    def read_all(self) -> LogRead:
        """Every readable record, in start order, amended; unreadable lines are counted."""
        result = LogRead(path=self.path)
        for number, _offset, raw in self._lines_forward():
            if is_blank(raw):
                continue
            record = parse_line(raw)
            if record is None:
                result.bad_lines.append(number)
            else:
                result.records.append(record)
        result.records.sort(key=lambda r: r.started)
        try:
            result.records = self.amended(result.records, self.amendments())
        except LogReadError as error:
            result.notes_error = str(error)
        return result

    def tail(self, count: int) -> list[SessionRecord]:
        """The last `count` readable records, in start order, read from the end."""
        return self._amended_quietly(self._tail_unamended(count))

    def since(self, moment: datetime) -> list[SessionRecord]:
        """Records started at or after `moment`, in start order, read from the end."""
        return self._amended_quietly(self._since(moment))

    def between(self, start: datetime, end: datetime) -> list[SessionRecord]:
        """Records started in [start, end), in start order, found by bisecting the log."""
        return self._amended_quietly(self._between(start, end))

    def recent(self, spans: list[Span]) -> list[SessionRecord]:
        """What the today line, the streak and the calendar need (`adherence.reading_spans`).

        The first span runs up to now and is read from the end (or else the last session,
        for "last: ..."); the others (the recovery window's days, wherever they are) are
        found by bisecting.
        """
        (since, _), *older = spans
        records = self._since(since) or self._tail_unamended(1)
        seen = {r.id for r in records}
        for start, end in older:
            records += [r for r in self._between(start, end or since) if r.id not in seen]
        return self._amended_quietly(records)

    def find(self, session_id: str) -> SessionRecord | None:
        """The record with this id, amended, or None; a byte search, not a full parse."""
        for raw in self._lines_with_id(session_id):
            record = parse_line(raw)
            if record is not None and record.id == session_id:
                return self._amended_quietly([record])[0]
        return None

    def contains(self, session_id: str) -> bool:
        """Whether a readable record with this id is in the log."""
        return any(
            (checked := check_line(raw)) is not None and checked.data["id"] == session_id
            for raw in self._lines_with_id(session_id)
        )

    # ---- the offset index ------------------------------------------------

    def index(self) -> IndexRead:
        """Every readable session's offset and start, in start order, streaming the file once.

        Each line is still checked by the one validator, so the unreadable ones are counted.
        """
        result = IndexRead()
        for number, offset, raw in self._lines_forward():
            if is_blank(raw):
                continue
            checked = check_line(raw)
            if checked is None:
                result.bad_lines.append(number)
            else:
                result.index.add(offset, checked.started)
        result.index.sort()
        return result

    def newest_summaries(self, count: int) -> list[SessionSummary]:
        """The summaries of the last `count` readable lines, in start order (equal starts in
        file order, as `index` has them), read from the end."""
        found: list[SessionSummary] = []
        names: dict[str, str] = {}
        for offset, raw in self._lines_backwards():
            if len(found) >= count:
                break
            if not is_blank(raw) and (summary := summarize_line(raw, offset, names)):
                found.append(summary)
        found.reverse()  # into file order, so equal starts sort as the whole index sorts them
        found.sort(key=lambda s: s.started)
        return found

    def summaries_at(self, places: Iterable[tuple[int, float]]) -> list[SessionSummary | None]:
        """The summaries of the lines at these (offset, start timestamp) places.

        None for a place whose line is unreadable or holds a session started at another
        time: the log was replaced (by `import`) since it was indexed.
        """
        wanted = list(places)
        found: list[SessionSummary | None] = []
        names: dict[str, str] = {}
        try:
            handle = open_for_reading(self.path)
            if handle is not None:
                with handle:
                    for offset, started in wanted:
                        handle.seek(offset)
                        raw = handle.readline(MAX_LINE_BYTES + 1)
                        summary = summarize_line(raw, offset, names)
                        same = summary is not None and summary.started.timestamp() == started
                        found.append(summary if same else None)
        except OSError:
            pass  # shown as unreadable; the next full read reports why
        return found + [None] * (len(wanted) - len(found))

    def records_of(self, summaries: Iterable[SessionSummary]) -> list[SessionRecord]:
        """The full records of these summaries, read by offset, amended.

        A record is left out when its line is unreadable or holds another session: the
        log was replaced (by `import`) since the summaries were read.
        """
        records: list[SessionRecord] = []
        try:
            handle = open_for_reading(self.path)
            if handle is None:
                return []
            with handle:
                for summary in summaries:
                    if summary.in_log:
                        handle.seek(summary.offset)
                        record = parse_line(handle.readline(MAX_LINE_BYTES + 1))
                        if record is not None and record.id == summary.id:
                            records.append(record)
        except OSError:
            pass  # shown as "no longer in the log"; the next full read reports why
        if len(records) == 1:  # the selected session: look its amendments up by id
            found = self.amendment(records[0].id)
            return [found.apply(records[0])] if found else records
        return self._amended_quietly(records)

    # ---- amendments (notes.jsonl) ------------------------------------------

    def amendments(self, since: datetime | None = None) -> dict[str, Amendment]:
        """Session id -> its amendments, for sessions started at or after `since` (all).

        notes.jsonl is appended to as things happen, and a session is amended only after
        it started, so it is read from the end and no further back than `since` needs.
        Raises `LogReadError` when the file exists but cannot be read.
        """
        stop = None if since is None else since - DISORDER_SLACK
        entries: list[notes.Entry] = []
        try:
            handle = open_for_reading(self.notes_path)
            if handle is None:
                return {}
            with handle:
                for _offset, raw in lines_backwards(handle):
                    entry = None if is_blank(raw) else notes.parse(raw)
                    if entry is None:
                        continue
                    at = entry.amendment.at
                    if stop is not None and EARLIEST < at < stop:
                        break
                    entries.append(entry)
        except OSError as error:
            raise read_error(self.notes_path, error, "the notes") from error
        found: dict[str, Amendment] = {}
        for entry in reversed(entries):
            notes.overlay(found, entry)
        return found

    def amendment(self, session_id: str) -> Amendment | None:
        """One session's amendments, found by a byte search of notes.jsonl; None if none.

        So the history holds no table of every amendment: it looks up the one it shows.
        """
        needle = json.dumps(session_id, ensure_ascii=False).encode("utf-8")
        found: dict[str, Amendment] = {}
        try:
            for raw in _lines_containing(self.notes_path, needle):
                entry = notes.parse(raw)
                if entry is not None and entry.session_id == session_id:
                    notes.overlay(found, entry)
        except OSError:
            return None  # the history's warning says why
        return found.get(session_id)

    @staticmethod
    def amended(
        records: list[SessionRecord], amendments: dict[str, Amendment]
    ) -> list[SessionRecord]:
        """The records with their amendments laid over them (new objects where changed)."""
        return [amendments[r.id].apply(r) if r.id in amendments else r for r in records]

    def _amended_quietly(self, records: list[SessionRecord]) -> list[SessionRecord]:
        """In start order and amended; an unreadable notes.jsonl leaves them as logged."""
        records.sort(key=lambda r: r.started)
        if not records:
            return records
        try:
            found = self.amendments(since=records[0].started)
        except LogReadError:
            return records  # `history` and the history screen say why
        return self.amended(records, found)

    # ---- writing -----------------------------------------------------------

    def append(self, record: SessionRecord) -> bool:
        """Append one record as one line, durably; False when its id is already logged.

        A session is never logged twice, whatever path tries (a leftover unfinished
        file, "Save sessions again"): the check and the append share the lock. Raises
        `LogWriteError` naming the file and the reason.
        """
        line = encode_record(record)
        if len(line) > MAX_LINE_BYTES:
            raise LogWriteError(
                f"Could not save the session to {self.path}: its record is "
                f"{len(line) // 1024} KB, over the {MAX_LINE_BYTES // 1024} KB a line may "
                "hold (is the note very long?)."
            )
        try:
            with locked(self.path):
                if self.contains(record.id):
                    return False
                append_locked(self.path, line)
        except LogReadError as error:
            raise LogWriteError(f"Could not save the session: {error}") from error
        except OSError as error:
            raise LogWriteError(
                f"Could not save the session to {self.path}: {reason(error)}."
            ) from error
        return True

    def amend(
        self,
        session_id: str,
        at: datetime,
        *,
        note: str | None = None,
        check_after: int | None = UNSET,
    ) -> None:
        """Add to a logged session: a note (empty: removed) and/or its after-session check.

        Raises `LogWriteError`.
        """
        line = notes.encode(session_id, at, note=note, check_after=check_after)
        if len(line) > MAX_LINE_BYTES:
            raise LogWriteError(f"Could not save the note to {self.notes_path}: it is too long.")
        try:
            with locked(self.notes_path):
                append_locked(self.notes_path, line)
        except OSError as error:
            raise LogWriteError(
                f"Could not save the note to {self.notes_path}: {reason(error)}."
            ) from error

    def merge_from(self, other: Path, notes: Path | None = None) -> MergeResult:
        """`import`: another machine's sessions, and its notes (the notes.jsonl beside
        `other`, or `notes`), merged in by id (core/journal/merge.py)."""
        from recovery_tui.core.journal.merge import merge_into

        return merge_into(self, other, notes)

    def merge_data(self, data: bytes, source: Path, notes: bytes = b"") -> MergeResult:
        """`import` of a journal given as bytes (`import -`); `source` names it in messages."""
        from recovery_tui.core.journal.merge import merge_data

        return merge_data(self, data, source, notes)

    # ---- the file ----------------------------------------------------------

    def _open(self, buffering: int = -1) -> BinaryIO | None:
        """The log opened for reading, or None when there is none yet; raises LogReadError."""
        try:
            return open_for_reading(self.path, buffering=buffering)
        except OSError as error:
            raise read_error(self.path, error) from error

    def _lines_forward(self) -> Iterator[tuple[int, int, bytes]]:
        """(line number, offset, line) from the first line on."""
        handle = self._open(buffering=READ_BUFFER)
        if handle is None:
            return
        offset = 0
        try:
            with handle:
                for number, raw in enumerate(handle, start=1):
                    yield number, offset, raw
                    offset += len(raw)
        except OSError as error:
            raise read_error(self.path, error) from error

    def _lines_backwards(self) -> Iterator[tuple[int, bytes]]:
        handle = self._open()
        if handle is None:
            return
        try:
            with handle:
                yield from lines_backwards(handle)
        except OSError as error:
            raise read_error(self.path, error) from error

    def _records_backwards(self) -> Iterator[SessionRecord]:
        for _offset, raw in self._lines_backwards():
            if not is_blank(raw) and (record := parse_line(raw)) is not None:
                yield record

    def _tail_unamended(self, count: int) -> list[SessionRecord]:
        found: list[SessionRecord] = []
        for record in self._records_backwards():
            if len(found) == count:
                break
            found.append(record)
        return found

    def _since(self, moment: datetime) -> list[SessionRecord]:
        """Stops at the first record older than `moment` by more than `DISORDER_SLACK`."""
        if moment.tzinfo is None:
            moment = moment.astimezone()
        found: list[SessionRecord] = []
        for record in self._records_backwards():
            if record.started < moment - DISORDER_SLACK:
                break
            if record.started >= moment:
                found.append(record)
        return found

    def _between(self, start: datetime, end: datetime) -> list[SessionRecord]:
        handle = self._open()
        if handle is None:
            return []
        try:
            with handle:
                lines = list(lines_in_span(handle, start, end))
        except OSError as error:
            raise read_error(self.path, error) from error
        return [record for raw in lines if (record := parse_line(raw)) is not None]

    def _lines_with_id(self, session_id: str) -> Iterator[bytes]:
        """The lines in which this id appears as a JSON string (a quick byte search)."""
        needle = json.dumps(session_id, ensure_ascii=False).encode("utf-8")
        try:
            yield from _lines_containing(self.path, needle)
        except OSError as error:
            raise read_error(self.path, error) from error


def _lines_containing(path: Path, needle: bytes) -> Iterator[bytes]:
    """The lines of a file in which `needle` appears, found without reading it all in."""
    handle = open_for_reading(path, buffering=0)
    if handle is None:
        return
    with handle:
        yield from lines_containing(handle, needle, MAX_LINE_BYTES)
