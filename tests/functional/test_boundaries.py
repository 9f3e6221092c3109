"""The core stays pure: nothing under recovery_tui.core (or the CLI's quick path) loads Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import recovery_tui.core


def _modules_loaded_by(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_no_core_module_imports_textual() -> None:
    prefix = "recovery_tui.core."
    names = [m.name for m in pkgutil.walk_packages(recovery_tui.core.__path__, prefix)]
    assert f"{prefix}session.engine" in names and f"{prefix}settings.file" in names
    imports = "\n".join(f"import {name}" for name in names)
    loaded = _modules_loaded_by(imports)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert "rich" not in loaded


def test_status_command_does_not_import_textual(tmp_path: object) -> None:
    code = (
        "import sys\n"
        "from recovery_tui.cli import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'status'])"
    )
    loaded = _modules_loaded_by(code)
    assert "textual" not in loaded
