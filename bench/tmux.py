"""A real terminal for the launch figures: a private tmux server, polled by capture-pane.

The server has its own socket in a folder of its own, so the user's tmux and anyone
else's are never touched; the server is killed and the folder removed at the end.
Panes are a fixed 100x30, with tmux's status line off.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from .common import wait_until

WIDTH, HEIGHT = 100, 30
START_TIMEOUT = 20.0
IDLE_CPU = 0.1
"""A program using less than this fraction of a core is idle (Textual's timers cost a bit)."""
Screen = Callable[[str], bool]
"""A test of what the pane shows: True when the awaited screen is up."""


def tmux_missing() -> str | None:
    """Why the tmux figures cannot run here, or None when they can."""
    return None if shutil.which("tmux") else "tmux is not installed"


class Tmux:
    """One private tmux server for the length of a `with` block."""

    def __init__(self) -> None:
        # A fresh socket each time: a server just killed may still hold the old one.
        self._folder = tempfile.mkdtemp(prefix="recovery-bench-tmux-")
        self.socket = str(Path(self._folder) / "socket")
        self._names = itertools.count(1)

    def __enter__(self) -> Tmux:
        self._tmux("new-session", "-d", "-s", "keep", "-x", str(WIDTH), "-y", str(HEIGHT))
        self._tmux("set-option", "-g", "status", "off")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)
        shutil.rmtree(self._folder, ignore_errors=True)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def start(self, argv: list[str], env: Mapping[str, str]) -> Pane:
        """Run `argv` in a new 100x30 pane; its clock starts just before tmux is asked."""
        name = f"bench{next(self._names)}"
        variables = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
        started = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT),
            *variables, "exec " + shlex.join(argv),
        )  # fmt: skip
        return Pane(self, name, started)


class Pane:
    """One program running in the private server."""

    def __init__(self, tmux: Tmux, name: str, started: float) -> None:
        self.tmux = tmux
        self.name = name
        self.started = started
        self.pid = int(tmux._tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])

    def text(self) -> str:
        """What the pane shows now."""
        try:
            return self.tmux._tmux("capture-pane", "-p", "-t", self.name)
        except RuntimeError as error:
            raise RuntimeError(f"the program in {self.name} exited early") from error

    def wait_for(self, screen: Screen, timeout: float = START_TIMEOUT) -> float:
        """Poll every ~5 ms until `screen` is shown; the perf_counter time it was seen."""
        return wait_until(lambda: screen(self.text()), timeout)

    def send(self, *keys: str) -> float:
        """Type `keys`; the perf_counter time just before they were sent."""
        sent = time.perf_counter()
        self.tmux._tmux("send-keys", "-t", self.name, *keys)
        return sent

    def peak_memory_kib(self) -> int:
        """The process's peak resident memory so far (VmHWM), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc: peak memory needs Linux")

    def cpu_seconds(self) -> float:
        """CPU seconds the program's live threads have used so far (the scheduler's count)."""
        total = 0
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            with contextlib.suppress(OSError):
                total += int((task / "schedstat").read_text().split()[0])
        return total / 1e9

    def wait_idle(self, quiet: float = 0.25, timeout: float = 60.0) -> None:
        """Wait until the program has used (almost) no CPU for `quiet` seconds.

        Then its background work, such as reading a whole log in a thread, is done.
        """
        give_up = time.perf_counter() + timeout
        used = self.cpu_seconds()
        calm_since = time.perf_counter()
        while time.perf_counter() - calm_since < quiet:
            if time.perf_counter() > give_up:
                raise TimeoutError(f"{self.name} still busy after {timeout:g} s")
            time.sleep(0.05)
            now_used = self.cpu_seconds()
            if now_used - used > IDLE_CPU * 0.05:
                calm_since = time.perf_counter()
            used = now_used

    def close(self) -> None:
        """Kill the session and wait for the program to be gone, so runs do not overlap."""
        subprocess.run(
            ["tmux", "-S", self.tmux.socket, "kill-session", "-t", self.name], capture_output=True
        )
        try:
            wait_until(lambda: not Path(f"/proc/{self.pid}").exists(), timeout=5.0)
        except TimeoutError:
            os.kill(self.pid, 9)
