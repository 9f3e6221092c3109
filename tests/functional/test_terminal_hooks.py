"""terminal.py leans on private parts of Textual's Linux driver: fail loudly if they move.

`HangupSafeDriver` overrides `LinuxDriver`'s signal handlers and wraps its output file
(see recovery_tui/terminal.py for the Textual bug this works around). pyproject pins
Textual to the range this was checked on; these tests say what to re-check before
widening it.
"""

from __future__ import annotations

import inspect
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from recovery_tui.terminal import LINUX_DRIVER_INTERNALS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver only")
ROOT = Path(__file__).resolve().parents[2]


def textual_requirement() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return next(r for r in map(Requirement, project["dependencies"]) if r.name == "textual")


def test_textual_is_pinned_below_the_next_major_and_installed_within_the_pin() -> None:
    pin = textual_requirement().specifier
    installed = version("textual")
    assert pin.contains(installed), f"Textual {installed} is outside the tested range {pin}"
    assert not pin.contains("9.0.0"), "a new major Textual must be checked against terminal.py"


def test_the_linux_driver_still_has_every_private_part_we_use() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    source = inspect.getsource(LinuxDriver)
    installed = version("textual")
    for name in LINUX_DRIVER_INTERNALS:
        assert f"self.{name}" in source, (
            f"Textual {installed}'s LinuxDriver no longer has {name}: "
            "re-check recovery_tui/terminal.py (HangupSafeDriver) before using this version"
        )


def test_the_signal_handlers_we_override_are_the_ones_it_installs() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    source = inspect.getsource(LinuxDriver)
    assert "signal.signal(signal.SIGTSTP, self._sigtstp_application)" in source
    assert "signal.signal(signal.SIGCONT, self._sigcont_application)" in source
    init = inspect.getsource(LinuxDriver.__init__)
    assert "self._file = " in init  # the output file HangupSafeDriver wraps
