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

from collections.abc import Callable, Iterable

from ..doses import Step
from ..plans.model import SideOrder
from .session_view import Clock, SessionView, WallClock
from .types import (
    RESTS,
    Event,
    EventKind,
    Phase,
    other_side,
    target_for,
)

__all__ = ["RESTORED", "RUNNER", "STOPPED", "Clock", "Session", "WallClock"]

RUNNER = "runner"
"""The pause reason of the runner's own pause key."""
RESTORED = "restored"
"""A session read back from disk starts paused, until the runner says go."""
STOPPED = "stopped"
"""The process did not run (ctrl+z, SIGSTOP, a deadline slept through); space lifts it."""


class Session(SessionView):
    """One run through a plan. Not thread-safe: drive it from one loop."""

    def _begin(self) -> None:
        self._events: list[Event] = []
        self._pause_reasons: dict[str, bool] = {}
        """Why the clock is stopped, each with whether the runner's pause key lifts it."""
        self.last_seen = self.clock()
        self._enter_exercise(self.last_seen)

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
