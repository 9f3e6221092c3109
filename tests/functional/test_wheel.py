"""A non-editable install carries the stylesheets, the built-in plans and every package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_holds_styles_plans_and_dialogs(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("recovery_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    styles = {Path(n).name for n in names if n.startswith("recovery_tui/styles/")}
    assert {"app.tcss", "home.tcss", "active.tcss"} <= styles
    plans = {Path(n).name for n in names if n.startswith("recovery_tui/data/plans/")}
    assert {"full-circuit.toml", "down-dog-block.toml", "circuit-without-quad-pump.toml"} <= plans
    assert "recovery_tui/dialogs/choice.py" in names
