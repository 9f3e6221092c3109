"""TOML from files we do not control (plans, settings): limits checked before parsing.

tomllib recurses once per nested array or inline table, so 5,000 nested ``[`` raise
RecursionError; a dotted key of n parts costs it about n² steps, so one 400 KB table
header takes minutes; a 5,000-digit integer raises a bare ValueError. A plan or a
settings file needs none of that. `parse_toml` first reads the text once with a cheap
scanner (one regular expression for strings, comments and punctuation, a few counters)
and refuses a file over `MAX_BYTES`, nested deeper than `MAX_NESTING`, with a key of
more than `MAX_KEY_PARTS` dotted parts or a number of more than `MAX_DIGITS` digits,
naming the file, the line and what is allowed. Only then does tomllib see it; whatever
it still raises is either its own located `TOMLDecodeError` or a `TomlLimitError`.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from .errors import ConfigError, located

MAX_BYTES = 64 * 1024
"""Twenty times the largest built-in plan; a settings file is about 2 KB."""
MAX_NESTING = 8
"""Lists and inline tables inside each other; a plan uses 1 (its list of cues)."""
MAX_KEY_PARTS = 8
"""Parts of a dotted key or table name, like the 2 of ``[a.b]``."""
MAX_DIGITS = 1000
"""Digits in a row outside quotes, well under the 4,300 Python converts to an int."""

_TOKEN = re.compile(
    # Strings first (what is in them is not structure); an unterminated one runs to the
    # end of its line or of the file, as far as tomllib would read before refusing it.
    r'"""(?:\\[\s\S]|[^\\])*?(?:"""(?!")|\Z)'
    r'|"(?:\\.|[^"\\\n])*(?:"|$)'
    r"|'''[\s\S]*?(?:'''(?!')|\Z)"
    r"|'[^'\n]*(?:'|$)"
    r"|#[^\n]*"
    rf"|(?<![0-9_])[0-9_]{{{MAX_DIGITS + 1},}}"  # a run of digits too long for any number
    r"|[\[\]{}=,.\n]",  # the punctuation that shapes a document
    re.MULTILINE,
)


class TomlLimitError(ConfigError):
    """A TOML file refused before (or instead of) parsing: too large, deep or long.

    The parts are kept so each loader can word the place its own way; ``str()`` reads
    ``file: line N, column M: problem``, as plan errors do.
    """

    def __init__(
        self, source: str, problem: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.source, self.problem, self.line, self.column = source, problem, line, column
        super().__init__(f"{located(source, line, column)}: {problem}")


def read_toml_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a small regular file, read without blocking and never far past the limit.

    A FIFO or device in place of the file could block or never end: refused as
    ``OSError``, like a missing file. At most `MAX_BYTES` + 1 bytes are read, so
    `check_size` on the result tells a file that is too large.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        data = file.read(MAX_BYTES + 1)
    return data, info


def check_size(size: int, source: str) -> None:
    """Refuse a file of `size` bytes (or characters) over `MAX_BYTES`."""
    if size > MAX_BYTES:
        limit = MAX_BYTES // 1024
        problem = f"the file is larger than {limit} KB, the most a plan or settings file may be"
        raise TomlLimitError(source, problem)


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """Parse text that passed `check_limits`; raises TOMLDecodeError or TomlLimitError."""
    check_limits(text, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except (ValueError, RecursionError) as error:  # not expected within the limits
        raise TomlLimitError(source, f"cannot be read as TOML ({error})") from None


def check_limits(text: str, source: str) -> None:
    """Refuse text too large, too deeply nested or too long in a key, before parsing it."""
    check_size(len(text), source)  # a character is at least a byte: cheap, before encoding
    check_size(len(text.encode("utf-8", "surrogatepass")), source)
    _Shape(text, source).scan()


class _Shape:
    """One pass over the tokens: nesting of [ ] and { }, and the parts of each key."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.stack: list[str] = []
        """Open brackets: "[" a list, "{" an inline table, "h" a [table] header."""
        self.reading_key = True
        self.parts = 1

    def scan(self) -> None:
        for match in _TOKEN.finditer(self.text):
            token = match.group()
            if token[0] in "\"'#":
                continue
            if token[0] in "0123456789_":
                self._refuse(
                    match.start(),
                    f"more than {MAX_DIGITS} digits in a row; no number may be that long",
                )
            self._punctuation(token, match.start())

    def _punctuation(self, token: str, at: int) -> None:
        stack = self.stack
        if token == "\n":
            if not stack or stack[-1] == "h":  # a statement (or a broken header) ends
                stack.clear()
                self._start_key()
        elif token == ".":
            if self.reading_key or (stack and stack[-1] == "h"):
                self.parts += 1
                if self.parts > MAX_KEY_PARTS:
                    self._refuse(
                        at,
                        (
                            f"a key or table name of more than {MAX_KEY_PARTS} dotted parts; "
                            f"at most {MAX_KEY_PARTS} are allowed, like [a.b] has 2"
                        ),
                    )
        elif token == "=":
            self.reading_key = False
        elif token == ",":
            if stack and stack[-1] == "{":
                self._start_key()
        elif token in "[{":
            self._open(token, at)
        else:  # "]" or "}"
            if stack:
                stack.pop()
            self.reading_key = False

    def _open(self, token: str, at: int) -> None:
        header = token == "[" and self.reading_key and all(s == "h" for s in self.stack)
        if header and len(self.stack) < 2:
            self.stack.append("h")  # [table] or [[array of tables]]
            return
        self.stack.append(token)
        if sum(s != "h" for s in self.stack) > MAX_NESTING:
            self._refuse(
                at,
                (
                    f"lists and tables nested more than {MAX_NESTING} deep; "
                    f"at most {MAX_NESTING} levels are allowed"
                ),
            )
        if token == "{":
            self._start_key()

    def _start_key(self) -> None:
        self.reading_key = True
        self.parts = 1

    def _refuse(self, at: int, problem: str) -> None:
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        raise TomlLimitError(self.source, problem, line, column)
