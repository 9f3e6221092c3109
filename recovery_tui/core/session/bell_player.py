"""Plays a cue's bell pattern on timers, never blocking, one pattern at a time.

A new cue cuts short a playing one (the end of a get-ready is worth nothing once "go" is
due), except that a smaller cue arriving while one of the big changes plays (switch
sides, the end of an exercise, a round, the session) waits for it to finish (only the
latest waits), so "switch sides" is never cut in half.
No two bells are ever closer than a pattern's own spacing (`QUICK`, above the `MIN_GAP`
at which terminals merge bells), not even across two cues. The ring, the
timers and the clock are injected: the app passes `App.bell`, `set_timer` and its
monotonic clock; tests a fake clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .cues import QUICK, CueCall


class Stoppable(Protocol):
    def stop(self) -> None: ...


Schedule = Callable[[float, Callable[[], None]], Stoppable]
"""Call the function after so many seconds; the result cancels it."""


class BellPlayer:
    def __init__(
        self, ring: Callable[[], None], schedule: Schedule, clock: Callable[[], float]
    ) -> None:
        self._bell = ring
        self._schedule = schedule
        self._clock = clock
        self._last_ring = float("-inf")
        self._timers: list[Stoppable] = []
        self._playing: CueCall | None = None
        self._waiting: CueCall | None = None

    @property
    def playing(self) -> CueCall | None:
        return self._playing

    def play(self, call: CueCall) -> None:
        playing = self._playing
        if playing is not None and playing.cue.notify and playing.rank > call.rank:
            self._waiting = call
            return
        self.stop()
        self._start(call)

    def stop(self) -> None:
        """Silence what is playing and forget what waits."""
        for timer in self._timers:
            timer.stop()
        self._timers = []
        self._playing = self._waiting = None

    def _start(self, call: CueCall) -> None:
        self._playing = call
        delay = max(0.0, self._last_ring + QUICK - self._clock())
        offsets = [delay + offset for offset in call.cue.offsets]
        if delay == 0.0:
            self._ring()
            offsets = offsets[1:]
        for offset in offsets:
            self._timers.append(self._schedule(offset, self._ring))
        end = delay + call.cue.offsets[-1] + QUICK
        self._timers.append(self._schedule(end, self._finished))

    def _ring(self) -> None:
        self._last_ring = self._clock()
        self._bell()

    def _finished(self) -> None:
        """The pattern has rung out (with a bell's gap after it): play what waited."""
        waiting = self._waiting
        self._timers = []
        self._playing = self._waiting = None
        if waiting is not None:
            self._start(waiting)
