"""Throw-away homes for the app: a settings file and a generated log, never the user's.

Subprocesses find them through ``XDG_CONFIG_HOME``/``XDG_DATA_HOME`` (so custom plans
are looked for there too); in-process apps get the same `AppPaths` directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from recovery_tui.core.settings.paths import (
    APP_NAME,
    PLANS_DIR_NAME,
    SETTINGS_FILE_NAME,
    AppPaths,
)

from .common import BenchConfig, alternate, median
from .generate_log import write_log

BENCH_DIR = Path(__file__).resolve().parent
RACE_DAYS_AGO = 8


@dataclass(frozen=True)
class BenchHome:
    """One app home: XDG folders holding settings.toml and sessions.jsonl."""

    root: Path

    @property
    def paths(self) -> AppPaths:
        config_dir = self.root / "config" / APP_NAME
        return AppPaths(
            config_file=config_dir / SETTINGS_FILE_NAME,
            plans_dir=config_dir / PLANS_DIR_NAME,
            data_dir=self.root / "data" / APP_NAME,
        )

    def environ(self) -> dict[str, str]:
        """The variables that point a subprocess at this home.

        Bytecode caches go to a folder of the bench's own: an installed app has them,
        and a ``PYTHONDONTWRITEBYTECODE`` in the caller's shell must not make every
        start compile from source (about 30 ms here).
        """
        return {
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_DATA_HOME": str(self.root / "data"),
            "PYTHONPYCACHEPREFIX": str(self.root.parent / "pycache"),
            "PYTHONDONTWRITEBYTECODE": "",
        }


def make_home(root: Path, sessions: int, **settings: Any) -> BenchHome:
    """A home with `sessions` generated sessions (ending now) and the given settings.

    The race was a week ago, as for a runner in the middle of the recovery window.
    """
    home = BenchHome(root)
    paths = home.paths
    values: dict[str, Any] = {"race_date": date.today() - timedelta(days=RACE_DAYS_AGO)}
    values.update(settings)
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(tomli_w.dumps(values), encoding="utf-8")
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    if sessions:
        write_log(paths.log_file, sessions, end=datetime.now().astimezone())
    return home


def app_command() -> list[str]:
    """The command a user types: the installed console script when there is one."""
    script = Path(sys.executable).with_name("recovery-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "recovery_tui"]


def bare_app_command() -> list[str]:
    """The yardstick: a bare Textual app showing one Static, run the same way."""
    return [sys.executable, str(BENCH_DIR / "bare_app.py")]


def subprocess_environ(home: BenchHome) -> dict[str, str]:
    """This process's environment with the home's folders."""
    return {**os.environ, **home.environ()}


def shared_home(config: BenchConfig, name: str, sessions: int) -> BenchHome:
    """A home several figures read without changing: made once per bench run."""
    root = config.workdir / name
    home = BenchHome(root)
    if not home.paths.config_file.exists():
        make_home(root, sessions)
    return home


def sibling_home(config: BenchConfig, name: str, log_from: BenchHome, **settings: Any) -> BenchHome:
    """A home with other settings and a copy of `log_from`'s log (cheaper than a new one)."""
    home = make_home(config.workdir / name, 0, **settings)
    shutil.copyfile(log_from.paths.log_file, home.paths.log_file)
    return home


def time_command(home: BenchHome, *args: str) -> float:
    """Seconds for one `recovery-tui ARGS` (to a pipe), from fork to exit."""
    environ = subprocess_environ(home)
    started = time.perf_counter()
    subprocess.run([*app_command(), *args], env=environ, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def time_big_and_small(
    config: BenchConfig, big: BenchHome, small: BenchHome, *args: str
) -> tuple[float, float]:
    """The median seconds of `recovery-tui ARGS` on a big log and on a small one, run
    alternately (so a load on the machine falls on both)."""
    big_times, small_times = alternate(
        lambda: time_command(big, *args),
        lambda: time_command(small, *args),
        config.status_runs,
        warm_up=not config.quick,
    )
    return median(big_times), median(small_times)
