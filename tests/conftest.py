"""Shared fixtures: every test runs with its own XDG dirs, UTC, and a clock it controls."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recovery_tui.core.settings.paths import AppPaths, resolve_paths

FIXED_NOW = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real config and data directories; time zone is UTC."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "config" / "settings.toml", tmp_path / "data")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(paths: AppPaths, clock: FakeClock) -> Callable[..., object]:
    """Build the app on the test's paths, fake clock and frozen wall clock."""

    def build(**kwargs: object) -> object:
        from recovery_tui.app import RecoveryApp

        kwargs.setdefault("clock", clock)
        kwargs.setdefault("now", lambda: FIXED_NOW)
        kwargs.setdefault("key_guard_seconds", 0)  # tests of the guard turn it on
        return RecoveryApp(paths, **kwargs)  # type: ignore[arg-type]

    return build
