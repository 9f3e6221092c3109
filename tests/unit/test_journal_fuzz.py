"""Fuzzing the log reader: whatever a line holds, no exception escapes and no parse runs long.

"Long" is bounded by construction, not by a clock (the machine is shared): a line over
`MAX_LINE_BYTES` is refused before `json` sees it, and nesting too deep for Python is
caught. What the readers return can always be shown: in local time, as a summary row,
as a table line.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import make_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recovery_tui.core.journal.lines as lines
from recovery_tui.core.insight.export import history_lines
from recovery_tui.core.journal import SessionLog, encode_record
from recovery_tui.core.journal import amendments as notes
from recovery_tui.core.journal.lines import (
    MAX_LINE_BYTES,
    parse_line,
    started_of,
    summarize_line,
)

FUZZ = settings(
    max_examples=300,
    deadline=None,  # never a timing assertion on a shared machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
START = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
times = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-23:59", "2026-11-16"]),
    st.text(max_size=30),
)
FIELDS = ["schema", "id", "plan", "plan_name", "started", "ended", "status", "rounds"]
FIELDS += ["check_before", "check_after", "note"]


@st.composite
def record_like(draw: st.DrawFn) -> bytes:
    """A real record with some fields replaced by anything, some dropped, some added."""
    data: dict[str, Any] = make_record(START).to_json()
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=4)):
        data[key] = draw(json_values)
    for key in ("started", "ended"):
        if draw(st.booleans()):
            data[key] = draw(times)
    if draw(st.booleans()) and data.get("rounds"):
        rounds = data["rounds"]
        if isinstance(rounds, list) and rounds and isinstance(rounds[0], list) and rounds[0]:
            rounds[0][0] = draw(json_values)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


any_line = st.one_of(
    record_like(),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.integers(min_value=1, max_value=60_000).map(lambda n: b"[" * n),
    st.integers(min_value=1, max_value=60_000).map(lambda n: b'{"a":' * n),
)


def can_show(record: Any) -> None:
    """Everything a screen or command does with a record's times and text."""
    record.started.astimezone()
    record.ended.astimezone()
    record.started.timestamp()
    assert len(history_lines([record])) == 1
    assert record.rounds_completed <= len(record.rounds)


@FUZZ
@given(raw=any_line)
def test_no_line_makes_a_reader_raise(raw: bytes) -> None:
    record = parse_line(raw)
    summary = summarize_line(raw, 0, {})
    started = started_of(raw)
    notes.parse(raw)
    assert (record is None) == (summary is None)  # one validator: the same verdict
    if record is not None and summary is not None:
        can_show(record)
        assert started == record.started == summary.started
        assert (summary.id, summary.rounds_completed) == (record.id, record.rounds_completed)


@FUZZ
@given(junk=st.lists(any_line, max_size=6))
def test_a_log_of_anything_is_read_by_every_reader(
    tmp_path_factory: Any, junk: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "sessions.jsonl"
    good = [make_record(START + timedelta(hours=h)) for h in range(3)]
    body = [encode_record(good[0]).rstrip(), *junk, encode_record(good[1]).rstrip()]
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in body) + b"\n")
    (folder / "notes.jsonl").write_bytes(b"\n".join(junk))
    log = SessionLog(path)
    result = log.read_all()
    assert {good[0].id, good[1].id} <= {r.id for r in result.records}
    for record in result.records:
        can_show(record)
    log.index()
    log.newest_summaries(5)
    log.tail(5)
    log.since(START)
    log.between(START - timedelta(days=1), START + timedelta(days=1))
    log.amendments()
    other = folder / "other.jsonl"
    other.write_bytes(encode_record(good[2]))
    assert log.merge_from(other).imported == 1


def test_a_line_over_the_limit_is_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = json.loads

    def counted(text: str | bytes, **kwargs: Any) -> Any:
        calls.append(len(text))
        return real(text, **kwargs)

    monkeypatch.setattr(lines.json, "loads", counted)
    huge = b'{"note":"' + b"x" * MAX_LINE_BYTES + b'"}'
    assert parse_line(huge) is None and summarize_line(huge, 0, {}) is None
    assert notes.parse(huge) is None
    assert calls == []
    assert parse_line(encode_record(make_record(START))) is not None and calls


def test_a_long_line_in_the_file_costs_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    record = make_record(START)
    path.write_bytes(b"[" * (4 * MAX_LINE_BYTES) + b"\n" + encode_record(record))
    log = SessionLog(path)
    assert [r.id for r in log.read_all().records] == [record.id]
    assert log.read_all().bad_lines == [1]
    assert [r.id for r in log.tail(3)] == [record.id]
