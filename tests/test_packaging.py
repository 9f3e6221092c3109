"""Every subpackage ships: pyproject's explicit package list must name them all."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "recovery_tui").rglob("__init__.py")
    }
    found.add("recovery_tui.styles")
    assert found == listed


def test_stylesheets_ship_in_the_styles_package() -> None:
    """Each screen names its own stylesheets; every one named must be in the package."""
    import importlib

    from textual.screen import Screen

    from recovery_tui.app import CSS_FILES, RecoveryApp
    from recovery_tui.screens.base import STYLES

    for module in ("screens.active", "screens.help", "screens.history", "screens.settings"):
        importlib.import_module(f"recovery_tui.{module}")
    for module in ("dialogs.choice", "dialogs.heel_check", "dialogs.note"):
        importlib.import_module(f"recovery_tui.{module}")
    up_front = [Path(p) for p in RecoveryApp.CSS_PATH]
    named = list(up_front)
    screens = [*Screen.__subclasses__()]
    while screens:
        screen = screens.pop()
        screens += screen.__subclasses__()
        if screen.__module__.startswith("recovery_tui.") and screen.CSS_PATH is not None:
            paths = screen.CSS_PATH if isinstance(screen.CSS_PATH, list) else [screen.CSS_PATH]
            named += [Path(p) for p in paths]
    assert {p.name for p in named} >= {"app.tcss", "home.tcss", "active.tcss", "dialogs.tcss"}
    assert all(p.parent == STYLES and p.is_file() for p in named)
    assert [p.name for p in up_front] == list(CSS_FILES)
    shipped = {p.name for p in STYLES.glob("*.tcss")}
    assert shipped == {p.name for p in named}  # none left unused
