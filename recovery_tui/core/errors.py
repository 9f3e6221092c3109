"""Errors meant for people: each names the file, the place, and what is allowed."""


class UserError(Exception):
    """A mistake the user can fix; the CLI prints ``str(error)`` and exits non-zero."""


class ConfigError(UserError):
    """A settings or plan file that cannot be used as written."""
