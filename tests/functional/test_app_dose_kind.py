"""The fifth dose kind (`held_per_side.py`, defined only in the test suite) through the
app: its plan file loads, the set view shows it, the session is logged and the history
reads it back, with nothing in recovery_tui naming it."""

from __future__ import annotations

from typing import Any

from app_helpers import (
    AppFactory,
    answer_questions,
    drive,
    logged,
    open_history,
    start_default_plan,
    step,
    text_of,
    write_plan,
    write_settings,
)
from conftest import FakeClock
from held_per_side import PLAN, registered
from textual.pilot import Pilot

from recovery_tui.core.session.summary import SessionResult
from recovery_tui.core.session.types import Phase
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.heel_check import HeelCheckDialog
from recovery_tui.dialogs.note import NoteDialog
from recovery_tui.screens.summary import SummaryScreen


async def test_a_session_of_the_fifth_kind_runs_is_logged_and_shows_in_history(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths
) -> None:
    write_plan(paths, "balance.toml", PLAN)
    write_settings(paths, default_plan="balance", count_in_seconds=3, switch_seconds=4)
    with registered():
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "1. Single-leg balance\n   2 holds of 20 s each side" in text_of(
                app, "#plan-detail"
            )
            screen = await start_default_plan(pilot)
            assert text_of(app, "#exercise-name").startswith("Single-leg balance")
            await step(pilot, screen, clock, 3)
            assert screen.session.phase is Phase.HOLD
            assert text_of(app, "#phase-words") == "Hold · left · hold 1 of 2"
            assert text_of(app, "#next-up") == "Next: Knee bends — 2 reps"
            session = await drive(pilot, screen, clock)
            summary = await summary_after_questions(pilot)
            assert dict(summary.exercises)["Single-leg balance"] == ["left 2 · right 2 holds"]
            await answer_questions(pilot)
            assert session.finished
            [record] = logged(paths)
            assert record.status == "completed"
            assert [(r.kind, r.counts) for r in record.rounds[0]] == [
                ("held_per_side", {"left": 2, "right": 2}),
                ("reps", {"both": 2}),
            ]
            await open_history(pilot)
            detail = text_of(app, "#session-text")
            assert "1. Single-leg balance\n   left 2 · right 2 holds" in detail


async def summary_after_questions(pilot: Pilot[Any]) -> SessionResult:
    """Skip the closing questions up to the end-of-session summary; what it shows."""
    for _ in range(5):
        await pilot.pause()
        if isinstance(pilot.app.screen, SummaryScreen):
            return pilot.app.screen.summary
        if isinstance(pilot.app.screen, HeelCheckDialog | NoteDialog):
            await pilot.press("escape")
    raise AssertionError(f"no summary, but {pilot.app.screen!r}")
