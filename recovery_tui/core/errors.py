"""Errors meant for people: each names the file, the place, and what is allowed."""

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
