"""Session records as a text table, JSON and CSV, for `history` and for the app."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from .record import SessionRecord

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
)


def format_duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


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
    started = record.started.isoformat(timespec="seconds")
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
                ]


def write_csv(records: Iterable[SessionRecord], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerows(csv_rows(record))
