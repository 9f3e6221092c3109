"""The end-of-session summary: duration, rounds, counts per side, set times, heel check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from app_helpers import SIZE, drive, logged, unlisted_keys, write_settings
from conftest import FIXED_NOW, FakeClock
from factories import make_record
from textual.widgets import Static

from recovery_tui.core.insight.stats import format_duration
from recovery_tui.core.journal.record import ExerciseResult
from recovery_tui.core.session.summary import counts_text, set_times_text, summarize
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.heel_check import HeelCheckDialog
from recovery_tui.dialogs.note import NoteDialog
from recovery_tui.screens.home import HomeScreen
from recovery_tui.screens.summary import SummaryScreen

AppFactory = Callable[..., Any]


def test_counts_per_side_and_set_times_left_and_right() -> None:
    quad = ExerciseResult(
        "Quad pump",
        "to_fatigue",
        counts={"left": 2, "right": 2},
        set_seconds={"left": [40.0, 25.0], "right": [30.4, 20.0]},
    )
    assert counts_text(quad) == "left 2 sets · right 2 sets"
    assert set_times_text(quad) == "left 2 sets: 40.0, 25.0 s\nright 2 sets: 30.4, 20.0 s"
    assert counts_text(ExerciseResult("Knee bends", "reps", counts={"both": 15})) == "15 reps"
    assert counts_text(ExerciseResult("Lunge", "reps", skipped=True)) == "skipped"
    assert counts_text(ExerciseResult("Lunge", "reps_per_side", counts={"left": 0})) == "not done"
    lunge = ExerciseResult("Lunge", "reps_per_side", counts={"left": 15, "right": 15})
    assert set_times_text(lunge) == ""


async def test_the_summary_stays_until_closed(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_settings(paths, soreness_check=False)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        screen = await start_default_plan_started(pilot)
        await drive(pilot, screen, clock, set_seconds=30.0)
        assert isinstance(app.screen, HeelCheckDialog)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("escape")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        clock.advance(600)
        await pilot.pause(0.2)
        assert app.screen is summary  # no timeout: it waits for the runner
        facts = dict(summary.summary.facts)
        assert facts["Rounds"] == "2 of 2" and facts["Heels to the mat"] == "2 → 4 (of 5)"
        assert facts["Next session"]
        lines = dict(summary.summary.exercises)
        assert lines["In-Line Lunge"] == ["left 15 · right 15 reps"] * 2
        times = dict(summary.summary.set_times)
        assert (
            times["Half-Hooklying Quad Pump, round 2"]
            == "left 3 sets: 30.0, 30.0, 30.0 s\nright 3 sets: 30.0, 30.0, 30.0 s"
        )
        assert summary.summary.set_times_label == "Sets to fatigue"
        assert facts["Duration"] == format_duration(
            (logged(paths)[0].ended - logged(paths)[0].started).total_seconds()
        )
        assert summary.query_one("#summary-set-times", Static).display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def start_default_plan_started(pilot: Any) -> Any:
    from app_helpers import active_screen

    await pilot.pause()
    return active_screen(pilot.app)


async def test_every_key_the_summary_answers_to_is_in_its_footer_or_the_help(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        record = make_record(FIXED_NOW - timedelta(hours=1))
        app.push_screen(SummaryScreen(summarize(record, "tomorrow")))
        await pilot.pause()
        assert app.focused is app.screen.query_one("#summary-body"), "a long one scrolls"
        assert {"up", "pagedown", "end"} <= set(app.screen.active_bindings)
        assert unlisted_keys(app.screen) == []
