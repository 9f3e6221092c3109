"""What a running session looks like from outside: its state and read-only queries.

`Session` (engine.py) adds the clock and the commands that move it; the UI and the
record only ever need what is here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from ..journal.record import ExerciseResult, SessionRecord
from ..plans.model import Exercise, Plan
from .types import EngineConfig, Phase, Progress, required_for, sides_for

Clock = Callable[[], float]
WallClock = Callable[[], datetime]
MIN_SET_SECONDS = 1.0
"""A set to fatigue left running shorter than this was not started in earnest."""


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _never_stopped() -> int:
    return 0


class SessionView:
    """Position, phase, deadline and counts of one run through a plan."""

    def __init__(
        self,
        plan: Plan,
        config: EngineConfig,
        clock: Clock,
        now: WallClock = _local_now,
        *,
        session_id: str | None = None,
    ) -> None:
        self.plan = plan
        self.config = config
        self.clock = clock
        self.now = now
        self.id = session_id or uuid.uuid4().hex
        self.started: datetime = now()
        self.ended: datetime | None = None
        self.round = 0
        self.index = 0
        self.side = "both"
        self.phase = Phase.COUNT_IN
        self.deadline: float | None = None
        self.phase_started = 0.0
        self.paused_at: float | None = None
        self.last_seen = 0.0
        """The last clock time the session was driven while running (see `stall_seconds`)."""
        self._stops: Callable[[], int] = _never_stopped
        self._stops_seen = 0
        self.progress = [[Progress() for _ in plan.exercises] for _ in range(plan.rounds)]
        self._history: list[tuple[int, int, str]] = []
        self._begin()

    def _begin(self) -> None:
        """Called last by ``__init__``; the engine starts its first phase here."""

    # ---- what the UI reads -------------------------------------------------

    @property
    def exercise(self) -> Exercise:
        return self.plan.exercises[self.index]

    @property
    def current(self) -> Progress:
        return self.progress[self.round][self.index]

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def finished(self) -> bool:
        return self.phase is Phase.DONE

    def _time(self) -> float:
        return self.paused_at if self.paused_at is not None else self.clock()

    def remaining(self) -> float | None:
        """Seconds left in the current countdown, or None when nothing counts down."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - self._time())

    def elapsed(self) -> float:
        """Seconds since the current phase started (the running time of an open set)."""
        return max(0.0, self._time() - self.phase_started)

    def sides(self) -> tuple[str, ...]:
        return sides_for(self.exercise.dose, self.config.start_side)

    def count(self, side: str) -> int:
        return self.current.counts.get(side, 0)

    def tempo(self) -> float:
        return self.exercise.tempo_seconds or self.config.tempo_seconds

    def upcoming(self) -> tuple[int, int] | None:
        """The (round, exercise) after the current one, or None at the end.

        Exercises left out before they started (`Session.leave_out`) are passed over.
        """
        position = self._after(self.round, self.index)
        while position is not None and self._left_out(*position):
            position = self._after(*position)
        return position

    def _after(self, round_: int, index: int) -> tuple[int, int] | None:
        if index + 1 < len(self.plan.exercises):
            return round_, index + 1
        if round_ + 1 < self.plan.rounds:
            return round_ + 1, 0
        return None

    def _left_out(self, round_: int, index: int) -> bool:
        progress = self.progress[round_][index]
        return progress.skipped and not any(progress.counts.values())

    def fraction_done(self) -> float:
        """How much of the whole session is done, 0 to 1, for a progress bar.

        A skipped exercise counts as dealt with; one cut short counts what was done.
        """
        total = 0.0
        slots = 0
        for progress_round in self.progress:
            for exercise, progress in zip(self.plan.exercises, progress_round, strict=True):
                need = required_for(exercise.dose)
                for side in sides_for(exercise.dose, self.config.start_side):
                    slots += 1
                    done = progress.counts.get(side, 0) / need
                    total += 1.0 if progress.skipped else min(1.0, done)
        return total / slots if slots else 1.0

    def dose_met(self, exercise: Exercise, progress: Progress) -> bool:
        """Every side of one exercise reached the low end of its dose (13 of 10-15 is met)."""
        need = required_for(exercise.dose)
        sides = sides_for(exercise.dose, self.config.start_side)
        return all(progress.counts.get(side, 0) >= need for side in sides)

    def running_set_seconds(self) -> float | None:
        """The time so far of a set to fatigue still running, None when none is.

        Leaving mid-set keeps it: the work was done, even though the set never ended.
        """
        if self.phase is Phase.OPEN_SET and self.elapsed() >= MIN_SET_SECONDS:
            return self.elapsed()
        return None

    def anything_done(self) -> bool:
        """A count anywhere, or a set to fatigue under way: something worth logging."""
        counted = any(any(p.counts.values()) for row in self.progress for p in row)
        return counted or self.running_set_seconds() is not None

    def all_required_done(self) -> bool:
        """Every exercise not skipped reached the low end of its dose on every side."""
        counted = False
        for progress_round in self.progress:
            for exercise, progress in zip(self.plan.exercises, progress_round, strict=True):
                counted = counted or any(progress.counts.values())
                need = required_for(exercise.dose)
                sides = sides_for(exercise.dose, self.config.start_side)
                if not progress.skipped and any(progress.counts.get(s, 0) < need for s in sides):
                    return False
        return counted

    # ---- the record --------------------------------------------------------

    def _result(self, exercise: Exercise, progress: Progress, *, here: bool) -> ExerciseResult:
        counts = dict(progress.counts)
        set_seconds = {side: list(times) for side, times in progress.set_seconds.items()}
        running = self.running_set_seconds() if here else None
        if running is not None:
            counts[self.side] = counts.get(self.side, 0) + 1
            set_seconds.setdefault(self.side, []).append(running)
        return ExerciseResult(
            name=exercise.name,
            kind=exercise.dose.kind.name,
            counts=counts,
            set_seconds=set_seconds,
            skipped=progress.skipped and not self.dose_met(exercise, progress),
        )

    def to_record(self) -> SessionRecord:
        """The log record: completed when the plan ran to its end with every dose met
        (skips allowed), partial otherwise.

        What was done is kept: a set to fatigue still running counts with its time so
        far, and an exercise whose dose was met is never logged as skipped.
        """
        rounds = [
            [
                self._result(exercise, progress, here=(number, index) == (self.round, self.index))
                for index, (exercise, progress) in enumerate(
                    zip(self.plan.exercises, progress_round, strict=True)
                )
            ]
            for number, progress_round in enumerate(self.progress)
        ]
        return SessionRecord(
            id=self.id,
            plan=self.plan.id,
            plan_name=self.plan.name,
            started=self.started,
            ended=self.ended or self.now(),
            status="completed" if self.finished and self.all_required_done() else "partial",
            rounds=rounds,
        )
