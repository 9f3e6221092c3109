"""Hostile files and failing disks: nothing crashes, nothing is half-written, nothing is lost.

* settings: a kill at any step of a save leaves the old file or the new one;
* the log: whatever junk is in it, the intact records load, the bad lines are reported
  by number, and the next append is a readable line;
* a full disk when a session ends: the session waits in memory, "Save sessions again"
  writes it, and the unfinished-session file goes once the record is safe.

The 8-process append test is `test_log.py::test_concurrent_appends_from_many_processes`.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    TINY_PLAN,
    answer_questions,
    drive,
    logged,
    start_default_plan,
    unfinished_files,
    watch_notifications,
    write_plan,
)
from conftest import FakeClock
from factories import make_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui.core.errors import UserError
from recovery_tui.core.journal import (
    LogWriteError,
    SessionLog,
    encode_record,
)
from recovery_tui.core.settings.fields import Settings
from recovery_tui.core.settings.file import load_settings, save_settings
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog

T0 = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
OLD = Settings(rest_seconds=45, bell=False)
NEW = Settings(rest_seconds=90, start_side="right", pacing="manual")


class Killed(BaseException):
    """The process died here: no `except Exception` and no clean-up runs after it."""


STEPS = ("open", "write", "fchmod", "fsync", "close", "replace")


@contextmanager
def killed_at(monkeypatch: pytest.MonkeyPatch, kill_at: int) -> Iterator[list[str]]:
    """Die on the `kill_at`-th file-system call of a save; a dead process cleans nothing up."""
    calls: list[str] = []

    def wrap(name: str) -> Callable[..., Any]:
        real = getattr(os, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if len(calls) == kill_at:
                raise Killed(name)
            return real(*args, **kwargs)

        return call

    with monkeypatch.context() as patch:
        for name in STEPS:
            patch.setattr(os, name, wrap(name))
        patch.setattr(os, "unlink", lambda *args, **kwargs: None)
        yield calls


def test_a_kill_at_any_step_of_a_settings_save_leaves_old_or_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    with killed_at(monkeypatch, 0) as calls:
        save_settings(path, OLD, expected=None)
    steps = len(calls)
    assert {"write", "fsync", "replace"} <= set(calls)
    original = path.read_bytes()
    for kill_at in range(1, steps + 1):
        fingerprint = load_settings(path).fingerprint
        with killed_at(monkeypatch, kill_at), pytest.raises(Killed):
            save_settings(path, NEW, expected=fingerprint)
        loaded = load_settings(path)
        assert loaded.error is None
        assert loaded.settings in (OLD, NEW), f"killed at call {kill_at}"
        if loaded.settings == OLD:
            assert path.read_bytes() == original
        save_settings(path, OLD, expected=loaded.fingerprint)  # and the next save works
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "settings.toml"]
    assert all(name.startswith(".settings.toml.") for name in leftovers)


@pytest.mark.parametrize("function", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_failed_settings_save_is_a_message_and_the_file_is_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, code: int
) -> None:
    path = tmp_path / "settings.toml"
    save_settings(path, OLD, expected=None)
    before = path.read_bytes()
    fingerprint = load_settings(path).fingerprint

    def fail(*args: Any) -> Any:
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as patch:
        patch.setattr(os, function, fail)
        with pytest.raises(UserError) as caught:
            save_settings(path, NEW, expected=fingerprint)
    assert str(path) in str(caught.value) and os.strerror(code).lower() in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


# ---- the log: any junk around the records ------------------------------------------

RECORD_LINES = [encode_record(make_record(T0 + timedelta(hours=i), id=f"r{i}")) for i in range(8)]

junk_line = (
    st.one_of(
        st.binary(min_size=1, max_size=60),
        st.integers(1, 200).map(lambda n: b"\x00" * n),
        st.sampled_from(RECORD_LINES).flatmap(
            lambda line: st.integers(1, len(line) - 2).map(lambda cut: line[:cut])
        ),
        st.sampled_from(
            [b"{}", b"[]", b"null", b'{"schema": 2, "id": "x"}', b"<<<<<<< HEAD", b"\xef\xbb\xbf{"]
        ),
    )
    .map(lambda raw: raw.replace(b"\n", b" "))
    .filter(lambda raw: raw.strip() != b"")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(RECORD_LINES), junk_line.map(lambda j: j + b"\n"))),
    st.booleans(),
)
def test_read_log_keeps_the_intact_records_and_numbers_the_rest(
    pieces: list[bytes], torn_end: bool
) -> None:
    import tempfile

    if torn_end and pieces:
        pieces[-1] = pieces[-1].rstrip(b"\n")  # the crash cut the last newline
    good = [
        n for n, piece in enumerate(pieces, start=1) if piece.rstrip(b"\n") + b"\n" in RECORD_LINES
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessions.jsonl"
        path.write_bytes(b"".join(pieces))
        result = SessionLog(path).read_all()
        assert len(result.records) == len(good)
        assert result.bad_lines == [n for n in range(1, len(pieces) + 1) if n not in good]
        SessionLog(path).append(make_record(T0 + timedelta(days=9), id="next"))
        after = SessionLog(path).read_all()
        assert after.bad_lines == result.bad_lines
        assert [r.id for r in after.records] == [r.id for r in result.records] + ["next"]
        assert path.read_bytes().endswith(b"\n")


def test_read_log_reports_junk_by_line_number(tmp_path: Path) -> None:
    path = tmp_path / "sessions.jsonl"
    path.write_bytes(
        RECORD_LINES[0] + b"\x00" * 50 + b"\n" + RECORD_LINES[1] + b'{"schema": 99}\n' + b"not json"
    )
    result = SessionLog(path).read_all()
    assert [r.id for r in result.records] == ["r0", "r1"]
    assert result.describe_bad_lines() == "sessions.jsonl: skipped 3 unreadable lines (2, 4, 5)"


# ---- a session that cannot be saved ------------------------------------------------


def refuse(log: SessionLog, record: object) -> bool:
    raise LogWriteError(f"Could not save the session to {log.path}: No space left on device.")


async def test_a_full_disk_keeps_the_session_until_it_can_be_saved(
    make_app: Callable[..., Any], clock: FakeClock, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(paths, "tiny.toml", TINY_PLAN)
    app = make_app(start_plan="tiny", start_now=True)
    shown = watch_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot, press_enter=False)
        monkeypatch.setattr(SessionLog, "append", refuse)
        session = await drive(pilot, screen, clock, set_seconds=20.0)
        await answer_questions(pilot)
        assert session.finished
        assert [r.id for r in app.unsaved] == [session.id]
        assert not paths.log_file.exists()
        assert unfinished_files(paths), "the state must stay on disk while nothing is logged"
        messages = [n.message for n in shown]
        assert any("No space left on device" in m and "Save sessions again" in m for m in messages)
        monkeypatch.undo()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Save sessions again")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.unsaved == []
        assert unfinished_files(paths) == []
    [record] = logged(paths)
    assert (record.id, record.status) == (session.id, "completed")


async def test_a_full_disk_when_leaving_keeps_the_partial_session(
    make_app: Callable[..., Any], clock: FakeClock, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        await drive(pilot, screen, clock, until=lambda s: s.index == 1)
        monkeypatch.setattr(SessionLog, "append", refuse)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await answer_questions(pilot)
        assert len(app.unsaved) == 1 and app.unsaved[0].status == "partial"
        monkeypatch.undo()
        app.retry_unsaved()
        await pilot.pause()
        assert app.unsaved == [] and unfinished_files(paths) == []
    [record] = logged(paths)
    assert record.rounds[0][0].counts == {"both": 15}


def test_state_files_are_json_objects_a_new_process_can_read(tmp_path: Path) -> None:
    """The unfinished-session file is plain JSON: no pickles, nothing executable."""
    from recovery_tui.core.session.unfinished import claim_new

    claim = claim_new(tmp_path, "abc")
    claim.save({"version": 1, "note": "ü\u2028"})
    assert json.loads(claim.state_file.read_bytes()) == {"version": 1, "note": "ü\u2028"}
    claim.discard()
