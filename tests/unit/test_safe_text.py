"""The one text-safety policy (core/safe_text.py), and the code that must follow it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from recovery_tui.core.safe_text import clean, clean_line, shorten, spreadsheet_safe

PACKAGE = Path(__file__).resolve().parents[2] / "recovery_tui"
R = "\ufffd"


@pytest.mark.parametrize(
    ("text", "cleaned", "one_line"),
    [
        ("Knee bends", "Knee bends", "Knee bends"),
        ("[bold]x[/] [@click=app.quit]q[/]", "[bold]x[/] [@click=app.quit]q[/]", None),
        ("a\x1b]52;c;eA==\x07b", f"a{R}]52;c;eA=={R}b", None),
        ("a\x1b]0;title\x1b\\b", f"a{R}]0;title{R}\\b", None),
        ("a\x1b[2Jb", f"a{R}[2Jb", None),
        ("a\x9b31mb\x9dc\x85d", f"a{R}31mb{R}c\nd", f"a{R}31mb{R}c d"),
        ("a\u202eb\u202ac\u2066d\u2069e", f"a{R}b{R}c{R}d{R}e", None),
        ("zero\u200bwidth\u200djoin\ufeff 👩‍👩‍👧 脚 é", None, None),
        ("two\nlines\r\nand\rcr\u2028sep", "two\nlines\nand\ncr\nsep", "two lines and cr sep"),
        ("tab\there", "tab here", "tab here"),
        ("nul\x00del\x7fbs\x08", f"nul{R}del{R}bs{R}", None),
        ("lone \ud800 surrogate", f"lone {R} surrogate", None),
    ],
)
def test_clean_removes_controls_and_bidi_and_keeps_text(
    text: str, cleaned: str | None, one_line: str | None
) -> None:
    cleaned = text if cleaned is None else cleaned
    assert clean(text) == cleaned
    assert clean_line(text) == (cleaned if one_line is None else one_line)
    assert clean(clean(text)) == clean(text)
    clean(text).encode("utf-8")  # writable to a terminal: no lone surrogates left


def test_clean_keeps_a_clean_string_as_the_same_object() -> None:
    """The common case costs one regex search (a long log's summaries clean every name)."""
    text = "Full circuit " * 3
    assert clean(text) is text and clean_line(text) is text


def test_shorten_cuts_with_an_ellipsis() -> None:
    assert shorten("abc", 3) == "abc" and shorten("abcd", 3) == "ab…"


def test_spreadsheet_safe_keeps_numbers_and_quotes_formulas() -> None:
    assert spreadsheet_safe("-12.5") == "-12.5" and spreadsheet_safe("+3e2") == "+3e2"
    assert spreadsheet_safe("=1+1") == "'=1+1" and spreadsheet_safe("@x") == "'@x"
    assert spreadsheet_safe("a\x1bb") == "ab"


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == name:
                    found.append((path, node))
    return found


def test_every_notify_call_passes_markup_false() -> None:
    """Toasts quote plan names, file text and errors: none may be read as markup."""
    calls = [(p, c) for p, c in _calls("notify") if c.args]  # not Condition.notify()
    assert len(calls) > 10  # the check is looking at the real calls
    for path, call in calls:
        markup = next((k.value for k in call.keywords if k.arg == "markup"), None)
        assert isinstance(markup, ast.Constant) and markup.value is False, (
            f"{path.relative_to(PACKAGE)}:{call.lineno}: notify() without markup=False"
        )


@pytest.mark.parametrize("name", ["from_markup", "render_markup", "get_system_commands"])
def test_nothing_formats_text_into_markup(name: str) -> None:
    """Markup is only ever the app's own constants; palette entries have their own provider."""
    places = [f"{p.relative_to(PACKAGE)}:{c.lineno}" for p, c in _calls(name)]
    assert places == []
