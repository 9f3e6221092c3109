"""Plan and settings files as an attacker writes them: refused early, located, never a crash.

Work is measured in Python lines run (a trace counter), not seconds: the bound says a
parse grows with the file's size, which no amount of machine load can make flaky.
"""

from __future__ import annotations

import contextlib
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recovery_tui.core.errors import ConfigError
from recovery_tui.core.plans.catalog import load_catalog
from recovery_tui.core.plans.loader import COMMON_KEYS, PLAN_KEYS, load_plan_file, parse_plan
from recovery_tui.core.settings.fields import FIELDS
from recovery_tui.core.settings.file import load_settings
from recovery_tui.core.toml_input import (
    MAX_BYTES,
    MAX_KEY_PARTS,
    MAX_NESTING,
    TomlLimitError,
    check_limits,
    parse_toml,
)

DEEP_PLAN = "x = " + "[" * 5000 + "]" * 5000  # 10 KB: RecursionError in tomllib
DOTTED_HEADER = "[" + ".".join(["a"] * 200_000) + "]\n"  # 400 KB: minutes in tomllib
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOML_ISH = st.text(alphabet="[]{}=,.\"'#\\\n \t ab1_-:xe+", max_size=300)


def lines_run(work: Callable[[], Any]) -> int:
    """How many Python lines `work` runs (its own ConfigError counts as a finish)."""
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    except ConfigError:
        pass
    finally:
        sys.settrace(previous)
    return count


def bounded(size: int) -> int:
    """The most work a file of `size` bytes may cost: linear, with room for the loaders."""
    return 400 * size + 40_000


@contextlib.contextmanager
def only_config_errors() -> Iterator[None]:
    """Let a ConfigError (located, for people) pass; anything else fails the test as it is."""
    with contextlib.suppress(ConfigError):
        yield


def plan(text: str) -> Callable[[], object]:
    return lambda: parse_plan(text, source_name="evil.toml", default_id="evil")


# ---- the two files from the issue ----------------------------------------------------


def test_a_plan_of_5000_nested_lists_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(DEEP_PLAN, encoding="utf-8")
    with pytest.raises(TomlLimitError) as caught:
        load_plan_file(path)
    assert str(caught.value) == (
        f"{path}: line 1, column {4 + MAX_NESTING + 1}: lists and tables nested more than "
        f"{MAX_NESTING} deep; at most {MAX_NESTING} levels are allowed"
    )
    assert lines_run(lambda: load_plan_file(path)) < 2_000


def test_one_deep_plan_never_hides_the_others(tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text(DEEP_PLAN, encoding="utf-8")
    (tmp_path / "mine.toml").write_text(
        'name = "Mine"\n[[exercise]]\nname = "Bends"\ndose = "reps"\nreps = 10\n',
        encoding="utf-8",
    )
    catalog = load_catalog(tmp_path)
    assert catalog.get("mine") is not None
    [error] = catalog.errors
    assert error.startswith(f"{tmp_path / 'deep.toml'}: line 1, column 13: ")


def test_a_400_kb_settings_file_of_one_dotted_header_is_refused_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(DOTTED_HEADER, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.error == (
        f"{path}: the file is larger than {MAX_BYTES // 1024} KB, "
        "the most a plan or settings file may be"
    )
    assert lines_run(lambda: load_settings(path)) < 2_000


def test_a_dotted_header_under_the_size_limit_is_refused_at_its_first_extra_part(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("bell = true\n" + DOTTED_HEADER[: MAX_BYTES - 100], encoding="utf-8")
    loaded = load_settings(path)
    column = 1 + 2 * MAX_KEY_PARTS  # "[" then "a." pairs: the dot starting part 9
    assert loaded.error is not None
    assert loaded.error.startswith(f"{path}: line 2, column {column}: a key or table name ")
    assert f"at most {MAX_KEY_PARTS} are allowed" in loaded.error
    assert lines_run(lambda: load_settings(path)) < 2_000


# ---- what the limits allow --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a.b.c.d.e.f.g.h = 1",
        "[a.b.c.d.e.f.g.h]\n[[x.y]]\n",
        "x = " + "[" * MAX_NESTING + "]" * MAX_NESTING,
        "x = {a = {b = [1, {c.d = 2}]}}",
        'k = "[[[[[[[[[[.a.b.c.d.e.f.g.h.i.j"  # brackets and dots in text are not structure',
        's = \'\'\'a.b.c.d.e.f.g.h.i.j\'\'\'\'\nt = """[[[[[[[[[[\\""""""',
        "n = 1.5e3\nd = 1979-05-27T07:32:00.999Z\nf = [1.0, 2.0, 3.0, 4.0, 5.0]",
        "n = " + "1" * 1000,
        "# [[[[[[[[[[ a.b.c.d.e.f.g.h.i.j",
    ],
)
def test_ordinary_toml_is_within_the_limits(text: str) -> None:
    check_limits(text, "ok.toml")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a.b.c.d.e.f.g.h.i = 1", "line 1, column 16"),
        ("ok = 1\n[a.b.c.d.e.f.g.h.i]", "line 2, column 17"),
        ("x = {a.b.c.d.e.f.g.h.i = 1}", "line 1, column 21"),
        ("x = [" + "{a = [" * 5, "line 1, column 29"),
        ("n = 1_" + "0" * 1000, "line 1, column 5"),
        ("x = '" + "a" * 10 + "\ny = [" + "[" * 8, "line 2, column 13"),
    ],
)
def test_past_the_limits_is_refused_with_the_place(text: str, where: str) -> None:
    with pytest.raises(TomlLimitError) as caught:
        check_limits(text, "bad.toml")
    assert str(caught.value).startswith(f"bad.toml: {where}: ")


