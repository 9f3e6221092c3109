"""Reading the log from its end: tail reads that cost the same at any log size."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from factories import make_record

from recovery_tui.core.journal import SessionLog, encode_record, files
from recovery_tui.core.journal.files import lines_backwards
from recovery_tui.core.journal.record import SessionRecord

T0 = datetime(2024, 4, 15, 7, 42, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture(scope="module")
def big_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SessionRecord]]:
    """1000 records with junk lines between them and a torn line at the end; read-only."""
    path = tmp_path_factory.mktemp("big") / "sessions.jsonl"
    return path, _write_big_log(path, 1000)


def _write_big_log(path: Path, count: int) -> list[SessionRecord]:
    records = [make_record(at(i)) for i in range(count)]
    with path.open("wb") as handle:
        for i, record in enumerate(records):
            handle.write(encode_record(record))
            if i % 97 == 0:
                handle.write(b"garbage\n\x00\x00\x00\n\n")
        handle.write(b'{"torn":')
    return records


@pytest.mark.parametrize("count", [0, 1, 5, 100, 999, 1000, 5000])
def test_tail_matches_the_end_of_a_full_read(
    big_log: tuple[Path, list[SessionRecord]], count: int
) -> None:
    path, records = big_log
    assert path.stat().st_size > 10 * files.BLOCK_SIZE
    expected = SessionLog(path).read_all().records[-count:] if count else []
    assert expected == (records[-count:] if count else [])
    assert SessionLog(path).tail(count) == expected


def test_tail_reads_only_the_end(
    big_log: tuple[Path, list[SessionRecord]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_log[0]
    read_bytes = []
    real_open = os.fdopen

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        handle = real_open(*args, **kwargs)
        real_read = handle.read

        def read(size: int = -1) -> Any:
            data = real_read(size)
            read_bytes.append(len(data))
            return data

        handle.read = read
        return handle

    monkeypatch.setattr(os, "fdopen", counting_open)
    assert len(SessionLog(path).tail(3)) == 3
    assert sum(read_bytes) <= files.BLOCK_SIZE < path.stat().st_size


@pytest.mark.parametrize("block_size", [1, 2, 7, 64, 4096])
@pytest.mark.parametrize("data", [b"", b"\n", b"a", b"a\n", b"\n\nab\ncd", b"abc\n\nde\nf\n"])
def test_lines_backwards_at_any_block_size(tmp_path: Path, data: bytes, block_size: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(data)
    expected = data.split(b"\n")[::-1]
    with path.open("rb") as handle:
        assert [line for _at, line in lines_backwards(handle, block_size)] == expected


def test_records_since_reads_back_to_the_given_time(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    hidden = make_record(T0 + timedelta(days=5))  # misplaced at the top: past the stop point
    days = [make_record(T0 + timedelta(days=d)) for d in range(4)]
    wanted = make_record(T0 + timedelta(days=4, hours=1))
    straggler = make_record(T0 + timedelta(days=3, hours=20))  # older than since, out of order
    at_since = make_record(T0 + timedelta(days=4))
    for record in [hidden, *days, wanted, straggler, at_since]:
        SessionLog(path).append(record)
    assert SessionLog(path).since(T0 + timedelta(days=4)) == [at_since, wanted]
    assert SessionLog(path).since(T0 + timedelta(days=10)) == []
