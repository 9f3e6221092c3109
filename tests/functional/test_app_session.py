"""Whole sessions driven through the app with Pilot on a fake clock; the log is checked.

Time moves only when a test moves it: `clock.advance` then the active screen's `tick()`,
exactly what the screen's own timers do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from app_helpers import (
    answer_questions,
    drive,
    leave,
    logged,
    paced_reps_in,
    pause_until,
    start_default_plan,
    step,
    text_of,
    tick_after,
    unfinished_files,
    write_plan,
    write_settings,
)
from conftest import FakeClock
from textual.widgets import Static

from recovery_tui.core.session.cues import CueCall, CueName
from recovery_tui.core.session.types import Phase
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.screens.home import HomeScreen
from recovery_tui.widgets.big_text import BigText
from recovery_tui.widgets.side_counter import SideCounter

AppFactory = Callable[..., Any]

FULL_CIRCUIT_ROUND: list[tuple[dict[str, int], dict[str, list[float]]]] = [
    ({"both": 15}, {}),
    ({"left": 15, "right": 15}, {}),
    ({"both": 4}, {}),
    ({"left": 3, "right": 3}, {"left": [25.0] * 3, "right": [25.0] * 3}),
    ({"left": 15, "right": 15}, {}),
    ({"both": 10}, {}),
]
"""What a hands-off auto-paced session logs per round: the top of each range."""

TINY_MANUAL = """\
name = "Tiny manual"
id = "tiny"

[[exercise]]
name = "Knee bends"
dose = "reps"
reps = 3

[[exercise]]
name = "Lunge"
dose = "reps_per_side"
reps = 2
sides = "one_then_other"
"""

BELL_PLAN = """\
name = "Bell check"
id = "bell-check"

[[exercise]]
name = "Lunge"
dose = "reps_per_side"
reps = 2
sides = "one_then_other"
tempo_seconds = 1
"""

HOSTILE_PLAN = """\
name = "[bold]x[/] \\u001b[31m"
id = "hostile"
description = "[link=http://x]y \\u001b]8;;http://x\\u0007"

