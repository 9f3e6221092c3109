"""Targets 9a and 9b: a session with the voice on keeps time, and costs next to no CPU.

9a: the app runs paced reps and countdowns (headless, real monotonic clock) with a
voice command that takes 1.5 s per phrase, longer than a beat, so every phrase is cut
off by the next; each timed event must still be handled within 50 ms of its deadline.
The same session with the voice off is shown beside it.
9b: the real app runs a paced `full-circuit` session in a real terminal (tmux, 100x30),
and the CPU its threads use over a stretch of the session is compared with one core
for the same wall time (the yardstick): at most 2%.
"""

from __future__ import annotations

import asyncio
import shlex
import time

from recovery_tui.app import RecoveryApp

from .common import BenchConfig, Row, ms
from .env import BenchHome, app_command, make_home
from .timers import LIMIT, Lateness, lateness_probe
from .tmux import Tmux

SLOW_VOICE = shlex.join(["sh", "-c", "sleep 1.5", "slow-voice"])
"""A speech program that takes 1.5 s a phrase and no CPU (the words come as $1)."""
CPU_LIMIT = 0.02
COUNT_IN = 3
"""Seconds before the first deadline: the app has started by then, even on a busy machine."""
SESSION_MARKER = "Down Dog with Knee Bends"


async def _paced_with_voice(home: BenchHome, seconds: float) -> tuple[Lateness, int]:
    """Lateness of every timed event, and how many phrases the voice began to say."""
    with lateness_probe() as late:
        app = RecoveryApp(home.paths, start_plan="down-dog-block", start_now=True)
        async with app.run_test(size=(100, 30)):
            give_up = time.monotonic() + seconds
            while time.monotonic() < give_up:
                await asyncio.sleep(0.05)
            speaker = app.cue_output().speaker
            begun = 0 if speaker is None else speaker.begun
    return late, begun


def _paced(config: BenchConfig, voice: str) -> tuple[Lateness, int]:
    home = make_home(
        config.workdir / f"voice-paced-{len(voice)}",
        0,
        count_in_seconds=COUNT_IN,
        tempo_seconds=1.0,
        heel_check=False,
        voice=voice,
    )
    return asyncio.run(_paced_with_voice(home, COUNT_IN + config.paced_seconds))


def lateness_row(config: BenchConfig) -> Row:
    """The voice on, against the same session with the voice off (run in between)."""
    quiet, _ = _paced(config, "off")
    late, begun = _paced(config, SLOW_VOICE)
    if not late or not quiet:
        raise RuntimeError("9a: no countdown ended; did the session start?")
    if not begun:
        raise RuntimeError("9a: the voice never spoke")
    worst = max(seconds for _, seconds in late)
    return Row(
        figure="9a paced reps with a slow voice (1.5 s a phrase)",
        measured=f"{ms(worst)} worst of {len(late)}, {begun} phrases begun",
        yardstick=f"voice off: {ms(max(s for _, s in quiet))} worst",
        ratio="",
        target=f"<= {ms(LIMIT)} late",
        ok=worst <= LIMIT,
        value=worst,
    )


def cpu_row(config: BenchConfig, tmux: Tmux) -> Row:
    home = make_home(
        config.workdir / "voice-cpu",
        0,
        heel_check=False,
        soreness_check=False,
        voice="off",
        count_in_seconds=2,
    )
    pane = tmux.start([*app_command(), "start", "full-circuit"], home.environ())
    try:
        pane.wait_for(lambda text: SESSION_MARKER in text)
        time.sleep(2.0)  # past the first frames
        seconds = 3.0 if config.quick else 20.0
        used, started = pane.cpu_seconds(), time.perf_counter()
        time.sleep(seconds)
        cpu, wall = pane.cpu_seconds() - used, time.perf_counter() - started
    finally:
        pane.close()
    share = cpu / wall
    return Row(
        figure=f"9b CPU while a paced session runs ({wall:.0f} s, tmux)",
        measured=f"{ms(cpu)} CPU",
        yardstick=f"{wall:.1f} s of one core",
        ratio=f"{share:.2%}",
        target=f"<= {CPU_LIMIT:.0%}",
        ok=share <= CPU_LIMIT,
        value=share,
    )


def run(config: BenchConfig, tmux: Tmux) -> list[Row]:
    return [lateness_row(config), cpu_row(config, tmux)]
