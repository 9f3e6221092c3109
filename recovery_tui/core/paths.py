"""Where the app keeps its files, following each platform's conventions.

Settings and custom plans are configuration (``user_config_path``); the session log and
the in-progress session are data (``user_data_path``). ``--config`` and ``--data-dir``
override them for tests and for people who keep several setups.

On Linux the usual cases (an absolute ``XDG_*_HOME``, or none and an absolute ``HOME``)
are worked out here exactly as platformdirs does; importing platformdirs pulls in
``tempfile`` and ``random``, about 4 ms of the quick ``status`` check-in. Everything
else, every other platform included, is left to platformdirs.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "recovery-tui"
SETTINGS_FILE_NAME = "settings.toml"
PLANS_DIR_NAME = "plans"


@dataclass(frozen=True)
class AppPaths:
    """The resolved locations; nothing here is created until something is written."""

    config_file: Path
    plans_dir: Path
    data_dir: Path

    @property
    def log_file(self) -> Path:
        """The append-only session log."""
        return self.data_dir / "sessions.jsonl"

    @property
    def state_file(self) -> Path:
        """The session in progress, so an interrupted session can be resumed."""
        return self.data_dir / "current-session.json"


def resolve_paths(config: Path | None = None, data_dir: Path | None = None) -> AppPaths:
    """Combine the platform defaults with the command-line overrides.

    ``config`` replaces only the settings file: custom plans stay in the default config
    directory, so pointing at another settings file does not hide the user's plans.
    """
    config_dir = _linux_dir("XDG_CONFIG_HOME", "~/.config") or _platform_dir("config")
    default_data = _linux_dir("XDG_DATA_HOME", "~/.local/share") or _platform_dir("data")
    return AppPaths(
        config_file=config.expanduser() if config is not None else config_dir / SETTINGS_FILE_NAME,
        plans_dir=config_dir / PLANS_DIR_NAME,
        data_dir=data_dir.expanduser() if data_dir is not None else default_data,
    )


def _linux_dir(variable: str, default: str) -> Path | None:
    """The XDG base directory for the app, or None when platformdirs should decide.

    Only the cases every platformdirs 4.x answers alike: on Linux (not Android), the
    variable set to an absolute path, or unset or empty with ``~`` expanding to an
    absolute path from an unset or absolute ``HOME``.
    """
    if sys.platform != "linux" or _maybe_android():
        return None
    base = os.environ.get(variable, "")
    if not base:
        home = os.environ.get("HOME")
        if home is not None and not os.path.isabs(home):
            return None
        base = os.path.expanduser(default)
    if not os.path.isabs(base):
        return None
    return Path(os.path.join(base, APP_NAME))


def _maybe_android() -> bool:
    """platformdirs may answer with Android's folders here."""
    return hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ


def _platform_dir(kind: str) -> Path:
    import platformdirs  # imported only here: see the module's docstring

    if kind == "config":
        return Path(platformdirs.user_config_path(APP_NAME))
    return Path(platformdirs.user_data_path(APP_NAME))
