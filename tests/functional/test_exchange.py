"""export / import - : two data folders standing in for a laptop and a server, over a pipe."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import cli, log_file
from factories import make_record

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.exchange import export_stream, import_stream, split_export

START = datetime(2026, 11, 16, 7, tzinfo=UTC)


def notes_file(home: Path) -> Path:
    return log_file(home).with_name("notes.jsonl")


def machine(home: Path, *days: int, note_on: int | None = None) -> SessionLog:
    log = SessionLog(log_file(home))
    for day in days:
        log.append(make_record(START + timedelta(days=day), id=f"{home.name}-{day}"))
    if note_on is not None:
        log.amend(
            f"{home.name}-{note_on}", START + timedelta(days=9), note=f"note from {home.name}"
        )
    return log


def sync(source: Path, target: Path) -> str:
    """`ssh source recovery-tui export | recovery-tui import -`, the pipe made by hand."""
    target.mkdir(parents=True, exist_ok=True)
    exported = cli(source, "export")
    assert exported.returncode == 0 and exported.stderr == ""
    imported = cli(target, "import", "-", stdin=exported.stdout)
    assert imported.returncode == 0, imported.stderr
    return imported.stdout


def state(home: Path) -> tuple[str, list[bytes]]:
    shown = cli(home, "history", "--json")
    assert shown.returncode == 0
    notes = notes_file(home).read_bytes().splitlines() if notes_file(home).exists() else []
    return shown.stdout, sorted(notes)


def test_syncing_both_ways_leaves_both_machines_the_same_and_again_changes_nothing(
    tmp_path: Path,
) -> None:
    laptop, server = tmp_path / "laptop", tmp_path / "server"
    machine(laptop, 0, 2, note_on=2)
    machine(server, 1, 3, 4, note_on=1)
    assert "imported 3 sessions" in sync(server, laptop)
    assert "imported 2 sessions" in sync(laptop, server)
    assert state(laptop) == state(server)
    history = json.loads(state(laptop)[0])
    assert len(history) == 5
    assert {r["note"] for r in history if r["note"]} == {"note from laptop", "note from server"}
    files = {
        p: p.read_bytes() for home in (laptop, server) for p in (log_file(home), notes_file(home))
    }
    for _ in range(2):
        sync(server, laptop)
        sync(laptop, server)
    assert {p: p.read_bytes() for p in files} == files


def test_a_note_edited_later_on_the_other_machine_wins_on_both(tmp_path: Path) -> None:
    laptop, server = tmp_path / "laptop", tmp_path / "server"
    machine(laptop, 0)
    sync(laptop, server)
    SessionLog(log_file(server)).amend(
        "laptop-0", START + timedelta(days=2), note="edited on the server"
    )
    sync(server, laptop)
    for home in (laptop, server):
        [record] = json.loads(state(home)[0])
        assert record["note"] == "edited on the server"


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("", "nothing to import (it is empty)"),
        ("\n  \n", "nothing to import (it is empty)"),
        ("hello, this is not an export\n", "not a recovery-tui export or session log"),
        ('{"recovery-tui-export": 9, "part": "sessions"}\n', "from a newer recovery-tui"),
    ],
    ids=["nothing", "blank", "prose", "newer"],
)
def test_import_dash_with_nothing_or_not_an_export_says_so_and_changes_nothing(
    tmp_path: Path, given: str, words: str
) -> None:
    machine(tmp_path, 0, note_on=0)
    before = log_file(tmp_path).read_bytes(), notes_file(tmp_path).read_bytes()
    result = cli(tmp_path, "import", "-", stdin=given)
    assert result.returncode == 1 and words in result.stderr
    assert (
        "ssh server recovery-tui export | recovery-tui import -" in result.stderr
        or "newer" in words
    )
    assert (log_file(tmp_path).read_bytes(), notes_file(tmp_path).read_bytes()) == before


def test_import_file_takes_an_export_file_as_well_as_a_sessions_jsonl(tmp_path: Path) -> None:
    laptop, server = tmp_path / "laptop", tmp_path / "server"
    machine(laptop, 0, 1, note_on=1)
    export = tmp_path / "laptop-export.jsonl"
    export.write_text(cli(laptop, "export").stdout, encoding="utf-8")
    server.mkdir()
    result = cli(server, "import", str(export))
    assert result.returncode == 0 and "imported 2 sessions" in result.stdout
    assert state(server) == state(laptop)
    other = tmp_path / "other"
    machine(other, 5)
    plain = cli(server, "import", str(log_file(other)))
    assert plain.returncode == 0 and "imported 1 session" in plain.stdout


def test_the_stream_is_the_files_lines_between_two_markers(tmp_path: Path) -> None:
    log = machine(tmp_path, 0, 1, note_on=0)
    with log_file(tmp_path).open("ab") as handle:
        handle.write(b"not json at all\n\n")
    stream = export_stream(log)
    lines = stream.splitlines()
    assert json.loads(lines[0]) == {"recovery-tui-export": 1, "part": "sessions"}
    assert lines[1:3] == log_file(tmp_path).read_bytes().splitlines()[:2]
    assert json.loads(lines[3]) == {"recovery-tui-export": 1, "part": "notes"}
    assert lines[4:] == notes_file(tmp_path).read_bytes().splitlines()
    split = split_export(stream)
    assert split is not None and split.sessions.count(b"\n") == 2 and split.notes.count(b"\n") == 1


def test_an_empty_machine_exports_two_markers_that_import_as_nothing(tmp_path: Path) -> None:
    empty = SessionLog(log_file(tmp_path / "empty"))
    stream = export_stream(empty)
    assert len(stream.splitlines()) == 2
    target = machine(tmp_path / "target", 0)
    before = log_file(tmp_path / "target").read_bytes()
    result = import_stream(target, stream, Path("standard input"))
    assert result.imported == 0
    assert log_file(tmp_path / "target").read_bytes() == before


def test_control_characters_leave_as_json_escapes_of_the_same_text(tmp_path: Path) -> None:
    log = SessionLog(log_file(tmp_path))
    record = make_record(START, id="c1")
    log.append(record)
    log.amend("c1", START, note="red \u009b31m\x7f text")
    stream = export_stream(log)
    assert b"\xc2\x9b" not in stream and b"\x7f" not in stream
    assert b"\\u009b31m\\u007f" in stream
    target = SessionLog(log_file(tmp_path / "other"))
    import_stream(target, stream, Path("standard input"))
    [copied] = target.read_all().records
    assert copied.id == "c1"
