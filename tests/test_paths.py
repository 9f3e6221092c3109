"""resolve_paths: platform defaults, and overrides that change only what they name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from recovery_tui.core.paths import AppPaths, resolve_paths


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
    assert paths.state_file == fake_dirs / "data" / "recovery-tui" / "current-session.json"


UNSET = None
ENVIRONMENTS = {
    # name: (XDG_CONFIG_HOME, XDG_DATA_HOME, HOME); "{t}" is the test's tmp_path
    "xdg set": ("{t}/xc", "{t}/xd", "{t}/home"),
    "xdg with trailing slashes": ("{t}/xc/", "{t}/xd//", "{t}/home"),
    "xdg unset": (UNSET, UNSET, "{t}/home"),
    "xdg empty": ("", "", "{t}/home"),
    "xdg blank": ("  ", " ", "{t}/home"),
    "xdg relative": ("xc", "rel/xd", "{t}/home"),
    "xdg with a tilde": ("~/xc", "~/xd", "{t}/home"),
    "home with a trailing slash": (UNSET, UNSET, "{t}/home/"),
    "home is the root": (UNSET, UNSET, "/"),
    "home relative": (UNSET, UNSET, "home"),
    "home empty": (UNSET, UNSET, ""),
    "home unset": (UNSET, UNSET, UNSET),
    "one of each": ("{t}/xc", UNSET, "{t}/home"),
}


@pytest.mark.parametrize("config, data, home", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_defaults_match_platformdirs_in_every_environment(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: str | None,
    data: str | None,
    home: str | None,
) -> None:
    """The usual Linux cases are worked out without platformdirs: they must agree exactly."""
    for name, value in (("XDG_CONFIG_HOME", config), ("XDG_DATA_HOME", data), ("HOME", home)):
        if value is UNSET:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value.format(t=tmp_path))
    monkeypatch.chdir(tmp_path)
    try:
        expected_config = platformdirs.user_config_path("recovery-tui")
        expected_data = platformdirs.user_data_path("recovery-tui")
    except RuntimeError:  # newer platformdirs: no home directory to be found
        with pytest.raises(RuntimeError):
            resolve_paths()
        return
    paths = resolve_paths()
    assert paths.plans_dir.parent == expected_config
    assert paths.config_file.parent == expected_config
    assert paths.data_dir == expected_data


def test_android_is_left_to_platformdirs(fake_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANDROID_DATA", "/data")
    monkeypatch.setattr(platformdirs, "user_config_path", lambda app: fake_dirs / "a" / app)
    monkeypatch.setattr(platformdirs, "user_data_path", lambda app: fake_dirs / "b" / app)
    paths = resolve_paths()
    assert (paths.plans_dir, paths.data_dir) == (
        fake_dirs / "a" / "recovery-tui" / "plans",
        fake_dirs / "b" / "recovery-tui",
    )


def test_config_overrides_only_the_settings_file(fake_dirs: Path) -> None:
    paths = resolve_paths(config=fake_dirs / "elsewhere.toml")
    assert paths.config_file == fake_dirs / "elsewhere.toml"
    assert paths.plans_dir == fake_dirs / "cfg" / "recovery-tui" / "plans"
    assert paths.data_dir == fake_dirs / "data" / "recovery-tui"


def test_data_dir_overrides_the_log_and_the_state_file(fake_dirs: Path) -> None:
    paths = resolve_paths(data_dir=fake_dirs / "d")
    assert (paths.log_file, paths.state_file) == (
        fake_dirs / "d" / "sessions.jsonl",
        fake_dirs / "d" / "current-session.json",
    )
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


def test_importing_paths_does_not_import_platformdirs() -> None:
    code = "import sys, recovery_tui.core.paths; print('platformdirs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
