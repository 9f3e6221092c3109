"""Run the real app in a pseudo-terminal, for the tests that need a real process.

Signals, `kill -9` and a terminal that disappears can only be tested on a real process
with a real terminal. Every wait here is bounded and `running_app` always kills the
child, so a hanging app fails a test instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
START_SECONDS = 15.0
"""How long the app may take to draw its first screen on a busy test machine."""

EXIT_SECONDS = 15.0
"""How long a leaving app may take to end on a busy test machine: long enough that only a
hung app fails. How fast it leaves is bench's figure 7, measured against a yardstick."""


def app_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: the test's own XDG folders, an 80x24 xterm, UTC."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        TZ="UTC",
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
    )
    return env


def data_dir(tmp_path: Path) -> Path:
    """Where the app run with `app_env` keeps its log and unfinished sessions."""
    return tmp_path / "xdg-data" / "recovery-tui"


def write_settings(tmp_path: Path, text: str) -> Path:
    """The settings file; the voice off unless `text` says otherwise (no test speaks)."""
    path = tmp_path / "xdg-config" / "recovery-tui" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if "voice" not in text:
        text = text.rstrip("\n") + '\nvoice = "off"\n'
    path.write_text(text, encoding="utf-8")
    return path


def state_files(tmp_path: Path) -> list[Path]:
    return sorted((data_dir(tmp_path) / "unfinished").glob("*.json"))


def read_state(tmp_path: Path) -> dict[str, Any] | None:
    """The one unfinished session's state, or None while there is none (or it is mid-write)."""
    files = state_files(tmp_path)
    if len(files) != 1:
        return None
    try:
        data = json.loads(files[0].read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class PtyApp:
    """The app in a pseudo-terminal: what it drew so far, and ways to poke it."""

    def __init__(self, proc: subprocess.Popen[bytes], master: int) -> None:
        self.proc = proc
        self.master = master
        self.output = bytearray()

    def pump(self, seconds: float) -> None:
        """Read what the app draws for up to `seconds` (keeps its output from blocking)."""
        end = time.monotonic() + seconds
        while self.master >= 0:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # EIO: every copy of the terminal's other end is closed
                    chunk = b""
                if not chunk:
                    time.sleep(min(left, 0.05))
                self.output += chunk

    def wait_for(self, condition: Callable[[], object], timeout: float = START_SECONDS) -> bool:
        """Pump output until `condition()` is true or `timeout` passes."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return True
            if self.proc.poll() is not None:
                return bool(condition())
            self.pump(0.05)
        return bool(condition())

    def text(self) -> str:
        """Everything drawn so far, without escape sequences."""
        return ANSI.sub(b"", bytes(self.output)).decode("utf-8", "replace")

    def shows(self, words: str) -> bool:
        return words in self.text()

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def exit_within(self, seconds: float) -> int | None:
        """The exit code if the app ends within `seconds`, else None."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            code = self.proc.poll()
            if code is not None:
                return code
            self.pump(0.02)
        return self.proc.poll()

    def close_terminal(self) -> None:
        """The terminal window goes away: close our end of the pseudo-terminal."""
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        self.close_terminal()


def _take_terminal() -> None:
    """In the child, after setsid: make the pseudo-terminal its controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def spawn_app(tmp_path: Path, *args: str, controlling_tty: bool = False) -> PtyApp:
    """Start `python -m recovery_tui ARGS` on a new 80x24 pseudo-terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "recovery_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=app_env(tmp_path),
            cwd=REPO,
            start_new_session=True,
            preexec_fn=_take_terminal if controlling_tty else None,
        )
    finally:
        os.close(slave)
    return PtyApp(proc, master)


@contextlib.contextmanager
def running_app(tmp_path: Path, *args: str, controlling_tty: bool = False) -> Iterator[PtyApp]:
    app = spawn_app(tmp_path, *args, controlling_tty=controlling_tty)
    try:
        yield app
    finally:
        app.stop()


def describe(app: PtyApp) -> str:
    """For assertion messages: the exit code and the end of what was drawn."""
    return f"exit code {app.proc.poll()}; screen tail: {app.text()[-600:]!r}"
