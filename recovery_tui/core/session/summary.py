"""What a finished session did, in lines for the summary screen at its end.

Pure: made from the log record alone (and the next-due words the caller passes), so
it is the same for a session just logged and tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..doses import record_kind, set_times_label
from ..insight.stats import format_duration
from ..journal.record import ExerciseResult, SessionRecord
from ..safe_text import clean


@dataclass(frozen=True)
class SessionResult:
    """What a finished session did: headline facts, then one line per exercise."""

    title: str
    facts: list[tuple[str, str]]
    """(label, value): duration, rounds, the heel check, the next session."""
    rounds: int
    exercises: list[tuple[str, list[str]]]
    """(exercise name, what was done in each round)."""
    set_times: list[tuple[str, str]]
    """(exercise and round, each set's time left and right) for the timed sets."""
    set_times_label: str
    """What those timed sets are called (``Sets to fatigue``): their kinds say."""


def counts_text(result: ExerciseResult) -> str:
    """What a round did, in its dose kind's words (``left 15 · right 15 reps``),
    ``skipped``, or ``not done``."""
    if result.skipped:
        return "skipped"
    if not any(result.counts.values()):
        return "not done"
    return " · ".join(record_kind(result.kind).result_lines(result.counts, {}))


def set_times_text(result: ExerciseResult) -> str:
    """A timed set's times, a line per side in its kind's words (``left 2 sets: 40.0,
    25.0 s``); empty for a kind without timed sets or a set not done."""
    kind = record_kind(result.kind)
    if not kind.timed_sets or result.skipped or not any(result.set_seconds.values()):
        return ""
    return "\n".join(kind.result_lines(result.counts, result.set_seconds))


def exercise_lines(record: SessionRecord) -> list[tuple[str, list[str]]]:
    """Per exercise, in plan order: each round's counts."""
    names: dict[str, list[str]] = {}
    for round_ in record.rounds:
        for result in round_:
            names.setdefault(clean(result.name), []).append(counts_text(result))
    return list(names.items())


def set_time_lines(record: SessionRecord) -> list[tuple[str, str]]:
    """Each exercise of timed sets, per round: left against right."""
    lines = []
    for number, round_ in enumerate(record.rounds, start=1):
        for result in round_:
            if times := set_times_text(result):
                lines.append((f"{clean(result.name)}, round {number}", times))
    return lines


def heel_text(record: SessionRecord) -> str:
    before, after = record.check_before, record.check_after
    if before is None and after is None:
        return "not checked"
    return f"{before if before is not None else '-'} → {after if after is not None else '-'} (of 5)"


def summarize(record: SessionRecord, next_due: str) -> SessionResult:
    status = "completed" if record.status == "completed" else "saved as partial"
    seconds = (record.ended - record.started).total_seconds()
    facts = [
        ("Duration", format_duration(seconds)),
        ("Rounds", f"{record.rounds_completed} of {len(record.rounds)}"),
        ("Heels to the mat", heel_text(record)),
        ("Next session", next_due),
    ]
    kinds = (result.kind for round_ in record.rounds for result in round_)
    return SessionResult(
        f"{clean(record.plan_name)}: {status}",
        facts,
        len(record.rounds),
        exercise_lines(record),
        set_time_lines(record),
        set_times_label(kinds),
    )
