"""The command line, run for real: help, status, settings trouble, plans, paths, mistakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import REPO, cli, log_file, skip_near_midnight, tree, write_config
from factories import make_record

from recovery_tui import __version__
from recovery_tui.cli import main
from recovery_tui.core.journal import SessionLog

BUILTIN_FULL = REPO / "recovery_tui" / "data" / "plans" / "full-circuit.toml"

BROKEN = b"rest_seconds = 20\nbell = maybe\n"


# ---- help, version, status --------------------------------------------------------


@pytest.mark.parametrize("settings", [None, BROKEN], ids=["no-settings", "broken-settings"])
def test_help_and_version_work_whatever_the_settings(
    tmp_path: Path, settings: bytes | None
) -> None:
    if settings is not None:
        write_config(tmp_path, settings)
    shown = cli(tmp_path, "--help")
    assert shown.returncode == 0 and shown.stdout.startswith("usage: recovery-tui")
    for command in ("start", "status", "history", "plans", "paths", "import"):
        assert command in shown.stdout
    version = cli(tmp_path, "--version")
    assert (version.returncode, version.stdout) == (0, f"recovery-tui {__version__}\n")
    assert version.stderr == shown.stderr == ""


def test_status_on_an_empty_machine_prints_today_and_creates_nothing(tmp_path: Path) -> None:
    before = tree(tmp_path)
    result = cli(tmp_path, "status")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == "0 of 2 sessions today · last: none yet\nNext: today\n"
    assert tree(tmp_path) == before


def test_status_counts_todays_sessions(tmp_path: Path) -> None:
    skip_near_midnight()
    now = datetime.now(UTC)
    SessionLog(log_file(tmp_path)).append(make_record(now - timedelta(seconds=5)))
    result = cli(tmp_path, "status")
    assert result.returncode == 0
    assert result.stdout.startswith("1 of 2 sessions today")


def test_data_dir_and_config_options_point_elsewhere(tmp_path: Path) -> None:
    skip_near_midnight()
    other = tmp_path / "elsewhere"
    SessionLog(other / "sessions.jsonl").append(make_record(datetime.now(UTC)))
    settings = tmp_path / "mine.toml"
    settings.write_text("sessions_per_day = 1\n")
    result = cli(tmp_path, "--config", str(settings), "--data-dir", str(other), "status")
    assert result.stdout.startswith("1 of 1 session today")
    shown = cli(tmp_path, "--config", str(settings), "--data-dir", str(other), "paths")
    assert f"settings:     {settings}\n" in shown.stdout
    assert f"session log:  {other / 'sessions.jsonl'}\n" in shown.stdout


# ---- a broken settings file ---------------------------------------------------------

BROKEN_FILES = {
    "not toml": (BROKEN, "line 2"),
    "wrong type": (b'rest_seconds = "twenty"\n', "line 1"),
    "out of range": (b"\n\ntempo_seconds = 1e300\n", "line 3"),
    "unknown key": (b"bell = true\nvolume = 11\n", "line 2"),
    "merge conflict": (b"<<<<<<< HEAD\nbell = true\n=======\nbell = false\n>>>>>>> x\n", "line 1"),
    "not utf-8": (b"bell = true\n# caf\xe9\n", "line 2"),
}


@pytest.mark.parametrize(("content", "where"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_broken_settings_file_is_one_located_message_and_left_untouched(
    tmp_path: Path, content: bytes, where: str
) -> None:
    path = write_config(tmp_path, content)
    result = cli(tmp_path, "status")
    assert result.returncode == 0
    assert result.stdout.startswith("0 of 2 sessions today")  # it still answers, on defaults
    [message] = result.stderr.splitlines()
    assert message.startswith(f"recovery-tui: {path}") and where in message
    assert path.read_bytes() == content


def test_a_bom_and_crlf_settings_file_is_read(tmp_path: Path) -> None:
    path = write_config(tmp_path, b"\xef\xbb\xbfsessions_per_day = 1\r\nbell = false\r\n")
    result = cli(tmp_path, "status")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("0 of 1 session today")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


# ---- plans --------------------------------------------------------------------------


def test_plans_lists_the_three_builtins(tmp_path: Path) -> None:
    result = cli(tmp_path, "plans")
    assert result.returncode == 0 and result.stderr == ""
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == ["full-circuit", "down-dog-block", "circuit-without-quad-pump"]
    assert "Full circuit (6 exercises, 2 rounds, built-in)" in result.stdout


def test_plans_show_full_circuit_prints_every_exercise_with_its_dose(tmp_path: Path) -> None:
    result = cli(tmp_path, "plans", "show", "full-circuit")
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    for line in (
        "1. Down Dog with Knee Bends: 10-15 reps\n",
        "2. Down Dog Pedaling Feet: 10-15 reps each side, alternating\n",
        "3. Down Dog Dynamic Calf Stretch: 4 reps, hold 5 s, relax 3 s\n",
        "4. Half-Hooklying Quad Pump: 3 sets to fatigue on each side, all of one side first\n",
        "5. In-Line Lunge: 15 reps each side, one side then the other\n",
        "6. Standing Ankle Roll Swings: 10 reps\n",
    ):
        assert line in out
    cautions = [line for line in out.splitlines() if line.startswith("   Caution:")]
    assert len(cautions) == 2
    assert "quads are very sore" in cautions[0] and "sturdy" in cautions[1]
    assert "Marie Whitt" in out


@pytest.mark.parametrize("args", [("show", "nope"), ("show", "[bold]x")])
def test_plans_show_an_unknown_plan_is_a_message_not_a_traceback(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = cli(tmp_path, "plans", *args)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"recovery-tui: no plan '{args[1]}'; known plans: full-circuit")


def test_plans_check_a_good_file(tmp_path: Path) -> None:
    plan = tmp_path / "mine.toml"
    plan.write_bytes(BUILTIN_FULL.read_bytes().replace(b'id = "full-circuit"', b'id = "mine"'))
    result = cli(tmp_path, "plans", "check", str(plan))
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == f"{plan}: ok: 'mine', 6 exercises, 2 rounds\n"


def plans_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg-config" / "recovery-tui" / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def with_id(plan_id: str) -> bytes:
    return BUILTIN_FULL.read_bytes().replace(b'id = "full-circuit"', f'id = "{plan_id}"'.encode())


@pytest.mark.parametrize(
    ("where", "plan_id", "others", "taken_by"),
    [
        ("elsewhere", "full-circuit", {}, 'the built-in plan "Full circuit"'),
        ("elsewhere", "legs", {"a.toml": "legs"}, "a.toml"),
        ("in the folder", "legs", {"a.toml": "legs"}, "a.toml"),  # a.toml loads first
        ("in the folder", "down-dog-block", {}, 'the built-in plan "Down-dog block"'),
    ],
)
def test_plans_check_applies_the_catalog_id_rules(
    tmp_path: Path, where: str, plan_id: str, others: dict[str, str], taken_by: str
) -> None:
    folder = plans_folder(tmp_path)
    for name, other_id in others.items():
        (folder / name).write_bytes(with_id(other_id))
    plan = (folder if where == "in the folder" else tmp_path) / "mine.toml"
    plan.write_bytes(with_id(plan_id))
    result = cli(tmp_path, "plans", "check", str(plan))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"recovery-tui: {plan}: id '{plan_id}' is already used by ")
    assert taken_by in result.stderr and 'add a different id = "..."' in result.stderr
    listed = cli(tmp_path, "plans")  # the catalog agrees: the file is not among the plans
    assert str(plan) in listed.stderr or where == "elsewhere"


def test_plans_check_passes_the_file_the_catalog_takes(tmp_path: Path) -> None:
    folder = plans_folder(tmp_path)
    (folder / "z.toml").write_bytes(with_id("legs"))  # loads after: z.toml is the one refused
    plan = folder / "mine.toml"
    plan.write_bytes(with_id("legs"))
    assert cli(tmp_path, "plans", "check", str(plan)).returncode == 0
    assert cli(tmp_path, "plans", "check", str(folder / "z.toml")).returncode == 1


BAD_PLANS = {
    "syntax": (b'name = "x\n', "line 1"),
    "bad reps": (b'name = "X"\n[[exercise]]\nname = "a"\ndose = "reps"\nreps = "x"\n', "line 5"),
    "not utf-8": (b'name = "\xff"\n', "line 1"),
}


@pytest.mark.parametrize(("content", "where"), BAD_PLANS.values(), ids=BAD_PLANS.keys())
def test_plans_check_a_bad_file_names_the_file_and_line(
    tmp_path: Path, content: bytes, where: str
) -> None:
    plan = tmp_path / "mine.toml"
    plan.write_bytes(content)
    result = cli(tmp_path, "plans", "check", str(plan))
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.startswith(f"recovery-tui: {plan}") and where in result.stderr


@pytest.mark.parametrize("target", ["missing.toml", "."])
def test_plans_check_a_missing_file_or_a_folder(tmp_path: Path, target: str) -> None:
    result = cli(tmp_path, "plans", "check", str(tmp_path / target))
    assert result.returncode == 1
    assert (
        result.stderr.startswith("recovery-tui: ") and "cannot read the plan file" in result.stderr
    )


def test_a_broken_custom_plan_is_reported_and_the_rest_listed(tmp_path: Path) -> None:
    plans = tmp_path / "xdg-config" / "recovery-tui" / "plans"
    plans.mkdir(parents=True)
    (plans / "broken.toml").write_bytes(b"name = \n")
    result = cli(tmp_path, "plans")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 3
    assert str(plans / "broken.toml") in result.stderr


# ---- paths and user mistakes -------------------------------------------------------


def test_paths_shows_where_everything_lives(tmp_path: Path) -> None:
    result = cli(tmp_path, "paths")
    config = tmp_path / "xdg-config" / "recovery-tui"
    data = tmp_path / "xdg-data" / "recovery-tui"
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"settings:     {config / 'settings.toml'}",
        f"custom plans: {config / 'plans'}",
        f"session log:  {data / 'sessions.jsonl'}",
        f"unfinished:   {data / 'unfinished'}",
    ]
    assert not (tmp_path / "xdg-config").exists() and not (tmp_path / "xdg-data").exists()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("bogus",), 2),
        (("plans", "show"), 2),
        (("history", "--json", "--csv"), 2),
        (("--data-dir", "/dev/null/x", "history"), 1),
        (("--data-dir", "/dev/null/x", "status"), 1),
    ],
)
def test_user_mistakes_are_messages_not_tracebacks(
    tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    result = cli(tmp_path, *args)  # `cli` itself asserts there is no traceback
    assert result.returncode == code
    assert result.stderr.strip() and "recovery-tui" in result.stderr


def test_the_plans_command_lists_the_good_plans_and_locates_the_deep_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans = tmp_path / "xdg-config" / "recovery-tui" / "plans"  # the test's XDG_CONFIG_HOME
    plans.mkdir(parents=True)
    (plans / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    code = main(["plans"])
    out, err = capsys.readouterr()
    assert "full-circuit" in out and "Traceback" not in out + err
    assert "deep.toml: line 1, column 13: lists and tables nested more than 8 deep" in err
    assert code == 0
