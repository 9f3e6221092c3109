"""Plan files: the built-in plans, located errors for broken files, and the catalog."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from recovery_tui.core import doses
from recovery_tui.core.errors import ConfigError
from recovery_tui.core.plans.catalog import builtin_plans, load_catalog
from recovery_tui.core.plans.loader import load_plan_file, parse_plan
from recovery_tui.core.plans.model import Dose, Exercise, Plan, SideOrder
from recovery_tui.core.plans.text import plan_summary

ROOT = Path(__file__).resolve().parents[2]
FULL_CIRCUIT = [
    ("Down Dog with Knee Bends", Dose(doses.REPS, 10, 15)),
    ("Down Dog Pedaling Feet", Dose(doses.REPS_PER_SIDE, 10, 15, SideOrder.ALTERNATING)),
    (
        "Down Dog Dynamic Calf Stretch",
        Dose(doses.HELD, 4, 4, hold_seconds=5.0, relax_seconds=3.0),
    ),
    ("Half-Hooklying Quad Pump", Dose(doses.TO_FATIGUE, 3, 3, SideOrder.ONE_THEN_OTHER)),
    ("In-Line Lunge", Dose(doses.REPS_PER_SIDE, 15, 15, SideOrder.ONE_THEN_OTHER)),
    ("Standing Ankle Roll Swings", Dose(doses.REPS, 10, 10)),
]

# Line numbers matter: the broken-file table below expects errors on these lines.
GOOD = """\
name = "Morning legs"
rounds = 2

[[exercise]]
name = "Knee Bends"
dose = "reps"
reps = "10-15"

[[exercise]]
name = "Calf Raise Hold"
dose = "held"
reps = 4
hold_seconds = 5

