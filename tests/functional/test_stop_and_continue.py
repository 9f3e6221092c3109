"""The real app stopped and continued in a pseudo-terminal: no rep is credited for the gap.

SIGSTOP/SIGCONT from outside, and ctrl+z (the app suspends itself like any terminal
program). Each waits on what the app drew and saved; none asserts how long anything took.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest
from pty_helpers import PtyApp, describe, read_state, running_app, write_settings

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses /proc and Linux ptys")

FAST = (
    "count_in_seconds = 0\ntempo_seconds = 1.0\nheel_check = false\nsoreness_check = false\n"
    "bell = false\n"
)
STOPPED_WORDS = "PAUSED while the app was stopped"


def reps(tmp_path: Path) -> int:
    state = read_state(tmp_path)
    if state is None:
        return 0
    return int(state["progress"][0][0]["counts"].get("both", 0))


def is_stopped(app: PtyApp) -> bool:
    fields = Path(f"/proc/{app.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return fields[0] == "T"


def assert_paused_after(tmp_path: Path, app: PtyApp, counted: int) -> None:
    """The app shows why it is paused, and however long we wait, counts nothing more."""
    assert app.wait_for(lambda: app.shows(STOPPED_WORDS)), describe(app)
    app.pump(2.5)  # a paced rep a second would count two or more here if it ran on
    assert reps(tmp_path) == counted, describe(app)
    assert app.proc.poll() is None, describe(app)


def test_sigstop_then_sigcont_continues_paused(tmp_path: Path) -> None:
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit") as app:
        assert app.wait_for(lambda: reps(tmp_path) >= 1), describe(app)
        app.proc.send_signal(signal.SIGSTOP)
        assert app.wait_for(lambda: is_stopped(app), timeout=5)
        counted = reps(tmp_path)  # the process is stopped: this is its last word
        time.sleep(5)  # longer than the stall limit: ten paced reps would be due
        app.output.clear()
        app.proc.send_signal(signal.SIGCONT)
        assert_paused_after(tmp_path, app, counted)


def test_ctrl_z_suspends_the_app_paused_and_it_comes_back_paused(tmp_path: Path) -> None:
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit", controlling_tty=True) as app:
        assert app.wait_for(lambda: reps(tmp_path) >= 1), describe(app)
        app.output.clear()
        app.send(b"\x1a")  # ctrl+z
        assert app.wait_for(lambda: is_stopped(app), timeout=10), describe(app)
        counted = reps(tmp_path)
        assert b"\x1b[?1049l" in app.output, "the terminal was not given back"
        time.sleep(1)
        app.output.clear()
        app.proc.send_signal(signal.SIGCONT)  # what the shell's `fg` sends
        assert app.wait_for(lambda: b"\x1b[?1049h" in app.output), describe(app)
        assert_paused_after(tmp_path, app, counted)