def test_an_unterminated_multi_line_string_is_scanned_once() -> None:
    """Each escaped quote could restart the string: the scanner must not go quadratic."""
    text = 'a = """' + '\\"""' * 15_000
    assert lines_run(lambda: check_limits(text, "x.toml")) < 100
    with pytest.raises(Exception, match="Unterminated string"):
        parse_toml(text, "x.toml")


# ---- fuzzing ----------------------------------------------------------------------------


def nested(depth: int, bracket: str) -> str:
    opening, closing = ("[", "]") if bracket == "[" else ("{a = ", "}")
    return opening * depth + ("1" if bracket == "{" else "") + closing * depth


DEEP_OR_DOTTED = st.one_of(
    st.builds(lambda d, b: "x = " + nested(d, b), st.integers(1, 40), st.sampled_from("[{")),
    st.builds(lambda n: "[" + ".".join(["k"] * n) + "]", st.integers(1, 300)),
    st.builds(lambda n: ".".join(["k"] * n) + " = 1", st.integers(1, 300)),
)
VALUES = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(-(10**6), 10**6), st.booleans(), st.floats()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
PLAN_LIKE = st.fixed_dictionaries(
    {},
    optional={
        **{key: VALUES for key in PLAN_KEYS if key != "exercise"},
        "exercise": st.lists(
            st.dictionaries(
                st.sampled_from((*COMMON_KEYS, "reps", "sides", "hold_seconds", "sets")),
                VALUES | st.sampled_from(("reps", "held", "to_fatigue", "10-15", "alternating")),
            ),
            max_size=3,
        ),
    },
)


@FUZZ
@given(st.one_of(TOML_ISH, DEEP_OR_DOTTED))
def test_any_plan_text_raises_only_a_located_config_error_in_bounded_work(text: str) -> None:
    with only_config_errors():
        plan(text)()
    assert lines_run(plan(text)) <= bounded(len(text.encode()))


PIECES = ["k", "k", ".", ".", "=", " = 1", "[", "]", "{", "}", ",", "\n", '"k.k"', "'k'"]
PIECES += ['"""', "'''", '"\\"', "\\", "#", " ", "1", "1.5", '"[{"', "[[", "]]", " = [", " = {"]
FRAGMENTS = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


def depth(value: object) -> int:
    """Levels of tables and lists in a parsed document."""
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


@FUZZ
@given(st.one_of(FRAGMENTS, TOML_ISH, DEEP_OR_DOTTED))
def test_what_the_scanner_lets_through_tomllib_also_finds_shallow(text: str) -> None:
    """The scanner and tomllib agree on structure: nothing deep hides in what it let pass.

    A header, a dotted key and each inline table's keys add at most MAX_KEY_PARTS levels,
    an array of tables one more, and lists and inline tables MAX_NESTING in all.
    """
    try:
        document = parse_toml(text, "fuzz.toml")
    except (TomlLimitError, tomllib.TOMLDecodeError):
        return
    assert depth(document) <= 2 * MAX_KEY_PARTS + 2 + MAX_NESTING * (MAX_KEY_PARTS + 1)


@FUZZ
@given(PLAN_LIKE)
def test_any_plan_shaped_document_raises_only_a_config_error(document: dict[str, Any]) -> None:
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):  # not expressible in TOML (a NaN key, say)
        return
    with only_config_errors():
        plan(text)()


@FUZZ
@given(st.one_of(TOML_ISH, DEEP_OR_DOTTED, st.binary(max_size=200)))
def test_any_settings_file_loads_with_a_message_in_bounded_work(
    tmp_path_factory: pytest.TempPathFactory, content: str | bytes
) -> None:
    data = content.encode() if isinstance(content, str) else content
    path = tmp_path_factory.mktemp("fuzz") / "settings.toml"
    path.write_bytes(data)
    loaded = load_settings(path)  # never raises
    assert loaded.error is None or loaded.error.startswith(str(path))
    assert lines_run(lambda: load_settings(path)) <= bounded(len(data))


@FUZZ
@given(st.sampled_from([spec.name for spec in FIELDS]), VALUES)
def test_any_value_for_a_setting_gives_settings_or_a_message(name: str, value: object) -> None:
    import tempfile

    try:
        text = tomli_w.dumps({name: value})
    except (TypeError, ValueError):
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_text(text, encoding="utf-8")
        loaded = load_settings(path)
    assert loaded.error is None or loaded.error.startswith(str(path))
