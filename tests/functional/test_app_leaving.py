"""Leaving, quitting and the closing questions: what reaches the log, and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from app_helpers import (
    answer_questions,
    click_on,
    drive,
    leave,
    logged,
    paced_reps_in,
    start_default_plan,
    step,
    text_of,
    unfinished_files,
    write_settings,
)
from conftest import FakeClock
from textual.widgets import DataTable, Static

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.dialogs.heel_check import HeelCheckDialog
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.screens.home import HomeScreen

AppFactory = Callable[..., Any]


async def test_leaving_before_anything_was_counted_logs_nothing(
    make_app: AppFactory, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_default_plan(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert "Nothing has been counted" in str(app.screen.query_one("#dialog-question").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert logged(paths) == []
    assert unfinished_files(paths) == []


async def test_leaving_logs_a_partial_record_and_updates_home_at_once(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = app.screen.query_one("#today", Static)
        assert "0 of 2 sessions today" in text_of(today)
        screen = await paced_reps_in(pilot, clock, 3)
        assert unfinished_files(paths)
        await leave(pilot)
        assert app.screen.query_one("#today", Static) is today
        assert "0 of 2 sessions today (+1 partial)" in text_of(today)
        assert "last: today 07:30, Full circuit, partial" in text_of(today)
        assert unfinished_files(paths) == []
        await pilot.press("h")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
    [record] = logged(paths)
    assert (record.status, record.id) == ("partial", screen.session.id)
    assert record.rounds[0][0].counts == {"both": 3}
    assert all(not r.counts for r in record.rounds[1])


@pytest.mark.parametrize(("heel_check", "expected_checks"), [(True, (2, 4)), (False, (None, None))])
async def test_the_session_is_logged_at_once_and_the_check_and_note_added_after(
    make_app: AppFactory,
    paths: AppPaths,
    clock: FakeClock,
    heel_check: bool,
    expected_checks: tuple[int | None, int | None],
) -> None:
    write_settings(paths, heel_check=heel_check, soreness_check=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HeelCheckDialog) is heel_check
        await answer_questions(pilot, heel="2")
        assert isinstance(app.screen, ActiveSetScreen)
        await step(pilot, app.screen, clock, 5 + 3)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HeelCheckDialog) is heel_check
        [at_once] = SessionLog(paths.log_file).read_all().records  # another terminal sees it
        assert (at_once.check_after, at_once.note) == (None, "")
        assert unfinished_files(paths) == []  # a crash now loses nothing and asks nothing
        await answer_questions(pilot, heel="4", note="[b]calves[/b] easier")
        assert isinstance(app.screen, HomeScreen)
    assert paths.log_file.read_bytes().count(b"\n") == 1  # the log line was never rewritten
    [record] = logged(paths)
    assert (record.check_before, record.check_after) == expected_checks
    assert record.note == "[b]calves[/b] easier"


async def test_escape_then_keep_going_stays_in_the_session(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        await pilot.press("escape")
        await click_on(pilot, "#stay")
        await pilot.pause()
        assert app.screen is screen
        await step(pilot, screen, clock, 3)  # the count-in after the dialog
        await step(pilot, screen, clock, 3)
        assert screen.session.count("both") == 4
    assert logged(paths) == []


@pytest.mark.parametrize(
    ("answer", "exits", "statuses", "state_kept"),
    [
        ("cancel", False, [], True),
        ("keep", True, [], True),
        ("save", True, ["partial"], False),
    ],
)
async def test_quitting_during_a_session_asks_first(
    make_app: AppFactory,
    clock: FakeClock,
    paths: AppPaths,
    answer: str,
    exits: bool,
    statuses: list[str],
    state_kept: bool,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 3)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog), "q must not quit without asking"
        assert app.return_value is None
        await click_on(pilot, f"#{answer}")
        await pilot.pause()
        await answer_questions(pilot)
        assert (app.return_value == 0) is exits
        if not exits:
            assert app.screen is screen
    assert [r.status for r in logged(paths)] == statuses
    assert bool(unfinished_files(paths)) is state_kept


async def test_leaving_4_s_into_set_2_of_the_quad_pump_logs_set_2(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        session = screen.session

        def in_set_2(s: Any) -> bool:
            quad = s.exercise.name == "Half-Hooklying Quad Pump"
            return quad and s.count(s.side) == 1 and s.phase.value == "open_set"

        await drive(pilot, screen, clock, in_set_2, set_seconds=30.0)
        assert session.elapsed() == 0
        await step(pilot, screen, clock, 4)
        side = session.side
        await leave(pilot)
    [record] = logged(paths)
    quad = record.rounds[0][3]
    assert quad.name == "Half-Hooklying Quad Pump"
    assert quad.counts == {side: 2} and quad.set_seconds == {side: [30.0, 4.0]}
    assert [r.counts for r in record.rounds[0][:3]] != [{}, {}, {}]


async def test_x_at_13_of_10_15_logs_the_exercise_as_done(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await paced_reps_in(pilot, clock, 13)
        await pilot.press("x")
        await pilot.pause()
        assert screen.session.index == 1
        await leave(pilot)
    [record] = logged(paths)
    knee_bends = record.rounds[0][0]
    assert (knee_bends.counts, knee_bends.skipped) == ({"both": 13}, False)
