"""Settings: located errors for broken files, strict types, what each field allows."""

from __future__ import annotations

import dataclasses
import datetime
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_tui.core.settings.fields import (
    FIELD_BY_NAME,
    FIELDS,
    Settings,
    parse_field_text,
    validate_value,
)
from recovery_tui.core.settings.file import load_settings


def allowed(name: str) -> str:
    return FIELD_BY_NAME[name].allowed()


SYNTAX_HINT = "this is not valid TOML; each setting is a line like rest_seconds = 20"
HUGE = str(10**100).encode()


def unknown(key: str, guess: str = "") -> str:
    if guess:
        return f"unknown setting '{key}', ignored; did you mean '{guess}'?"
    return f"unknown setting '{key}', ignored; the known settings are: {', '.join(FIELD_BY_NAME)}"


# Files that cannot be used at all: (id, file bytes, where the message says, what it says)
BROKEN: list[tuple[str, bytes, str, str]] = [
    ("missing value", b"rest_seconds =\n", "line 1, column 15", SYNTAX_HINT),
    ("missing equals", b"bell = true\n\nrest_seconds 20\n", "line 3, column 14", SYNTAX_HINT),
    ("unfinished list", b"bell = [true,\n", "line 1", "(at the end of the file)"),
    ("random binary", bytes(range(256)) * 4, "line 2, column 118", "not UTF-8 text"),
    ("bad utf-8 line 2", b'bell = true\ntheme = "\xff"\n', "line 2, column 10", "not UTF-8 text"),
    ("nul byte", b"bell = true\x00\n", "line 1, column 12", SYNTAX_HINT),
    ("lone carriage return", b"bell = true\rrest_seconds = 1\r", "line 1, column 12", SYNTAX_HINT),
    (
        "deep lists",
        b"rest_seconds = " + b"[" * 5000 + b"]" * 5000,
        "line 1, column 24",
        "nested more than 8 deep; at most 8 levels are allowed",
    ),
    (
        "deep inline tables",
        b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000,
        "line 1, column 45",
        "nested more than 8 deep",
    ),
    ("too large", b"# padding\n" * 120_000, "", "larger than 64 KB, the most a plan or settings"),
    (
        "merge conflict",
        b"<<<<<<< HEAD\nbell = true\n=======\nbell = false\n",
        "line 1, column 1",
        SYNTAX_HINT,
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "what"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_a_broken_file_gives_defaults_and_one_located_message(
    tmp_path: Path, content: bytes, where: str, what: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    before = os.stat(path)

    loaded = load_settings(path)

    assert loaded.settings == Settings()
    assert loaded.error is not None and loaded.problems == ()
    assert loaded.error.startswith(f"{path}: {where}: " if where else f"{path}: ")
    assert what in loaded.error
    assert path.read_bytes() == content
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert loaded.fingerprint is not None  # what was read, even though it was rejected


GOOD_LINES = b'race_date = 2026-11-02\ntheme = "nord"\n'
"""Two good settings put in front of every row below; they must survive its mistakes."""
KEPT = {"race_date": datetime.date(2026, 11, 2), "theme": "nord"}


def must(key: str, got: str) -> str:
    """A wrong-value message's tail, built from the field table itself."""
    spec = FIELD_BY_NAME[key]
    return f"'{key}' must be {spec.allowed()}, got {got}; using the default"


# One or two bad keys after GOOD_LINES (lines 1-2): (id, bytes, [(line, what)], other good keys)
BAD_KEYS: list[tuple[str, bytes, list[tuple[int, str]], dict[str, object]]] = [
    ("typo bel", b"bel = false\n", [(3, unknown("bel", "bell"))], {}),
    (
        "typo and a good key",
        b"rest_second = 20\nbell = false\n",
        [(3, unknown("rest_second", "rest_seconds"))],
        {"bell": False},
    ),
    ("unknown, no guess", b"xyzzy = 1\n", [(3, unknown("xyzzy"))], {}),
    ("unknown table", b"[display]\ntheme = 'x'\n", [(3, unknown("display"))], {}),
    ("int as string", b'rest_seconds = "20"\n', [(3, must("rest_seconds", '"20"'))], {}),
    ("float as string", b'tempo_seconds = "fast"', [(3, must("tempo_seconds", '"fast"'))], {}),
    ("bool as string", b'bell = "yes"\n', [(3, must("bell", '"yes"'))], {}),
    ("choice as int", b"start_side = 1\n", [(3, must("start_side", "1"))], {}),
    ("str as int", b"default_plan = 3\n", [(3, must("default_plan", "3"))], {}),
    ("empty str", b'default_plan = ""\n', [(3, must("default_plan", '""'))], {}),
    ("control char", b'default_plan = "a\\tb"\n', [(3, must("default_plan", '"a\\tb"'))], {}),
    (
        "two bad values",
        b"rest_seconds = 9000\nbell = false\n\nsessions_per_day = 0\n",
        [(3, must("rest_seconds", "9000")), (6, must("sessions_per_day", "0"))],
        {"bell": False},
    ),
    (
        "a bad value and a typo",
        b"pacing = 'fast'\nheel_chek = false\nswitch_seconds = 4\n",
        [(3, must("pacing", '"fast"')), (4, unknown("heel_chek", "heel_check"))],
        {"switch_seconds": 4},
    ),
    ("sessions over 3", b"sessions_per_day = 4\n", [(3, must("sessions_per_day", "4"))], {}),
    ("float too small", b"tempo_seconds = 0.5\n", [(3, must("tempo_seconds", "0.5"))], {}),
    ("float nan", b"tempo_seconds = nan\n", [(3, must("tempo_seconds", "nan"))], {}),
    ("float inf", b"tempo_seconds = 1e400\n", [(3, must("tempo_seconds", "inf"))], {}),
    ("float for int", b"rest_seconds = 20.0\n", [(3, must("rest_seconds", "20.0"))], {}),
    ("bool as int", b"bell = 1\n", [(3, must("bell", "1"))], {}),
    ("int as bool", b"rest_seconds = true\n", [(3, must("rest_seconds", "true"))], {}),
    ("float as bool", b"tempo_seconds = false\n", [(3, must("tempo_seconds", "false"))], {}),
    ("choice wrong case", b'start_side = "LEFT"\n', [(3, must("start_side", '"LEFT"'))], {}),
    ("huge int", b"rest_seconds = " + HUGE, [(3, must("rest_seconds", "a very large number"))], {}),
    (
        "huge hex int",
        b"rest_seconds = 0x" + b"f" * 5000,
        [(3, must("rest_seconds", "a very large number"))],
        {},
    ),
    (
        "huge int for float",
        b"tempo_seconds = " + HUGE,
        [(3, must("tempo_seconds", "a very large number"))],
        {},
    ),
    ("table for value", b"[rest_seconds]\nvalue = 1\n", [(3, must("rest_seconds", "a table"))], {}),
    ("dotted key", b"rest_seconds.value = 1\n", [(3, must("rest_seconds", "a table"))], {}),
    ("list for value", b"rest_seconds = [1, 2]\n", [(3, must("rest_seconds", "a list"))], {}),
]


@pytest.mark.parametrize(
    ("content", "mistakes", "others"), [c[1:] for c in BAD_KEYS], ids=[c[0] for c in BAD_KEYS]
)
def test_each_bad_key_falls_back_alone_and_every_mistake_is_reported(
    tmp_path: Path, content: bytes, mistakes: list[tuple[int, str]], others: dict[str, object]
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(GOOD_LINES + content)

    loaded = load_settings(path)

    assert loaded.error is None
    assert loaded.settings == dataclasses.replace(Settings(), **KEPT, **others)  # type: ignore[arg-type]
    assert len(loaded.problems) == len(mistakes) == len(loaded.messages)
    for message, (line, what) in zip(loaded.messages, mistakes, strict=True):
        assert message.startswith(f"{path}: line {line}: ")
        assert what in message
    assert path.read_bytes() == GOOD_LINES + content


def test_bad_race_date_falls_back_to_none_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('race_date = "2026-02-30"\nbell = false\n')
    loaded = load_settings(path)
    assert loaded.settings == Settings(bell=False)
    assert loaded.problem_for("race_date") == (
        f"{path}: line 1: {must('race_date', chr(34) + '2026-02-30' + chr(34))}, none"
    )
    assert loaded.problem_for("bell") is None


GOOD: list[tuple[str, bytes, dict[str, object]]] = [
    ("empty file", b"", {}),
    ("comments only", b"# nothing here\n\n", {}),
    ("bom", b"\xef\xbb\xbfrest_seconds = 30\n", {"rest_seconds": 30}),
    ("crlf", b"rest_seconds = 30\r\nbell = false\r\n", {"rest_seconds": 30, "bell": False}),
    ("bom and crlf", b"\xef\xbb\xbfbell = false\r\n", {"bell": False}),
    ("toml date", b"race_date = 2026-11-02\n", {"race_date": datetime.date(2026, 11, 2)}),
    ("string date", b'race_date = "2026-11-02"\n', {"race_date": datetime.date(2026, 11, 2)}),
    ("empty date", b'race_date = ""\n', {"race_date": None}),
    ("int for float", b"tempo_seconds = 5\n", {"tempo_seconds": 5.0}),
    (
        "zero turns rest off",
        b"rest_seconds = 0\nround_rest_seconds = 0\n",
        {"rest_seconds": 0, "round_rest_seconds": 0},
    ),
    (
        "upper bounds",
        b"rest_seconds = 600\nrecovery_window_days = 60\n",
        {"rest_seconds": 600, "recovery_window_days": 60},
    ),
    ("quoted key", b'"bell" = false\n', {"bell": False}),
]


@pytest.mark.parametrize(("content", "changes"), [c[1:] for c in GOOD], ids=[c[0] for c in GOOD])
def test_a_valid_file_loads_without_error(
    tmp_path: Path, content: bytes, changes: dict[str, object]
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    loaded = load_settings(path)
    assert loaded.error is None
    assert loaded.settings == dataclasses.replace(Settings(), **changes)  # type: ignore[arg-type]
    assert path.read_bytes() == content


def test_a_missing_file_gives_defaults_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "settings.toml"
    loaded = load_settings(path)
    assert (loaded.settings, loaded.error, loaded.fingerprint) == (Settings(), None, None)
    assert not path.parent.exists()


def test_a_directory_in_place_of_the_file_is_a_message(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path)
    assert loaded.error is not None and str(tmp_path) in loaded.error
    assert "is a directory" in loaded.error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    loaded = load_settings(path)
    assert loaded.error is not None and "not a regular file" in loaded.error


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("bell = true\n")
    path.chmod(0)
    loaded = load_settings(path)
    assert loaded.error is not None and "permission denied" in loaded.error


def test_fields_describe_exactly_the_settings_and_their_defaults() -> None:
    assert [spec.name for spec in FIELDS] == [f.name for f in dataclasses.fields(Settings)]
    assert all(spec.default == getattr(Settings(), spec.name) for spec in FIELDS)
    assert all(spec.help for spec in FIELDS)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("rest_seconds", "a whole number from 0 to 600"),
        ("tempo_seconds", "a number from 1 to 30"),
        ("start_side", "one of: left, right"),
        ("race_date", "a date like 2026-11-02, in 1970-2099, or empty for none"),
        ("bell", "true or false"),
        ("theme", 'a non-empty name such as "textual-dark"'),
    ],
)
def test_allowed_describes_the_field(name: str, text: str) -> None:
    assert FIELD_BY_NAME[name].allowed() == text


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("rest_seconds", " 45 ", 45),
        ("rest_seconds", "0", 0),
        ("tempo_seconds", "2.5", 2.5),
        ("tempo_seconds", "4", 4.0),
        ("bell", "yes", True),
        ("heel_check", "False", False),
        ("start_side", "Right", "right"),
        ("race_date", "2026-11-02", datetime.date(2026, 11, 2)),
        ("race_date", "  ", None),
        ("theme", "nord", "nord"),
    ],
)
def test_parse_field_text_accepts_what_a_person_types(name: str, text: str, value: object) -> None:
    assert parse_field_text(FIELD_BY_NAME[name], text) == value


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("rest_seconds", "abc"),
        ("rest_seconds", "601"),
        ("rest_seconds", "2.5"),
        ("rest_seconds", "9" * 40),
        ("tempo_seconds", "1e400"),
        ("tempo_seconds", "nan"),
        ("bell", "maybe"),
        ("start_side", "middle"),
        ("race_date", "02/11/2026"),
        ("theme", ""),
    ],
)
def test_parse_field_text_rejects_with_the_allowed_text(name: str, text: str) -> None:
    spec = FIELD_BY_NAME[name]
    with pytest.raises(ValueError, match="must be") as caught:
        parse_field_text(spec, text)
    assert spec.allowed() in str(caught.value)


