"""`import`: merge by id, keep start order, lose nothing, and change nothing the second time."""

from __future__ import annotations

import stat
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import make_record

from recovery_tui.cli import main
from recovery_tui.core.atomic import atomic_write
from recovery_tui.core.errors import UserError
from recovery_tui.core.journal import SessionLog, encode_record
from recovery_tui.core.journal.files import lock_path, locked
from recovery_tui.core.journal.record import SessionRecord

T0 = datetime(2026, 11, 16, 7, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def write(path: Path, records: list[SessionRecord], *extra: bytes) -> None:
    path.write_bytes(b"".join(encode_record(r) for r in records) + b"".join(extra))


@pytest.fixture
def logs(tmp_path: Path) -> tuple[Path, Path]:
    """Ours (sessions at 0, 24, 48 h) and theirs (at 12, 36 h, plus a copy of ours at 24 h)."""
    ours, theirs = tmp_path / "data" / "sessions.jsonl", tmp_path / "other.jsonl"
    ours.parent.mkdir()
    mine = [make_record(at(h), id=f"mine-{h}") for h in (0, 24, 48)]
    write(ours, mine)
    write(theirs, [make_record(at(12), id="theirs-12"), mine[1], make_record(at(36), id="t-36")])
    return ours, theirs


def ids(path: Path) -> list[str]:
    return [r.id for r in SessionLog(path).read_all().records]


def test_import_merges_in_start_order(logs: tuple[Path, Path]) -> None:
    ours, theirs = logs
    report = SessionLog(ours).merge_from(theirs).describe()
    assert report == "other.jsonl: imported 2 sessions, 1 already present"
    expected = ["mine-0", "theirs-12", "mine-24", "t-36", "mine-48"]
    assert ids(ours) == expected
    # the file itself is in order, so the readers from the end see everything
    assert [r.id for r in SessionLog(ours).tail(2)] == expected[-2:]
    assert [r.id for r in SessionLog(ours).since(at(30))] == ["t-36", "mine-48"]
    assert stat.S_IMODE(ours.stat().st_mode) == 0o600


def test_importing_twice_changes_nothing(logs: tuple[Path, Path]) -> None:
    ours, theirs = logs
    SessionLog(ours).merge_from(theirs).describe()
    before, mtime = ours.read_bytes(), ours.stat().st_mtime_ns
    time.sleep(0.01)
    assert (
        SessionLog(ours).merge_from(theirs).describe()
        == "other.jsonl: imported 0 sessions, 3 already present"
    )
    assert ours.read_bytes() == before and ours.stat().st_mtime_ns == mtime


def test_importing_our_own_log_changes_nothing(logs: tuple[Path, Path]) -> None:
    ours, _ = logs
    before = ours.read_bytes()
    assert (
        SessionLog(ours).merge_from(ours).describe()
        == "sessions.jsonl: imported 0 sessions, 3 already present"
    )
    assert ours.read_bytes() == before


def test_our_copy_wins_and_every_line_of_ours_is_kept(logs: tuple[Path, Path]) -> None:
    ours, theirs = logs
    original = ours.read_bytes().splitlines()
    clash = make_record(at(24), id="mine-24")
    clash.note = "their copy"
    write(theirs, [clash, make_record(at(1), id="new")])
    assert (
        SessionLog(ours).merge_from(theirs).describe()
        == "other.jsonl: imported 1 session, 1 already present"
    )
    lines = ours.read_bytes().splitlines()
    assert all(line in lines for line in original)
    assert [r.note for r in SessionLog(ours).read_all().records if r.id == "mine-24"] == [""]


def test_unreadable_lines_of_ours_stay_with_the_record_before_them(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "sessions.jsonl", tmp_path / "other.jsonl"
    first, late = make_record(at(0), id="a"), make_record(at(48), id="c")
    newer_app = b'{"schema":2,"id":"from-a-newer-app"}\n'
    write(ours, [], b"junk before all\n", encode_record(late), newer_app)
    ours.write_bytes(ours.read_bytes() + encode_record(first) + b'{"torn')
    write(theirs, [make_record(at(24), id="b")])
    report = SessionLog(ours).merge_from(theirs).describe()
    assert report == (
        "other.jsonl: imported 1 session, 0 already present; "
        "3 unreadable lines of sessions.jsonl kept as they were"
    )
    lines = ours.read_bytes().split(b"\n")
    assert lines[0] == b"junk before all"
    assert lines[2] == b'{"torn'  # follows "a", now a whole (still unreadable) line
    assert lines[5:] == [newer_app.strip(), b""]  # follows "c", the last record
    assert [r.id for r in SessionLog(ours).read_all().records] == ["a", "b", "c"]
    assert SessionLog(ours).read_all().bad_lines == [1, 3, 6]


def test_unreadable_lines_of_theirs_are_counted_and_skipped(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "sessions.jsonl", tmp_path / "other.jsonl"
    good = make_record(at(1), id="good")
    theirs.write_bytes(b"nonsense\r\n" + encode_record(good).replace(b"\n", b"\r\n") + b"\x00\x00")
    assert SessionLog(ours).merge_from(theirs).describe() == (
        "other.jsonl: imported 1 session, 0 already present, 2 unreadable lines skipped"
    )
    assert ids(ours) == ["good"] and SessionLog(ours).read_all().bad_lines == []


def test_a_session_listed_twice_in_theirs_is_imported_once(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "sessions.jsonl", tmp_path / "other.jsonl"
    twice = make_record(at(3), id="twice")
    write(theirs, [twice, twice])
    result = SessionLog(ours).merge_from(theirs)
    assert (result.imported, result.already_present) == (1, 1)
    assert ids(ours) == ["twice"]


def test_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    ours = tmp_path / "sessions.jsonl"
    with pytest.raises(UserError, match="no such file") as caught:
        SessionLog(ours).merge_from(tmp_path / "nope.jsonl").describe()
    assert "nope.jsonl" in str(caught.value)
    with pytest.raises(UserError, match="Nothing was imported"):
        SessionLog(ours).merge_from(tmp_path).describe()
    assert not ours.exists()


def test_an_appender_waits_for_the_merge_and_lands_in_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    SessionLog(path).append(make_record(at(0), id="old"))
    late = make_record(at(5), id="late")
    with locked(path):
        writer = threading.Thread(target=SessionLog(path).append, args=(late,))
        writer.start()
        time.sleep(0.2)
        assert writer.is_alive()  # blocked on the lock
        atomic_write(path, encode_record(make_record(at(1), id="merged")))  # the swap
    writer.join(timeout=10)
    assert ids(path) == ["merged", "late"]
    assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o600


def test_import_command_prints_the_report(
    logs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    ours, theirs = logs
    args = ["--data-dir", str(ours.parent), "import", str(theirs)]
    assert main(args) == 0 and main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "other.jsonl: imported 2 sessions, 1 already present",
        "other.jsonl: imported 0 sessions, 3 already present",
    ]
    assert main(["--data-dir", str(ours.parent), "import", str(theirs) + "x"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_import_refuses_what_is_not_a_session_log(tmp_path: Path) -> None:
    log = tmp_path / "sessions.jsonl"
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"hello\nworld\n")
    with pytest.raises(UserError, match="no session records found"):
        SessionLog(log).merge_from(junk).describe()
    with pytest.raises(UserError, match="not a regular file"):
        SessionLog(log).merge_from(tmp_path).describe()
    assert not log.exists()


def test_every_byte_of_our_lines_is_kept(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "sessions.jsonl", tmp_path / "other.jsonl"
    first, last = make_record(at(0), id="a"), make_record(at(48), id="c")
    odd_lines = [
        encode_record(first).replace(b"\n", b"\r\n"),  # written on Windows
        b"\n",
        b"\x0c\n",  # a form feed
        b"   \t \n",
        encode_record(last).rstrip(b"\n") + b"   \n",
    ]
    ours.write_bytes(b"".join(odd_lines))
    write(theirs, [make_record(at(24), id="b")])
    assert SessionLog(ours).merge_from(theirs).imported == 1
    merged = ours.read_bytes()
    assert merged.startswith(b"".join(odd_lines[:4]))  # "a" and what follows it, as it was
    assert merged.endswith(odd_lines[4])
    assert [r.id for r in SessionLog(ours).read_all().records] == ["a", "b", "c"]


def test_a_last_line_without_its_newline_gets_one_and_nothing_else(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "sessions.jsonl", tmp_path / "other.jsonl"
    ours.write_bytes(encode_record(make_record(at(0), id="a")) + b'{"torn')
    write(theirs, [make_record(at(24), id="b")])
    SessionLog(ours).merge_from(theirs)
    assert ours.read_bytes().split(b"\n")[1] == b'{"torn'


def test_their_later_notes_come_too_and_the_newest_edit_wins(tmp_path: Path) -> None:
    ours = SessionLog(tmp_path / "here" / "sessions.jsonl")
    theirs = SessionLog(tmp_path / "there" / "sessions.jsonl")
    for log in (ours, theirs):
        log.append(make_record(at(0), id="shared"))
        log.append(make_record(at(1), id="both-edited"))
    theirs.append(make_record(at(2), id="theirs-only"))
    ours.amend("both-edited", at(10), note="ours, newer")
    theirs.amend("both-edited", at(5), note="theirs, older")
    theirs.amend("shared", at(6), note="from the laptop", check_after=4)
    theirs.amend("theirs-only", at(7), note="new session's note")
    result = ours.merge_from(theirs.path)
    assert (result.imported, result.notes_imported) == (1, 3)
    assert "3 later notes added" in result.describe()
    shown = {r.id: (r.note, r.check_after) for r in ours.read_all().records}
    assert shown == {
        "shared": ("from the laptop", 4),
        "both-edited": ("ours, newer", 4),
        "theirs-only": ("new session's note", 4),
    }
    before = ours.notes_path.read_bytes()
    again = ours.merge_from(theirs.path)
    assert (again.imported, again.notes_imported) == (0, 0)
    assert ours.notes_path.read_bytes() == before


def test_a_record_too_large_for_one_line_is_refused_at_write(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    huge = make_record(at(0))
    huge.note = "x" * (300 * 1024)
    with pytest.raises(UserError, match="over the 256 KB a line may hold"):
        log.append(huge)
    assert not log.path.exists() or log.path.read_bytes() == b""


def test_a_journal_given_as_bytes_merges_like_a_file(tmp_path: Path) -> None:
    ours = SessionLog(tmp_path / "sessions.jsonl")
    ours.append(make_record(at(0), id="here"))
    note = b'{"id":"piped","at":"2026-11-17T08:00:00+00:00","note":"through ssh"}\n'
    data = encode_record(make_record(at(3), id="piped"))
    result = ours.merge_data(data, Path("-"), note)
    assert (result.imported, result.notes_imported) == (1, 1)
    assert [r.note for r in ours.read_all().records] == ["", "through ssh"]
    with pytest.raises(UserError, match="no session records found"):
        ours.merge_data(b"junk\n", Path("-"))
