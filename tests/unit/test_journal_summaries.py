"""The offset index lists exactly what `read_all` reads; its places lead back to summaries
and full records."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import make_record

from recovery_tui.core.journal import NOT_IN_LOG, LogReadError, SessionLog, encode_record
from recovery_tui.core.journal.lines import summarize_line, summarize_record
from recovery_tui.core.journal.record import SessionRecord, Status
from recovery_tui.core.journal.summaries import SessionSummary


def read_record_at(path: Path, offset: int) -> SessionRecord | None:
    """The record a summary at `offset` leads back to (the id is the one found there)."""
    log = SessionLog(path)
    line = _line_at(path, offset)
    found = summarize_line(line, offset, {}) if line else None
    records = log.records_of([found]) if found else []
    return records[0] if records else None


def _line_at(path: Path, offset: int) -> bytes:
    if offset < 0 or not path.exists():
        return b""
    with path.open("rb") as handle:
        handle.seek(offset)
        return handle.readline()


def indexed(path: Path) -> list[SessionSummary]:
    """Every session the index lists, read back as summaries from their lines."""
    index = SessionLog(path).index().index
    places = [(index.offset(i), index.started(i)) for i in range(len(index))]
    found = SessionLog(path).summaries_at(places)
    assert None not in found
    return [s for s in found if s is not None]


START = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)


def _good_line() -> dict[str, object]:
    return make_record(START).to_json()


def _with(**changes: object) -> bytes:
    data = _good_line()
    data.update(changes)
    return json.dumps(data).encode()


BAD_LINES = {
    "not json": b"{nope",
    "not an object": b"[1, 2]",
    "newer schema": _with(schema=2),
    "no id": _with(id=None),
    "unknown status": _with(status="aborted"),
    "naive time": _with(started="2026-11-16T07:00:00"),
    "bad time": _with(ended="yesterday"),
    "rounds not lists": _with(rounds=[{"a": 1}]),
    "rounds a number": _with(rounds=3),
    "check out of range": _with(check_before=9),
    "note not text": _with(note=5),
    "exercise not an object": _with(rounds=[["squat"]]),
    "not utf-8": b'{"schema": 1, "id": "\xff"}',
    "empty id": _with(id=""),
}


@pytest.mark.parametrize("raw", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_line_read_all_skips_is_skipped_too(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    path.write_bytes(encode_record(make_record(START)) + raw + b"\n")
    assert SessionLog(path).read_all().bad_lines == [2]
    result = SessionLog(path).index()
    assert result.bad_lines == [2]
    assert len(result.index) == 1


def test_summaries_match_the_records_in_start_order(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    starts = [START + timedelta(hours=h) for h in (5, 0, 12, 30)]
    for index, started in enumerate(starts):
        status: Status = "partial" if index == 2 else "completed"
        SessionLog(path).append(make_record(started, status=status))
    records = SessionLog(path).read_all().records
    summaries = indexed(path)
    assert [s.id for s in summaries] == [r.id for r in records]
    for summary, record in zip(summaries, records, strict=True):
        assert summary == summarize_record(record, summary.offset)
        assert summary.duration_seconds == record.duration_seconds
    assert [s.rounds_completed for s in summaries] == [2, 2, 1, 2]  # 12:00 was partial


def test_each_summary_leads_back_to_its_full_record(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    path.write_bytes(b"\n{junk\n")
    for hour in range(5):
        SessionLog(path).append(make_record(START + timedelta(hours=hour)))
    by_id = {r.id: r for r in SessionLog(path).read_all().records}
    summaries = indexed(path)
    assert len(summaries) == 5
    for summary in summaries:
        assert read_record_at(path, summary.offset) == by_id[summary.id]


@pytest.mark.parametrize("offset", [NOT_IN_LOG, 10_000])
def test_no_record_where_there_is_no_line(offset: int, tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    SessionLog(path).append(make_record(START))
    assert read_record_at(path, offset) is None


def test_a_missing_log_has_no_summaries(tmp_path: Path) -> None:
    result = SessionLog(tmp_path / "nothing.jsonl").index()
    assert len(result.index) == 0 and result.bad_lines == []
    assert SessionLog(tmp_path / "nothing.jsonl").summaries_at([(0, START.timestamp())]) == [None]
    assert read_record_at(tmp_path / "nothing.jsonl", 0) is None


def test_plan_names_are_shared_between_summaries() -> None:
    names: dict[str, str] = {}
    first = summarize_line(encode_record(make_record(START)), 0, names)
    second = summarize_line(encode_record(make_record(START + timedelta(days=1))), 99, names)
    assert first is not None and second is not None
    assert first.plan_name is second.plan_name
    assert second.offset == 99


def _mixed_log(path: Path) -> list[str]:
    """A log with blank, junk and out-of-order lines and no final newline; ids in file order."""
    ids = []
    lines = [b""]
    for hour in (0, 1, 5, 3, 2, 6, 8, 7):  # a few out of order, as `import` may leave them
        record = make_record(START + timedelta(hours=hour))
        ids.append(record.id)
        lines.append(encode_record(record).rstrip(b"\n"))
        if hour == 5:
            lines += [b"{junk", b""]
    path.write_bytes(b"\n".join(lines))
    return ids


@pytest.mark.parametrize("count", [0, 1, 3, 8, 20])
def test_tail_summaries_are_the_last_lines_in_start_order(tmp_path: Path, count: int) -> None:
    path = tmp_path / "sessions.jsonl"
    ids = _mixed_log(path)
    tail = SessionLog(path).newest_summaries(count)
    last = set(ids[len(ids) - count :]) if count else set()
    assert {s.id for s in tail} == last
    assert [s.started for s in tail] == sorted(s.started for s in tail)
    for item in tail:
        record = read_record_at(path, item.offset)
        assert record is not None and record.id == item.id


def test_tail_summaries_of_a_missing_log_are_none(tmp_path: Path) -> None:
    assert len(SessionLog(tmp_path / "nothing.jsonl").newest_summaries(5)) == 0


def test_an_unreadable_log_is_reported_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "sessions.jsonl"
    folder.mkdir()
    with pytest.raises(LogReadError, match=r"Could not read the session log .*sessions\.jsonl"):
        SessionLog(folder).newest_summaries(5)


def test_read_records_skips_what_the_log_no_longer_holds(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    for hour in range(3):
        SessionLog(path).append(make_record(START + timedelta(hours=hour)))
    summaries = indexed(path)
    places = [(s.offset, s.started.timestamp()) for s in summaries]
    by_offset = SessionLog(path).records_of(summaries)
    assert [r.id for r in by_offset] == [s.id for s in summaries]
    unsaved = summarize_record(make_record(START))
    assert SessionLog(path).records_of([unsaved]) == []
    # `import` rewrote the log: the same offsets now hold other sessions.
    path.write_bytes(b"".join(encode_record(make_record(START)) for _ in range(3)))
    assert SessionLog(path).records_of(summaries) == []
    later = (encode_record(make_record(START + timedelta(days=1))) for _ in range(3))
    path.write_bytes(b"".join(later))
    assert SessionLog(path).summaries_at(places) == [None, None, None]  # started otherwise
    assert SessionLog(tmp_path / "gone.jsonl").records_of(summaries) == []
