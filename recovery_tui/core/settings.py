"""User settings: a frozen dataclass, a table describing each field, and a TOML file.

One table (`FIELDS`) drives validation, error messages and the settings screen, so the
three can never disagree about what a field allows. Loading never raises: a broken file
gives the defaults plus one message naming the file, the line and what is allowed, and
the file is left untouched. Saving refuses to overwrite a file that changed on disk or
that could not be loaded, so a user's hand edits are never lost.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from recovery_tui.core.errors import UserError
from recovery_tui.core.settings_fields import (
    FIELD_BY_NAME,
    FIELDS,
    PACINGS,
    SIDES,
    FieldSpec,
    Settings,
    parse_field_text,
    validate_value,
)

__all__ = [
    "FIELDS",
    "FIELD_BY_NAME",
    "PACINGS",
    "SIDES",
    "FieldSpec",
    "Fingerprint",
    "LoadedSettings",
    "Settings",
    "SettingsConflict",
    "load_settings",
    "parse_field_text",
    "save_settings",
    "settings_to_toml",
    "validate_value",
]

MAX_FILE_BYTES = 1_000_000
HEADER = "# recovery-tui settings. Each line is `key = value`; delete a line to use the default.\n"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Fingerprint:
    """What was read from disk, so a save can tell whether the file changed since.

    The bytes themselves, not a hash of them: a settings file is small, comparing them is
    exact, and loading needs no hashing module (the quick `status` check-in loads them).
    """

    size: int
    mtime_ns: int
    data: bytes = field(repr=False)


@dataclass
class LoadedSettings:
    settings: Settings
    error: str | None
    fingerprint: Fingerprint | None
    """None when the file did not exist (or could not be opened)."""


class SettingsConflict(UserError):
    """The settings file changed on disk after it was read; saving would lose those edits."""


def load_settings(path: Path) -> LoadedSettings:
    """Read settings; never raises and never writes. Problems become ``error``."""
    try:
        data, fingerprint = _read_file(path)
    except FileNotFoundError:
        return LoadedSettings(Settings(), None, None)
    except OSError as error:
        message = f"{path}: cannot read the settings file ({_reason(error)})"
        return LoadedSettings(Settings(), message, None)
    try:
        settings, message_or_none = _parse(path, data)
    except Exception as error:  # last resort: a settings file must never crash the app
        settings, message_or_none = Settings(), f"{path}: cannot be read ({type(error).__name__})"
    return LoadedSettings(settings, message_or_none, fingerprint)


def _read_file(path: Path) -> tuple[bytes, Fingerprint]:
    """Read at most a little over MAX_FILE_BYTES; refuse FIFOs and devices (they may block)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        data = file.read(MAX_FILE_BYTES + 1)
    return data, Fingerprint(info.st_size, info.st_mtime_ns, data)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _parse(path: Path, data: bytes) -> tuple[Settings, str | None]:
    if len(data) > MAX_FILE_BYTES:
        return Settings(), f"{path}: is too large for a settings file (over 1 MB)"
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        return Settings(), f"{path}, line {line}, column {column}: not UTF-8 text; save as UTF-8"
    try:
        document = tomllib.loads(text)
    except (ValueError, RecursionError) as error:  # TOMLDecodeError, a huge integer, nesting
        detail = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        return Settings(), _syntax_message(path, detail)
    return _check(path, text, document)


def _syntax_message(path: Path, detail: str) -> str:
    """Turn tomllib's "... (at line X, column Y)" into our "file, line X, column Y: ..."."""
    hint = "this is not valid TOML; each setting is a line like rest_seconds = 20"
    end = r" \(at (?:line (\d+), column (\d+)|end of document)\)"
    found = re.fullmatch(rf"(.*?){end}", detail, re.DOTALL)
    if not found:
        return f"{path}: {detail}; {hint}"
    what, line, column = found.groups()
    where = f"line {line}, column {column}" if line else "at the end of the file"
    return f"{path}, {where}: {what}; {hint}"


def _check(path: Path, text: str, document: dict[str, object]) -> tuple[Settings, str | None]:
    """Validate each key; the first problem wins so the user gets one clear message."""
    values: dict[str, object] = {}
    for key, raw in document.items():
        line = _key_line(text, key)
        where = f"{path}, line {line}" if line else str(path)
        shown = repr(key) if len(key) <= 60 else repr(key[:57] + "...")
        spec = FIELD_BY_NAME.get(key)
        if spec is None:
            known = ", ".join(FIELD_BY_NAME)
            return Settings(), f"{where}: unknown setting {shown}; the known settings are: {known}"
        try:
            values[key] = validate_value(spec, raw)
        except ValueError as error:
            return Settings(), f"{where}: {shown} {error}"
    return Settings(**values), None  # type: ignore[arg-type]


def _key_line(text: str, key: str) -> int | None:
    """The line where a top-level ``key =`` (or ``[key]`` table) is written, if we can tell."""
    name = re.escape(key)
    pattern = rf"^[ \t]*(?:\[+[ \t]*)?(?:{name}|\"{name}\"|'{name}')[ \t]*[.=\]]"
    found = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def settings_to_toml(settings: Settings) -> str:
    """Every setting with a comment saying what it does and allows; race_date only if set."""
    import tomli_w  # only saving writes TOML; loading, and so `status`, never pays for it

    parts = [HEADER]
    for spec in FIELDS:
        value = getattr(settings, spec.name)
        parts.append(f"\n# {spec.help} Allowed: {spec.allowed()}.\n")
        if value is None:
            parts.append(f"# {spec.name} = 2026-11-02\n")  # only race_date may be unset
        else:
            parts.append(tomli_w.dumps({spec.name: value}))
    return "".join(parts)


def save_settings(
    path: Path, settings: Settings, *, expected: Fingerprint | None, had_error: bool = False
) -> Fingerprint:
    """Write settings atomically, unless that would overwrite edits the app has not seen."""
    from recovery_tui.core.atomic import atomic_write

    if had_error:
        raise UserError(
            f"{path} was not loaded because of an error; "
            "fix or remove it before saving from the app"
        )
    try:
        current = _read_file(path)[1]
    except FileNotFoundError:
        current = None
    except OSError as error:
        raise UserError(f"{path}: cannot check the file before saving ({_reason(error)})") from None
    if current != expected:
        raise SettingsConflict(_conflict_message(path, expected, current))
    data = settings_to_toml(settings).encode("utf-8")
    try:
        atomic_write(path, data)
        info = os.stat(path)
    except OSError as error:
        raise UserError(f"{path}: could not save the settings ({_reason(error)})") from None
    return Fingerprint(info.st_size, info.st_mtime_ns, data)


def _conflict_message(path: Path, expected: Fingerprint | None, current: Fingerprint | None) -> str:
    advice = "not overwriting it; reopen the settings to see the file as it is now, then save again"
    if expected is None:
        return f"{path} was created by someone else after the settings were read; {advice}"
    if current is None:
        return f"{path} was removed after the settings were read; {advice}"
    return f"{path} was changed on disk after the settings were read; {advice}"
