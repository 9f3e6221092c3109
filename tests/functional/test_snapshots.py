"""A snapshot per screen and per key state of the active set, at 80x24 (the floor view
also at 100x30 and 200x50).

Time is frozen (the fake clock and FIXED_NOW) and the app's files live under relative
paths, so nothing that changes between runs reaches the picture. Regenerate after an
intended change with `pytest tests/functional/test_snapshots.py --snapshot-update`, then look at
the SVGs in tests/functional/__snapshots__/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from app_helpers import FLASH_SECONDS, drive, start_default_plan, steady_cursors, step
from conftest import FIXED_NOW, FakeClock
from factories import make_record
from textual.pilot import Pilot

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.session.engine import Session
from recovery_tui.core.session.saved import session_to_state
from recovery_tui.core.session.types import Phase
from recovery_tui.core.session.unfinished import claim_new
from recovery_tui.core.settings.paths import AppPaths, resolve_paths
from recovery_tui.widgets.plan_detail import PlanDetail

AppFactory = Callable[..., Any]
SnapCompare = Callable[..., bool]
Until = Callable[[Session], bool]


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """Relative paths, so the settings screen shows the same file name on every run."""
    monkeypatch.chdir(tmp_path)
    return resolve_paths(Path("config/settings.toml"), Path("data"))


RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def at_state(
    clock: FakeClock, until: Until, *, then: float = 0.0, keys: tuple[str, ...] = ()
) -> RunBefore:
    """A `run_before` that starts the default plan and runs it hands-off to a state."""

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_default_plan(pilot)
        await drive(pilot, screen, clock, until, set_seconds=20.0)
        if then:
            await step(pilot, screen, clock, then)
        await pilot.press(*keys)
        await pilot.pause(FLASH_SECONDS)
        steady_cursors(pilot.app)

    return run_before


def paced_rep_seven(session: Session) -> bool:
    return session.phase is Phase.REP and session.count("both") == 6


def test_home(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_home_plan_detail_scrolled(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one(PlanDetail).scroll_end(animate=False)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_home_plan_detail_after_a_resize(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    """Wrapped again for the new width, scrolled to its end (drawn by the old Static)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.resize_terminal(90, 26)
        await pilot.pause()
        pilot.app.screen.query_one(PlanDetail).scroll_end(animate=False)

    assert snap_compare(make_app(), terminal_size=(120, 30), run_before=run_before)


FLOOR_SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((100, 30), id="100x30"),
    pytest.param((200, 50), id="200x50"),
]
"""The floor view grows with the terminal: the smallest, a common and a large one."""


@pytest.mark.parametrize("size", FLOOR_SIZES)
def test_active_running(
    make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    """A paced rep count: rep 7 of 10-15, big."""
    run_before = at_state(clock, paced_rep_seven, then=1.0)
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", FLOOR_SIZES)
def test_active_countdown(
    make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    """A hold counting down in the dynamic calf stretch: 0:03, BOTH, HOLD."""

    def first_hold(session: Session) -> bool:
        return session.index == 2 and session.phase is Phase.HOLD

    run_before = at_state(clock, first_hold, then=2.0)
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_active_paused(make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare) -> None:
    run_before = at_state(clock, paced_rep_seven, then=1.0, keys=("space",))
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", FLOOR_SIZES)
def test_active_switch_sides(
    make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    def lunge_switch(session: Session) -> bool:
        return session.index == 4 and session.phase is Phase.SWITCH

    run_before = at_state(clock, lunge_switch, then=2.0)
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_active_rest_between_exercises(
    make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare
) -> None:
    def first_rest(session: Session) -> bool:
        return session.phase is Phase.REST

    run_before = at_state(clock, first_rest, then=5.0)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_active_to_fatigue_set(
    make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare
) -> None:
    def second_quad_set(session: Session) -> bool:
        return session.phase is Phase.OPEN_SET and session.count("left") == 1

    run_before = at_state(clock, second_quad_set, then=12.0)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_quads_before(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    """The full circuit has the quad pump: the first question is the quads."""
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["enter"])


def test_very_sore_quads_offer_a_choice(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["enter", "5"])


def test_heel_check_before(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    """Skip the quads (enter): the heel-to-mat check comes next."""
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["enter", "enter"])


def test_note_after_leaving(
    make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare
) -> None:
    """Leave mid-session, skip the heel check: the note is the last question."""
    run_before = at_state(clock, paced_rep_seven, keys=("escape", "enter", "escape"))
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_resume_prompt(
    make_app: AppFactory, clock: FakeClock, paths: AppPaths, snap_compare: SnapCompare
) -> None:
    """An earlier run died in round 1, exercise 2: the app offers to resume it."""
    app = make_app()
    plan = app.plan("full-circuit")
    session = app.new_session(plan)
    while session.index < 1 or session.phase is not Phase.REP:
        deadline = session.next_deadline()
        assert deadline is not None
        clock.advance(deadline - clock())
        session.update()
    claim = claim_new(paths.data_dir, session.id)
    claim.save(session_to_state(session))
    claim.release()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause(FLASH_SECONDS)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_too_small(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(60, 20))


def seed_history(paths: AppPaths) -> None:
    """Four sessions over three days, one of them partial."""
    starts = [
        (FIXED_NOW - timedelta(days=2, hours=1), "completed"),
        (FIXED_NOW - timedelta(days=1, hours=2), "completed"),
        (FIXED_NOW - timedelta(hours=14), "partial"),
        (FIXED_NOW - timedelta(minutes=45), "completed"),
    ]
    for number, (started, status) in enumerate(starts, start=1):
        record = make_record(started, status=status, id=f"seeded-{number}")  # type: ignore[arg-type]
        SessionLog(paths.log_file).append(record)


def test_history(make_app: AppFactory, paths: AppPaths, snap_compare: SnapCompare) -> None:
    seed_history(paths)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("h")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_settings(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        steady_cursors(pilot.app)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_help(make_app: AppFactory, snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["question_mark"])


def test_session_summary(make_app: AppFactory, clock: FakeClock, snap_compare: SnapCompare) -> None:
    """The end of a whole full circuit: the summary over plan selection."""

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_default_plan(pilot)
        await drive(pilot, screen, clock, set_seconds=20.0)
        await pilot.press("4")  # the heel check after
        await pilot.pause()
        await pilot.press("escape")  # no note
        await pilot.pause(FLASH_SECONDS)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)
