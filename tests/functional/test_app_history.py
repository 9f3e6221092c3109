"""History driven through the app with Pilot, newest first, a page at a time."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from app_helpers import (
    SIZE,
    AppFactory,
    open_history,
    row_texts,
    seed,
    text_of,
    watch_notifications,
)
from conftest import FIXED_NOW
from factories import make_record
from textual.widgets import Static

from recovery_tui.core.journal import SessionLog, encode_record
from recovery_tui.core.journal.history import PAGE, load_history, newest_page
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.screens import history as history_screen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.widgets.session_detail import when

# ---- history ---------------------------------------------------------------


async def test_history_lists_sessions_newest_first_with_the_selected_detail(
    make_app: AppFactory, paths: AppPaths
) -> None:
    day = FIXED_NOW - timedelta(days=2)
    oldest = make_record(day)
    partial = make_record(day + timedelta(hours=10), status="partial")
    newest = make_record(day + timedelta(days=1))
    seed(paths, [oldest, newest, partial])  # not in time order on purpose
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        table = screen.table
        assert table.row_count == 3
        assert [row_texts(table, i)[0] for i in range(3)] == [
            when(r.started) for r in (newest, partial, oldest)
        ]
        assert row_texts(table, 1)[2:] == ["partial", "1/2", "14:05"]
        detail = text_of(app, "#session-text")
        assert "completed · 2/2 rounds" in detail
        assert "Round 2" in detail
        assert "left 12 · right 12 reps" in detail
        assert "3. Down Dog Dynamic Calf Stretch\n   4 holds\n" in detail, "its kind's words"
        assert "left 3 sets: 31.5, 28.2, 25.0 s" in detail
        await pilot.press("down")
        detail = text_of(app, "#session-text")
        assert "partial · 1/2 rounds" in detail
        assert "not done" in detail


async def test_history_marks_sessions_that_are_not_saved(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    app = make_app()
    app.unsaved.append(make_record(FIXED_NOW - timedelta(hours=1)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.table.row_count == 2
        assert row_texts(screen.table, 0)[2] == "completed · not saved"
        assert row_texts(screen.table, 1)[2] == "completed"
        assert "Not saved to the log yet" in text_of(app, "#session-text")


async def test_history_warns_about_a_damaged_log(make_app: AppFactory, paths: AppPaths) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    with paths.log_file.open("ab") as log:
        log.write(b'{"schema": 1, "id": "torn\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        warning = screen.query_one("#history-warning", Static)
        assert warning.has_class("-shown")
        assert text_of(app, "#history-warning") == "sessions.jsonl: skipped 1 unreadable line (2)"
        assert screen.table.row_count == 1


async def test_a_session_whose_exercises_cannot_be_read_is_an_unreadable_line(
    make_app: AppFactory, paths: AppPaths
) -> None:
    """One validator: the history skips and counts it exactly as `status` and `history` do."""
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    damaged = make_record(FIXED_NOW - timedelta(hours=2), status="partial").to_json()
    damaged["rounds"][0][0]["counts"] = {"both": -3}
    with paths.log_file.open("ab") as log:
        log.write(json.dumps(damaged).encode() + b"\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.pause()
        assert screen.table.row_count == 1
        assert row_texts(screen.table, 0)[2:4] == ["completed", "2/2"]
        assert screen.selected_record is not None
        warning = text_of(app, "#history-warning")
        assert warning == "sessions.jsonl: skipped 1 unreadable line (2)"


async def test_history_without_sessions_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.has_class("-empty")
        assert screen.query_one("#history-empty").display
        assert "No sessions yet" in text_of(app, "#history-empty")
        assert not screen.query_one("#history-warning").has_class("-shown")


async def test_history_builds_rows_a_page_at_a_time(make_app: AppFactory, paths: AppPaths) -> None:
    total = PAGE * 2 + 50
    start = FIXED_NOW - timedelta(days=3 * total)  # back into last year
    paths.data_dir.mkdir(parents=True)
    lines = (encode_record(make_record(start + timedelta(days=3 * i))) for i in range(total))
    paths.log_file.write_bytes(b"".join(lines))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.shown == PAGE
        assert f"{total:,} sessions" in text_of(app, "#history-status")
        screen.table.move_cursor(row=PAGE - 1)
        await pilot.pause()
        assert screen.shown == PAGE * 2
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert screen.shown == total
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert row_texts(screen.table, screen.table.cursor_row)[0] == when(start, this_year=2026)
        assert "2025" in when(start, this_year=2026)


async def test_a_tall_history_is_filled_with_rows(make_app: AppFactory, paths: AppPaths) -> None:
    start = FIXED_NOW - timedelta(days=PAGE * 3)
    seed(paths, [make_record(start + timedelta(days=i)) for i in range(PAGE * 3)])
    app = make_app()
    async with app.run_test(size=(100, PAGE + 40)) as pilot:
        screen = await open_history(pilot)
        assert screen.table.size.height > PAGE  # more than a page fits
        assert screen.shown > screen.table.size.height


@pytest.mark.parametrize(("width", "stacked"), [(80, True), (99, True), (100, False)])
async def test_history_puts_the_detail_under_the_table_when_narrow(
    make_app: AppFactory, paths: AppPaths, width: int, stacked: bool
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await open_history(pilot)
        table, detail = screen.table.region, screen.query_one("#session-detail").region
        assert screen.has_class("-stacked") is stacked
        assert (detail.y >= table.bottom) is stacked


def test_the_first_page_comes_from_the_end_of_the_log(paths: AppPaths) -> None:
    start = FIXED_NOW - timedelta(days=PAGE + 5)
    records = [make_record(start + timedelta(days=i)) for i in range(PAGE + 5)]
    seed(paths, records)
    unsaved = make_record(FIXED_NOW - timedelta(minutes=5))
    first = newest_page(SessionLog(paths.log_file), [unsaved])
    assert not first.complete
    assert [first.newest(i).id for i in range(3)] == [unsaved.id, records[-1].id, records[-2].id]
    assert len(first) == PAGE + 1
    whole = load_history(SessionLog(paths.log_file), [unsaved])
    assert whole.complete
    assert len(whole) == PAGE + 6
    assert whole.newest(len(whole) - 1).id == records[0].id


async def test_history_reloads_when_a_session_is_saved(
    make_app: AppFactory, paths: AppPaths
) -> None:
    seed(paths, [make_record(FIXED_NOW - timedelta(days=1))])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert app.save_record(make_record(FIXED_NOW - timedelta(minutes=20), status="partial"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.table.row_count == 2
        assert row_texts(screen.table, 0)[2] == "partial"
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_sessions_started_at_the_same_second_keep_the_selection_when_all_is_read(
    make_app: AppFactory, paths: AppPaths
) -> None:
    """The first page and the whole log list equal starts alike, so the cursor stays put."""
    start = FIXED_NOW - timedelta(days=1)
    seed(paths, [make_record(start - timedelta(hours=5), id="older")])
    seed(paths, [make_record(start, id="first-in-file"), make_record(start, id="second")])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "3 sessions, newest first" in text_of(app, "#history-status")
        assert screen.table.cursor_row == 0
        assert screen.selected_record is not None
        assert screen.selected_record.id == "second"


async def test_a_note_on_a_row_gone_from_the_log_is_refused_and_the_log_read_again(
    make_app: AppFactory, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process replaced the log while the history was open: the row read since is
    unreadable, so its note is not saved (it has no id), and the log is read again once."""
    records = [make_record(FIXED_NOW - timedelta(days=3 * PAGE - i)) for i in range(3 * PAGE)]
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    paths.log_file.write_bytes(b"".join(encode_record(r) for r in records))
    app = make_app()
    shown = watch_notifications(app)
    reads, go_on = [], threading.Event()

    def held_read(*args: object, **kwargs: object) -> object:
        reads.append(1)
        go_on.wait(timeout=10)  # the note is typed before the new read arrives
        return load_history(*args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        screen.table.move_cursor(row=PAGE - 1)  # the second page is added
        await pilot.pause()
        screen.table.move_cursor(row=5)  # the first page is the one kept
        await pilot.pause()
        monkeypatch.setattr(history_screen, "load_history", held_read)
        paths.log_file.write_bytes(b"".join(encode_record(r) for r in records[-10:]))
        try:
            screen.table.move_cursor(row=PAGE + 3)
            await pilot.pause()
            assert "could not be read" in text_of(app, "#session-text")
            await pilot.press("n", *"hello", "enter")
            await pilot.pause()
            assert app.screen is screen  # no note dialog
            assert shown[-1].message.startswith("This session can no longer be read")
        finally:
            go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "10 sessions, newest first" in text_of(app, "#history-status")
        assert len(reads) == 1
    assert not paths.log_file.with_name("notes.jsonl").exists()
