"""The app at every terminal size, 1x1 to 300x100, and while being resized mid-session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from app_helpers import answer_questions, drive, logged, start_default_plan, step, text_of
from conftest import FakeClock

from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.widgets.too_small import TooSmall

AppFactory = Callable[..., Any]


SIZES = [
    ((1, 1), True),
    ((10, 5), True),
    ((79, 24), True),
    ((80, 23), True),
    ((80, 24), False),
    ((300, 100), False),
]


def assert_size_state(app: Any, too_small: bool) -> None:
    message = app.screen.query_one(TooSmall)
    assert message.display is too_small
    assert "Make the terminal larger" in text_of(message)


@pytest.mark.parametrize(("size", "too_small"), SIZES)
async def test_home_at_any_size(
    make_app: AppFactory, size: tuple[int, int], too_small: bool
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert_size_state(app, too_small)
        assert app.screen.query_one("#home-body").display is not too_small


@pytest.mark.parametrize(("size", "too_small"), SIZES)
async def test_active_set_at_any_size(
    make_app: AppFactory, clock: FakeClock, size: tuple[int, int], too_small: bool
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start_default_plan(pilot)
        if not too_small:
            await drive(pilot, screen, clock, lambda s: s.count("both") == 2)
        await pilot.pause()
        assert_size_state(app, too_small)
        assert screen.query_one("#active").display is not too_small
        assert screen.session.paused is too_small  # nothing paces on unseen


async def test_resizing_during_a_session_never_crashes(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    sizes = [(80, 24), (1, 1), (40, 12), (79, 24), (80, 23), (300, 100), (2, 80), (80, 24)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        await step(pilot, screen, clock, 5)
        counted = 0
        for width, height in sizes:
            was_paused = screen.session.paused
            await pilot.resize_terminal(width, height)
            too_small = width < 80 or height < 24
            await step(pilot, screen, clock, 3)  # the count-in after a too-small pause
            if not too_small and was_paused:
                await step(pilot, screen, clock, 3)
            await pilot.pause()
            assert_size_state(app, too_small)
            counted += not too_small
            assert screen.session.count("both") == counted
            assert screen.session.paused is too_small
        await pilot.resize_terminal(30, 10)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.press("enter")
        await pilot.pause()
        await answer_questions(pilot)
    assert [r.rounds[0][0].counts for r in logged(paths)] == [{"both": counted}]
