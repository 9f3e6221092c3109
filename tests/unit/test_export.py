"""`history --csv` and `--json`: one CSV row per round, exercise and side; JSON as stored."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from factories import make_record

from recovery_tui.core.insight.export import CSV_COLUMNS, csv_rows, write_csv, write_json
from recovery_tui.core.journal.record import SessionRecord

T0 = datetime(2026, 11, 17, 7, 42, tzinfo=UTC)


def csv_dicts(records: list[SessionRecord]) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(records, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_csv_has_one_row_per_round_exercise_and_side() -> None:
    record = make_record(T0, id="s1")
    rows = csv_dicts([record])
    # per round: 1 both, 2 left+right, 3 both, 4 left+right, 5 left+right, 6 both = 9 rows
    assert len(rows) == 2 * 9
    assert list(rows[0]) == list(CSV_COLUMNS)
    first = rows[0]
    assert first["session_id"] == "s1" and first["date"] == "2026-11-17"
    assert first["started"] == "2026-11-17T07:42:00+00:00"
    assert (first["plan"], first["status"]) == ("full-circuit", "completed")
    assert (first["check_before"], first["check_after"]) == ("2", "4")
    keys = [(r["round"], r["exercise_number"], r["side"]) for r in rows[:9]]
    assert keys == [
        ("1", "1", "both"),
        ("1", "2", "left"),
        ("1", "2", "right"),
        ("1", "3", "both"),
        ("1", "4", "left"),
        ("1", "4", "right"),
        ("1", "5", "left"),
        ("1", "5", "right"),
        ("1", "6", "both"),
    ]


def test_csv_set_times_skips_and_missing_checks() -> None:
    record = make_record(T0, status="partial")
    record.check_before = record.check_after = None
    record.rounds[0][0].skipped = True
    rows = csv_dicts([record])
    quad_left = next(r for r in rows if r["exercise_number"] == "4" and r["side"] == "left")
    assert (quad_left["count"], quad_left["set_seconds"]) == ("3", "31.5 28.2 25.0")
    assert (rows[0]["skipped"], rows[1]["skipped"]) == ("yes", "no")
    assert {r["check_before"] for r in rows} == {r["check_after"] for r in rows} == {""}
    # the partial round 2 stops after exercise 3: the rest are rows with no side and 0
    undone = [r for r in rows if r["round"] == "2" and int(r["exercise_number"]) > 3]
    assert [(r["side"], r["count"]) for r in undone] == [("", "0")] * 3


@pytest.mark.parametrize(
    ("started", "day"),
    [
        (datetime(2026, 11, 17, 23, 30, tzinfo=timezone(timedelta(hours=-5))), "2026-11-17"),
        (datetime(2026, 11, 18, 0, 5, tzinfo=timezone(timedelta(hours=1))), "2026-11-18"),
    ],
)
def test_csv_date_is_the_date_where_the_session_ran(started: datetime, day: str) -> None:
    assert next(iter(csv_rows(make_record(started))))[1] == day


def test_csv_quotes_awkward_names() -> None:
    record = make_record(T0)
    record.rounds[0][0].name = 'Knee bends, "slow"\nplease'
    out = io.StringIO()
    write_csv([record], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1][CSV_COLUMNS.index("exercise")] == 'Knee bends, "slow"\nplease'


def test_json_is_the_stored_records() -> None:
    records = [make_record(T0), make_record(T0 + timedelta(hours=5), status="partial")]
    records[1].note = "calves tight — 脚"
    out = io.StringIO()
    write_json(records, out)
    data = json.loads(out.getvalue())
    assert data == [r.to_json() for r in records]
    assert [SessionRecord.from_json(d) for d in data] == records
    assert "脚" in out.getvalue()


def test_csv_has_ended_duration_and_note_of_the_session_on_every_row() -> None:
    record = make_record(T0)
    record.note = "calves tight,\nleft worse"
    rows = csv_dicts([record])
    assert list(CSV_COLUMNS[-3:]) == ["ended", "duration_seconds", "note"]
    assert {r["ended"] for r in rows} == {"2026-11-17T07:56:05+00:00"}
    assert {r["duration_seconds"] for r in rows} == {"845"}
    assert {r["note"] for r in rows} == {"calves tight,\nleft worse"}


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+cmd|'/c calc'!A1", "'+1+cmd|'/c calc'!A1"),
        ("-2+3+cmd|'/c calc'!A1", "'-2+3+cmd|'/c calc'!A1"),
        ("@SUM(1+1)*cmd|'/c calc'!A1", "'@SUM(1+1)*cmd|'/c calc'!A1"),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "' =1+1"),
        ("\r=1+1", "'\n=1+1"),
        ("\x1b]52;c;ZXZpbA==\x07=1", "]52;c;ZXZpbA===1"),
        ("a\x1b[31mb\x9bc\u202ed", "a[31mbcd"),
        ("-3", "-3"),
        ("+2.5", "+2.5"),
        ("-", "'-"),
        ("Down Dog - knee bends", "Down Dog - knee bends"),
        ("calves tight — 脚", "calves tight — 脚"),
        ("line one\nline two", "line one\nline two"),
    ],
)
def test_csv_cells_are_spreadsheet_safe(cell: str, written: str) -> None:
    record = make_record(T0)
    record.note = cell
    record.rounds[0][0].name = cell
    rows = csv_dicts([record])
    assert rows[0]["note"] == written and rows[0]["exercise"] == written
