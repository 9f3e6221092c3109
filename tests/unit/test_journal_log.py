"""The session log: durable appends, forgiving reads, fast reads from the end."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import make_record

from recovery_tui.core.journal import LogReadError, LogWriteError, SessionLog, encode_record
from recovery_tui.core.journal.lines import describe_bad_lines
from recovery_tui.core.journal.record import ExerciseResult

T0 = datetime(2024, 4, 15, 7, 42, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def write_lines(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    rich = make_record(at(0), status="partial")
    rich.note = "Mollets raides — 脚が痛い 🦶\nsecond line"
    rich.check_before, rich.check_after = 1, None
    rich.rounds[0][3].skipped = True
    rich.rounds[1].append(ExerciseResult("Extra", "held", {"both": 0}, skipped=True))
    records = [rich, make_record(at(60)), make_record(at(120), plan="my-plan")]
    for record in records:
        SessionLog(path).append(record)
    result = SessionLog(path).read_all()
    assert result.records == records
    assert result.bad_lines == [] and result.messages() == []
    assert path.read_bytes().count(b"\n") == 3
    assert "脚".encode() in path.read_bytes()  # written as UTF-8, not \u escapes


def test_file_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "sessions.jsonl"
    SessionLog(path).append(make_record(T0))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_missing_file_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    assert SessionLog(path).read_all().records == [] and SessionLog(path).read_all().bad_lines == []
    assert SessionLog(path).tail(5) == [] and SessionLog(path).since(T0) == []


def test_torn_last_line_does_not_swallow_the_next_record(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    first, second, lost, new = (make_record(at(i)) for i in range(4))
    SessionLog(path).append(first)
    SessionLog(path).append(second)
    with path.open("ab") as handle:
        handle.write(encode_record(lost)[:40])  # the crash
    SessionLog(path).append(new)
    result = SessionLog(path).read_all()
    assert result.records == [first, second, new]
    assert result.bad_lines == [3]
    assert SessionLog(path).tail(5) == [first, second, new]


def test_every_truncation_keeps_the_intact_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # thousands of appends; speed only
    records = [make_record(at(i)) for i in range(3)]
    for record in records:  # shorter lines, fewer cuts; the structure stays
        record.rounds = [record.rounds[0][:2]]
    lines = [encode_record(r) for r in records]
    data = b"".join(lines)
    ends = [sum(len(x) for x in lines[: i + 1]) - 1 for i in range(3)]  # offset of each "\n"
    path = tmp_path / "sessions.jsonl"
    extra = make_record(at(10))
    for cut in range(len(data) + 1):
        path.write_bytes(data[:cut])
        intact = [r for r, end in zip(records, ends, strict=True) if cut >= end]
        torn = [i + 1 for i, end in enumerate(ends) if end - len(lines[i]) + 1 < cut < end]
        result = SessionLog(path).read_all()
        assert (result.records, result.bad_lines) == (intact, torn), cut
        SessionLog(path).append(extra)
        result = SessionLog(path).read_all()
        assert (result.records, result.bad_lines) == (intact + [extra], torn), cut


def test_unreadable_lines_are_reported_by_number(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    good = [make_record(at(i)) for i in range(3)]
    lines = [
        encode_record(good[0]).rstrip(),
        b"\x00" * 300,
        b"",
        b"not json at all",
        encode_record(good[1]).rstrip(),
        b'{"schema":1,"id":"x"',
        b"\xff\xfe\xfd",
        b"[" * 200_000,
        b'{"schema":1,"id":"x","plan":"p","started":"yesterday","ended":"x","status":"partial"}',
        b"[1, 2, 3]",
        b"   ",
        encode_record(good[2]).rstrip(),
    ]
    write_lines(path, lines)
    result = SessionLog(path).read_all()
    assert result.records == good
    assert result.bad_lines == [2, 4, 6, 7, 8, 9, 10]
    assert result.messages() == [
        "sessions.jsonl: skipped 7 unreadable lines (2, 4, 6, 7, 8, 9, 10)"
    ]
    assert SessionLog(path).tail(10) == good


def test_a_nul_run_from_a_crash_is_isolated(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    before, after = make_record(at(0)), make_record(at(1))
    SessionLog(path).append(before)
    with path.open("ab") as handle:
        handle.write(b"\x00" * 4096)
    SessionLog(path).append(after)
    result = SessionLog(path).read_all()
    assert (result.records, result.bad_lines) == ([before, after], [2])


@pytest.mark.parametrize("schema", [2, 0, "1", None, "missing"])
def test_other_schema_versions_are_skipped(tmp_path: Path, schema: Any) -> None:
    path = tmp_path / "sessions.jsonl"
    data = make_record(at(1)).to_json()
    if schema == "missing":
        del data["schema"]
    else:
        data["schema"] = schema
    kept = make_record(at(0))
    write_lines(path, [encode_record(kept).rstrip(), json.dumps(data).encode()])
    result = SessionLog(path).read_all()
    assert (result.records, result.bad_lines) == ([kept], [2])


def test_reading_never_rewrites_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    write_lines(path, [encode_record(make_record(at(0))).rstrip(), b"junk", b"\x00\x00"])
    with path.open("ab") as handle:
        handle.write(b'{"torn')
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    SessionLog(path).read_all()
    SessionLog(path).tail(3)
    SessionLog(path).since(T0)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_records_are_sorted_by_start_stably(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    late, early, tie = make_record(at(30)), make_record(at(0)), make_record(at(30))
    for record in (late, early, tie):
        SessionLog(path).append(record)
    assert SessionLog(path).read_all().records == [early, late, tie]


def _fail_after(calls: int, real: Any, *, half: bool = False) -> Any:
    """A stand-in for os.write/os.fsync: works `calls` times (half writes if asked), then ENOSPC."""
    state = {"left": calls}

    def fake(fd: int, *args: Any) -> Any:
        if state["left"] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        state["left"] -= 1
        if half:
            return real(fd, bytes(args[0][: len(args[0]) // 2]))
        return real(fd, *args)

    return fake


@pytest.mark.parametrize(
    ("name", "calls", "half"),
    [("write", 0, False), ("write", 1, True), ("fsync", 0, False)],
    ids=["write-fails", "short-write-then-full", "fsync-fails"],
)
def test_full_disk_raises_and_leaves_no_partial_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, calls: int, half: bool
) -> None:
    path = tmp_path / "sessions.jsonl"
    SessionLog(path).append(make_record(at(0)))
    before = path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, name, _fail_after(calls, getattr(os, name), half=half))
        with pytest.raises(LogWriteError) as caught:
            SessionLog(path).append(make_record(at(1)))
    assert str(path) in str(caught.value) and "No space left on device" in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_raises(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(LogWriteError, match="sessions.jsonl"):
            SessionLog(folder / "sessions.jsonl").append(make_record(T0))
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EROFS, "read-only"), (errno.EACCES, "permission"), (errno.ENOSPC, "disk is full")],
)
def test_open_errors_become_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    def refuse(*args: Any) -> int:
        raise OSError(code, os.strerror(code))

    path = tmp_path / "sessions.jsonl"
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LogWriteError) as caught:
        SessionLog(path).append(make_record(T0))
    assert str(path) in str(caught.value) and words in str(caught.value).lower()


def test_unreadable_log_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(LogReadError, match="session log"):
        SessionLog(tmp_path).read_all()


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        ([], ""),
        ([3], "sessions.jsonl: skipped 1 unreadable line (3)"),
        ([3, 9], "sessions.jsonl: skipped 2 unreadable lines (3, 9)"),
        (
            list(range(1, 13)),
            "sessions.jsonl: skipped 12 unreadable lines (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...)",
        ),
    ],
)
def test_describe_bad_lines(lines: list[int], text: str) -> None:
    assert describe_bad_lines(Path("/data/sessions.jsonl"), lines) == text