[[exercise]]
name = "[bold]x[/]"
dose = "reps"
reps = 2
cues = ["[link=http://x]y", "\\u001b[31mred"]
caution = "[/] \\u001b[2J"
"""


async def test_full_circuit_hands_off_logs_one_completed_record(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        assert [f.stem for f in unfinished_files(paths)] == [screen.session.id]
        session = await drive(pilot, screen, clock, set_seconds=25.0)
        await answer_questions(pilot)
        assert session.finished
        assert isinstance(app.screen, HomeScreen)
        assert unfinished_files(paths) == []
    [record] = logged(paths)
    assert (record.plan, record.status, record.id) == ("full-circuit", "completed", session.id)
    assert len(record.rounds) == 2
    for results in record.rounds:
        got = [(r.counts, r.set_seconds) for r in results]
        assert got == FULL_CIRCUIT_ROUND
        assert not any(r.skipped for r in results)


async def test_manual_pacing_counts_a_rep_per_enter(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_plan(paths, "tiny.toml", TINY_MANUAL)
    write_settings(
        paths, default_plan="tiny", pacing="manual", count_in_seconds=0, switch_seconds=0,
        rest_seconds=0, round_rest_seconds=0,
    )  # fmt: skip
    played: list[CueCall] = []
    app = make_app(cue_sink=played.append)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        session = screen.session
        assert [call.cue.name for call in played] == [CueName.GO], "no count-in: go at once"
        assert session.next_deadline() is None
        await step(pilot, screen, clock, 60)
        assert session.count("both") == 0, "manual pacing never counts on its own"
        assert "enter when done" in text_of(screen.query_one("#phase-words", Static))
        await pilot.press("enter")
        assert session.count("both") == 1
        assert len(played) == 1, "a rep the runner counts needs no bell"
        await pilot.press("enter", "enter")
        assert (session.index, session.side) == (1, "left")
        await pilot.press("enter", "enter")
        assert session.side == "right"
        await pilot.press("enter", "enter")
        await answer_questions(pilot)
        assert session.finished
    [record] = logged(paths)
    assert record.status == "completed"
    assert [r.counts for r in record.rounds[0]] == [{"both": 3}, {"left": 2, "right": 2}]


async def test_each_change_plays_its_own_cue(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_plan(paths, "bell.toml", BELL_PLAN)
    write_settings(paths, default_plan="bell-check", count_in_seconds=2, switch_seconds=3)
    played: list[CueCall] = []
    app = make_app(cue_sink=played.append)
    # Each step crosses one deadline; each is a cue the runner must hear.
    steps = [
        ("count-in over", 2, Phase.REP, CueName.GO, "Go"),
        ("left rep 1", 1, Phase.REP, CueName.REP, "1"),
        ("left rep 2, switch sides", 1, Phase.SWITCH, CueName.SWITCH, "Switch sides. Right side"),
        ("switch over", 3, Phase.REP, CueName.GO, "Go"),
        ("right rep 1", 1, Phase.REP, CueName.REP, "1"),
        ("right rep 2, session finished", 1, Phase.DONE, CueName.SESSION, "Session done"),
    ]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        assert [(c.cue.name, c.words) for c in played] == [(CueName.GET_READY, "Left side. Lunge")]
        for what, seconds, phase, cue, words in steps:
            await step(pilot, screen, clock, seconds)
            assert screen.session.phase is phase, what
            assert (played[-1].cue.name, played[-1].words) == (cue, words), what
        assert len(played) == 1 + len(steps)
        await answer_questions(pilot)
    assert [r.status for r in logged(paths)] == ["completed"]


@pytest.mark.parametrize("bell", [True, False])
async def test_the_bell_setting_turns_the_bells_on_and_off(
    make_app: AppFactory,
    clock: FakeClock,
    paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    bell: bool,
) -> None:
    write_plan(paths, "bell.toml", BELL_PLAN)
    write_settings(paths, default_plan="bell-check", count_in_seconds=2, bell=bell)
    app = make_app()
    rings: list[int] = []
    patterns: list[str] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        # The first bell of a pattern rings at once; the rest follow on timers.
        assert rings[:1] == ([1] if bell else []), "get ready"
        bells = app.cue_output().bells
        play = bells.play

        def noted_play(call: CueCall) -> None:
            patterns.append(call.cue.name)
            play(call)

        monkeypatch.setattr(bells, "play", noted_play)
        await step(pilot, screen, clock, 2)
        assert screen.session.phase is Phase.REP
        assert patterns == (["go"] if bell else [])
        bells.stop()


async def test_countdown_end_flashes_the_screen(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        await pause_until(pilot, lambda: not screen.has_class("-flash"))  # get ready's
        tick_after(screen, clock, 4.9)
        assert not screen.has_class("-flash"), "the count-in has not ended yet"
        # Asserted before the app runs again, so however slow the machine, the flash's
        # own (real-time) timer cannot have cleared it yet; then it must clear.
        tick_after(screen, clock, 0.1)
        assert screen.has_class("-flash")
        await pause_until(pilot, lambda: not screen.has_class("-flash"))


async def test_pause_shows_paused_and_freezes_the_countdown(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        banner = screen.query_one("#paused-banner", Static)
        digits = screen.query_one("#countdown", BigText)
        await step(pilot, screen, clock, 2)
        assert digits.text == "3"
        assert not banner.display
        await pilot.press("space")
        assert screen.has_class("-paused") and banner.display
        await step(pilot, screen, clock, 120)
        assert (screen.session.phase, digits.text) == (Phase.COUNT_IN, "3")
        await pilot.press("space")
        assert not screen.has_class("-paused") and not banner.display
        await step(pilot, screen, clock, 2.5)
        assert digits.text == "1"
        await step(pilot, screen, clock, 0.5)
        assert screen.session.phase is Phase.REP


async def test_keys_still_work_while_paused_and_the_pause_holds(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        await pilot.press("space", "n")
        session = screen.session
        assert session.paused and (session.phase, session.index) == (Phase.REST, 1)
        digits = screen.query_one("#countdown", BigText)
        frozen = digits.text
        await step(pilot, screen, clock, 60)
        assert digits.text == frozen and screen.has_class("-paused")


async def test_u_takes_back_the_last_count(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        await pilot.press("u")
        assert screen.session.count("both") == 2
        assert screen.query_one("#side-both", SideCounter).done == 2


async def test_n_finishes_the_exercise_and_b_goes_back_to_it(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        session = screen.session
        await pilot.press("n")
        assert (session.index, session.phase) == (1, Phase.REST)
        assert session.progress[0][0].finished
        await pilot.press("b")
        assert (session.index, session.phase, session.count("both")) == (0, Phase.COUNT_IN, 3)
        await pilot.press("n", "n")
        assert (session.index, session.phase) == (1, Phase.COUNT_IN)
        await leave(pilot)
    [record] = logged(paths)
    assert record.rounds[0][0].counts == {"both": 3}
    assert not record.rounds[0][0].skipped


async def test_x_skips_the_exercise_without_a_rest(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        await pilot.press("x")
        assert (screen.session.index, screen.session.phase) == (1, Phase.COUNT_IN)
        await step(pilot, screen, clock, 5 + 2)
        await leave(pilot)
    [record] = logged(paths)
    assert record.status == "partial"
    assert record.rounds[0][0].skipped and record.rounds[0][0].counts == {}
    assert record.rounds[0][1].counts == {"left": 1}


async def test_state_file_follows_every_count(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        assert screen.claim.state["progress"][0][0]["counts"] == {"both": 3}
        await step(pilot, screen, clock, 3)
        assert screen.claim.state["progress"][0][0]["counts"] == {"both": 4}
        assert screen.claim.state_file.is_file()


async def test_markup_and_escapes_in_a_plan_are_shown_literally(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_plan(paths, "hostile.toml", HOSTILE_PLAN)
    write_settings(paths, default_plan="hostile")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        detail = text_of(app, "#plan-detail")
        assert "[bold]x[/]" in detail and "[link=http://x]y" in detail
        screen = await start_default_plan(pilot)
        await step(pilot, screen, clock, 5 + 3)
        assert screen.session.count("both") == 1
        assert text_of(screen.query_one("#exercise-name", Static)) == "[bold]x[/]"
        cues = text_of(screen.query_one("#cues", Static))
        assert "[link=http://x]y" in cues and "red" in cues
        assert "[/]" in text_of(screen.query_one("#caution", Static))
        assert_no_control_characters(app)
        await leave(pilot)
        assert "partial" in text_of(app.screen.query_one("#today", Static))
        assert_no_control_characters(app)
    assert [r.plan for r in logged(paths)] == ["hostile"]


def assert_no_control_characters(app: Any) -> None:
    """Nothing from a plan file may reach the terminal as an escape sequence."""
    for widget in app.screen.query(Static):
        text = text_of(widget)
        assert not any(ch in text for ch in "\x1b\x07\x9b"), f"{widget!r}: {text!r}"
