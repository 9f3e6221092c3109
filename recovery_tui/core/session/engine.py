"""The session engine: walks a plan round by round, exercise by exercise, side by side.

Time comes only from the injected ``clock`` (monotonic seconds). Every countdown is a
deadline; when one passes, the next phase starts *at that deadline*, not at the moment
the app happened to notice, so a paced session never drifts however late the ticks are.
The app calls :meth:`Session.update` as often as it likes and reacts to the returned
events (the bell, a flash); commands come from the keyboard.

Time the process did not run is not exercise: with `EngineConfig.stall_seconds` set (the
app sets it), a deadline noticed far too late pauses the session where it was last seen
instead of crediting the reps it slept through; so does the first update after the
count of stops it watches moved (`watch_stops`: SIGCONTs), and :meth:`Session.stopped`
(ctrl+z, just before the process stops).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from ..doses import Step
from ..journal.record import ExerciseResult, SessionRecord
from ..plans.model import Exercise, Plan, SideOrder
from .types import (
    RESTS,
    EngineConfig,
    Event,
    EventKind,
    Phase,
    Progress,
    other_side,
    required_for,
    sides_for,
    target_for,
)

__all__ = ["RESTORED", "RUNNER", "STOPPED", "Clock", "CountOrder", "Session", "WallClock"]

RUNNER = "runner"
"""The pause reason of the runner's own pause key."""
RESTORED = "restored"
"""A session read back from disk starts paused, until the runner says go."""
STOPPED = "stopped"
"""The process did not run (ctrl+z, SIGSTOP, a deadline slept through); space lifts it."""


Clock = Callable[[], float]
WallClock = Callable[[], datetime]
CountOrder = list[tuple[int, int, str]]
"""Every count in the order it was made, as (round, exercise, side): what undo takes back."""
MIN_SET_SECONDS = 1.0
"""A set to fatigue left running shorter than this was not started in earnest."""


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _never_stopped() -> int:
    return 0


