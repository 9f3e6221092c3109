"""Every subpackage ships: pyproject's explicit package list must name them all."""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from pathlib import Path
from typing import Any

from textual.screen import Screen

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "recovery_tui").rglob("__init__.py")
    }
    found |= set(setuptools["package-dir"])  # packages kept outside recovery_tui/ (styles)
    assert found == set(setuptools["packages"])


def _every_screen_class() -> list[type[Screen[Any]]]:
    """Every Screen the app defines, found by importing each of its modules."""
    import recovery_tui

    for module in pkgutil.walk_packages(recovery_tui.__path__, "recovery_tui."):
        if not module.name.endswith(".__main__"):  # that one runs the app
            importlib.import_module(module.name)
    found: list[type[Screen[Any]]] = []
    pending: list[type[Screen[Any]]] = list(Screen.__subclasses__())
    while pending:
        screen = pending.pop()
        pending += screen.__subclasses__()
        if screen.__module__.startswith("recovery_tui."):
            found.append(screen)
    return found


def _named(css_path: object) -> list[Path]:
    """The stylesheets a `CSS_PATH` names (one path, a list of them, or None)."""
    paths = css_path if isinstance(css_path, list) else [css_path]
    return [Path(p) for p in paths if isinstance(p, str | Path)]


def test_stylesheets_ship_in_the_styles_package() -> None:
    """Each screen names its own stylesheets; every one named is shipped, and none unused."""
    from recovery_tui.app import CSS_FILES, RecoveryApp
    from recovery_tui.styles import STYLES

    up_front = _named(RecoveryApp.CSS_PATH)
    named = up_front + [p for screen in _every_screen_class() for p in _named(screen.CSS_PATH)]
    assert all(p.parent == STYLES and p.is_file() for p in named)
    assert [p.name for p in up_front] == list(CSS_FILES)
    shipped = {p.name for p in STYLES.glob("*.tcss")}
    assert shipped == {p.name for p in named}
