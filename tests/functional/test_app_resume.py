"""The resume prompt at start-up: resume (the default), save, discard, or not now."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from app_helpers import (
    click_on,
    leave,
    logged,
    pause_until,
    start_default_plan,
    unfinished_files,
    watch_notifications,
    write_settings,
)
from resume_helpers import every_step, new_session, saved_session, where

from recovery_tui.core.session.saved import session_to_state
from recovery_tui.core.session.unfinished import claim_new, claim_orphans
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.screens.home import HomeScreen


async def test_enter_resumes_the_unfinished_session_paused_where_it_was(
    make_app: Callable[..., Any], paths: AppPaths
) -> None:
    left = saved_session(paths.data_dir, steps=30, check_before=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and dialog.title_text == "Unfinished session"
        assert dialog.question.startswith(
            "Full circuit, round 1, exercise 2, started 2026-11-23 07:30"
        )
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActiveSetScreen)
        assert where(screen.session) == where(left) and screen.session.paused
        assert claim_orphans(paths.data_dir) == ([], 0)  # ours now; nobody else gets it
        await leave(pilot)
    [record] = logged(paths)
    assert (record.id, record.status, record.check_before) == (left.id, "partial", 3)
    assert [[e.counts for e in r] for r in record.rounds] == [
        [e.counts for e in r] for r in left.to_record().rounds
    ]
    assert unfinished_files(paths) == []


@pytest.mark.parametrize("answer", ["save", "discard", "escape"])
async def test_save_as_partial_discard_or_not_now(
    make_app: Callable[..., Any], paths: AppPaths, answer: str
) -> None:
    left = saved_session(paths.data_dir, check_before=2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        if answer == "escape":
            await pilot.press("escape")
        else:
            await click_on(pilot, f"#{answer}")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    records = logged(paths)
    if answer == "save":
        assert [(r.id, r.status, r.check_before) for r in records] == [(left.id, "partial", 2)]
        assert records[0].rounds[0][0].counts == left.progress[0][0].counts
    else:
        assert records == []
    assert bool(unfinished_files(paths)) is (answer == "escape")


async def test_each_unfinished_session_is_asked_about_then_start_goes_on(
    make_app: Callable[..., Any], paths: AppPaths
) -> None:
    saved_session(paths.data_dir, steps=5)
    saved_session(paths.data_dir, steps=8)
    write_settings(paths, heel_check=False)
    app = make_app(start_plan="down-dog-block", start_now=True)
    async with app.run_test(size=(80, 24)) as pilot:
        asked: list[object] = []
        for _ in range(2):
            # the next question, not the one just answered while it is still closing
            await pause_until(
                pilot, lambda: isinstance(app.screen, ChoiceDialog) and app.screen not in asked
            )
            asked.append(app.screen)
            await click_on(pilot, "#discard")
        await pause_until(pilot, lambda: not isinstance(app.screen, ChoiceDialog))
        assert isinstance(app.screen, ActiveSetScreen)
        assert app.screen.session.plan.id == "down-dog-block"
    assert len(unfinished_files(paths)) == 1  # the new session's own state


@pytest.mark.parametrize(
    "change",
    [{"plan": "gone-plan"}, {"progress": "ruined"}, {"version": 9}],
    ids=["plan-missing", "damaged", "newer-version"],
)
async def test_a_session_that_cannot_be_restored_is_named_and_kept(
    make_app: Callable[..., Any], paths: AppPaths, change: dict[str, Any]
) -> None:
    saved_session(paths.data_dir, steps=20, **change)
    [state_file] = unfinished_files(paths)
    content = state_file.read_bytes()
    app = make_app()
    shown = watch_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        messages = [n.message for n in shown]
        assert any(str(state_file) in m and "cannot resume" in m for m in messages), messages
    assert state_file.read_bytes() == content


async def test_a_session_stopped_during_the_closing_questions_is_saved_as_completed(
    make_app: Callable[..., Any], paths: AppPaths
) -> None:
    session, clock = new_session()
    for _ in every_step(session, clock):
        pass
    claim = claim_new(paths.data_dir, session.id)
    claim.save(session_to_state(session))
    claim.release()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert dialog.question.endswith("finished, but not in your history yet.")
        await pilot.press("enter")
        await pilot.pause()
    [record] = logged(paths)
    assert (record.status, record.ended) == ("completed", session.ended)
    assert unfinished_files(paths) == []


async def test_each_key_saves_the_session_state_once(
    make_app: Callable[..., Any], paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_default_plan(pilot)
        saves: list[dict[str, Any]] = []
        save = screen.claim.save

        def counted_save(state: dict[str, Any]) -> None:
            saves.append(state)
            save(state)

        monkeypatch.setattr(screen.claim, "save", counted_save)
        for key in ("n", "b", "x", "enter"):
            before = len(saves)
            await pilot.press(key)
            await pilot.pause()
            assert len(saves) == before + 1, key
        assert saves[-1] == json.loads(unfinished_files(paths)[0].read_bytes())
