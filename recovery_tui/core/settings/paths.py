"""Where the app keeps its files, following each platform's conventions (platformdirs).

Settings and custom plans are configuration (``user_config_path``); the session log and
the unfinished sessions are data (``user_data_path``). ``--config`` and ``--data-dir``
override them for tests and for people who keep several setups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

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


def resolve_paths(config: Path | None = None, data_dir: Path | None = None) -> AppPaths:
    """Combine the platform defaults with the command-line overrides.

    ``config`` replaces only the settings file: custom plans stay in the default config
    directory, so pointing at another settings file does not hide the user's plans.
    """
    config_dir = platformdirs.user_config_path(APP_NAME)
    return AppPaths(
        config_file=config.expanduser() if config is not None else config_dir / SETTINGS_FILE_NAME,
        plans_dir=config_dir / PLANS_DIR_NAME,
        data_dir=(
            data_dir.expanduser() if data_dir is not None else platformdirs.user_data_path(APP_NAME)
        ),
    )
