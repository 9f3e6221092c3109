"""settings.toml: loaded per key, saved with tomlkit so the user's file keeps its shape.

What each setting allows is `fields.FIELDS`, the one table behind validation, error
messages and the settings screen. Loading never raises and fails per key: each valid
setting is kept, each invalid one falls back to its own default, and every mistake (a
bad value, an unknown key such as the typo ``bel``) becomes a located `SettingProblem`.
A file that cannot be read as TOML at all gives the defaults and one `error`. The file
is never written by loading.

Saving edits the user's own file with tomlkit: only the keys that changed are touched,
so comments, order, blank lines and layout survive (people keep this file in their
dotfiles); a key not in the file yet is added at the end. It refuses to overwrite a
file that changed on disk or that could not be loaded, so hand edits are never lost.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recovery_tui.core.errors import ConfigError, UserError, decode_utf8, located, toml_syntax_error
from recovery_tui.core.safe_text import clean
from recovery_tui.core.settings.fields import (
    FIELD_BY_NAME,
    FIELDS,
    FieldSpec,
    Settings,
    validate_value,
)
from recovery_tui.core.toml_input import TomlLimitError, check_size, parse_toml, read_toml_file

__all__ = [
    "Fingerprint",
    "LoadedSettings",
    "SettingProblem",
    "SettingsConflict",
    "load_settings",
    "save_settings",
    "settings_to_toml",
]

HEADER = "# recovery-tui settings. Each line is `key = value`; delete a line to use the default.\n"
_BOM = b"\xef\xbb\xbf"
SYNTAX_HINT = "this is not valid TOML; each setting is a line like rest_seconds = 20"


@dataclass(frozen=True)
class Fingerprint:
    """What was read from disk, so a save can tell whether the file changed since.

    The bytes themselves, not a hash of them: a settings file is small, comparing them is
    exact, and loading needs no hashing module (the quick `status` check-in loads them).
    """

    size: int
    mtime_ns: int
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class SettingProblem:
    """One mistake in the file: the key it is about (None for none known) and the message.

    The message names the file and line, says what is allowed and what is used instead,
    so it can be shown as it is on stderr, in a notification or next to the field.
    """

    key: str
    message: str
    known: bool
    """True when `key` is a setting (its value is wrong), False for an unknown key."""

    def __post_init__(self) -> None:  # it quotes the file: cleaned by the text-safety policy
        object.__setattr__(self, "message", clean(self.message))


@dataclass
class LoadedSettings:
    settings: Settings
    error: str | None
    """Why the whole file could not be used (not TOML, unreadable); then all are defaults."""
    fingerprint: Fingerprint | None
    """None when the file did not exist (or could not be opened)."""
    problems: tuple[SettingProblem, ...] = ()
    """Keys that were wrong; every other setting in the file is in `settings`."""

    @property
    def messages(self) -> list[str]:
        """Every mistake, the file-wide one first, for stderr or one notification."""
        return ([self.error] if self.error else []) + [p.message for p in self.problems]

    def problem_for(self, key: str) -> str | None:
        """The message about a setting's value, for showing next to its field."""
        return next((p.message for p in self.problems if p.known and p.key == key), None)

    def __post_init__(self) -> None:
        if self.error is not None:  # it quotes the file: cleaned by the text-safety policy
            self.error = clean(self.error)


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
        parsed = _parse(path, data)
    except Exception as error:  # last resort: a settings file must never crash the app
        parsed = f"{path}: cannot be read ({type(error).__name__})"
    if isinstance(parsed, str):
        return LoadedSettings(Settings(), parsed, fingerprint)
    settings, problems = parsed
    return LoadedSettings(settings, None, fingerprint, problems)


def _read_file(path: Path) -> tuple[bytes, Fingerprint]:
    """Read a small regular file (FIFOs and devices refused: they may block)."""
    data, info = read_toml_file(path)
    return data, Fingerprint(info.st_size, info.st_mtime_ns, data)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


Checked = tuple[Settings, tuple[SettingProblem, ...]]


def _parse(path: Path, data: bytes) -> Checked | str:
    """The settings and per-key problems, or one message when the file is not usable TOML."""
    try:
        check_size(len(data), str(path))  # before decoding: the read stopped at the limit
    except TomlLimitError as error:
        return str(error)
    try:
        text = decode_utf8(data, path)
    except ConfigError as error:
        return str(error)
    try:
        document = parse_toml(text, str(path))  # size, nesting and dotted keys first
    except TomlLimitError as error:
        return str(error)
    except tomllib.TOMLDecodeError as error:
        place, problem = toml_syntax_error(str(error), path, text)
        return f"{place}: {problem}; {SYNTAX_HINT}"
    return _check(path, text, document)


def _check(path: Path, text: str, document: dict[str, object]) -> Checked:
    """Validate each key on its own: good ones are kept, every bad one is reported."""
    values: dict[str, object] = {}
    problems: list[SettingProblem] = []
    for key, raw in document.items():
        line = _key_line(text, key)
        where = located(path, line)
        shown = repr(key) if len(key) <= 60 else repr(key[:57] + "...")
        spec = FIELD_BY_NAME.get(key)
        if spec is None:
            problems.append(SettingProblem(key, f"{where}: {_unknown(shown, key)}", False))
            continue
        try:
            values[key] = validate_value(spec, raw)
        except ValueError as error:
            default = _default_text(spec)
            message = f"{where}: {shown} {error}; using the default, {default}"
            problems.append(SettingProblem(key, message, True))
    return Settings(**values), tuple(problems)  # type: ignore[arg-type]


