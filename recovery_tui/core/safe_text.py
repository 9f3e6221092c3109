"""Untrusted text (plan files, notes) made safe to put on a terminal."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Replace control characters (ESC, BEL, CSI...) with a visible placeholder.

    Markup is not a concern here: callers put the result into `rich.text.Text`, which
    shows `[bold]` literally. Escapes are, because they would reach the terminal.
    """
    text = _CONTROL.sub("\ufffd", text)
    return "".join(
        "\ufffd" if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\n" else ch for ch in text
    )