class Session:
    """One run through a plan: its position, phase, deadline and counts, the commands
    that move it, and the record it makes. Not thread-safe: drive it from one loop."""

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
        self._history: CountOrder = []
        self._events: list[Event] = []
        self._pause_reasons: dict[str, bool] = {}
        """Why the clock is stopped, each with whether the runner's pause key lifts it."""
        self.last_seen = self.clock()
        self._enter_exercise(self.last_seen)

    @classmethod
    def restored(
        cls,
        plan: Plan,
        config: EngineConfig,
        clock: Clock,
        now: WallClock,
        *,
        session_id: str,
        started: datetime,
        ended: datetime | None,
        position: tuple[int, int],
        phase: Phase,
        progress: list[list[Progress]],
        count_order: CountOrder,
    ) -> Session:
        """A session read back (`saved.session_from_state`), paused for `RESTORED`.

        It starts at the top of the phase it was in: a rest runs whole, a finished
        session stays finished, work restarts with its count-in on its first unfinished
        side; so at most the rep in progress is lost.
        """
        session = cls(plan, config, clock, now, session_id=session_id)
        session.started = started
        session.progress = progress
        session._history = list(count_order)
        session.round, session.index = position
        at = clock()
        if phase in RESTS:
            seconds = (
                config.round_rest_seconds if phase is Phase.ROUND_REST else config.rest_seconds
            )
            session._set_phase(phase, at, seconds)
            session.side = session._resume_side()
        elif phase is Phase.DONE:
            session._set_phase(Phase.DONE, at, None)
            session.ended = ended
        else:
            session._enter_exercise(at)
        session.pause(RESTORED)
        return session

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

    @property
    def count_order(self) -> CountOrder:
        """Every count so far in the order it was made (a copy: saved with the session)."""
        return list(self._history)

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

    # ---- the clock ---------------------------------------------------------

    def update(self) -> list[Event]:
        """Advance through every deadline that has passed; return what happened.

        A deadline overdue by more than `stall_seconds` was slept through, and so was the
        time before a stop the watched count reports: pause at the last time the session
        was seen running, and credit nothing for the gap.
        """
        self._catch_up()
        return self._drain()

    def _catch_up(self) -> None:
        """`update` without draining: commands keep the events it makes for their caller."""
        stopped = self._stopped_since_seen()
        if self.paused_at is not None:
            if stopped:
                self._hold(STOPPED, runner_lifts=True, at=self.last_seen)
            return
        now = self.clock()
        if stopped or self._stalled(now):
            self._hold(STOPPED, runner_lifts=True, at=self.last_seen)
            return
        for _ in range(100_000):
            if self.deadline is None or now < self.deadline:
                break
            self._on_deadline(self.deadline)
        self.last_seen = now

    def watch_stops(self, stops: Callable[[], int]) -> None:
        """Ask `stops` (how often the process was continued after a stop) on every update.

        A count that moved means the process did not run for a while, however briefly:
        the next update pauses at `last_seen`, before it could catch up on anything.
        """
        self._stops = stops
        self._stops_seen = stops()

    def _stopped_since_seen(self) -> bool:
        count = self._stops()
        stopped, self._stops_seen = count != self._stops_seen, count
        return stopped

    def _stalled(self, now: float) -> bool:
        limit = self.config.stall_seconds
        return limit is not None and self.deadline is not None and now - self.deadline > limit

    def next_deadline(self) -> float | None:
        """When :meth:`update` next has something to do (None while paused or untimed)."""
        return None if self.paused else self.deadline

    def _drain(self) -> list[Event]:
        events, self._events = self._events, []
        return events

    def _emit(self, kind: EventKind, at: float) -> None:
        self._events.append(Event(kind, self.round, self.index, self.side, at))

    def _on_deadline(self, at: float) -> None:
        phase = self.phase
        if phase is Phase.REP:
            self._count(at)
            return
        if phase is Phase.OPEN_SET:  # the fatigue cap: the set ends by itself
            self._end_open_set(at)
            return
        if phase is Phase.HOLD:
            self._emit(EventKind.COUNTDOWN_ENDED, at)
            self._count(at)
            return
        self._emit(EventKind.COUNTDOWN_ENDED, at)
        if phase in (Phase.COUNT_IN, Phase.SWITCH, Phase.RELAX):
            self._start_work(at)
        elif phase in RESTS:
            self._enter_exercise(at, count_in=True)

    # ---- commands ----------------------------------------------------------

    def pause(self, reason: str, *, runner_lifts: bool = True) -> list[Event]:
        """Stop the clock for `reason` (the runner, an overlay, a suspended process...).

        Reasons add up: the clock runs again only when every one is lifted. The space key
        (`toggle_pause`) lifts those with `runner_lifts`; the others only `resume(reason)`
        lifts, so help closed over a runner's pause leaves the session paused.
        """
        if not self._pause_reasons:
            self._catch_up()  # deadlines already passed first (or a stall found)
        self._hold(reason, runner_lifts=runner_lifts, at=self.clock())
        return self._drain()

    def stopped(self) -> list[Event]:
        """The app is about to stop or did not run (ctrl+z): pause where it was last seen.

        Nothing is caught up first: the time since `last_seen` is not the runner's.
        """
        if self.phase is not Phase.DONE:
            self._hold(STOPPED, runner_lifts=True, at=self.last_seen)
        return self._drain()

    def _hold(self, reason: str, *, runner_lifts: bool, at: float) -> None:
        """Add a reason to pause; the first one stops the clock at `at`."""
        if not self._pause_reasons:
            self.paused_at = at
            self._emit(EventKind.PAUSED, at)
        self._pause_reasons.setdefault(reason, runner_lifts)

    def resume(self, reason: str) -> list[Event]:
        """Lift one reason to pause; when none is left, run on after a count-in."""
        self._pause_reasons.pop(reason, None)
        if not self._pause_reasons and self.paused_at is not None:
            self._run_again()
        return self._drain()

    def toggle_pause(self) -> list[Event]:
        """The runner's pause key: pause, or lift every pause the runner may lift."""
        if not any(self._pause_reasons.values()):
            return self.pause(RUNNER)
        events: list[Event] = []
        for reason, runner_lifts in list(self._pause_reasons.items()):
            if runner_lifts:
                events += self.resume(reason)
        return events + self._drain()

    @property
    def pause_reasons(self) -> frozenset[str]:
        return frozenset(self._pause_reasons)

    # ---- what each command would do now (a footer shows only keys that act) ----

    @property
    def runner_paused(self) -> bool:
        """Paused by a reason the runner's pause key lifts: that key now resumes."""
        return any(self._pause_reasons.values())

    def enter_does(self) -> str | None:
        """What `done` would do now: count a "rep" (manual pacing), end a "set" to
        fatigue, end a "wait" (count-in, switch) or a "rest" early; None: nothing
        (paced reps and holds run by themselves)."""
        phase = self.phase
        if phase is Phase.REP:
            return "rep" if self.config.pacing == "manual" else None
        if phase is Phase.OPEN_SET:
            return "set"
        if phase in (Phase.COUNT_IN, Phase.SWITCH):
            return "wait"
        return "rest" if phase in RESTS else None

    def can_go_back(self) -> bool:
        """`back` would move: there is an exercise before this one (or a rest to undo)."""
        if self.phase in RESTS or self.phase is Phase.DONE:
            return True
        return self._previous(self.round, self.index) is not None

    def can_undo(self) -> bool:
        """`undo` would take a count back (the rule `undo` itself applies)."""
        if not self._history:
            return False
        counted_at = self._history[-1][:2]
        if counted_at == (self.round, self.index):
            return True
        reopen = self.phase in RESTS or self.phase is Phase.DONE
        return reopen and counted_at == self._previous(self.round, self.index)

    def _run_again(self) -> None:
        """Shift the clock past the pause, then give a count-in before work restarts.

        A rep or hold cut by the pause starts again from its top after the count-in, never
        half done; a countdown runs on, but never ends sooner than the count-in would.
        """
        now = self.clock()
        shift = now - (self.paused_at or now)
        self._stopped_since_seen()  # a stop while paused is over with the pause
        self.last_seen = now
        self.paused_at = None
        self.phase_started += shift
        if self.deadline is not None:
            self.deadline += shift
        seconds = self.config.resume_count_in_seconds
        self._emit(EventKind.RESUMED, now)
        if seconds <= 0 or self.deadline is None or self.phase is Phase.OPEN_SET:
            return  # nothing paced: an open set or manual reps simply go on
        if self.phase in (Phase.REP, Phase.HOLD):
            self._set_phase(Phase.COUNT_IN, now, seconds)
        elif self.deadline < now + seconds:
            self.deadline = now + seconds

    def done(self) -> list[Event]:
        """Count a rep (manual pacing), end an open set, or end a countdown early."""
        self._catch_up()
        at = self._time()
        if self.phase is Phase.REP and self.config.pacing == "manual":
            self._count(at)
        elif self.phase is Phase.OPEN_SET:
            self._end_open_set(at)
        elif self.phase in (Phase.COUNT_IN, Phase.SWITCH, *RESTS):
            self._on_deadline(at)
        return self._drain()

    def next(self) -> list[Event]:
        """Finish this exercise now, keeping what was counted; in a rest, start the next one."""
        self._catch_up()
        at = self._time()
        if self.phase in RESTS:
            self._enter_exercise(at, count_in=True)
        elif self.phase is not Phase.DONE:
            self._finish_exercise(at)
        return self._drain()

    def skip(self) -> list[Event]:
        """Mark this exercise skipped and move on without a rest.

        An exercise whose dose is already met (13 of 10-15) is finished instead, as
        done: skipping it would throw away work that counts.
        """
        self._catch_up()
        at = self._time()
        if self.phase is Phase.DONE:
            return self._drain()
        if self.phase not in RESTS and self.dose_met(self.exercise, self.current):
            self._finish_exercise(at)
            return self._drain()
        self.current.skipped = True
        self.current.finished = False
        self._emit(EventKind.EXERCISE_FINISHED, at)
        self._advance(at, rest=self.phase in RESTS)
        return self._drain()

    def leave_out(self, indexes: Iterable[int]) -> list[Event]:
        """Skip these exercises in every round before they start (the quad pump, sore quads).

        They are recorded as skipped, so the session can still be completed.
        """
        for row in self.progress:
            for index in indexes:
                row[index].skipped = True
        if self._left_out(self.round, self.index):
            self._advance(self._time(), rest=False)
        return self._drain()

    def back(self) -> list[Event]:
        """Go to the previous exercise and carry on from its counts (redo it if it was full)."""
        self._catch_up()
        at = self._time()
        if self.phase in RESTS or self.phase is Phase.DONE:
            target = self._previous(self.round, self.index + (self.phase is Phase.DONE))
            target = target or (self.round, self.index)
        else:
            target = self._previous(self.round, self.index) or (self.round, self.index)
        self.round, self.index = target
        self.ended = None
        progress = self.current
        progress.skipped = progress.finished = False
        if all(progress.counts.get(s, 0) >= target_for(self.exercise.dose) for s in self.sides()):
            progress.counts.clear()
            progress.set_seconds.clear()
            self._history = [h for h in self._history if h[:2] != target]
        self._enter_exercise(at)
        return self._drain()

    def undo(self) -> list[Event]:
        """Take back the last count, also just after it finished an exercise or the session."""
        self._catch_up()
        at = self._time()
        if not self._history:
            return self._drain()
        counted_at = self._history[-1][:2]
        reopen = self.phase in RESTS or self.phase is Phase.DONE
        if counted_at != (self.round, self.index):
            if not reopen or counted_at != self._previous(self.round, self.index):
                return self._drain()
            self.round, self.index = counted_at
        _, _, side = self._history.pop()
        progress = self.current
        progress.counts[side] = max(0, progress.counts.get(side, 0) - 1)
        if progress.set_seconds.get(side):  # only timed sets keep times
            progress.set_seconds[side].pop()
        self.side = side
        if reopen:
            progress.finished = False
            self.ended = None
            self._start_work(at)
        elif self.phase in (Phase.SWITCH, Phase.COUNT_IN):
            self._start_work(at)
        return self._drain()

    # ---- moving through the plan -------------------------------------------

    def _previous(self, round_: int, index: int) -> tuple[int, int] | None:
        if index > 0:
            return round_, index - 1
        if round_ > 0:
            return round_ - 1, len(self.plan.exercises) - 1
        return None

    def _enter_exercise(self, at: float, *, count_in: bool = True) -> None:
        """Start (or resume) the exercise under the cursor on its first unfinished side."""
        self.side = self._resume_side()
        seconds = self.config.count_in_seconds if count_in else 0
        if seconds > 0:
            self._set_phase(Phase.COUNT_IN, at, seconds)
        else:
            self._start_work(at)

    def _resume_side(self) -> str:
        dose = self.exercise.dose
        sides = self.sides()
        if dose.sides is SideOrder.ALTERNATING:
            return min(sides, key=lambda s: self.count(s))
        for side in sides:
            if self.count(side) < target_for(dose):
                return side
        return sides[-1]

    def _start_work(self, at: float) -> None:
        """The step that does one count, as the dose's kind gives it (rep, hold, open set)."""
        dose = self.exercise.dose
        self._take(dose.kind.work(dose, self.config, self.tempo()), at)

    def _take(self, step: Step, at: float) -> None:
        self._set_phase(step.phase, at, step.seconds)

    def _set_phase(self, phase: Phase, at: float, seconds: float | None) -> None:
        self.phase = phase
        self.phase_started = at
        self.deadline = None if seconds is None else at + seconds

    def _count(self, at: float) -> None:
        """One rep (or one hold) done on the current side."""
        progress = self.current
        progress.counts[self.side] = progress.counts.get(self.side, 0) + 1
        self._history.append((self.round, self.index, self.side))
        self._emit(EventKind.REP_COUNTED, at)
        dose = self.exercise.dose
        if dose.is_range and progress.counts[self.side] == dose.low:
            self._emit(EventKind.MINIMUM_REACHED, at)
        self._after_count(at)

    def _end_open_set(self, at: float) -> None:
        progress = self.current
        progress.set_seconds.setdefault(self.side, []).append(max(0.0, at - self.phase_started))
        progress.counts[self.side] = progress.counts.get(self.side, 0) + 1
        self._history.append((self.round, self.index, self.side))
        self._emit(EventKind.SET_ENDED, at)
        self._after_count(at)

    def _after_count(self, at: float) -> None:
        dose = self.exercise.dose
        top = target_for(dose)
        sides = self.sides()
        if all(self.count(s) >= top for s in sides):
            self._finish_exercise(at)
            return
        if dose.sides is SideOrder.ALTERNATING:
            self.side = min(sides, key=lambda s: (self.count(s), s == self.side))
            self._start_work(at)
        elif self.count(self.side) >= top:
            self.side = other_side(self.side)
            self._emit(EventKind.SIDE_SWITCHED, at)
            if self.config.switch_seconds > 0:
                self._set_phase(Phase.SWITCH, at, self.config.switch_seconds)
            else:
                self._start_work(at)
        elif step := dose.kind.between(dose, self.config):
            self._take(step, at)  # a relax, a get-ready before the next set
        else:
            self._start_work(at)

    def _finish_exercise(self, at: float) -> None:
        self.current.finished = True
        self._emit(EventKind.EXERCISE_FINISHED, at)
        self._advance(at, rest=True)

    def _advance(self, at: float, *, rest: bool) -> None:
        nxt = self.upcoming()
        if nxt is None:
            self._emit(EventKind.ROUND_FINISHED, at)
            self._set_phase(Phase.DONE, at, None)
            self.ended = self.now()
            self._emit(EventKind.SESSION_FINISHED, at)
            return
        new_round = nxt[0] != self.round
        if new_round:
            self._emit(EventKind.ROUND_FINISHED, at)
        self.round, self.index = nxt
        self.side = self._resume_side()
        seconds = self.config.round_rest_seconds if new_round else self.config.rest_seconds
        if new_round and seconds > 0:
            self._set_phase(Phase.ROUND_REST, at, seconds)
        elif rest and seconds > 0:
            self._set_phase(Phase.REST, at, seconds)
        else:
            self._enter_exercise(at)
