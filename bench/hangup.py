"""Target 7: the terminal goes away (its pty master is closed) and the app exits 0 within 0.5 s.

The app runs a session in a pseudo-terminal that is its controlling terminal, so the
kernel sends SIGHUP (and SIGCONT) when the master closes, as when an SSH connection or
a terminal window goes. The clock runs from the close until the process is reaped; the
unfinished session must be on disk. The yardstick is the bare Textual app closed the
same way (Textual's own driver: it may take longer, or not exit cleanly at all).
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

from .bare_app import MARKER
from .common import BenchConfig, Row, alternate, median, ms, wait_until
from .env import BenchHome, app_command, bare_app_command, make_home, subprocess_environ

LIMIT = 0.5
GIVE_UP = 10.0


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _drain(master: int) -> bytes:
    """Read what the program drew so far (so it never blocks on a full terminal)."""
    data = b""
    while select.select([master], [], [], 0)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return data
        if not chunk:
            return data
        data += chunk
    return data


def hang_up(
    argv: list[str], env: dict[str, str], ready: Callable[[bytes], bool]
) -> tuple[float, int | None]:
    """Start `argv` on a new pty, wait until `ready`, close the master.

    Seconds until the process was reaped, and its exit status (negative: the signal
    that ended it; None: still running after `GIVE_UP` seconds, then killed).
    """
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
        preexec_fn=_take_terminal,
    )  # fmt: skip
    os.close(slave)
    try:
        seen = b""

        def shown() -> bool:
            nonlocal seen
            seen += _drain(master)
            return ready(seen)

        wait_until(shown, 30.0, poll=0.02)
        closed = time.perf_counter()
        os.close(master)
        master = -1
        try:
            code = proc.wait(timeout=GIVE_UP)
        except subprocess.TimeoutExpired:
            return GIVE_UP, None
        return time.perf_counter() - closed, code
    finally:
        if master >= 0:
            os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _session_saved(home: BenchHome) -> Callable[[bytes], bool]:
    folder = home.paths.data_dir / "unfinished"
    return lambda _drawn: any(folder.glob("*.json"))


def run(config: BenchConfig) -> list[Row]:
    home = make_home(
        config.workdir / "hangup",
        0,
        count_in_seconds=0,
        tempo_seconds=1.0,
        heel_check=False,
        soreness_check=False,
        bell=False,
    )
    env = subprocess_environ(home)
    app, bare = alternate(
        lambda: _app_once(home, env),
        lambda: hang_up(bare_app_command(), env, lambda drawn: MARKER.encode() in drawn),
        config.runs,
        warm_up=not config.quick,
    )
    seconds = [s for s, _ in app]
    codes = sorted({code for _, code in app}, key=str)
    bare_codes = sorted({code for _, code in bare}, key=str)
    worst = max(seconds)
    bare_median = median([s for s, _ in bare])
    return [
        Row(
            figure="7 hang-up (pty master closed) in a session, to exit",
            measured=f"{ms(median(seconds))} median, {ms(worst)} worst, status {codes}",
            yardstick=f"bare Textual: {ms(bare_median)}, status {bare_codes}",
            ratio="",  # the target is the time itself: the bare app simply dies of SIGHUP
            target=f"<= {ms(LIMIT)}, status 0, session kept",
            ok=worst <= LIMIT and codes == [0],
            value=worst,
        )
    ]


def _app_once(home: BenchHome, env: dict[str, str]) -> tuple[float, int | None]:
    """One hang-up of the app in a session; the session must be on disk afterwards."""
    folder = home.paths.data_dir / "unfinished"
    for old in folder.glob("*"):
        old.unlink()
    result = hang_up([*app_command(), "start", "full-circuit"], env, _session_saved(home))
    if not any(Path(folder).glob("*.json")):
        raise RuntimeError("the unfinished session was not on disk after the hang-up")
    return result
