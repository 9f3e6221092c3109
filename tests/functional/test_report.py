"""The report for the physio: golden Markdown against a fixed log, escaping, the command."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import cli, log_file, write_config
from factories import make_record

from recovery_tui.core.insight.report import (
    build_report,
    markdown_text,
    read_report_records,
    report_span,
)
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import SessionRecord, Status

GOLDEN = Path(__file__).parent / "golden" / "report_week.md"
RACE = date(2026, 11, 15)
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # day 8
WEEK: list[tuple[int, int, int | None, int | None]] = [
    # (day of November, hour UTC, heel check before, after)
    (16, 7, 1, 3),
    (16, 18, 2, 3),
    (17, 19, 2, None),  # cut short
    (19, 7, 2, 4),
    (19, 17, 3, 4),
    (22, 8, 3, 5),
    (23, 6, None, 5),
]


def week() -> list[SessionRecord]:
    records = []
    for day, hour, before, after in WEEK:
        status: Status = "partial" if day == 17 else "completed"
        record = make_record(datetime(2026, 11, day, hour, tzinfo=UTC), status=status)
        record.id = f"{day}-{hour}"
        record.check_before, record.check_after = before, after
        records.append(record)
    cut_short, sore = records[2], records[3]
    cut_short.rounds[1][4].counts = {"left": 15}
    cut_short.note = "Quads *too* sore, [stopped](http://x.example) at the lunges <b>!</b>"
    sore.quad_soreness = 4
    for results in sore.rounds:
        results[3].counts, results[3].set_seconds, results[3].skipped = {}, {}, True
    records[-1].quad_soreness = 2
    records[-1].note = "Stairs easier | heels\nnearly down \x1b[31m"
    return records


def report() -> str:
    span = report_span(RACE, 14, NOW.date())
    return build_report(week(), span, target=2, race_date=RACE, now=NOW)


def test_the_report_for_a_fixed_week_is_the_golden_one() -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(report(), encoding="utf-8")
    assert report() == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("[link](http://evil.example)", "\\[link\\](http://evil.example)"),
        ("![img](x.png)", "!\\[img\\](x.png)"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("*bold* _it_ `code` ~~s~~", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~"),
        ("a | b", "a \\| b"),
        ("two\nlines", "two lines"),
        ("back\\slash &amp;", "back\\\\slash &amp;amp;"),
        ("\x1b[2Jwiped", "\ufffd\\[2Jwiped"),
    ],
)
def test_log_text_cannot_become_markup(text: str, markdown: str) -> None:
    assert markdown_text(text) == markdown


def test_a_window_with_no_sessions_says_so() -> None:
    span = report_span(None, 14, NOW.date(), days=7)
    text = build_report([], span, target=2, race_date=None, now=NOW)
    assert "No sessions from Tue 17 Nov 2026 to Mon 23 Nov 2026." in text
    assert "## Calendar" not in text


@pytest.mark.parametrize(
    ("race", "days", "first", "last"),
    [
        (RACE, None, RACE, RACE + timedelta(days=14)),
        (RACE, 7, date(2026, 11, 17), NOW.date()),
        (None, None, NOW.date() - timedelta(days=14), NOW.date()),
    ],
)
def test_the_span(race: date | None, days: int | None, first: date, last: date) -> None:
    span = report_span(race, 14, NOW.date(), days=days)
    assert (span.first, span.last) == (first, last)


def test_reading_the_span_brings_later_notes(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    for record in week():
        SessionLog(path).append(record)
    SessionLog(path).append(make_record(datetime(2026, 12, 20, 8, tzinfo=UTC), id="later"))
    SessionLog(path).amend("16-7", NOW, note="felt good")
    span = report_span(RACE, 14, NOW.date())
    records = read_report_records(SessionLog(path), span, UTC)
    assert [r.id for r in records] == [r.id for r in week()]
    assert records[0].note == "felt good"


# ---- the command, for real --------------------------------------------------------


def test_report_command_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    write_config(tmp_path, f"race_date = {(today - timedelta(days=2)).isoformat()}\n".encode())
    record = make_record(datetime.now(UTC) - timedelta(minutes=20))
    record.note = "calves [easier](http://x)"
    SessionLog(log_file(tmp_path)).append(record)
    shown = cli(tmp_path, "report")
    assert shown.returncode == 0 and shown.stderr == ""
    assert shown.stdout.startswith("# Calf and ankle recovery: ")
    assert "calves \\[easier\\](http://x)" in shown.stdout
    written = cli(tmp_path, "report", "--days", "3", "--output", "physio.md")
    assert written.returncode == 0 and "report written to physio.md" in written.stderr
    assert (tmp_path / "physio.md").read_text(encoding="utf-8").startswith("# Calf and ankle")


def test_report_command_with_nothing_logged_says_so(tmp_path: Path) -> None:
    shown = cli(tmp_path, "report", "--days", "7")
    assert shown.returncode == 0 and "No sessions from " in shown.stdout


def test_report_never_writes_over_the_log(tmp_path: Path) -> None:
    path = log_file(tmp_path)
    SessionLog(path).append(make_record(datetime.now(UTC)))
    before = path.read_bytes()
    result = cli(tmp_path, "report", "--output", str(path))
    assert result.returncode == 1 and "one of the app's own files" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("days", ["0", "-3", "seven"])
def test_report_days_must_be_a_positive_number(tmp_path: Path, days: str) -> None:
    result = cli(tmp_path, "report", "--days", days)
    assert result.returncode == 2 and "must be a whole number from 1 to 3660" in result.stderr


def test_report_never_replaces_a_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli(tmp_path, "report", "--output", str(fifo))
    assert result.returncode == 1 and "not a regular file" in result.stderr
    assert fifo.is_fifo()
