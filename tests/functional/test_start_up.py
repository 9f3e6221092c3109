"""Start-up loads only what it uses: the quick `status` and the first screen stay quick.

See docs/performance.md: each module left out here was measured on the start-up path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _modules_loaded_by(code: str, tmp_path: Path) -> set[str]:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    ).stdout
    return set(out.split())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG paths are Linux-only")
def test_status_leaves_out_textual_and_what_only_saving_needs(tmp_path: Path) -> None:
    (tmp_path / "config" / "recovery-tui").mkdir(parents=True)
    (tmp_path / "config" / "recovery-tui" / "settings.toml").write_text("bell = false\n")
    loaded = _modules_loaded_by("from recovery_tui.cli import main\nmain(['status'])", tmp_path)
    assert "recovery_tui.core.settings.file" in loaded  # the settings were read
    unwanted = {"hashlib", "secrets", "tomlkit", "textual"}
    assert loaded & unwanted == set()


def test_the_app_leaves_sessions_dialogs_and_saving_for_later(tmp_path: Path) -> None:
    loaded = _modules_loaded_by("import recovery_tui.app", tmp_path)
    assert "recovery_tui.screens.home" in loaded
    later = {
        "recovery_tui.core.session.engine",
        "recovery_tui.core.session.unfinished",
        "recovery_tui.core.atomic",
        "recovery_tui.screens.active",
        "recovery_tui.dialogs.heel_check",
        "tomlkit",
        "importlib.resources",
    }
    assert loaded & later == set()
