"""Notes added after a session was logged: their own file, the last one wins."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

from factories import make_record

from recovery_tui.core.notes import append_note, apply_notes, notes_path, read_notes

NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


def test_the_last_note_for_a_session_wins(tmp_path: Path) -> None:
    path = notes_path(tmp_path / "sessions.jsonl")
    assert path == tmp_path / "notes.jsonl"
    append_note(path, "a", "first", NOW)
    append_note(path, "b", "calves tight — 脚", NOW)
    append_note(path, "a", "second", NOW)
    append_note(path, "b", "", NOW)  # removed
    assert read_notes(path) == {"a": "second", "b": ""}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_unreadable_lines_are_skipped_and_a_torn_one_swallows_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_bytes(b'junk\n{"id": 3, "note": "x"}\n[1]\n{"id":"a","note":"kept"}\n{"id":"b","no')
    append_note(path, "c", "after the tear", NOW)
    assert read_notes(path) == {"a": "kept", "c": "after the tear"}
    assert read_notes(tmp_path / "missing.jsonl") == {}


def test_apply_notes_lays_notes_over_copies(tmp_path: Path) -> None:
    first, second = make_record(NOW, id="a"), make_record(NOW, id="b")
    first.note = "at the end"
    shown = apply_notes([first, second], {"a": "", "b": "later"})
    assert [r.note for r in shown] == ["", "later"]
    assert (first.note, second.note) == ("at the end", "")
    assert apply_notes([first], {})[0] is first
