"""Nothing paces on behind an overlay: help, the quit prompt, settings, the palette and
every dialog pause the session, and closing them runs on after a count-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from app_helpers import click_on, drive, paced_reps_in, start_default_plan, step, text_of
from conftest import FakeClock
from textual.pilot import Pilot
from textual.widgets import Static

from recovery_tui.app import RecoveryApp
from recovery_tui.core.session.types import Phase
from recovery_tui.dialogs.why import WhyDialog

AppFactory = Callable[..., Any]


async def open_settings(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, RecoveryApp)
    app.action_settings()  # what the palette's "Settings" entry does
    await pilot.pause()


OPENERS = {
    "help": ("question_mark", "escape"),
    "quit prompt": ("q", "escape"),
    "leave dialog": ("escape", "escape"),
    "palette": ("ctrl+p", "escape"),
    "why": ("w", "escape"),
}


@pytest.mark.parametrize("overlay", [*OPENERS, "settings"])
async def test_every_overlay_pauses_and_closing_it_counts_in(
    make_app: AppFactory, clock: FakeClock, overlay: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        await step(pilot, screen, clock, 1.5)  # half-way through the fourth rep
        if overlay == "settings":
            await open_settings(pilot)
        else:
            await pilot.press(OPENERS[overlay][0])
            await pilot.pause()
        assert app.screen is not screen
        assert screen.session.paused
        await step(pilot, screen, clock, 60)
        assert screen.session.count("both") == 3
        await pilot.press(OPENERS.get(overlay, ("", "escape"))[1])
        await pilot.pause()
        assert app.screen is screen and not screen.session.paused
        assert screen.session.phase is Phase.COUNT_IN
        await step(pilot, screen, clock, 3)
        assert screen.session.phase is Phase.REP and screen.session.count("both") == 3
        await step(pilot, screen, clock, 3)  # a whole rep, from its top
        assert screen.session.count("both") == 4


async def test_help_opened_mid_set_costs_no_reps(make_app: AppFactory, clock: FakeClock) -> None:
    """The bug this fixes: reps went 3 -> 7 in 4 s with help open."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        await pilot.press("question_mark")
        for _ in range(4):
            await step(pilot, screen, clock, 1)
        assert screen.session.count("both") == 3
        await pilot.press("escape")
        await pilot.pause()
        assert screen.session.count("both") == 3


async def test_a_pause_by_the_runner_outlasts_help(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await paced_reps_in(pilot, clock, 2)
        await pilot.press("space", "question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert screen.session.paused and screen.has_class("-paused")
        await pilot.press("space")
        await pilot.pause()
        assert not screen.session.paused and screen.session.phase is Phase.COUNT_IN


async def test_w_shows_the_why_and_the_caution_that_says_how_to_skip(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_default_plan(pilot)
        await drive(pilot, screen, clock, lambda session: session.index == 3)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyDialog) and screen.session.paused
        why = text_of(app.screen.query_one("#why-text", Static))
        caution = text_of(app.screen.query_one("#why-caution", Static))
        assert "reciprocal inhibition" in why
        assert "x skips it today" in caution and "Circuit without the quad pump" in caution
        assert app.catalog.get("circuit-without-quad-pump") is not None
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen


async def test_a_click_anywhere_on_the_set_view_ends_a_set_to_fatigue(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_default_plan(pilot)
        await drive(pilot, screen, clock, lambda s: s.phase is Phase.OPEN_SET)
        clock.advance(20)
        await click_on(pilot, "#countdown")
        await pilot.pause()
        assert screen.session.current.set_seconds["left"] == [20.0]
        await drive(pilot, screen, clock, lambda s: s.phase is Phase.OPEN_SET)
        clock.advance(15)
        await click_on(pilot, "#cues")
        await pilot.pause()
        assert screen.session.current.set_seconds["left"] == [20.0, 15.0]