def _unknown(shown: str, key: str) -> str:
    """``unknown setting 'bel', ignored; did you mean 'bell'?``, else the known names.

    A typo is the likely cause, so the closest known name is offered when there is one.
    """
    import difflib  # only a file with a mistake pays for it

    close = difflib.get_close_matches(key.lower(), FIELD_BY_NAME, n=1, cutoff=0.6)
    if close:
        return f"unknown setting {shown}, ignored; did you mean '{close[0]}'?"
    return f"unknown setting {shown}, ignored; the known settings are: " + ", ".join(FIELD_BY_NAME)


def _default_text(spec: FieldSpec) -> str:
    """A default as a user would write it: ``2``, ``true``, ``"left"``, or ``none``."""
    value = spec.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return f"{value:g}" if isinstance(value, float) else str(value)


def _key_line(text: str, key: str) -> int | None:
    """The line where a top-level ``key =`` (or ``[key]`` table) is written, if we can tell."""
    name = re.escape(key)
    pattern = rf"^[ \t]*(?:\[+[ \t]*)?(?:{name}|\"{name}\"|'{name}')[ \t]*[.=\]]"
    found = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def settings_to_toml(settings: Settings) -> str:
    """A new file: every setting with a comment saying what it does and allows.

    race_date is written only if set. An existing file is edited instead (`edited_toml`).
    """
    import tomlkit  # only saving writes TOML; loading, and so `status`, never pays for it

    parts = [HEADER]
    for spec in FIELDS:
        value = getattr(settings, spec.name)
        parts.append(f"\n# {spec.help} Allowed: {spec.allowed()}.\n")
        if value is None:
            parts.append(f"# {spec.name} = 2026-11-02\n")  # only race_date may be unset
        else:
            parts.append(tomlkit.dumps({spec.name: value}))
    return "".join(parts)


def changed_keys(before: Settings, after: Settings) -> list[str]:
    """The settings whose values differ, in the table's order."""
    return [s.name for s in FIELDS if getattr(before, s.name) != getattr(after, s.name)]


def edited_toml(data: bytes, settings: Settings, keys: Collection[str]) -> bytes:
    """The user's file with only `keys` set to their values in `settings`.

    Every other byte stays: comments (a key's own trailing comment too), order, blank
    lines, quoting. A key not in the file yet is added after its last top-level key. An
    unset race_date in the file becomes ``race_date = ""`` (none), keeping its line.
    Raises UserError when tomlkit cannot read what tomllib could.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    bom, body = (_BOM, data[len(_BOM) :]) if data.startswith(_BOM) else (b"", data)
    text = body.decode("utf-8")
    try:
        document = tomlkit.parse(text)
        for key in (spec.name for spec in FIELDS if spec.name in keys):
            _set_key(document, key, getattr(settings, key))
        result = tomlkit.dumps(document)
    except (TOMLKitError, ValueError, RecursionError) as error:
        raise UserError(f"cannot edit the file safely ({error}); nothing was changed") from None
    if "\r\n" in text:
        result = re.sub(r"(?<!\r)\n", "\r\n", result)  # lines we added match the file's
    return bom + result.encode("utf-8")


def _set_key(document: Any, key: str, value: object) -> None:
    if value is None:
        if key in document:
            document[key] = ""
        return
    document[key] = value


def save_settings(
    path: Path,
    settings: Settings,
    *,
    expected: Fingerprint | None,
    had_error: bool = False,
    also: Collection[str] = (),
) -> Fingerprint:
    """Write the settings that changed (and `also` these keys), keeping the user's file.

    What changed is decided against the file as it was read: the keys whose values
    differ from what loading it gives. Atomic, and refused when the file changed on disk
    since `expected` was read or could not be loaded at all, so no edit is ever lost.
    """
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
    data = _new_contents(path, current, settings, also)
    try:
        atomic_write(path, data)
        info = os.stat(path)
    except OSError as error:
        raise UserError(f"{path}: could not save the settings ({_reason(error)})") from None
    return Fingerprint(info.st_size, info.st_mtime_ns, data)


def _new_contents(
    path: Path, current: Fingerprint | None, settings: Settings, also: Collection[str]
) -> bytes:
    if current is None:
        return settings_to_toml(settings).encode("utf-8")
    parsed = _parse(path, current.data)
    if isinstance(parsed, str):
        raise UserError(f"{parsed}; fix or remove it before saving from the app")
    keys = {*changed_keys(parsed[0], settings), *also}
    try:
        return edited_toml(current.data, settings, keys)
    except UserError as error:
        raise UserError(f"{path}: {error}") from None


def _conflict_message(path: Path, expected: Fingerprint | None, current: Fingerprint | None) -> str:
    advice = "not overwriting it; reopen the settings to see the file as it is now, then save again"
    if expected is None:
        return f"{path} was created by someone else after the settings were read; {advice}"
    if current is None:
        return f"{path} was removed after the settings were read; {advice}"
    return f"{path} was changed on disk after the settings were read; {advice}"
