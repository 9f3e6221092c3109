"""A terminal that goes away (the pty master closed): the app exits 0, the session on disk.

The exit status matters to whoever ran us (a shell script, tmux's remain-on-exit, a
service manager): a hang-up is an ordinary way for a terminal program to end. No test
here asserts how long the exit takes (docs/performance.md and the notes measure it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from pty_helpers import describe, read_state, running_app, state_files, write_settings

from recovery_tui.terminal import _QuietFile

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses Linux ptys")

FAST = (
    "count_in_seconds = 0\ntempo_seconds = 1.0\nheel_check = false\nsoreness_check = false\n"
    "bell = false\n"
)


def reps(tmp_path: Path) -> int:
    state = read_state(tmp_path)
    if state is None:
        return 0
    return int(state["progress"][0][0]["counts"].get("both", 0))


@pytest.mark.parametrize("controlling", [True, False], ids=["with SIGHUP", "stdin ends"])
def test_closing_the_terminal_exits_0_with_the_session_kept(
    tmp_path: Path, controlling: bool
) -> None:
    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit", controlling_tty=controlling) as app:
        assert app.wait_for(lambda: reps(tmp_path) >= 2), describe(app)
        app.close_terminal()
        assert app.exit_within(10.0) == 0, describe(app)
    assert len(state_files(tmp_path)) == 1 and reps(tmp_path) >= 2


def test_after_a_write_to_a_dead_terminal_the_last_flush_succeeds() -> None:
    """What failed stays buffered; Python's flush at exit must not fail on it again."""
    master, slave = os.openpty()
    out = os.fdopen(slave, "w")
    quiet = _QuietFile(out)
    os.close(master)
    quiet.write("x" * 100_000)  # EIO: the terminal is gone
    quiet.flush()
    out.flush()  # what the interpreter does last; failing here made the exit status 120
    assert os.path.samestat(os.fstat(slave), os.stat(os.devnull))
    out.close()


def test_a_hang_up_keeps_a_session_the_log_could_not_take(tmp_path: Path) -> None:
    """Nobody is left to ask: the session kept only in memory goes to an unfinished file."""
    import json

    from pty_helpers import data_dir

    write_settings(tmp_path, FAST)
    with running_app(tmp_path, "start", "full-circuit", controlling_tty=True) as app:
        assert app.wait_for(lambda: reps(tmp_path) >= 2), describe(app)
        (data_dir(tmp_path) / "sessions.jsonl").mkdir()  # where the log goes: appends fail
        app.send(b"\x1b")  # escape: leave
        assert app.wait_for(lambda: app.shows("Leave and save")), describe(app)
        app.send(b"\r")
        assert app.wait_for(lambda: app.shows("note")), describe(app)
        app.output.clear()
        app.send(b"\x1b")  # no note
        assert app.wait_for(lambda: app.shows("Session not saved")), describe(app)
        app.close_terminal()
        assert app.exit_within(10.0) == 0, describe(app)
    [state_file] = state_files(tmp_path)
    state = json.loads(state_file.read_bytes())
    assert state["phase"] == "done" and state["record"]["status"] == "partial"
    assert state["record"]["rounds"][0][0]["counts"]["both"] >= 2
