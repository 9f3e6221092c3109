"""The real app in a pseudo-terminal: hang-ups, SIGTERM, kill -9 and a vanished terminal.

Each test starts `python -m recovery_tui start full-circuit` with fast settings, waits
for the unfinished-session state to reach the disk, then does something rude to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from pty_helpers import (
    EXIT_SECONDS,
    PtyApp,
    app_env,
    cpu_seconds,
    data_dir,
    describe,
    read_state,
    running_app,
    state_files,
    write_settings,
)
from textual.drivers.linux_driver import LinuxDriver

from recovery_tui.core.plans.catalog import builtin_plans
from recovery_tui.core.session.saved import session_from_state
from recovery_tui.core.session.types import EngineConfig
from recovery_tui.core.session.unfinished import claim_orphans
from recovery_tui.dialogs.guard import KEY_GUARD_SECONDS
from recovery_tui.terminal import HangupSafeDriver, _QuietFile, terminal_driver

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses /proc and Linux ptys")

FAST = (
    "count_in_seconds = 0\ntempo_seconds = 1.0\nheel_check = false\nsoreness_check = false\n"
    "bell = false\n"
)
FULL = next(plan for plan in builtin_plans() if plan.id == "full-circuit")


def counts(state: dict[str, object] | None) -> int:
    """Reps counted so far in the first exercise (0 while nothing is saved)."""
    if state is None:
        return 0
    progress = state["progress"]
    return int(progress[0][0]["counts"].get("both", 0))  # type: ignore[index]


def start_counting(tmp_path: Path, app: PtyApp, reps: int = 1) -> dict[str, object]:
    """Wait until the state file holds at least `reps` reps; return that state."""
    assert app.wait_for(lambda: counts(read_state(tmp_path)) >= reps), describe(app)
    state = read_state(tmp_path)
    assert state is not None
    return state


def assert_resumable(tmp_path: Path, session_id: object, min_reps: int = 1) -> None:
    """The state is on disk, belongs to nobody, and rebuilds a session."""
    [state_file] = state_files(tmp_path)
    claims, held = claim_orphans(data_dir(tmp_path))
    try:
        assert held == 0 and [c.state_file for c in claims] == [state_file]
        assert claims[0].state["id"] == session_id
        session = session_from_state(
            FULL, EngineConfig.defaults(), claims[0].state, time.monotonic, now
        )
        assert session.current.counts.get("both", 0) >= min_reps
    finally:
        for claim in claims:
            claim.release()


def now() -> datetime:
    return datetime.now().astimezone()


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_hangup_or_term_leaves_and_keeps_the_session(tmp_path: Path, signum: int) -> None:
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit") as app:
        state = start_counting(tmp_path, app)
        app.proc.send_signal(signum)
        assert app.exit_within(EXIT_SECONDS) == 0, describe(app)
    assert_resumable(tmp_path, state["id"])
    status = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "status"],
        env=app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "Unfinished session: Full circuit, round 1, exercise 1" in status.stdout


def test_a_closed_terminal_with_a_hangup_leaves(tmp_path: Path) -> None:
    """A real hang-up: the kernel sends SIGHUP and SIGCONT when the terminal closes.

    Closed as soon as the session is on disk: that is when Textual's own driver used to
    restart its output on SIGCONT and then block for ever on the dead terminal.
    """
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit", controlling_tty=True) as app:
        assert app.wait_for(lambda: read_state(tmp_path) is not None), describe(app)
        state = read_state(tmp_path)
        app.close_terminal()
        assert app.exit_within(EXIT_SECONDS) is not None, "the app hung after the hang-up"
    assert state is not None
    assert_resumable(tmp_path, state["id"], min_reps=0)


def test_stdin_at_end_of_file_never_spins(tmp_path: Path) -> None:
    """No SIGHUP at all (no controlling terminal): stdin simply ends. Leave, don't spin."""
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit") as app:
        state = start_counting(tmp_path, app)
        before = cpu_seconds(app.proc.pid)
        app.close_terminal()
        code = app.exit_within(EXIT_SECONDS)
        if code is None:
            used = cpu_seconds(app.proc.pid) - before
            share = used / EXIT_SECONDS
            pytest.fail(
                f"still running {EXIT_SECONDS:.0f} s after the terminal closed ({share:.0%} CPU)"
            )
    assert_resumable(tmp_path, state["id"])


def test_kill_9_then_the_next_start_resumes_exactly_there(tmp_path: Path) -> None:
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit") as app:
        start_counting(tmp_path, app, reps=3)
        app.proc.send_signal(signal.SIGKILL)
        assert app.exit_within(EXIT_SECONDS) == -signal.SIGKILL
    before = read_state(tmp_path)
    assert before is not None
    [state_file] = state_files(tmp_path)
    with running_app(tmp_path) as again:
        assert again.wait_for(lambda: again.shows("Unfinished session")), describe(again)
        assert again.shows("Resume") and again.shows("Save as partial")
        again.output.clear()
        again.pump(KEY_GUARD_SECONDS + 0.1)  # the prompt ignores keys in its first moments
        again.send(b"\r")  # resume is the default answer
        assert again.wait_for(lambda: again.shows("Down Dog with Knee Bends")), describe(again)
        assert again.wait_for(lambda: claim_orphans(data_dir(tmp_path)) == ([], 1))
        after = json.loads(state_file.read_bytes())
        assert again.wait_for(lambda: again.shows("PAUSED")), describe(again)
        again.proc.send_signal(signal.SIGTERM)
        assert again.exit_within(EXIT_SECONDS) == 0, describe(again)
    for key in ("id", "plan", "round", "index", "side", "progress", "history", "started"):
        assert after[key] == before[key], key
    assert json.loads(state_file.read_bytes())["progress"] == before["progress"]


def test_the_app_gets_our_driver_unless_textual_is_told_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert terminal_driver() is HangupSafeDriver
    assert issubclass(HangupSafeDriver, LinuxDriver)
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.headless_driver:HeadlessDriver")
    assert terminal_driver() is None


def test_output_to_a_vanished_terminal_goes_nowhere() -> None:
    master, slave = os.openpty()
    out = os.fdopen(slave, "w")
    quiet = _QuietFile(out)
    os.close(master)
    quiet.write("x" * 10_000)  # a plain write to the dead terminal raises EIO
    quiet.flush()
    with contextlib.suppress(OSError):
        out.close()
    quiet.write("after close")  # ValueError from a closed file is swallowed as well
    quiet.flush()
