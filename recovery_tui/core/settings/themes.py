"""The themes a settings file may name, and what is said about one that is not among them.

Textual's built-in themes, listed here so `recovery-tui status` checks the setting without
importing Textual (`textual.theme` alone takes about 0.2 s to import, status about 0.1 s
in all). The app checks against its own `available_themes` with the same words;
tests/functional/test_app_themes.py keeps this list equal to Textual's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

THEMES: tuple[str, ...] = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
"""Textual's built-in themes (textual 8.2), sorted."""


def unknown_theme(config_file: Path, theme: str, names: Iterable[str] = THEMES) -> str | None:
    """None for a theme among `names`; else the file, the key, every allowed name and what
    the file gave (quoted with repr, so the value reads as data)."""
    allowed = sorted(names)
    if theme in allowed:
        return None
    return f"{config_file}: 'theme' must be one of: {', '.join(allowed)}; got {theme!r}"
