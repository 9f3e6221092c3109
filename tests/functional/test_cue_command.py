"""`recovery-tui cues`, run for real: names, real BEL bytes in each pattern, the voice."""

from __future__ import annotations

import sys
from pathlib import Path

from cli_helpers import cli, write_config
from test_voice import FAKE_SPEECH

from recovery_tui.core.session.cues import CUE_BY_NAME, CueName, cue_table_markdown


def test_cues_rings_each_pattern_after_its_name(tmp_path: Path) -> None:
    write_config(tmp_path, b'voice = "off"\n')
    result = cli(tmp_path, "cues", "rep", "switch")
    assert result.returncode == 0, result.stderr
    chunks = result.stdout.split("\n")
    assert chunks[0].startswith("rep ") and "a paced rep" in chunks[0]
    assert chunks[1].startswith("\a" * CUE_BY_NAME[CueName.REP].bells + "switch ")
    assert chunks[2] == "\a" * CUE_BY_NAME[CueName.SWITCH].bells
    assert result.stdout.count("\a") == 1 + 4


def test_cues_says_each_name_with_the_voice(tmp_path: Path) -> None:
    script = tmp_path / "say.py"
    script.write_text(FAKE_SPEECH, encoding="utf-8")
    said = tmp_path / "said.txt"
    voice = f"{sys.executable} {script} 0 {said} 0"
    write_config(tmp_path, f"voice = {voice!r}\n".replace("'", '"').encode())
    result = cli(tmp_path, "cues", "go", "relax")
    assert result.returncode == 0, result.stderr
    assert said.read_text(encoding="utf-8").splitlines() == [
        CUE_BY_NAME[CueName.GO].meaning,
        CUE_BY_NAME[CueName.RELAX].meaning,
    ]


def test_a_voice_that_fails_is_reported_once_and_the_bells_go_on(tmp_path: Path) -> None:
    write_config(tmp_path, b'voice = "/nonexistent/speak"\n')
    result = cli(tmp_path, "cues", "rep", "rep")
    assert result.returncode == 0
    assert result.stderr.count("does not work") == 1
    assert result.stdout.count("\a") == 2


def test_an_unknown_cue_is_named_with_the_known_ones(tmp_path: Path) -> None:
    result = cli(tmp_path, "cues", "rep", "bogus\x1b[2J")
    assert result.returncode == 1
    assert "no cue named" in result.stderr and "switch" in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stdout == ""


def test_cues_markdown_is_the_readme_table(tmp_path: Path) -> None:
    result = cli(tmp_path, "cues", "--markdown")
    assert result.stdout.strip() == cue_table_markdown()
