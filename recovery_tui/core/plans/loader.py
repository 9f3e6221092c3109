"""Plan files (TOML) to `Plan` objects, with errors that point at the line to fix.

The built-in plans are TOML files in the same format a user writes, so the app
reads its own plans exactly the way it reads theirs. See docs/plan-format.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from recovery_tui.core import doses
from recovery_tui.core.doses import DoseKind
from recovery_tui.core.doses.reps import REPS_RULE as REPS_WORDS
from recovery_tui.core.errors import ConfigError, decode_utf8, located, toml_syntax_error
from recovery_tui.core.plans.model import Dose, Exercise, Plan
from recovery_tui.core.safe_text import clean, clean_line
from recovery_tui.core.toml_input import check_size, parse_toml, read_toml_file

PLAN_KEYS = ("name", "id", "description", "rounds", "source", "exercise")
COMMON_KEYS = ("name", "dose", "tempo_seconds", "cues", "why", "caution")
ID_RULE = "lowercase letters, digits and dashes, starting with a letter or digit"
REPS_RULE = "must be " + REPS_WORDS

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_RANGE = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")
_EXERCISE_HEADER = re.compile(r"\s*\[\[\s*exercise\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"\s*\[\[?[\w\s.\"'-]+\]\]?\s*(#.*)?$")


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a value sits: the file, its text (to find key lines) and the exercise."""

    source: str
    lines: tuple[str, ...]
    exercise: int = 0
    """1-based index of the [[exercise]] table, or 0 for the top level."""
    label: str = ""

    def error(
        self, problem: str, key: str | None = None, *, locate: str | None = None
    ) -> ConfigError:
        """A ConfigError reading ``file: line N: exercise 3 (Name): 'key': problem``."""
        line = _find_line(self.lines, locate or key, self.exercise)
        parts = [located(self.source, line)]
        if self.exercise:
            parts.append(f"exercise {self.exercise}" + (f" ({self.label})" if self.label else ""))
        if key:
            parts.append(f"'{key}'")
        return ConfigError(": ".join(parts + [problem]))


def _find_line(lines: tuple[str, ...], key: str | None, exercise: int) -> int | None:
    """The line setting ``key`` (or a top-level ``[key]`` table), else the exercise header."""
    count, current = 0, 0
    key_re = re.compile(rf"\s*(?:\[\[?\s*)?\"?{re.escape(key)}\"?\s*[=.\]]") if key else None
    for number, line in enumerate(lines, start=1):
        header = _TABLE_HEADER.match(line)
        if key_re and key_re.match(line) and (current == exercise or (header and not exercise)):
            return number
        if _EXERCISE_HEADER.match(line):
            count += 1
            current = count
            if key_re is None and current == exercise:
                return number
        elif header:
            current = -1
    return _find_line(lines, None, exercise) if key_re and exercise else None


def _show(value: Any) -> str:
    """A value as the user would have written it in TOML, for error messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value[:40]}..."' if len(value) > 40 else f'"{value}"'
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return "a list"
    return "a table" if isinstance(value, dict) else f"a {type(value).__name__}"


def _got(value: Any) -> str:
    return "it is missing" if value is None else f"got {_show(value)}"


def _text(where: _Where, table: dict[str, Any], key: str, *, required: bool = False) -> str:
    """Text from the file, cleaned here where it enters (names on one line)."""
    value = table.get(key)
    if value is None and not required:
        return ""
    if isinstance(value, str) and (value.strip() or not required):
        return (clean_line if key == "name" else clean)(value.strip())
    rule = "non-empty text" if required else "text"
    raise where.error(f'must be {rule} in quotes, like {key} = "...", {_got(value)}', key)


def _whole(where: _Where, table: dict[str, Any], key: str, low: int, high: int) -> int:
    value = table.get(key)
    if type(value) is int and low <= value <= high:
        return value
    raise where.error(f"must be a whole number {low}-{high}, {_got(value)}", key)


def _number(where: _Where, table: dict[str, Any], key: str, low: float, high: float) -> float:
    value = table.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
        return float(value)
    raise where.error(f"must be a number of seconds {low:g}-{high:g}, {_got(value)}", key)


def _reps(where: _Where, table: dict[str, Any], key: str = "reps") -> tuple[int, int]:
    """Reps as (low, high): a whole number, or a "LOW-HIGH" range with LOW <= HIGH."""
    value = table.get(key)
    if type(value) is int:
        low = high = value
    elif isinstance(value, str) and (match := _RANGE.fullmatch(value)):
        low = int(match[1])
        high = int(match[2] or match[1])
    else:
        raise where.error(f"{REPS_RULE}, {_got(value)}", key)
    if not 1 <= low <= high <= 500:
        raise where.error(f"{REPS_RULE} with the smaller number first, got {_show(value)}", key)
    return low, high


def _choice(where: _Where, table: dict[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = table.get(key)
    if isinstance(value, str) and value in choices:
        return value
    allowed = " or ".join(f'"{choice}"' for choice in choices)
    raise where.error(f"must be {allowed}, {_got(value)}", key)


def _check_keys(where: _Where, raw: dict[str, Any], kind: DoseKind) -> None:
    """Reject unknown keys and keys that belong to another dose kind."""
    allowed = COMMON_KEYS + kind.keys
    for key in raw:
        if key in allowed:
            continue
        owners = [f'"{other.name}"' for other in doses.kinds() if key in other.keys]
        problem = (
            f"'{key}' does not apply to dose \"{kind.name}\" (only to {' and '.join(owners)})"
            if owners
            else f"unknown key '{key}'"
        )
        raise where.error(f"{problem}; allowed here: {', '.join(allowed)}", locate=key)


@dataclass(frozen=True, slots=True)
class _DoseKeys:
    """One exercise table's dose keys, read for its kind (`doses.KeyReader`)."""

    where: _Where
    raw: dict[str, Any]

    def has(self, key: str) -> bool:
        return key in self.raw

    def reps(self, key: str = "reps") -> tuple[int, int]:
        return _reps(self.where, self.raw, key)

    def whole(self, key: str, low: int, high: int) -> int:
        return _whole(self.where, self.raw, key, low, high)

    def seconds(self, key: str, low: float, high: float) -> float:
        return _number(self.where, self.raw, key, low, high)

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        return _choice(self.where, self.raw, key, choices)


