"""`recovery-tui history`: the table, --json and --csv, and a log with junk in it."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import cli, log_file
from factories import make_record

from recovery_tui.cli import main as cli_main
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import SessionRecord


def seed(tmp_path: Path) -> list[SessionRecord]:
    records = [
        make_record(datetime(2026, 11, 21, 7, 0, tzinfo=UTC), id="s-one"),
        make_record(datetime(2026, 11, 22, 18, 30, tzinfo=UTC), id="s-two", status="partial"),
    ]
    for record in records:
        SessionLog(log_file(tmp_path)).append(record)
    return records


def test_history_table_is_newest_first(tmp_path: Path) -> None:
    assert cli(tmp_path, "history").stdout == "No sessions yet.\n"
    seed(tmp_path)
    result = cli(tmp_path, "history")
    assert result.returncode == 0 and result.stderr == ""
    first, second = result.stdout.splitlines()
    assert first.startswith("2026-11-22 18:30  full-circuit") and "partial" in first
    assert "1/2 rounds" in first and "14:05" in first
    assert second.startswith("2026-11-21 07:00  full-circuit") and "2/2 rounds" in second


def test_history_json_round_trips_the_records(tmp_path: Path) -> None:
    records = seed(tmp_path)
    result = cli(tmp_path, "history", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [SessionRecord.from_json(item) for item in data] == records


def test_history_csv_has_one_row_per_round_exercise_and_side(tmp_path: Path) -> None:
    seed(tmp_path)
    result = cli(tmp_path, "history", "--csv")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    one = [r for r in rows if r["session_id"] == "s-one"]
    assert len(one) == 2 * 9  # per round: 3 two-footed exercises and 3 per-side ones
    assert {(r["date"], r["plan"], r["check_before"], r["check_after"]) for r in one} == {
        ("2026-11-21", "full-circuit", "2", "4")
    }
    pump = [r for r in one if r["exercise"] == "Half-Hooklying Quad Pump" and r["round"] == "1"]
    assert [(r["side"], r["count"], r["set_seconds"]) for r in pump] == [
        ("left", "3", "31.5 28.2 25.0"),
        ("right", "3", "30.0 27.5 24.8"),
    ]
    two = [r for r in rows if r["session_id"] == "s-two"]
    assert {r["status"] for r in two} == {"partial"}
    unfinished = [r for r in two if r["round"] == "2" and r["exercise_number"] in ("4", "5", "6")]
    assert [(r["side"], r["count"]) for r in unfinished] == [("", "0")] * 3


def test_history_reports_unreadable_lines_and_shows_the_rest(tmp_path: Path) -> None:
    seed(tmp_path)
    with log_file(tmp_path).open("ab") as log:
        log.write(b"\x00\x00\x00\n{not json\n")
    result = cli(tmp_path, "history", "--json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 2
    assert result.stderr == "recovery-tui: sessions.jsonl: skipped 2 unreadable lines (3, 4)\n"


EXPORT_T0 = datetime(2026, 11, 17, 7, 42, tzinfo=UTC)


def test_history_command_writes_csv_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "sessions.jsonl"
    late, early = (
        make_record(EXPORT_T0 + timedelta(days=1), id="late"),
        make_record(EXPORT_T0, id="early"),
    )
    for record in (late, early):
        SessionLog(log).append(record)
    assert cli_main(["--data-dir", str(tmp_path), "history", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["early", "late"]
    assert cli_main(["--data-dir", str(tmp_path), "history", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 36 and rows[0]["session_id"] == "early" and rows[-1]["session_id"] == "late"
