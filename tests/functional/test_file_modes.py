"""Personal health data stays private: files 0600 in folders 0700, and no network at all.

Every check runs under a umask of 0, so the modes come from the app, not from a
friendly default umask.
"""

from __future__ import annotations

import ast
import os
import socket
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from app_helpers import TINY_PLAN, answer_questions, drive, leave, start_default_plan, write_plan
from conftest import FakeClock
from factories import make_record

from recovery_tui.cli import main
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.session.unfinished import claim_new
from recovery_tui.core.settings.fields import Settings
from recovery_tui.core.settings.file import save_settings
from recovery_tui.core.settings.paths import AppPaths

PACKAGE = Path(__file__).resolve().parents[2] / "recovery_tui"
NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib", "urllib3", "requests", "httpx", "aiohttp",
    "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "socketserver",
    "webbrowser", "asyncio.streams",
}  # fmt: skip


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def modes_under(root: Path) -> Iterator[tuple[Path, int, int]]:
    """(path, its mode, the mode it should have) for the root and everything in it."""
    yield root, mode(root), 0o700
    for path in root.rglob("*"):
        yield path, mode(path), 0o700 if path.is_dir() else 0o600


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_the_log_is_private(tmp_path: Path) -> None:
    log = tmp_path / "data" / "sessions.jsonl"
    SessionLog(log).append(make_record(datetime(2026, 11, 2, tzinfo=UTC)))
    found = {p: m for p, m, _want in modes_under(tmp_path / "data")}
    assert found[tmp_path / "data"] == 0o700
    assert found[log] == 0o600
    assert set(found.values()) == {0o700, 0o600}  # and so is anything kept beside it


@pytest.mark.usefixtures("open_umask")
def test_the_unfinished_session_state_and_lock_are_private(tmp_path: Path) -> None:
    claim = claim_new(tmp_path / "deep" / "data", "abc")
    claim.save({"version": 1})
    found = {p.relative_to(tmp_path): m for p, m, _ in modes_under(tmp_path / "deep")}
    assert found == {
        Path("deep"): 0o700,
        Path("deep/data"): 0o700,
        Path("deep/data/unfinished"): 0o700,
        Path("deep/data/unfinished/abc.json"): 0o600,
        Path("deep/data/unfinished/abc.lock"): 0o600,
    }
    claim.release()


@pytest.mark.usefixtures("open_umask")
def test_settings_are_private(tmp_path: Path) -> None:
    save_settings(tmp_path / "config" / "recovery-tui" / "settings.toml", Settings(), expected=None)
    assert {p.name: m for p, m, _ in modes_under(tmp_path / "config")} == {
        "config": 0o700,
        "recovery-tui": 0o700,
        "settings.toml": 0o600,
    }


@pytest.mark.usefixtures("open_umask")
async def test_everything_a_session_writes_is_private(
    make_app: Callable[..., Any], clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        await drive(pilot, screen, clock, until=lambda s: s.index == 2)
        data = list(modes_under(paths.data_dir))
        assert any(p.suffix == ".json" for p, _m, _want in data), "no state file mid-session"
        await leave(pilot)
    data += list(modes_under(paths.data_dir))
    assert paths.log_file.exists()
    wrong = [(str(p), oct(m), oct(want)) for p, m, want in data if m != want]
    assert wrong == []


def _imported_modules(source: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_module_of_the_app_imports_a_network_library() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20
    found = [
        (str(source.relative_to(PACKAGE)), name)
        for source in sources
        for name in _imported_modules(source)
        if name in NETWORK_MODULES or name.split(".")[0] in NETWORK_MODULES
    ]
    assert found == []


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every way out to the network fail loudly, and remember who tried."""
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:2]}")
            raise AssertionError(f"the app tried the network: {name}")

        return call

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_the_command_line_makes_no_network_connection(
    no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["status"], ["plans"], ["plans", "show", "full-circuit"], ["history"], ["paths"]):
        assert main(args) == 0
    assert no_network == []


async def test_a_session_makes_no_network_connection(
    make_app: Callable[..., Any], clock: FakeClock, paths: AppPaths, no_network: list[str]
) -> None:
    write_plan(paths, "tiny.toml", TINY_PLAN)
    app = make_app(start_plan="tiny", start_now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot, press_enter=False)
        session = await drive(pilot, screen, clock)
        await answer_questions(pilot)
    assert session.finished and paths.log_file.exists()
    assert no_network == []