def _dose(where: _Where, raw: dict[str, Any], kind: DoseKind) -> Dose:
    """Its kind's required keys first (named with their rule), then the kind reads them."""
    for key in kind.keys:
        if key in kind.required and key not in raw:
            raise where.error(f'is missing; dose "{kind.name}" needs it: {kind.required[key]}', key)
    return kind.parse(_DoseKeys(where, raw))


def _cues(where: _Where, raw: dict[str, Any]) -> tuple[str, ...]:
    value = raw.get("cues", [])
    if not isinstance(value, list) or not all(isinstance(cue, str) for cue in value):
        raise where.error(
            f'must be a list of texts, like ["Knees soft", "Breathe"], got {_show(value)}', "cues"
        )
    return tuple(clean(cue.strip()) for cue in value)


def _kind(where: _Where, raw: dict[str, Any]) -> DoseKind:
    """The registered kind the table's `dose` names."""
    kind = doses.kind_named(_choice(where, raw, "dose", doses.kind_names()))
    assert kind is not None  # _choice allowed only the registered names
    return kind


def _exercise(where: _Where, index: int, raw: Any) -> Exercise:
    name = raw.get("name") if isinstance(raw, dict) else None
    label = clean_line(name.strip()) if isinstance(name, str) else ""
    where = _Where(where.source, where.lines, index, label)
    if not isinstance(raw, dict):
        raise where.error(f"must be an [[exercise]] table, got {_show(raw)}")
    kind = _kind(where, raw)
    _check_keys(where, raw, kind)
    tempo = _number(where, raw, "tempo_seconds", 0.5, 60) if "tempo_seconds" in raw else None
    return Exercise(
        name=_text(where, raw, "name", required=True),
        dose=_dose(where, raw, kind),
        cues=_cues(where, raw),
        why=_text(where, raw, "why"),
        caution=_text(where, raw, "caution"),
        tempo_seconds=tempo,
    )


def _exercises(where: _Where, data: dict[str, Any]) -> tuple[Exercise, ...]:
    raw = data.get("exercise")
    if isinstance(raw, dict):
        raise where.error("write each exercise as an [[exercise]] table (two brackets)", "exercise")
    if not isinstance(raw, list) or not raw:
        raise where.error("a plan needs at least one [[exercise]] table with a name and a dose")
    return tuple(_exercise(where, i, item) for i, item in enumerate(raw, start=1))


def _plan_id(where: _Where, data: dict[str, Any], default_id: str) -> str:
    if "id" not in data:
        if _ID.fullmatch(default_id):
            return default_id
        slug = re.sub(r"[^a-z0-9]+", "-", default_id.lower()).strip("-") or "my-plan"
        raise where.error(
            f'the file name "{default_id}" is not a valid plan id; rename the file '
            f'or add id = "{slug}" ({ID_RULE})'
        )
    value = data["id"]
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise where.error(f"must be {ID_RULE}, got {_show(value)}", "id")
    return value


def _syntax_error(error: tomllib.TOMLDecodeError, where: _Where) -> ConfigError:
    """tomllib's complaint, located the house way, with a hint for the commonest two."""
    place, problem = toml_syntax_error(str(error), where.source, "\n".join(where.lines))
    if problem.startswith("invalid value"):
        problem += ' (text needs quotes, like dose = "reps"; numbers and true/false do not)'
    elif problem.startswith("cannot overwrite"):
        problem += " (a key or table is set twice)"
    return ConfigError(f"{place}: {problem}")


def parse_plan(text: str, *, source_name: str, default_id: str, builtin: bool = False) -> Plan:
    """Parse one plan file's text; every mistake raises ConfigError with its location.

    Limits come first (`toml_input`): a file too large, deep or dotted is refused before
    tomllib reads it, and before its lines are split for error messages.
    """
    try:
        data = parse_toml(text, source_name)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, _Where(source_name, tuple(text.splitlines()))) from None
    where = _Where(source_name, tuple(text.splitlines()))
    for key in data:
        if key not in PLAN_KEYS:
            raise where.error(f"unknown key '{key}'; allowed: {', '.join(PLAN_KEYS)}", locate=key)
    return Plan(
        id=_plan_id(where, data, default_id),
        name=_text(where, data, "name", required=True),
        exercises=_exercises(where, data),
        rounds=_whole(where, data, "rounds", 1, 10) if "rounds" in data else 1,
        description=_text(where, data, "description"),
        source=_text(where, data, "source"),
        builtin=builtin,
    )


def load_plan_file(path: Path, *, builtin: bool = False) -> Plan:
    """Read and parse one plan file; errors name the file as given."""
    try:
        data, _info = read_toml_file(path)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the plan file: {error.strerror or error}") from None
    check_size(len(data), str(path))  # before decoding: the read stopped at the limit
    text = decode_utf8(data, path)
    plan = parse_plan(text, source_name=str(path), default_id=path.stem, builtin=builtin)
    return replace(plan, path=str(path))
