"""The settings and what each one allows: one table drives validation, messages and forms.

`FIELDS` is shared by the file loader, its error messages and the settings screen, so
the three can never disagree about what a field allows.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["int", "float", "bool", "choice", "date", "str", "command"]
SIDES = ("left", "right")
PACINGS = ("auto", "manual")
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
    resume_count_in_seconds: int = 3
    fatigue_cap_seconds: int = 0
    soreness_check: bool = True
    voice: str = "auto"
    notify: bool = True


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
            return "a date like 2026-11-02, in 1970-2099, or empty for none"
        if self.kind == "command":
            return 'off, auto, or a command line that takes the words last, like "espeak-ng -s 150"'
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
    _spec(
        "sessions_per_day",
        "int",
        "Sessions to aim for each day; the source says 2-3 for lasting relief.",
        1,
        3,
    ),
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
    _spec(
        "resume_count_in_seconds",
        "int",
        "Get-ready countdown after a pause, so a rep never resumes half done.",
        0,
        10,
    ),
    _spec(
        "fatigue_cap_seconds",
        "int",
        "End each set to fatigue by itself after this many seconds; 0 turns it off.",
        0,
        600,
    ),
    _spec("soreness_check", "bool", "Ask how sore the quads are before the quad pump."),
    _spec("voice", "command", "Speak the cues: off, auto (a local speech program), or a command."),
    _spec("notify", "bool", "A desktop notification at the big changes while the app is hidden."),
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
    if spec.kind == "command":
        return _coerce_command(raw)
    return raw if isinstance(raw, str) and raw.strip() and raw.isprintable() else _BAD


def _coerce_date(raw: object) -> object:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime.datetime):
        return _BAD  # a TOML date-time is a date subclass; a race day has no time
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        try:
            raw = datetime.date.fromisoformat(raw.strip())
        except ValueError:
            return _BAD
    if isinstance(raw, datetime.date) and EARLIEST_DATE <= raw <= LATEST_DATE:
        return raw  # a race day outside these years would overflow the day arithmetic
    return _BAD


def _coerce_command(raw: object) -> object:
    """off, auto, or a command line a shell could split (it is never given to a shell)."""
    from ..session.voice import VoiceSettingError, parse_voice

    if not isinstance(raw, str) or not raw.isprintable():
        return _BAD
    try:
        parse_voice(raw)
    except VoiceSettingError:
        return _BAD
    return raw.strip()


EARLIEST_DATE = datetime.date(1970, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)


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
