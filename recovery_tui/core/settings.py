"""User settings: a frozen dataclass, a table describing each field, and a TOML file.

One table (`FIELDS`) drives validation, error messages and the settings screen, so the
three can never disagree about what a field allows. Loading never raises: a broken file
gives the defaults plus one message naming the file, the line and what is allowed, and
the file is left untouched. Saving refuses to overwrite a file that changed on disk or
that could not be loaded, so a user's hand edits are never lost.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import tomli_w

from recovery_tui.core.atomic import atomic_write
from recovery_tui.core.errors import UserError

Kind = Literal["int", "float", "bool", "choice", "date", "str"]
MAX_FILE_BYTES = 1_000_000
HEADER = "# recovery-tui settings. Each line is `key = value`; delete a line to use the default.\n"
SIDES = ("left", "right")
PACINGS = ("auto", "manual")
_BOM = b"\xef\xbb\xbf"
_BAD = object()  # "not a valid value"; None is a valid race_date
_BOOL_WORDS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


@dataclass(frozen=True)
class Settings:
    """What a user can change; `FIELDS` says what each field means and allows."""

    race_date: datetime.date | None = None
    default_plan: str = "full-circuit"
    sessions_per_day: int = 2
    start_side: str = "left"
    pacing: str = "auto"
    tempo_seconds: float = 3.0
    count_in_seconds: int = 5
    switch_seconds: int = 8
    rest_seconds: int = 20
    round_rest_seconds: int = 60
    bell: bool = True
    theme: str = "textual-dark"
    recovery_window_days: int = 14
    heel_check: bool = True


@dataclass(frozen=True)
class FieldSpec:
    """What one setting is and what it allows, in words a user reads in an error."""

    name: str
    kind: Kind
    default: object
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    help: str = ""

    def allowed(self) -> str:
        """Describe the allowed values, e.g. ``a whole number from 0 to 600``."""
        if self.kind == "int":
            return f"a whole number from {self.minimum:g} to {self.maximum:g}"
        if self.kind == "float":
            return f"a number from {self.minimum:g} to {self.maximum:g}"
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of: " + ", ".join(self.choices)
        if self.kind == "date":
            return "a date like 2026-11-02, or empty for none"
        return f'a non-empty name such as "{self.default}"'


def _spec(
    name: str,
    kind: Kind,
    help: str,
    low: float | None = None,
    high: float | None = None,
    choices: tuple[str, ...] = (),
) -> FieldSpec:
    """A FieldSpec whose default is read from Settings, so the two cannot drift apart."""
    return FieldSpec(name, kind, getattr(Settings(), name), low, high, choices, help)


FIELDS: tuple[FieldSpec, ...] = (
    _spec("race_date", "date", "Marathon day (day 0); the days after the race count from it."),
    _spec("default_plan", "str", "The plan chosen first on the start screen."),
    _spec("sessions_per_day", "int", "Sessions to aim for each day.", 1, 2),
    _spec("start_side", "choice", "Side per-side work starts on.", choices=SIDES),
    _spec("pacing", "choice", "auto paces reps to a tempo; manual counts keys.", choices=PACINGS),
    _spec("tempo_seconds", "float", "Seconds per rep when pacing is auto.", 1, 30),
    _spec("count_in_seconds", "int", "Get-ready countdown before each exercise.", 0, 60),
    _spec("switch_seconds", "int", "Pause for switching sides within an exercise.", 0, 120),
    _spec("rest_seconds", "int", "Rest between exercises, in seconds; 0 turns it off.", 0, 600),
    _spec("round_rest_seconds", "int", "Rest between rounds, in seconds; 0 turns it off.", 0, 1800),
    _spec("bell", "bool", "Ring the terminal bell when a phase ends."),
    _spec("theme", "str", "The Textual theme the app uses."),
    _spec("recovery_window_days", "int", "How many days after the race the plan is for.", 1, 60),
    _spec("heel_check", "bool", "Ask how close the heels come to the mat in down dog."),
)
FIELD_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


def validate_value(spec: FieldSpec, raw: object) -> object:
    """Return ``raw`` as the field's type, or raise ValueError saying what is allowed."""
    value = _coerce(spec, raw)
    if value is _BAD:
        raise ValueError(f"must be {spec.allowed()}, got {_show(raw)}")
    return value


def parse_field_text(spec: FieldSpec, text: str) -> object:
    """Parse what a user typed into a form input, raising ValueError with the allowed text."""
    typed = text.strip()
    value: object = typed
    if spec.kind == "int" and re.fullmatch(r"[+-]?\d{1,18}", typed):
        value = int(typed)
    elif spec.kind == "float" and re.fullmatch(r"[+-]?(\d{1,18}\.?\d{0,18}|\.\d{1,18})", typed):
        value = float(typed)
    elif spec.kind == "bool":
        value = _BOOL_WORDS.get(typed.lower(), typed)
    elif spec.kind == "choice":
        value = typed.lower()
    return validate_value(spec, value)


def _coerce(spec: FieldSpec, raw: object) -> object:
    """TOML types are strict here: a bool is never a number and a number never a bool."""
    if spec.kind == "bool":
        return raw if isinstance(raw, bool) else _BAD
    if spec.kind == "int":
        return raw if type(raw) is int and _in_range(spec, raw) else _BAD
    if spec.kind == "float":
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            return _BAD
        if isinstance(raw, int) and raw.bit_length() > 64:
            return _BAD  # float() of a huge int overflows
        value = float(raw)
        return value if math.isfinite(value) and _in_range(spec, value) else _BAD
    if spec.kind == "choice":
        return raw if isinstance(raw, str) and raw in spec.choices else _BAD
    if spec.kind == "date":
        return _coerce_date(raw)
    return raw if isinstance(raw, str) and raw.strip() and raw.isprintable() else _BAD


def _coerce_date(raw: object) -> object:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime.datetime):
        return _BAD  # a TOML date-time is a date subclass; a race day has no time
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        try:
            return datetime.date.fromisoformat(raw.strip())
        except ValueError:
            return _BAD
    return _BAD


def _in_range(spec: FieldSpec, value: float) -> bool:
    low_ok = spec.minimum is None or value >= spec.minimum
    return low_ok and (spec.maximum is None or value <= spec.maximum)


def _show(raw: object) -> str:
    """A short, safe rendering of a value for an error message."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int):
        return str(raw) if raw.bit_length() <= 128 else "a very large number"
    if isinstance(raw, str):
        text = json.dumps(raw, ensure_ascii=False)
        return text if len(text) <= 40 else text[:38] + '…"'
    if isinstance(raw, dict):
        return "a table"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, datetime.date | datetime.time):
        return raw.isoformat()
    return repr(raw) if isinstance(raw, float) else type(raw).__name__


@dataclass(frozen=True)
class Fingerprint:
    """What was read from disk, so a save can tell whether the file changed since."""

    size: int
    mtime_ns: int
    sha256: str


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
    digest = hashlib.sha256(data).hexdigest()
    return data, Fingerprint(info.st_size, info.st_mtime_ns, digest)


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
    return Fingerprint(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def _conflict_message(path: Path, expected: Fingerprint | None, current: Fingerprint | None) -> str:
    advice = "not overwriting it; reopen the settings to see the file as it is now, then save again"
    if expected is None:
        return f"{path} was created by someone else after the settings were read; {advice}"
    if current is None:
        return f"{path} was removed after the settings were read; {advice}"
    return f"{path} was changed on disk after the settings were read; {advice}"