@pytest.mark.parametrize(
    ("name", "raw"),
    [("bell", 0), ("rest_seconds", False), ("tempo_seconds", True), ("race_date", 3)],
)
def test_validate_value_keeps_bools_and_numbers_apart(name: str, raw: object) -> None:
    with pytest.raises(ValueError, match=FIELD_BY_NAME[name].allowed()):
        validate_value(FIELD_BY_NAME[name], raw)


def _load_arbitrary(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "settings.toml"
        path.write_bytes(content)
        loaded = load_settings(path)
        assert isinstance(loaded.settings, Settings)
        assert path.read_bytes() == content
        if loaded.error is not None:
            assert str(path) in loaded.error and loaded.settings == Settings()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_load_never_raises_or_writes_for_any_bytes(content: bytes) -> None:
    _load_arbitrary(content)


WORDS = "x [ ] = , . { } 1 -5 1e9 2.5 nan true false 2026-11-02 T08:00 # <<<<<<< 0x left auto"
PIECES = [*FIELD_BY_NAME, *WORDS.split(), " = ", "\n", "\r\n", '"', "'", "\x00", "\ufeff", "9" * 30]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_load_never_raises_or_writes_for_toml_like_text(text: str) -> None:
    _load_arbitrary(text.encode("utf-8"))
