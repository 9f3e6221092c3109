"""Each benchmark runs once, on a small log, so `make bench` cannot rot unnoticed.

No timing is asserted here (the test machine may be anything); only that every figure
still measures something and that the log generator writes what the app reads.
"""

from __future__ import annotations

import math
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recovery_tui.core.journal import SessionLog

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # bench/ is not installed

from bench.common import BenchConfig, Row, alternate, format_table  # noqa: E402
from bench.figures import FIGURES, run_figure  # noqa: E402
from bench.generate_log import generate_records, write_log  # noqa: E402
from bench.tmux import tmux_missing  # noqa: E402

END = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_figure_runs_in_quick_mode(key: str, tmp_path: Path) -> None:
    if FIGURES[key].needs_tmux and (reason := tmux_missing()):
        pytest.skip(f"figure {key} needs a real terminal: {reason}")
    rows = run_figure(key, BenchConfig.quick_config(tmp_path / "bench"))
    assert rows
    for row in rows:
        assert isinstance(row, Row) and not row.skipped
        assert row.figure.startswith(key)
        assert row.measured and row.target
        assert math.isfinite(row.value) and row.value >= 0
    assert "| figure" in format_table(rows)


def test_generated_log_is_read_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    write_log(path, 400, end=END)
    result = SessionLog(path).read_all()
    assert result.bad_lines == []
    assert len(result.records) == 400
    assert len({r.id for r in result.records}) == 400
    assert all(r.ended <= END for r in result.records)
    assert {r.status for r in result.records} == {"completed", "partial"}
    assert len({r.plan for r in result.records}) == 3
    assert any(r.note for r in result.records)
    newest = max(result.records, key=lambda r: r.started)
    assert newest in SessionLog(path).tail(5)  # the end of the file holds the newest


def test_generated_log_is_reproducible(tmp_path: Path) -> None:
    first = [r.to_json() for r in generate_records(50, end=END, seed=7)]
    again = [r.to_json() for r in generate_records(50, end=END, seed=7)]
    other = [r.to_json() for r in generate_records(50, end=END, seed=8)]
    assert first == again
    assert first != other


def test_generated_sessions_are_one_or_two_a_day(tmp_path: Path) -> None:
    records = list(generate_records(300, end=END))
    days = {r.started.date() for r in records}
    assert 300 / 2 <= len(days) <= 300 / 1.5
    assert max(r.started for r in records) > END.replace(hour=0)


def test_alternate_runs_both_sides_in_abba_order() -> None:
    calls: list[str] = []

    def side(name: str) -> float:
        calls.append(name)
        return float(len(calls))

    a, b = alternate(lambda: side("a"), lambda: side("b"), 4, warm_up=True)
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b", "b", "a"]
    assert len(a) == len(b) == 4
