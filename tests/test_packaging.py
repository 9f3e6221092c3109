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
    from recovery_tui.app import CSS_FILES, STYLES

    assert all((STYLES / name).is_file() for name in CSS_FILES)
