"""The one text-safety policy: text from files is data, never terminal control codes.

Plan files, settings, the session log and notes travel between people and machines, so
their text is untrusted. It is cleaned once, where it enters (the plan loader, the
settings loader, the record and note parsers, error messages that quote a file), with
`clean` or `clean_line`; everything that shows it renders it as plain text (`Text`,
`Content`, `markup=False`), never as markup. What is removed:

- C0 and C1 control characters and DEL (ESC starts every CSI/OSC sequence: OSC 52
  writes the clipboard, OSC 0 the window title, OSC 8 makes links; 8-bit CSI is U+009B);
- the bidi embeddings, overrides and isolates U+202A-202E and U+2066-2069, which make
  text read differently from what it is ("Trojan Source");
- lone surrogates, which cannot be written to a terminal at all.

Each becomes U+FFFD, so the reader sees that something was there. Ordinary Unicode
stays, zero-width joiners included (emoji need them); newlines stay where text may span
lines, and a tab becomes a space.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ANYTHING_TO_CHANGE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def clean(text: str, replacement: str = REPLACEMENT) -> str:
    """Text that may span lines, safe for a terminal: line breaks kept as ``\\n``."""
    if text.isprintable() or _ANYTHING_TO_CHANGE.search(text) is None:
        return text  # the common case, and cheap: summaries of a long log clean every name
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    return _UNSAFE.sub(replacement, text)


def clean_line(text: str) -> str:
    """One line of text (a name, an id, a title): line breaks become spaces."""
    if text.isprintable() or _ANYTHING_TO_CHANGE.search(text) is None:
        return text  # everything this removes is unprintable (Cc, Cf, Cs, Zl, Zp)
    text = _LINE_BREAKS.sub(" ", text).replace("\t", " ").replace("\n", " ")
    return _UNSAFE_IN_LINE.sub(REPLACEMENT, text)


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FORMULA_START = ("=", "+", "-", "@")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (CSV injection).

    Control characters are removed; a cell that starts with ``= + - @`` (after any
    spaces), or with a tab, CR or newline, gets a leading ``'``, as OWASP advises and
    spreadsheet-safe exporters do. A number such as ``-3`` or ``+2.5`` stays a number.
    """
    if text[:1] in ("\t", "\r", "\n"):
        return "'" + clean(text, replacement="")
    text = clean(text, replacement="")
    if text.lstrip().startswith(_FORMULA_START) and not _NUMBER.fullmatch(text.strip()):
        return "'" + text
    return text


def not_an_option(text: str) -> str:
    """Text passed to another program as an argument that its option parser cannot take
    for an option: an exercise named ``-w.bashrc`` must not make ``espeak`` write a file.
    A leading space is enough for getopt and argparse, and is silent when spoken."""
    return " " + text if text.startswith("-") else text


def shorten(text: str, limit: int = 80) -> str:
    """At most `limit` characters, with an ellipsis when cut (for text quoted in messages)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
