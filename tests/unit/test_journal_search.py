"""The byte search behind `SessionLog.find` and `contains`: every line with the id, found a
block at a time, whatever the block size."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import make_record

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.files import lines_containing

TEXT = b'{"id":"a1"}\n\n{"id":"b2","x":"a1"}\n{"id":"c3"}\nno newline at the end a1'


@pytest.mark.parametrize("block_size", [1, 2, 3, 5, 8, 13, 64, 4096])
def test_every_line_holding_the_needle_at_any_block_size(block_size: int) -> None:
    found = list(lines_containing(io.BytesIO(TEXT), b"a1", limit=100, block_size=block_size))
    assert found == [b'{"id":"a1"}', b'{"id":"b2","x":"a1"}', b"no newline at the end a1"]


@pytest.mark.parametrize("block_size", [1, 4, 7, 64])
def test_a_line_over_the_limit_is_skipped_and_the_next_one_found(block_size: int) -> None:
    text = b"a1" + b"z" * 50 + b"\n" + b'{"id":"a1"}\n'
    found = list(lines_containing(io.BytesIO(text), b"a1", limit=20, block_size=block_size))
    # (the long line may still come back when a block holds it whole: readers refuse it)
    assert found[-1] == b'{"id":"a1"}'
    assert len(found) <= 2


def test_find_and_contains_on_a_log_of_many_blocks(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    start = datetime(2026, 1, 1, 7, tzinfo=UTC)
    records = [make_record(start + timedelta(hours=n), id=f"s{n:04d}") for n in range(400)]
    for record in records:
        log.append(record)
    assert log.path.stat().st_size > 2 * 256 * 1024
    assert log.contains("s0000") and log.contains("s0399") and not log.contains("s0400")
    found = log.find("s0250")
    assert found is not None and found.id == "s0250"
