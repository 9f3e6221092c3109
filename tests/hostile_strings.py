"""The hostile-input table: strings an attacker puts in a plan, a log, settings or a note.

Each is shown by every display path; `assert_shown_safely` checks what was rendered:
no control character or bidi override reaches the output, and the text (markup
included) is there literally, as the text-safety policy (core/safe_text.py) cleans it.
"""

from __future__ import annotations

import html
import re

import tomli_w

from recovery_tui.core.safe_text import clean_line

EVIL: dict[str, str] = {
    "markup": "Evil [/] [@click=app.quit]x[/] [red]y[/red]",
    "click-screenshot": "[@click=app.screenshot('victim.txt','/tmp')]SHOT[/]",
    "broken-markup": "Broken [/] markup [link=http://x]",
    "osc52-clipboard": "clip\x1b]52;c;ZXZpbCBwYXN0ZQ==\x07end",
    "osc0-title": "title\x1b]0;PWNED-TITLE\x07end",
    "osc8-link": "link\x1b]8;;http://evil.example/\x1b\\here\x1b]8;;\x1b\\end",
    "csi": "csi\x1b[2J\x1b[31mred\x1b[0m\x1b[?1049lend",
    "c1-csi": "c1\x9b31m\x9d0;t\x9cend",
    "bidi": "bidi\u202eevil\u202c\u2066iso\u2069end",
    "zero-width": "zero\u200bwidth\u200djoin\ufeffend",
    "controls": "bel\x07bs\x08cr\rdel\x7fnul\x00end",
    "very-long": "Long " + "word " * 800 + "end",
}
"""Name -> the hostile text. Keys are also used as plan ids and file names."""

FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the output (a newline may; everything else is a control)."""


def shown(evil: str, width: int = 24) -> str:
    """The start of what the screen must show for `evil`: its cleaned text, literally."""
    return clean_line(evil)[:width]


def evil_plan(key: str, evil: str) -> str:
    """A one-exercise plan (two paced reps) with `evil` in every text a plan has."""
    plan = {
        "name": evil,
        "id": key,
        "description": evil,
        "source": evil,
        "exercise": [
            {
                "name": evil,
                "dose": "reps",
                "reps": 2,
                "tempo_seconds": 1,
                "cues": [evil, "Breathe"],
                "why": evil,
                "caution": evil,
            }
        ],
    }
    return tomli_w.dumps(plan)


def assert_safe(rendered: str, where: str = "") -> None:
    """No control character or bidi override in what reached the output."""
    found = FORBIDDEN.search(rendered)
    if found is not None:
        around = rendered[max(0, found.start() - 40) : found.start() + 40]
        raise AssertionError(f"{where}: {found[0]!r} reached the output: {around!r}")


def assert_shown_safely(rendered: str, evil: str, where: str = "", width: int = 24) -> None:
    assert_safe(rendered, where)
    expected = shown(evil, width)
    assert expected in rendered, f"{where}: {expected!r} not shown literally in {rendered[:2000]!r}"


_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def svg_text(svg: str) -> str:
    """The characters of a Textual SVG screenshot, line by line: what the terminal shows."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _SVG_TEXT.findall(svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    lines = ("".join(t for _, t in sorted(row)) for _, row in sorted(rows.items()))
    return "\n".join(line for line in lines if line.strip())
