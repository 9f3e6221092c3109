"""The cues in the running app: the voice, notifications while hidden, the title, help."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    drive,
    leave,
    start_default_plan,
    step,
    text_of,
    watch_notifications,
    write_plan,
    write_settings,
)
from conftest import FakeClock
from test_app_session import BELL_PLAN
from test_voice import FAKE_SPEECH, lines, wait_for
from textual.widgets import Static

from recovery_tui import cue_output, terminal
from recovery_tui.core.session.cues import CUES
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.screens.help import HelpScreen

AppFactory = Callable[..., Any]


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What would have gone to the terminal (a headless app has none)."""
    out: list[str] = []
    monkeypatch.setattr(cue_output, "write_to_terminal", lambda app, data: out.append(data))
    monkeypatch.setattr(terminal, "write_to_terminal", lambda app, data: out.append(data))
    for name in ("TMUX", "TMUX_PANE", "KITTY_WINDOW_ID", "TERM_PROGRAM", "LC_TERMINAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return out


async def test_the_voice_says_each_change_in_order(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths, tmp_path: Path
) -> None:
    script = tmp_path / "say.py"
    script.write_text(FAKE_SPEECH, encoding="utf-8")
    said = tmp_path / "said.txt"
    write_plan(paths, "bell.toml", BELL_PLAN)
    voice = f"{sys.executable} {script} 0 {said} 0"
    write_settings(
        paths, default_plan="bell-check", count_in_seconds=2, switch_seconds=3, voice=voice
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        speaker = app.cue_output().speaker
        assert speaker is not None
        wait_for(lambda: speaker.idle)
        for seconds in (2, 1, 1, 3, 1, 1):
            await step(pilot, screen, clock, seconds)
            wait_for(lambda: speaker.idle)
        await pilot.press("escape", "escape")
    assert lines(said) == [
        "Left side. Lunge",
        "Go",
        "1",
        "Switch sides. Right side",
        "Go",
        "1",
        "Session done",
    ]


async def test_a_broken_voice_is_reported_once(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths, tmp_path: Path
) -> None:
    write_settings(paths, voice=str(tmp_path / "no-such-speech"), count_in_seconds=1)
    app = make_app()
    shown = watch_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        for _ in range(3):
            await step(pilot, screen, clock, 3)
        wait_for(lambda: shown)
        await pilot.pause()
        messages = [n.message for n in shown if n.title == "Voice"]
        assert len(messages) == 1 and "no-such-speech" in messages[0]


@pytest.mark.parametrize(("focused", "notify"), [(False, True), (True, True), (False, False)])
async def test_switch_sides_raises_a_notification_only_while_hidden(
    make_app: AppFactory,
    clock: FakeClock,
    paths: AppPaths,
    written: list[str],
    focused: bool,
    notify: bool,
) -> None:
    write_plan(paths, "bell.toml", BELL_PLAN)
    write_settings(paths, default_plan="bell-check", count_in_seconds=2, notify=notify)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        app.app_focus = focused
        await step(pilot, screen, clock, 3)  # count-in and one rep: no notification
        assert not [w for w in written if "777" in w]
        await step(pilot, screen, clock, 1)  # the second rep: switch sides
        notes = [w for w in written if "777" in w]
        if focused or not notify:
            assert notes == []
        else:
            assert notes == ["\x1b]777;notify;recovery-tui;Switch sides. Right side\x1b\\"]


async def test_the_title_tells_where_the_session_is_and_is_given_back(
    make_app: AppFactory, clock: FakeClock, written: list[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        assert written[:2] == [
            "\x1b[22;2t",
            "\x1b]2;Ready 0/15 · Down Dog with Knee Bends — recovery-tui\x1b\\",
        ]
        await drive(pilot, screen, clock, lambda s: s.index == 1 and s.count("left") == 6)
        # alternating sides: after the sixth on the left comes the sixth on the right
        assert written[-1] == "\x1b]2;R 5/15 · Down Dog Pedaling Feet — recovery-tui\x1b\\"
        await leave(pilot)
        assert written[-1] == "\x1b[23;2t"


async def test_help_shows_every_bell_pattern(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = app.screen.query(".help-section Static").results(Static)
        text = "\n".join(text_of(section) for section in sections)
        assert "recovery-tui cues" in text
        for cue in CUES:
            assert f"{cue.drawn}  {cue.meaning}" in text
