"""Errors meant for people: each names the file, the place, and what is allowed.

Every message that points into a file writes the place one way, ``file: line N, column
M: problem`` (`located`), whether the file is a plan or the settings.
"""

from __future__ import annotations

import re

from recovery_tui.core.safe_text import clean


class UserError(Exception):
    """A mistake the user can fix; the CLI prints ``str(error)`` and exits non-zero.

    The message often quotes a file (its name, a value, a line), so it is cleaned here,
    once, by the text-safety policy: every screen and stderr can show it as it is.
    """

    def __init__(self, message: str) -> None:
        super().__init__(clean(message))


class ConfigError(UserError):
    """A settings or plan file that cannot be used as written."""


def located(source: object, line: int | None = None, column: int | None = None) -> str:
    """``file: line N, column M``, the prefix of a message about a place in a file."""
    if line is None:
        return str(source)
    return f"{source}: line {line}" + (f", column {column}" if column is not None else "")


def decode_utf8(data: bytes, source: object) -> str:
    """A TOML file's text, tolerating a byte-order mark; else the place of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        where = located(source, line, column)
        raise ConfigError(f"{where}: not UTF-8 text; save the file as UTF-8") from None


_TOML_PLACE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def toml_syntax_error(detail: str, source: object, text: str) -> tuple[str, str]:
    """tomllib's "Problem (at line X, column Y)" as (``file: line X, column Y``, problem).

    The end of the document becomes the file's last line, so every message has a line.
    """
    found = _TOML_PLACE.search(detail)
    problem = detail[: found.start()] if found else detail
    problem = problem[:1].lower() + problem[1:]
    if found is None:
        return str(source), problem
    if found[1]:
        return located(source, int(found[1]), int(found[2])), problem
    last = max(len(text.splitlines()), 1)
    return located(source, last), f"{problem} (at the end of the file)"
