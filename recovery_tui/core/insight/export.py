"""Session records as a text table, JSON and CSV, for `history` and for the app."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..journal.record import SessionRecord
from ..safe_text import spreadsheet_safe
from .stats import format_duration

CSV_COLUMNS = (
    "session_id",
    "date",
    "started",
    "plan",
    "status",
    "check_before",
    "check_after",
    "round",
    "exercise_number",
    "exercise",
    "kind",
    "side",
    "count",
    "set_seconds",
    "skipped",
    "ended",
    "duration_seconds",
    "note",
)
"""One row per round, exercise and side. The session's own columns (plan, status, note...)
repeat on each of its rows, so any row can be filtered on its own; new columns go last,
so a spreadsheet made from an older export keeps its column letters."""


def history_lines(records: Iterable[SessionRecord]) -> list[str]:
    """A plain table, newest first."""
    rows = sorted(records, key=lambda r: r.started, reverse=True)
    if not rows:
        return ["No sessions yet."]
    lines = []
    for record in rows:
        started = record.started.astimezone().strftime("%Y-%m-%d %H:%M")
        rounds = f"{record.rounds_completed}/{len(record.rounds)} rounds"
        duration = format_duration(record.duration_seconds)
        lines.append(f"{started}  {record.plan:<28} {record.status:<9} {rounds:<11} {duration:>8}")
    return lines


def write_json(records: Iterable[SessionRecord], out: TextIO) -> None:
    json.dump([r.to_json() for r in records], out, ensure_ascii=False, indent=2)
    out.write("\n")


def csv_rows(record: SessionRecord) -> Iterable[list[object]]:
    """The rows of one session, as values (text not yet made spreadsheet-safe)."""
    started = record.started.isoformat(timespec="seconds")
    ended = record.ended.isoformat(timespec="seconds")
    duration = round(record.duration_seconds)
    for round_number, results in enumerate(record.rounds, start=1):
        for number, result in enumerate(results, start=1):
            sides = list(result.counts) or [""]
            for side in sides:
                seconds = result.set_seconds.get(side, [])
                yield [
                    record.id,
                    record.started.date().isoformat(),
                    started,
                    record.plan,
                    record.status,
                    "" if record.check_before is None else record.check_before,
                    "" if record.check_after is None else record.check_after,
                    round_number,
                    number,
                    result.name,
                    result.kind,
                    side,
                    result.counts.get(side, 0),
                    " ".join(f"{s:.1f}" for s in seconds),
                    "yes" if result.skipped else "no",
                    ended,
                    duration,
                    record.note,
                ]


def write_csv(records: Iterable[SessionRecord], out: TextIO) -> None:
    """CSV safe to open in a spreadsheet: every text cell goes through `spreadsheet_safe`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        for row in csv_rows(record):
            writer.writerow([spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
