"""A session is never logged twice: killed between the log write and the clean-up, and after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import logged, unfinished_files
from conftest import FIXED_NOW
from factories import make_record

from recovery_tui.cli import main
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.settings.paths import AppPaths

TESTS = Path(__file__).resolve().parents[1]

_KILLED_AFTER_LOGGING = """
import os, signal, sys
from pathlib import Path
from resume_helpers import every_step, new_session
from recovery_tui.core.session.saved import session_to_state
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.session.unfinished import claim_new

data = Path(sys.argv[1])
session, clock = new_session()
for _ in every_step(session, clock):
    pass
claim = claim_new(data, session.id)  # as the active screen holds it
claim.save(session_to_state(session))
SessionLog(data / "sessions.jsonl").append(session.to_record())
print(session.id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # before the unfinished file is removed
"""


def killed_after_logging(paths: AppPaths) -> str:
    """A process that logged a finished session and died before cleaning up; its id."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(TESTS.parent)])}
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_AFTER_LOGGING, str(paths.data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert len(unfinished_files(paths)) == 1
    return child.stdout.strip()


def tree(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_mtime_ns) for p in folder.rglob("*"))


async def test_a_leftover_of_a_logged_session_is_cleaned_up_quietly(
    make_app: Callable[..., Any], paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    session_id = killed_after_logging(paths)
    before = tree(paths.data_dir)
    assert main(["--data-dir", str(paths.data_dir), "status"]) == 0
    assert "Unfinished" not in capsys.readouterr().out  # it is in the history already
    assert tree(paths.data_dir) == before  # status wrote nothing, not even a lock file
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"  # nothing asked
        assert unfinished_files(paths) == []
        [record] = logged(paths)
        assert record.id == session_id
        assert app.save_record(record)  # "Save sessions again", say: still once
    assert [r.id for r in logged(paths)] == [session_id]
    assert paths.log_file.read_bytes().count(b"\n") == 1


def test_append_refuses_an_id_already_logged(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    record = make_record(FIXED_NOW, id="same")
    assert log.append(record) is True
    other_copy = make_record(FIXED_NOW, id="same", status="partial")
    assert log.append(other_copy) is False
    assert [r.status for r in log.read_all().records] == ["completed"]
    assert log.contains("same") and not log.contains("sam") and not log.contains("other")


def test_an_id_inside_another_field_is_not_taken_for_a_logged_session(tmp_path: Path) -> None:
    log = SessionLog(tmp_path / "sessions.jsonl")
    noted = make_record(FIXED_NOW, id="first")
    noted.note = "same"  # the id of the next session, as a note's whole text
    log.append(noted)
    assert not log.contains("same")
    assert log.append(make_record(FIXED_NOW, id="same"))