[[exercise]]
name = "In-Line Lunge"
dose = "reps_per_side"
reps = 12
sides = "one_then_other"
"""


def swap(old: str, new: str) -> str:
    """GOOD with one edit; fails loudly if the edit no longer applies."""
    assert old in GOOD
    return GOOD.replace(old, new)


def by_id() -> dict[str, Plan]:
    return {plan.id: plan for plan in builtin_plans()}


def test_builtin_plans_come_in_the_documented_order() -> None:
    ids = [plan.id for plan in builtin_plans()]
    assert ids == ["full-circuit", "down-dog-block", "circuit-without-quad-pump"]


def test_full_circuit_has_the_six_exercises_with_the_protocol_doses() -> None:
    plan = by_id()["full-circuit"]
    assert [(e.name, e.dose) for e in plan.exercises] == FULL_CIRCUIT
    assert plan.rounds == 2


@pytest.mark.parametrize(
    ("plan_id", "indexes"),
    [("down-dog-block", [0, 1, 2]), ("circuit-without-quad-pump", [0, 1, 2, 4, 5])],
)
def test_shorter_plans_are_subsets_of_the_full_circuit(plan_id: str, indexes: list[int]) -> None:
    plan = by_id()[plan_id]
    assert [(e.name, e.dose) for e in plan.exercises] == [FULL_CIRCUIT[i] for i in indexes]
    assert plan.rounds == 2


@pytest.mark.parametrize("plan", builtin_plans(), ids=lambda plan: plan.id)
def test_builtin_plans_are_complete_and_credited(plan: Plan) -> None:
    assert plan.builtin
    assert plan.description
    assert "Marie Whitt" in plan.source
    for exercise in plan.exercises:
        assert 2 <= len(exercise.cues) <= 4, exercise.name
        assert all(0 < len(cue) < 60 for cue in exercise.cues), exercise.name
        assert exercise.why, exercise.name


def test_builtin_cautions_and_tempo_overrides() -> None:
    exercises = {e.name: e for e in by_id()["full-circuit"].exercises}
    caution = exercises["Half-Hooklying Quad Pump"].caution
    assert "very sore" in caution and "few days" in caution and "partial" in caution
    assert "sturdy" in exercises["Standing Ankle Roll Swings"].caution
    assert exercises["Down Dog Pedaling Feet"].tempo_seconds == 2.0
    assert exercises["Standing Ankle Roll Swings"].tempo_seconds == 3.0
    assert exercises["Down Dog with Knee Bends"].tempo_seconds is None


def test_builtin_files_read_exactly_like_user_files() -> None:
    for plan in builtin_plans():
        path = ROOT / "recovery_tui" / "data" / "plans" / f"{plan.id}.toml"
        assert load_plan_file(path, builtin=True) == plan


def test_good_plan_parses_with_defaults() -> None:
    plan = parse_plan(GOOD, source_name="good.toml", default_id="good")
    assert (plan.id, plan.name, plan.rounds, plan.builtin) == ("good", "Morning legs", 2, False)
    held = plan.exercises[1].dose
    assert (held.low, held.high, held.hold_seconds, held.relax_seconds) == (4, 4, 5.0, 3.0)
    assert plan.exercises[2].dose.sides is SideOrder.ONE_THEN_OTHER
    assert plan.exercises[0].tempo_seconds is None


def test_explicit_id_and_optional_keys_are_read() -> None:
    text = 'id = "legs-2"\ndescription = "d"\nsource = "s"\n' + swap(
        'reps = "10-15"', 'reps = "10-15"\ntempo_seconds = 2.5\ncues = ["a", "b"]\nwhy = "w"'
    )
    plan = parse_plan(text, source_name="x.toml", default_id="x")
    first = plan.exercises[0]
    assert (plan.id, plan.description, plan.source) == ("legs-2", "d", "s")
    assert (first.tempo_seconds, first.cues, first.why) == (2.5, ("a", "b"), "w")


def test_rounds_default_to_one() -> None:
    plan = parse_plan(swap("rounds = 2\n", ""), source_name="x.toml", default_id="x")
    assert plan.rounds == 1


def test_to_fatigue_sets_become_low_and_high_one_side_then_the_other() -> None:
    text = 'name = "p"\n[[exercise]]\nname = "Pump"\ndose = "to_fatigue"\nsets = 2\n'
    dose = parse_plan(text, source_name="p.toml", default_id="p").exercises[0].dose
    assert dose == Dose(doses.TO_FATIGUE, 2, 2, SideOrder.ONE_THEN_OTHER)


BROKEN = [
    ("syntax", swap('name = "Knee Bends"', "name = Knee Bends"), ["line 5, column 8", "quotes"]),
    ("unknown top key", swap("rounds", "round"), ["line 2:", "'round'", "allowed: name, id"]),
    (
        "unknown exercise key",
        swap("reps = 12", "rep = 12"),
        ["line 18:", "exercise 3 (In-Line Lunge)", "unknown key 'rep'", "allowed here:"],
    ),
    (
        "bad dose",
        swap('"held"', '"hold"'),
        ["line 11:", "exercise 2", "'dose'", '"to_fatigue"', 'got "hold"'],
    ),
    (
        "missing dose",
        swap('dose = "reps"\n', ""),
        ["line 4:", "exercise 1 (Knee Bends)", "'dose'", "missing"],
    ),
    ("reversed range", swap('"10-15"', '"15-10"'), ["line 7:", "'reps'", '"10-15"', 'got "15-10"']),
    (
        "reps not a number",
        swap("reps = 12", 'reps = "abc"'),
        ["line 18:", "'reps'", "1-500", 'got "abc"'],
    ),
    ("reps too big", swap("reps = 12", "reps = 501"), ["line 18:", "1-500", "got 501"]),
    ("missing plan name", swap('name = "Morning legs"\n', ""), ["'name'", "missing"]),
    (
        "missing exercise name",
        swap('name = "Knee Bends"\n', ""),
        ["line 4:", "exercise 1:", "'name'"],
    ),
    (
        "sides on a reps dose",
        swap('reps = "10-15"', 'reps = "10-15"\nsides = "alternating"'),
        ["line 8:", "'sides' does not apply", '"reps_per_side"'],
    ),
    (
        "hold missing",
        swap("hold_seconds = 5\n", ""),
        ["line 9:", "'hold_seconds'", '"held" needs', "0.5-600"],
    ),
    (
        "hold out of range",
        swap("hold_seconds = 5", "hold_seconds = 0"),
        ["line 13:", "0.5-600", "got 0"],
    ),
    (
        "sides missing",
        swap('sides = "one_then_other"\n', ""),
        ["line 15:", "'sides'", '"alternating"'],
    ),
    (
        "bad sides",
        swap('"one_then_other"', '"both"'),
        ["line 19:", '"one_then_other"', 'got "both"'],
    ),
    (
        "rounds wrong type",
        swap("rounds = 2", 'rounds = "2"'),
        ["line 2:", "'rounds'", "1-10", 'got "2"'],
    ),
    ("rounds out of range", swap("rounds = 2", "rounds = 11"), ["line 2:", "1-10", "got 11"]),
    ("rounds is a bool", swap("rounds = 2", "rounds = true"), ["line 2:", "got true"]),
    ("name wrong type", swap('"Morning legs"', "3"), ["line 1:", "'name'", "text", "got 3"]),
    (
        "cues not a list",
        swap('reps = "10-15"', 'reps = "10-15"\ncues = "go"'),
        ["line 8:", "'cues'", "list"],
    ),
    (
        "tempo too fast",
        swap("reps = 12", "reps = 12\ntempo_seconds = 0.1"),
        ["line 19:", "'tempo_seconds'", "0.5-60"],
    ),
    ("bad id", 'id = "My Plan"\n' + GOOD, ["line 1:", "'id'", "lowercase letters"]),
    ("no exercises", 'name = "Empty"\n', ["at least one [[exercise]]"]),
    ("single brackets", 'name = "x"\n[exercise]\nname = "a"\n', ["line 2:", "[[exercise]]"]),
    (
        "sets on a held dose",
        swap("hold_seconds = 5", "hold_seconds = 5\nsets = 3"),
        ["line 14:", "'sets' does not apply", '"to_fatigue"'],
    ),
    ("key set twice", GOOD + "reps = 3\n", ["line 20, column", "set twice"]),
    ("unclosed list", 'name = "x"\ncues = [1,', ["line 2: ", "(at the end of the file)"]),
]


@pytest.mark.parametrize(("label", "text", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_plans_name_the_file_the_place_and_what_is_allowed(
    label: str, text: str, expected: list[str]
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_plan(text, source_name="bad.toml", default_id="bad")
    message = str(caught.value)
    assert message.startswith("bad.toml: "), message
    assert "(at line" not in message and "Traceback" not in message
    for fragment in expected:
        assert fragment in message, f"{label}: {fragment!r} not in {message!r}"


def test_a_file_name_that_is_not_an_id_suggests_one() -> None:
    with pytest.raises(ConfigError, match='add id = "my-plan"'):
        parse_plan(GOOD, source_name="My Plan.toml", default_id="My Plan")


def test_load_plan_file_uses_the_stem_as_id_and_records_the_path(tmp_path: Path) -> None:
    path = tmp_path / "morning.toml"
    path.write_text(GOOD, encoding="utf-8")
    plan = load_plan_file(path)
    assert (plan.id, plan.path, plan.builtin) == ("morning", str(path), False)


def test_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + swap("\n", "\r\n").encode())
    assert load_plan_file(path) == parse_plan(GOOD, source_name="x", default_id="windows")


def test_crlf_errors_still_find_the_line(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(swap("reps = 12", "reps = 0").replace("\n", "\r\n").encode())
    with pytest.raises(ConfigError, match="windows.toml: line 18: "):
        load_plan_file(path)


def test_bad_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(swap("Knee Bends", "Kn\xe9e").encode("latin-1"))
    with pytest.raises(ConfigError, match=r"latin1\.toml: line 5, column 11: not UTF-8 text"):
        load_plan_file(path)


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="missing.toml"):
        load_plan_file(tmp_path / "missing.toml")


def test_catalog_loads_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "b-good.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a-bad.toml").write_text(swap("rounds = 2", "rounds = 0"), "utf-8")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert [p.id for p in catalog.plans][3:] == ["b-good"]
    assert len(catalog.errors) == 1
    assert "a-bad.toml: line 2: 'rounds'" in catalog.errors[0]
    assert catalog.get("b-good") is catalog.plans[3]
    assert catalog.get("full-circuit") is catalog.plans[0]
    assert catalog.get("nope") is None


def test_catalog_custom_files_load_in_name_order(tmp_path: Path) -> None:
    for name in ["c", "a", "b"]:
        (tmp_path / f"{name}.toml").write_text(GOOD, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert [p.id for p in catalog.plans if not p.builtin] == ["a", "b", "c"]
    assert catalog.errors == []


def test_catalog_skips_ids_already_in_use(tmp_path: Path) -> None:
    (tmp_path / "full-circuit.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.toml").write_text('id = "legs"\n' + GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text('id = "legs"\n' + GOOD, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert [p.path for p in catalog.plans if not p.builtin] == [str(tmp_path / "a.toml")]
    assert len(catalog.errors) == 2
    b_error, builtin_error = sorted(catalog.errors)
    assert "b.toml: id 'legs' is already used by \"Morning legs\"" in b_error
    assert "a.toml" in b_error
    assert "id 'full-circuit' is already used by the built-in plan" in builtin_error


@pytest.mark.parametrize("folder", [None, Path("/nonexistent/recovery-tui/plans")])
def test_catalog_without_a_plans_folder_has_only_builtins(folder: Path | None) -> None:
    catalog = load_catalog(folder)
    assert [p.id for p in catalog.plans] == [p.id for p in builtin_plans()]
    assert catalog.errors == []


def test_the_documented_example_plan_parses() -> None:
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)
    example = max(blocks, key=len)
    plan = parse_plan(example, source_name="example.toml", default_id="example")
    assert len(plan.exercises) >= 4
    assert {e.dose.kind for e in plan.exercises} == set(doses.kinds())


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (Dose(doses.REPS, 1, 1), "1 rep"),
        (Dose(doses.REPS, 1, 2), "1-2 reps"),
        (
            Dose(doses.TO_FATIGUE, 1, 1, SideOrder.ONE_THEN_OTHER),
            "1 set to fatigue on each side",
        ),
        (Dose(doses.HELD, 1, 1, hold_seconds=5), "1 rep, hold 5 s"),
        (Dose(doses.REPS_PER_SIDE, 1, 1, SideOrder.ALTERNATING), "1 rep each side, alternating"),
    ],
)
def test_doses_of_one_read_in_the_singular(dose: Dose, text: str) -> None:
    assert dose.describe().startswith(text)


def test_a_plan_of_one_exercise_says_so() -> None:
    plan = Plan(id="one", name="One", exercises=(Exercise("Lunge", Dose(doses.REPS, 5, 5)),))
    assert plan_summary(plan) == "1 exercise, 1 round"


def test_catalog_names_a_pipe_a_link_loop_and_a_folder_in_the_plans_folder(
    tmp_path: Path,
) -> None:
    """None of them blocks or is skipped in silence, and the good plan still loads."""
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "loop.toml").symlink_to("loop.toml")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "good.toml").write_text(GOOD, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert [p.path for p in catalog.plans if not p.builtin] == [str(tmp_path / "good.toml")]
    assert [error.split(":")[0] for error in catalog.errors] == [
        str(tmp_path / name) for name in ("folder.toml", "loop.toml", "pipe.toml")
    ]
    assert all("cannot read the plan file" in error for error in catalog.errors)
