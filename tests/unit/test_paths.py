"""resolve_paths: platformdirs' defaults, and overrides that change only what they name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from recovery_tui.core.settings.paths import AppPaths, resolve_paths


@pytest.fixture
def fake_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the XDG variables at tmp_path so no test depends on the real home directory."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_defaults_are_the_xdg_folders(fake_dirs: Path) -> None:
    paths = resolve_paths()
    assert paths == AppPaths(
        config_file=fake_dirs / "cfg" / "recovery-tui" / "settings.toml",
        plans_dir=fake_dirs / "cfg" / "recovery-tui" / "plans",
        data_dir=fake_dirs / "data" / "recovery-tui",
    )
    assert paths.log_file == fake_dirs / "data" / "recovery-tui" / "sessions.jsonl"


def test_config_overrides_only_the_settings_file(fake_dirs: Path) -> None:
    paths = resolve_paths(config=fake_dirs / "elsewhere.toml")
    assert paths.config_file == fake_dirs / "elsewhere.toml"
    assert paths.plans_dir == fake_dirs / "cfg" / "recovery-tui" / "plans"
    assert paths.data_dir == fake_dirs / "data" / "recovery-tui"


def test_data_dir_overrides_where_the_log_lives(fake_dirs: Path) -> None:
    paths = resolve_paths(data_dir=fake_dirs / "d")
    assert paths.log_file == fake_dirs / "d" / "sessions.jsonl"
    assert paths.config_file == fake_dirs / "cfg" / "recovery-tui" / "settings.toml"


def test_overrides_expand_a_leading_tilde(fake_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(fake_dirs / "home"))
    paths = resolve_paths(config=Path("~/s.toml"), data_dir=Path("~/data"))
    assert paths.config_file == fake_dirs / "home" / "s.toml"
    assert paths.data_dir == fake_dirs / "home" / "data"


def test_resolving_creates_nothing(fake_dirs: Path) -> None:
    resolve_paths()
    assert not (fake_dirs / "cfg").exists() and not (fake_dirs / "data").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG variables are Linux-only")
def test_xdg_variables_are_honoured_on_linux(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    paths = resolve_paths()
    assert paths.config_file == tmp_path / "xc" / "recovery-tui" / "settings.toml"
    assert paths.plans_dir == tmp_path / "xc" / "recovery-tui" / "plans"
    assert paths.log_file == tmp_path / "xd" / "recovery-tui" / "sessions.jsonl"
