"""Amendments (notes.jsonl): added after a session was logged, the newest for a field wins."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from factories import make_record

from recovery_tui.core.journal import UNSET, Amendment, SessionLog

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


def test_the_last_note_for_a_session_wins(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    assert log.notes_path == tmp_path / "notes.jsonl"
    log.amend("a", NOW, note="first")
    log.amend("b", NOW, note="calves tight — 脚")
    log.amend("a", NOW, note="second")
    log.amend("b", NOW, note="")  # removed
    found = log.amendments()
    assert {k: v.note for k, v in found.items()} == {"a": "second", "b": ""}
    assert stat.S_IMODE(log.notes_path.stat().st_mode) == 0o600


def test_the_note_and_the_after_check_are_amended_apart(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    record = make_record(NOW, id="a")
    record.note, record.check_after = "in the record", 2
    log.append(record)
    log.amend("a", NOW + timedelta(minutes=1), check_after=4)
    assert log.tail(1)[0].check_after == 4 and log.tail(1)[0].note == "in the record"
    log.amend("a", NOW + timedelta(minutes=2), note="later")
    log.amend("a", NOW + timedelta(minutes=3), check_after=None)  # taken back
    [shown] = log.tail(1)
    assert (shown.note, shown.check_after) == ("later", None)
    assert log.read_all().records == [shown] and log.find("a") == shown


def test_unreadable_lines_are_skipped_and_a_torn_one_swallows_nothing(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    log.notes_path.write_bytes(
        b'junk\n{"id": 3, "note": "x"}\n[1]\n{"id":"a","note":"kept"}\n'
        b'{"id":"d","check_after":9}\n{"id":"b","no'
    )
    log.amend("c", NOW, note="after the tear")
    assert {k: v.note for k, v in log.amendments().items()} == {"a": "kept", "c": "after the tear"}
    assert SessionLog(tmp_path / "missing" / "sessions.jsonl").amendments() == {}


def test_an_amendment_lays_over_a_copy() -> None:
    first = make_record(NOW, id="a")
    first.note = "at the end"
    shown = Amendment(note="").apply(first)
    assert (shown.note, first.note) == ("", "at the end")
    assert Amendment().apply(first) is first
    assert Amendment(check_after=UNSET).then(Amendment(check_after=3)).check_after == 3


def test_recent_reads_only_the_amendments_it_needs(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    old, new = make_record(NOW - timedelta(days=30), id="old"), make_record(NOW, id="new")
    log.append(old)
    log.append(new)
    log.amend("old", NOW - timedelta(days=30), note="old note")
    log.amend("new", NOW, note="new note")
    assert set(log.amendments(since=NOW - timedelta(hours=1))) == {"new"}
    assert [r.note for r in log.since(NOW - timedelta(hours=1))] == ["new note"]
    assert [r.note for r in log.tail(2)] == ["old note", "new note"]
