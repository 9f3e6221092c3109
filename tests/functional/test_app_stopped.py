"""The active set when the app did not run: a clock jump, ctrl+z, SIGCONT (via Pilot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app_helpers import paced_reps_in, text_of
from conftest import FakeClock
from textual.widgets import Static

from recovery_tui.core.session.engine import STOPPED

AppFactory = Callable[..., Any]
STOPPED_WORDS = "PAUSED while the app was stopped — space to resume"


async def test_a_jump_of_the_clock_pauses_with_the_reason_on_screen(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        clock.advance(11)  # the process was stopped: no tick for 11 s
        screen.tick()
        await pilot.pause()
        session = screen.session
        assert session.count("both") == 3 and session.pause_reasons == {STOPPED}
        assert screen.has_class("-paused")
        assert text_of(screen.query_one("#paused-banner", Static)) == STOPPED_WORDS
        await pilot.press("space")
        await pilot.pause()
        assert not session.paused and not screen.has_class("-paused")


async def test_suspending_and_resuming_the_app_leaves_the_session_paused(
    make_app: AppFactory, clock: FakeClock
) -> None:
    """What ctrl+z and a SIGCONT from outside publish (the headless driver cannot stop)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 2)
        app.app_suspend_signal.publish(app)
        assert screen.session.pause_reasons == {STOPPED}
        clock.advance(1)
        app.app_resume_signal.publish(app)
        await pilot.pause()
        assert screen.session.count("both") == 2 and screen.session.paused
        assert text_of(screen.query_one("#paused-banner", Static)) == STOPPED_WORDS


async def test_a_continue_signal_pauses_a_running_session(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 2)
        clock.advance(2.5)  # a rep fell due while stopped, but within the stall limit
        app.app_resume_signal.publish(app)
        await pilot.pause()
        assert screen.session.count("both") == 2
        assert screen.session.pause_reasons == {STOPPED}
