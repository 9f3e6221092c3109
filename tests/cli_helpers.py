"""Run `python -m recovery_tui ...` for real, in a subprocess with its own XDG folders.

Each run gets its own config and data folders under tmp_path, so nothing touches the
real ones and a test can check exactly which files a command created.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def cli(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run recovery-tui with the test's own config and data folders; never hangs.

    `stdin`, when given, is piped in (as `import -` reads it); otherwise stdin is empty.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        TZ="UTC",
        PYTHONPATH=str(REPO),
    )
    result = subprocess.run(
        [sys.executable, "-m", "recovery_tui", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        **({"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}),
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def skip_near_midnight() -> None:
    """The command reads the real clock (UTC in `cli`): a session logged a moment ago must
    still be today's when it runs, so a test that counts today's sessions skips near 00:00."""
    now = datetime.now(UTC)
    if now.hour == 23 and now.minute >= 58 or now.hour == 0 and now.minute < 2:
        pytest.skip("too close to midnight: the command reads the real clock")


def config_file(tmp_path: Path) -> Path:
    return tmp_path / "xdg-config" / "recovery-tui" / "settings.toml"


def log_file(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "recovery-tui" / "sessions.jsonl"


def write_config(tmp_path: Path, content: bytes) -> Path:
    path = config_file(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))
