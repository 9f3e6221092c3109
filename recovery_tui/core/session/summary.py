"""What a finished session did, in lines for the summary screen at its end.

Pure: made from the log record alone (and the next-due words the caller passes), so
it is the same for a session just logged and tested without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..journal.record import ExerciseResult, SessionRecord
from ..safe_text import clean

SIDE_LETTERS = {"left": "L", "right": "R", "both": ""}


@dataclass(frozen=True)
class SessionSummary:
    """Headline facts, then one line per exercise."""

    title: str
    facts: list[tuple[str, str]]
    """(label, value): duration, rounds, the heel check, the next session."""
    rounds: int
    exercises: list[tuple[str, list[str]]]
    """(exercise name, what was done in each round)."""
    set_times: list[tuple[str, str]]
    """(exercise and round, seconds per set left and right) for the sets to fatigue."""


def duration_text(seconds: float) -> str:
    minutes = max(0, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def counts_text(result: ExerciseResult) -> str:
    """``L 15 · R 15`` (or ``15`` for both legs), ``skipped``, or ``not done``."""
    if result.skipped:
        return "skipped"
    parts = [f"{SIDE_LETTERS.get(side, side)} {n}".strip() for side, n in result.counts.items()]
    return " · ".join(parts) if parts else "not done"


def set_times_text(result: ExerciseResult) -> str:
    """A set to fatigue's times per side: ``left 40, 25 s · right 30, 20 s``."""
    sides = []
    for side in ("left", "right", "both"):
        times = result.set_seconds.get(side)
        if times:
            sides.append(f"{side} {', '.join(f'{t:.0f}' for t in times)} s")
    return " · ".join(sides)


def exercise_lines(record: SessionRecord) -> list[tuple[str, list[str]]]:
    """Per exercise, in plan order: each round's counts."""
    names: dict[str, list[str]] = {}
    for round_ in record.rounds:
        for result in round_:
            names.setdefault(clean(result.name), []).append(counts_text(result))
    return list(names.items())


def set_time_lines(record: SessionRecord) -> list[tuple[str, str]]:
    """Each timed set to fatigue, per round: left against right."""
    lines = []
    for number, round_ in enumerate(record.rounds, start=1):
        for result in round_:
            if times := set_times_text(result):
                lines.append((f"{clean(result.name)}, round {number}", times))
    return lines


def rounds_text(record: SessionRecord) -> str:
    total = len(record.rounds)
    worked = sum(any(any(r.counts.values()) for r in round_) for round_ in record.rounds)
    return f"{worked} of {total}"


def heel_text(record: SessionRecord) -> str:
    before, after = record.check_before, record.check_after
    if before is None and after is None:
        return "not checked"
    return f"{before if before is not None else '-'} → {after if after is not None else '-'} (of 5)"


def summarize(record: SessionRecord, next_due: str) -> SessionSummary:
    status = "completed" if record.status == "completed" else "saved as partial"
    seconds = (record.ended - record.started).total_seconds()
    facts = [
        ("Duration", duration_text(seconds)),
        ("Rounds", rounds_text(record)),
        ("Heels to the mat", heel_text(record)),
        ("Next session", next_due),
    ]
    return SessionSummary(
        f"{clean(record.plan_name)}: {status}",
        facts,
        len(record.rounds),
        exercise_lines(record),
        set_time_lines(record),
    )
