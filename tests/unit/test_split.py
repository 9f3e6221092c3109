"""The tests stay apart: a unit test runs the pure code alone, in this process.

tests/unit holds no App, Pilot, pty or subprocess (they belong in tests/functional), and
no test module is left at tests/ itself, where it would belong to neither part.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

NOT_IN_A_UNIT_TEST = (
    "textual",
    "app_helpers",
    "pty_helpers",
    "cli_helpers",
    "subprocess",
    "pty",
    "multiprocessing",
    "bench",
    "recovery_tui.app",
    "recovery_tui.cli",
    "recovery_tui.screens",
    "recovery_tui.widgets",
    "recovery_tui.dialogs",
    "recovery_tui.terminal",
)
"""Modules (and their submodules) that mean the app, a terminal or another process."""


def imported(path: Path) -> set[str]:
    """Every module `path` imports, absolute names as written."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(f"{bad}.") for bad in NOT_IN_A_UNIT_TEST)


@pytest.mark.parametrize("path", sorted((TESTS / "unit").glob("*.py")), ids=lambda p: p.name)
def test_a_unit_test_imports_no_app_terminal_or_process(path: Path) -> None:
    assert sorted(name for name in imported(path) if forbidden(name)) == []


def test_the_check_sees_an_app_import(tmp_path: Path) -> None:
    module = tmp_path / "test_x.py"
    module.write_text("import os\nfrom app_helpers import drive\nfrom recovery_tui.app import X\n")
    assert sorted(name for name in imported(module) if forbidden(name)) == [
        "app_helpers",
        "app_helpers.drive",
        "recovery_tui.app",
        "recovery_tui.app.X",
    ]


def test_every_test_module_is_in_unit_or_functional() -> None:
    assert sorted(p.name for p in TESTS.glob("test_*.py")) == [], (
        "move it to tests/unit (pure: no App, Pilot, pty or subprocess) or tests/functional"
    )
