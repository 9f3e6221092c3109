"""The voice setting, and a speaker that runs a command off the event loop.

A fake speech program (a small script that appends its argv to a file) stands in for
espeak-ng, so no test needs a speech program installed.
"""

from __future__ import annotations

import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from recovery_tui.core.session.voice import Speaker, VoiceSettingError, parse_voice, voice_command
from recovery_tui.core.settings.fields import FIELD_BY_NAME, parse_field_text, validate_value

FAKE_SPEECH = """\
import sys, time
delay = float(sys.argv[1])
with open(sys.argv[2], "a", encoding="utf-8") as out:
    out.write(sys.argv[-1] + "\\n")
time.sleep(delay)
sys.exit(int(sys.argv[3]))
"""


def fake_speech(tmp_path: Path, *, delay: float = 0.0, status: int = 0) -> tuple[list[str], Path]:
    """The command line of a fake speech program, and the file it writes what it said to."""
    script = tmp_path / "say.py"
    script.write_text(FAKE_SPEECH, encoding="utf-8")
    said = tmp_path / "said.txt"
    return [sys.executable, str(script), str(delay), str(said), str(status)], said


def wait_for(condition: Callable[..., object], seconds: float = 20.0) -> None:
    """Wait for the speaking thread (a deadline for a hung test, not a timing assertion)."""
    give_up = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up, "the speaker never got there"
        time.sleep(0.01)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_the_words_arrive_as_the_last_argument_in_order(tmp_path: Path) -> None:
    argv, said = fake_speech(tmp_path)
    speaker = Speaker(argv, lambda message: None)
    for words in ("Left side. Lunge", "Go", "Switch sides; rm -rf ~ $(x)"):
        speaker.say(words)
        wait_for(lambda w=words: lines(said)[-1:] == [w])
    speaker.close()
    assert lines(said) == ["Left side. Lunge", "Go", "Switch sides; rm -rf ~ $(x)"]


def test_say_returns_at_once_and_a_newer_phrase_supersedes_a_stale_one(tmp_path: Path) -> None:
    argv, said = fake_speech(tmp_path, delay=30)
    reports: list[str] = []
    speaker = Speaker(argv, reports.append)
    speaker.say("Hold")
    wait_for(lambda: lines(said) == ["Hold"])
    for words in ("Relax", "Hold again", "Switch sides"):
        speaker.say(words)  # a 30 s phrase is speaking: this must not wait for it
    wait_for(lambda: lines(said)[-1:] == ["Switch sides"])
    speaker.close()
    assert "Relax" not in lines(said), "a phrase that went stale while waiting is dropped"
    assert reports == [], "cutting off a stale phrase is not a failure"


def test_a_failing_command_is_reported_once(tmp_path: Path) -> None:
    argv, said = fake_speech(tmp_path, status=3)
    reports: list[str] = []
    speaker = Speaker(argv, reports.append)
    for words in ("one", "two", "three"):
        speaker.say(words)
        wait_for(lambda w=words: w in lines(said) and speaker.idle)
    speaker.close()
    assert lines(said) == ["one", "two", "three"], "it keeps trying"
    assert len(reports) == 1 and "status 3" in reports[0]


def test_a_missing_command_is_reported_once_and_not_tried_again(tmp_path: Path) -> None:
    reports: list[str] = []
    done = threading.Event()

    def report(message: str) -> None:
        reports.append(message)
        done.set()

    speaker = Speaker([str(tmp_path / "no-such-program")], report)
    speaker.say("one")
    wait_for(done.is_set)
    speaker.say("two")
    speaker.close()
    assert len(reports) == 1 and "no-such-program" in reports[0]


def test_a_program_that_cannot_run_is_reported(tmp_path: Path) -> None:
    program = tmp_path / "not-executable"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(stat.S_IRUSR)
    reports: list[str] = []
    speaker = Speaker([str(program)], reports.append)
    speaker.say("one")
    wait_for(lambda: reports)
    speaker.close()
    assert "could not run" in reports[0]


@pytest.mark.parametrize(
    ("setting", "env", "found", "command"),
    [
        ("off", {}, {"espeak-ng"}, None),
        ("auto", {}, {"espeak-ng", "say"}, ("espeak-ng",)),
        ("auto", {}, {"spd-say"}, ("spd-say", "--wait")),
        ("auto", {}, {"say"}, ("say",)),
        ("auto", {}, set(), None),
        ("auto", {"SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"}, {"espeak-ng"}, None),
        ("auto", {"SSH_TTY": "/dev/pts/3"}, {"say"}, None),
        ("espeak-ng -v 'en gb'", {"SSH_TTY": "x"}, set(), ("espeak-ng", "-v", "en gb")),
    ],
)  # fmt: skip
def test_which_command_speaks(
    setting: str, env: dict[str, str], found: set[str], command: tuple[str, ...] | None
) -> None:
    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in found else None

    assert voice_command(setting, env, which) == command


@pytest.mark.parametrize("text", ["", "   ", "say 'unclosed"])
def test_a_voice_that_is_not_a_command_line_is_refused(text: str) -> None:
    with pytest.raises(VoiceSettingError):
        parse_voice(text)


def test_the_voice_setting_says_what_it_allows() -> None:
    spec = FIELD_BY_NAME["voice"]
    assert validate_value(spec, "auto") == "auto"
    assert parse_field_text(spec, " espeak-ng -s 140 ") == "espeak-ng -s 140"
    for bad in (True, 3, "say 'x", "say\x1b[2J", ""):
        with pytest.raises(ValueError, match="off, auto, or a command line"):
            validate_value(spec, bad)
    assert FIELD_BY_NAME["notify"].default is True


def test_words_from_a_plan_are_never_read_as_an_option(tmp_path: Path) -> None:
    """An exercise named ``-w.bashrc`` must not become espeak's "write a WAV file" option."""
    script = tmp_path / "options.py"
    script.write_text(
        "import argparse, sys\n"
        "parser = argparse.ArgumentParser()\n"
        "parser.add_argument('-w')\n"
        "parser.add_argument('words')\n"
        "args = parser.parse_args()\n"
        "open(sys.argv[0] + '.out', 'a').write(repr((args.w, args.words)) + '\\n')\n",
        encoding="utf-8",
    )
    speaker = Speaker([sys.executable, str(script)], lambda message: None)
    speaker.say("-w.bashrc")
    out = Path(str(script) + ".out")
    wait_for(out.exists)
    speaker.close()
    assert lines(out) == ["(None, ' -w.bashrc')"]
