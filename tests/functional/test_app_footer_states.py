"""The active set's footer tells the truth in each state: only keys that act, in words."""

from __future__ import annotations

from typing import Any

from app_helpers import AppFactory, drive, footer_keys, start_default_plan, step, write_settings
from conftest import FakeClock

from recovery_tui.core.session.types import Phase
from recovery_tui.core.settings.paths import AppPaths


def enter_and_space(keys: list[str]) -> list[str]:
    return [k for k in keys if k.startswith(("⏎", "space"))]


async def test_each_state_shows_what_enter_and_space_do(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_default_plan(pilot)
        session = screen.session
        keys = await footer_keys(pilot)
        assert session.phase is Phase.COUNT_IN
        assert enter_and_space(keys) == ["space Pause", "⏎ Start now"]
        assert "b Back" not in keys and "u Undo" not in keys  # first exercise, nothing counted

        await drive(pilot, screen, clock, lambda s: s.phase is Phase.REP)
        keys = await footer_keys(pilot)
        assert enter_and_space(keys) == ["space Pause"]  # paced reps: enter does nothing
        await pilot.press("enter")
        assert session.count("both") == 0

        await pilot.press("space")
        keys = await footer_keys(pilot)
        assert enter_and_space(keys) == ["space Resume"]
        await pilot.press("space")
        assert not session.paused

        await drive(pilot, screen, clock, lambda s: s.count("both") == 2)
        assert "u Undo" in await footer_keys(pilot)

        await drive(pilot, screen, clock, lambda s: s.phase is Phase.REST)
        keys = await footer_keys(pilot)
        assert enter_and_space(keys) == ["space Pause", "⏎ End rest"]
        assert {"b Back", "u Undo", "n Next", "x Skip"} <= set(keys)

        await drive(pilot, screen, clock, lambda s: s.phase is Phase.HOLD)
        assert enter_and_space(await footer_keys(pilot)) == ["space Pause"]

        await drive(pilot, screen, clock, lambda s: s.phase is Phase.OPEN_SET)
        assert enter_and_space(await footer_keys(pilot)) == ["space Pause", "⏎ End set"]
        await step(pilot, screen, clock, 3)
        await pilot.press("enter")
        assert session.phase is not Phase.OPEN_SET


async def test_manual_reps_offer_enter_to_count(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_settings(paths, pacing="manual", count_in_seconds=0)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_default_plan(pilot)
        keys: list[Any] = await footer_keys(pilot)
        assert enter_and_space(keys) == ["space Pause", "⏎ Count rep"]
        await pilot.press("enter")
        assert screen.session.count("both") == 1
