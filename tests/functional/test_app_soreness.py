"""The quads question before a plan with the quad pump, and the three answers to sore quads."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from app_helpers import answer_questions, click_on, drive, logged, write_settings
from conftest import FakeClock
from textual.pilot import Pilot

from recovery_tui.core.session.engine import Session
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.dialogs.heel_check import HeelCheckDialog
from recovery_tui.dialogs.soreness import SorenessDialog
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.screens.home import HomeScreen

AppFactory = Callable[..., Any]
QUAD_PUMP = 3  # its place in the full circuit


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def finish(pilot: Pilot[Any], screen: ActiveSetScreen, clock: FakeClock) -> None:
    await drive(pilot, screen, clock)
    await answer_questions(pilot)


async def test_very_sore_quads_lead_in_two_keys_to_the_circuit_without_the_quad_pump(
    make_app: AppFactory, paths: AppPaths, clock: FakeClock
) -> None:
    write_settings(paths, heel_check=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")  # start the full circuit
        assert isinstance(app.screen, SorenessDialog)
        await press(pilot, "5", "enter")
        screen = app.screen
        assert isinstance(screen, ActiveSetScreen)
        assert screen.session.plan.id == "circuit-without-quad-pump"
        await finish(pilot, screen, clock)
    [record] = logged(paths)
    assert (record.plan, record.status, record.quad_soreness) == (
        "circuit-without-quad-pump",
        "completed",
        5,
    )


async def test_skip_only_the_quad_pump_keeps_the_plan_and_records_it_skipped(
    make_app: AppFactory, paths: AppPaths, clock: FakeClock
) -> None:
    write_settings(paths, heel_check=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "4")
        assert isinstance(app.screen, ChoiceDialog)
        await click_on(pilot, "#skip")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActiveSetScreen)
        assert screen.session.plan.id == "full-circuit"
        visited: set[int] = set()

        def visit(session: Session) -> bool:
            visited.add(session.index)
            return False  # drive on to the end

        await drive(pilot, screen, clock, visit)
        await answer_questions(pilot)
    assert QUAD_PUMP not in visited
    [record] = logged(paths)
    assert (record.plan, record.status, record.quad_soreness) == ("full-circuit", "completed", 4)
    assert [r[QUAD_PUMP].skipped for r in record.rounds] == [True, True]
    assert [r[QUAD_PUMP].counts for r in record.rounds] == [{}, {}]
    assert not any(e.skipped for r in record.rounds for i, e in enumerate(r) if i != QUAD_PUMP)


async def test_go_on_as_planned_keeps_the_quad_pump(
    make_app: AppFactory, paths: AppPaths, clock: FakeClock
) -> None:
    write_settings(paths, heel_check=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "5")
        await click_on(pilot, "#as-planned")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActiveSetScreen)
        await finish(pilot, screen, clock)
    [record] = logged(paths)
    assert (record.plan, record.quad_soreness) == ("full-circuit", 5)
    assert [r[QUAD_PUMP].counts for r in record.rounds] == [{"left": 3, "right": 3}] * 2


async def test_escape_at_the_choice_starts_nothing(make_app: AppFactory, paths: AppPaths) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "5", "escape")
        assert isinstance(app.screen, HomeScreen)
    assert logged(paths) == []


@pytest.mark.parametrize(("key", "score"), [("2", 2), ("3", 3), ("enter", None)])
async def test_a_mild_score_or_none_goes_straight_on_to_the_heels(
    make_app: AppFactory, paths: AppPaths, clock: FakeClock, key: str, score: int | None
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", key)
        assert isinstance(app.screen, HeelCheckDialog)
        await press(pilot, "escape")
        screen = app.screen
        assert isinstance(screen, ActiveSetScreen)
        assert screen.session.plan.id == "full-circuit"
        await drive(pilot, screen, clock, lambda s: s.count("both") == 1)
        await press(pilot, "escape", "enter")  # leave: saved as partial
        await answer_questions(pilot)
    [record] = logged(paths)
    assert record.quad_soreness == score
    line = json.loads(paths.log_file.read_text(encoding="utf-8"))
    assert line.get("quad_soreness") == score
    assert ("quad_soreness" in line) is (score is not None)  # unasked: the line as before


@pytest.mark.parametrize(
    ("settings", "plan"),
    [({"soreness_check": False}, "full-circuit"), ({}, "down-dog-block")],
    ids=["turned-off", "plan-without-the-quad-pump"],
)
async def test_no_question_when_off_or_the_plan_has_no_quad_pump(
    make_app: AppFactory, paths: AppPaths, settings: dict[str, Any], plan: str
) -> None:
    write_settings(paths, heel_check=False, **settings)
    app = make_app(start_plan=plan, start_now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ActiveSetScreen)
        assert app.screen.quad_soreness is None
