"""Bell patterns on a fake clock and fake timers: spacing, cutting short, waiting."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from recovery_tui.core.session.bell_player import BellPlayer
from recovery_tui.core.session.cues import CUE_BY_NAME, MIN_GAP, CueCall, CueName


@dataclass
class FakeTimer:
    at: float
    callback: Callable[[], None]
    stopped: bool = False

    def stop(self) -> None:
        self.stopped = True


@dataclass
class FakeLoop:
    """Timers that fire only when the test moves the clock."""

    now: float = 0.0
    timers: list[FakeTimer] = field(default_factory=list)
    rings: list[float] = field(default_factory=list)

    def schedule(self, delay: float, callback: Callable[[], None]) -> FakeTimer:
        timer = FakeTimer(self.now + delay, callback)
        self.timers.append(timer)
        return timer

    def ring(self) -> None:
        self.rings.append(round(self.now, 3))

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while due := [t for t in self.timers if not t.stopped and t.at <= end]:
            timer = min(due, key=lambda t: t.at)
            self.timers.remove(timer)
            self.now = timer.at
            timer.callback()
        self.now = end

    def player(self) -> BellPlayer:
        return BellPlayer(self.ring, self.schedule, lambda: self.now)


def call(name: CueName) -> CueCall:
    return CueCall(CUE_BY_NAME[name], str(name))


def test_a_pattern_rings_on_its_offsets() -> None:
    loop = FakeLoop()
    loop.player().play(call(CueName.SWITCH))
    loop.advance(5)
    assert loop.rings == [0.0, 0.3, 1.2, 1.5]


def test_a_bigger_cue_cuts_a_playing_one_short_but_never_rings_too_close() -> None:
    loop = FakeLoop()
    player = loop.player()
    player.play(call(CueName.SET))
    loop.advance(1.0)  # two of its three bells have rung, at 0 and 0.9
    player.play(call(CueName.SWITCH))
    loop.advance(5)
    assert loop.rings == [0.0, 0.9, 1.2, 1.5, 2.4, 2.7]
    assert all(b - a >= MIN_GAP - 1e-9 for a, b in itertools.pairwise(loop.rings))


def test_a_small_cue_waits_for_a_big_one_and_only_the_latest_waits() -> None:
    loop = FakeLoop()
    player = loop.player()
    player.play(call(CueName.EXERCISE))
    loop.advance(0.5)
    player.play(call(CueName.REP))
    player.play(call(CueName.GO))
    loop.advance(10)
    exercise = [0.0, 0.3, 0.6, 1.5, 1.8, 2.1]
    assert loop.rings == [*exercise, 2.4, 2.7], "then go's two bells, nothing of the rep"
    assert player.playing is None


def test_go_cuts_a_get_ready_short_the_work_starts_now() -> None:
    loop = FakeLoop()
    player = loop.player()
    player.play(call(CueName.GET_READY))
    loop.advance(1.0)
    player.play(call(CueName.GO))
    loop.advance(5)
    assert loop.rings == [0.0, 0.9, 1.2, 1.5]


def test_stop_silences_the_rest() -> None:
    loop = FakeLoop()
    player = loop.player()
    player.play(call(CueName.SESSION))
    loop.advance(0.4)
    player.stop()
    loop.advance(10)
    assert loop.rings == [0.0, 0.3]
