"""Realistic large session logs, so anyone can reproduce the benchmarks.

The records are built from the real built-in plans and written with the app's own
encoder, so they are the size and shape the app meets after years of use: mostly the
full circuit in the morning and the evening, some shorter plans, partial sessions,
heel checks, the odd note (with non-ASCII text), and a few records out of order as
an ``import`` from another machine leaves them. The same seed gives the same file.

    python -m bench.generate_log OUT.jsonl --sessions 20000
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from recovery_tui.core.journal import UNSET, encode_record
from recovery_tui.core.journal.amendments import NOTES_FILE_NAME, encode
from recovery_tui.core.journal.record import ExerciseResult, SessionRecord
from recovery_tui.core.plans.catalog import builtin_plans
from recovery_tui.core.plans.model import Exercise, Plan, SideOrder

PLAN_WEIGHTS = {"full-circuit": 80, "down-dog-block": 12, "circuit-without-quad-pump": 8}
NOTES = (
    "Left calf tight on the lunge",
    "Easier today — heel almost flat",
    "Short on time, stopped early",
    "Après le 10 km : mollets raides",
    "Felt great",
)


def session_starts(count: int, end: datetime, rng: random.Random) -> list[datetime]:
    """`count` start times before `end`, oldest first: one or two a day, morning and evening."""
    starts: list[datetime] = []
    day = end.replace(hour=0, minute=0, second=0, microsecond=0)
    while len(starts) < count:
        evening = day + timedelta(hours=18, minutes=rng.randrange(0, 180))
        morning = day + timedelta(hours=6, minutes=rng.randrange(0, 150))
        for start in (evening, morning):
            keep = rng.random() < 0.95
            if keep and start + timedelta(minutes=20) < end and len(starts) < count:
                starts.append(start)
        day -= timedelta(days=1)
    starts.reverse()
    return starts


def exercise_result(exercise: Exercise, rng: random.Random, *, done: bool) -> ExerciseResult:
    """What a runner did of one exercise: counts inside the dose, set times for open sets."""
    dose = exercise.dose
    sides = ("left", "right") if dose.sides is not SideOrder.NONE else ("both",)
    result = ExerciseResult(exercise.name, dose.kind.name)
    if not done:
        return result
    if rng.random() < 0.02:
        result.skipped = True
        return result
    for side in sides:
        amount = rng.randint(dose.low, dose.high)
        result.counts[side] = amount
        if dose.kind.timed_sets:
            result.set_seconds[side] = [round(rng.uniform(18, 45), 2) for _ in range(amount)]
    return result


def make_record(plan: Plan, started: datetime, rng: random.Random, serial: int) -> SessionRecord:
    """One session of `plan`; about one in fourteen stops part-way and is saved as partial."""
    slots = plan.rounds * len(plan.exercises)
    partial = rng.random() < 0.07
    stop = rng.randrange(1, slots) if partial else slots
    rounds = [
        [
            exercise_result(exercise, rng, done=r * len(plan.exercises) + e < stop)
            for e, exercise in enumerate(plan.exercises)
        ]
        for r in range(plan.rounds)
    ]
    minutes = 7.0 * plan.rounds * stop / slots + rng.uniform(-1.0, 2.0)
    checked = rng.random() < 0.7
    before = rng.randint(1, 4) if checked else None
    return SessionRecord(
        id=f"{started:%Y%m%dT%H%M}-{serial:05d}-{rng.getrandbits(32):08x}",
        plan=plan.id,
        plan_name=plan.name,
        started=started,
        ended=started + timedelta(minutes=max(1.0, minutes)),
        status="partial" if partial else "completed",
        rounds=rounds,
        check_before=before,
        check_after=min(5, before + rng.randint(0, 2)) if before and not partial else None,
        note=rng.choice(NOTES) if rng.random() < 0.05 else "",
    )


def generate_records(count: int, *, end: datetime, seed: int = 2026) -> Iterator[SessionRecord]:
    """`count` records ending before `end`, in log order (a few neighbours swapped)."""
    rng = random.Random(seed)
    plans = {plan.id: plan for plan in builtin_plans()}
    ids = [plan_id for plan_id in PLAN_WEIGHTS if plan_id in plans]
    weights = [PLAN_WEIGHTS[plan_id] for plan_id in ids]
    starts = session_starts(count, end, rng)
    records = [
        make_record(plans[rng.choices(ids, weights)[0]], started, rng, serial)
        for serial, started in enumerate(starts)
    ]
    for index in range(1, len(records) - 2):
        if rng.random() < 0.005:
            records[index - 1], records[index] = records[index], records[index - 1]
    yield from records


def write_log(path: Path, count: int, *, end: datetime | None = None, seed: int = 2026) -> int:
    """Write a fresh log of `count` sessions at `path`; returns its size in bytes.

    As the app writes them: a session is logged the moment it ends, and its after-session
    check and note follow in notes.jsonl (so every checked session has a line there).
    """
    end = end or datetime.now().astimezone()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines, later = [], []
    for record in generate_records(count, end=end, seed=seed):
        check, note = record.check_after, record.note
        if check is not None or note:
            at = record.ended + timedelta(minutes=1)
            later.append(encode(record.id, at, note=note or None, check_after=check or UNSET))
        record.check_after, record.note = None, ""
        lines.append(encode_record(record))
    data = b"".join(lines)
    path.write_bytes(data)
    path.with_name(NOTES_FILE_NAME).write_bytes(b"".join(later))
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate_log", description=__doc__)
    parser.add_argument("out", type=Path, help="the sessions.jsonl to write (replaced)")
    parser.add_argument("--sessions", type=int, default=20_000, help="how many (default 20000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    args = parser.parse_args(argv)
    size = write_log(args.out, args.sessions, seed=args.seed)
    print(f"{args.out}: {args.sessions:,} sessions, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
