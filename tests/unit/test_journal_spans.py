"""A span of days read from the middle of the log: the same records, far fewer parsed."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from factories import make_record

import recovery_tui.core.journal.lines as lines
from recovery_tui.core.insight.adherence import reading_spans
from recovery_tui.core.journal import SessionLog, encode_record
from recovery_tui.core.journal.record import CheckedRecord, SessionRecord


def read_recent(path: Path, race: date, now: datetime, *, window_days: int) -> list[SessionRecord]:
    return SessionLog(path).recent(reading_spans(race, now, window_days=window_days))


TODAY = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
DAYS = 400


def write_log(
    path: Path, *, junk_every: int = 0, shuffle: bool = False, spaced: bool = False
) -> list[SessionRecord]:
    """Two sessions a day for DAYS days up to today, oldest first, as the app writes it.

    `shuffle` swaps neighbours here and there, as `import` may leave them (within a day);
    `spaced` writes JSON with spaces, as another program might, and notes that quote
    the field the start time is looked for by.
    """
    records = [
        make_record(TODAY - timedelta(days=n, hours=hours))
        for n in reversed(range(DAYS))
        for hours in (12, 1)
    ]
    if shuffle:
        rng = random.Random(7)
        for index in rng.sample(range(len(records) - 1), 60):
            records[index], records[index + 1] = records[index + 1], records[index]
    lines = []
    for number, record in enumerate(records, start=1):
        if spaced:
            record.note = '"started":"2020-01-01T00:00:00+00:00"'
            lines.append(json.dumps(record.to_json()).encode() + b"\n")
        else:
            lines.append(encode_record(record))
        if junk_every and number % junk_every == 0:
            lines.append(b'{"schema": 1, "torn\n\n')
    path.write_bytes(b"".join(lines))
    return records


def in_span(path: Path, start: datetime, end: datetime) -> list[str]:
    """The ids a full read of the log finds in [start, end)."""
    return [r.id for r in SessionLog(path).read_all().records if start <= r.started < end]


SPANS = [(0, 5), (3, 20), (180, 196), (390, 400), (399, 400), (-10, 3), (420, 430), (50, 50)]


@pytest.mark.parametrize(("first", "last"), SPANS)
@pytest.mark.parametrize(
    ("junk_every", "shuffle", "spaced"),
    [(0, False, False), (3, False, False), (0, True, False), (0, False, True)],
)
def test_a_span_has_exactly_the_records_a_full_read_has(
    tmp_path: Path, first: int, last: int, junk_every: int, shuffle: bool, spaced: bool
) -> None:
    path = tmp_path / "sessions.jsonl"
    write_log(path, junk_every=junk_every, shuffle=shuffle, spaced=spaced)
    origin = TODAY - timedelta(days=DAYS)
    start, end = origin + timedelta(days=first), origin + timedelta(days=last)
    found = SessionLog(path).between(start, end)
    assert sorted(r.id for r in found) == sorted(in_span(path, start, end))
    assert [r.started for r in found] == sorted(r.started for r in found)


def test_a_span_a_year_back_parses_a_few_dozen_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sessions.jsonl"
    write_log(path)
    parsed: list[object] = []
    check_record = lines.check_record

    def counted(data: object) -> CheckedRecord:
        parsed.append(data)
        return check_record(data)

    monkeypatch.setattr(lines, "check_record", counted)
    start = TODAY - timedelta(days=365)
    found = SessionLog(path).between(start, start + timedelta(days=16))
    assert len(found) == 32
    assert len(parsed) < 100  # of 800: the probes, a few lines before, the span, a day after


def test_a_missing_log_has_no_span(tmp_path: Path) -> None:
    assert SessionLog(tmp_path / "none.jsonl").between(TODAY - timedelta(days=9), TODAY) == []


def test_recent_is_the_last_days_and_the_window_of_an_old_race(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    write_log(path)
    race = (TODAY - timedelta(days=365)).date()
    recent = read_recent(path, race, TODAY, window_days=14)
    dates = sorted({r.started.date() for r in recent})
    window = [race + timedelta(days=n) for n in range(16)]  # and the day after it
    last_days = [TODAY.date() - timedelta(days=n) for n in reversed(range(16))]
    assert dates == window + last_days
    assert [r.started for r in recent] == sorted(r.started for r in recent)


def test_recent_without_recent_sessions_keeps_the_last_one(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    records = write_log(path)
    later = TODAY + timedelta(days=60)
    race = date(2026, 1, 10)
    recent = read_recent(path, race, later, window_days=3)
    assert recent[-1].id == records[-1].id  # "last: ..." still names the last session
    assert len({r.id for r in recent}) == len(recent)
    assert sorted({r.started.date() for r in recent})[:5] == [
        date(2026, 1, 10),
        date(2026, 1, 11),
        date(2026, 1, 12),
        date(2026, 1, 13),
        date(2026, 1, 14),
    ]
