"""Dates stay in range: a record dated outside 1970-2100 is an unreadable line, never shown."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from app_helpers import open_history
from cli_helpers import cli, log_file
from factories import make_record

from recovery_tui.core.journal import SessionLog, encode_record
from recovery_tui.core.settings.paths import AppPaths

GOOD = make_record(datetime(2026, 11, 22, 7, 0, tzinfo=UTC), id="good")

EXTREMES = [
    "0001-01-01T00:00:00+14:00",  # valid ISO; astimezone() overflowed
    "9999-12-31T23:59:59-14:00",
    "1969-12-31T23:59:59+00:00",
    "1970-01-01T00:30:00+01:00",  # 1969 in UTC
    "2100-01-01T00:00:00+00:00",
]


def dated(started: str, ended: str | None = None) -> bytes:
    data = make_record(GOOD.started, id="odd").to_json()
    data.update(started=started, ended=ended or started)
    return json.dumps(data).encode() + b"\n"


def write_log(path: Path, odd: bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = encode_record(GOOD) + odd
    path.write_bytes(content)
    return content


@pytest.mark.parametrize("moment", EXTREMES)
def test_a_record_out_of_range_is_an_unreadable_line_everywhere(
    tmp_path: Path, moment: str
) -> None:
    path = tmp_path / "sessions.jsonl"
    content = write_log(path, dated(moment))
    log = SessionLog(path)
    assert [r.id for r in log.read_all().records] == ["good"]
    assert log.read_all().bad_lines == [2]
    assert log.index().bad_lines == [2]
    assert [s.id for s in log.newest_summaries(5)] == ["good"]
    assert [r.id for r in log.tail(5)] == ["good"]
    assert [r.id for r in log.since(datetime(2020, 1, 1, tzinfo=UTC))] == ["good"]
    assert not log.contains("odd") and log.find("odd") is None
    assert path.read_bytes() == content  # kept as it was


def test_only_the_end_time_out_of_range_is_enough(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    write_log(path, dated("2026-11-22T08:00:00+00:00", "0001-01-01T00:00:00+14:00"))
    assert SessionLog(path).read_all().bad_lines == [2]


@pytest.mark.parametrize(
    "command", [["status"], ["history"], ["history", "--json"], ["history", "--csv"]]
)
def test_the_commands_count_it_and_carry_on(tmp_path: Path, command: list[str]) -> None:
    write_log(log_file(tmp_path), dated(EXTREMES[0]))
    result = cli(tmp_path, *command)  # fails on a traceback
    assert result.returncode == 0
    if command[0] == "history":
        assert "sessions.jsonl: skipped 1 unreadable line (2)" in result.stderr
        assert "good" in result.stdout or "2026-11-22" in result.stdout


async def test_the_app_and_its_history_open(make_app: Callable[..., Any], paths: AppPaths) -> None:
    write_log(paths.log_file, dated(EXTREMES[0]))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(pilot)
        await pilot.pause()
        assert len(screen.history) == 1
        assert "unreadable line" in screen.history.warning
