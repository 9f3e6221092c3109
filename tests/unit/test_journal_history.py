"""What the history reads: every session listed, the selected one and the window in full."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import FIXED_NOW
from factories import make_record

from recovery_tui.core.journal import SessionLog, encode_record
from recovery_tui.core.journal.history import PAGE, PanelSpan, load_history, newest_page
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.settings.paths import AppPaths


def seed(paths: AppPaths, records: list[SessionRecord]) -> None:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    paths.log_file.write_bytes(b"".join(encode_record(r) for r in records))


def daily(count: int) -> list[SessionRecord]:
    """One session a day at 06:00 UTC for the `count` days up to today (FIXED_NOW)."""
    today = FIXED_NOW.replace(hour=6, minute=0)
    return [make_record(today - timedelta(days=n)) for n in reversed(range(count))]


NOW = FIXED_NOW.replace(microsecond=345678)
"""A start as the engine's clock gives it: the log keeps it to the second."""


def test_unsaved_sessions_are_listed_once_and_held_in_memory(paths: AppPaths) -> None:
    logged = make_record(NOW - timedelta(days=1))
    seed(paths, [logged])
    unsaved = make_record(NOW - timedelta(hours=1))
    saved_since = logged  # saved by a retry, but still in the app's list
    loaded = load_history(SessionLog(paths.log_file), [unsaved, saved_since, unsaved])
    assert len(loaded) == 2
    assert [loaded.newest(i).id for i in range(2)] == [unsaved.id, logged.id]
    assert not loaded.newest(0).in_log and loaded.newest(1).in_log
    assert loaded.record(loaded.newest(0)) is unsaved
    assert loaded.row_of(loaded.newest(1)) == 1 and loaded.row_of(loaded.newest(0)) == 0
    nobody = dataclasses.replace(loaded.newest(1), id="nobody")
    assert loaded.row_of(nobody) is None


def test_an_unsaved_session_keeps_its_row_once_it_is_saved(paths: AppPaths) -> None:
    seed(paths, [make_record(NOW - timedelta(days=1))])
    unsaved, newer = make_record(NOW), make_record(NOW + timedelta(hours=3))
    before = load_history(SessionLog(paths.log_file), [unsaved, newer])
    selected = before.newest(1)
    assert (selected.id, selected.in_log) == (unsaved.id, False)
    seed(paths, [make_record(NOW - timedelta(days=1)), unsaved, newer])  # saved again
    after = load_history(SessionLog(paths.log_file), [])
    assert after.newest(1).in_log and after.row_of(selected) == 1


def test_the_selected_record_is_read_with_its_later_note(paths: AppPaths) -> None:
    records = daily(3)
    seed(paths, records)
    SessionLog(paths.log_file).amend(records[1].id, FIXED_NOW, note="heels flat!")
    loaded = load_history(SessionLog(paths.log_file), [])
    middle = loaded.record(loaded.newest(1))
    assert middle is not None
    assert (middle.id, middle.note, middle.rounds) == (
        records[1].id,
        "heels flat!",
        records[1].rounds,
    )
    assert records[1].note == ""  # the records themselves are not changed


def test_no_record_once_the_log_holds_other_sessions(paths: AppPaths) -> None:
    seed(paths, daily(3))
    loaded = load_history(SessionLog(paths.log_file), [])
    seed(paths, daily(3))  # `import` replaced the log: new ids at the same offsets
    assert loaded.record(loaded.newest(0)) is None


def test_a_row_read_after_the_log_was_replaced_is_unreadable(paths: AppPaths) -> None:
    seed(paths, daily(PAGE + 3))
    loaded = load_history(SessionLog(paths.log_file), [])
    older = [make_record(FIXED_NOW - timedelta(days=900 + n)) for n in range(PAGE + 3)]
    seed(paths, older)  # `import` replaced it: other sessions, started at other times
    row = loaded.newest(PAGE + 1)  # a page not read before
    assert (row.status, row.rounds_total) == ("unreadable", 0)
    assert row.started == daily(PAGE + 3)[1].started  # when, from the index
    assert loaded.record(row) is None


def test_a_damaged_log_is_listed_with_a_warning(paths: AppPaths) -> None:
    seed(paths, daily(2))
    with paths.log_file.open("ab") as log:
        log.write(b"{junk\n")
    loaded = load_history(SessionLog(paths.log_file), [])
    assert len(loaded) == 2
    assert loaded.warning == "sessions.jsonl: skipped 1 unreadable line (3)"


def test_an_unreadable_log_lists_the_unsaved_and_says_why(paths: AppPaths) -> None:
    paths.log_file.mkdir(parents=True)
    unsaved = make_record(FIXED_NOW)
    assert len(newest_page(SessionLog(paths.log_file), [unsaved])) == 1
    loaded = load_history(SessionLog(paths.log_file), [unsaved])
    assert len(loaded) == 1 and "Could not read the session log" in loaded.warning


def test_the_first_page_is_the_newest_sessions(paths: AppPaths) -> None:
    records = daily(PAGE + 30)
    seed(paths, records)
    first = newest_page(SessionLog(paths.log_file), [])
    assert not first.complete and len(first) == PAGE
    assert first.newest(0).id == records[-1].id
    assert first.newest(PAGE - 1).id == records[-PAGE].id


def days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


D = date  # short, for the table


@pytest.mark.parametrize(
    ("race", "window_days", "expected"),
    [
        # the chart's last 14 days and today, and a day before them for time zones
        (None, 14, days(D(2026, 11, 8), D(2026, 11, 23))),
        (D(2026, 11, 15), 14, days(D(2026, 11, 15), D(2026, 11, 23))),  # race to today
        # A race a year back: its window and the day after, and the streak's last days.
        (
            D(2025, 11, 1),
            14,
            days(D(2025, 11, 1), D(2025, 11, 16)) | days(D(2026, 11, 8), D(2026, 11, 23)),
        ),
        (
            D(2025, 11, 1),
            3,
            days(D(2025, 11, 1), D(2025, 11, 5)) | days(D(2026, 11, 19), D(2026, 11, 23)),
        ),
    ],
)
def test_the_panel_gets_the_records_of_its_window_only(
    paths: AppPaths, race: date | None, window_days: int, expected: set[date]
) -> None:
    seed(paths, daily(400))
    unsaved = make_record(FIXED_NOW - timedelta(hours=1))
    window = load_history(
        SessionLog(paths.log_file), [unsaved], PanelSpan(race, window_days, FIXED_NOW)
    ).window
    assert {r.started.date() for r in window} == expected
    assert len(window) == len(expected) + 1 and unsaved in window
    assert [r.started for r in window] == sorted(r.started for r in window)


def test_the_first_page_has_a_recent_window_in_full(paths: AppPaths) -> None:
    seed(paths, daily(400))
    span = PanelSpan(D(2026, 11, 15), 14, FIXED_NOW)
    first, whole = (
        newest_page(SessionLog(paths.log_file), [], span),
        load_history(SessionLog(paths.log_file), [], span),
    )
    assert not first.complete
    assert [r.id for r in first.window] == [r.id for r in whole.window]
    assert len(first.window) == 9  # race day to today


def test_no_span_no_window(paths: AppPaths) -> None:
    seed(paths, daily(3))
    assert load_history(SessionLog(paths.log_file), []).window == []


def test_the_window_has_the_later_notes_too(paths: AppPaths) -> None:
    records = daily(2)
    seed(paths, records)
    SessionLog(paths.log_file).amend(records[0].id, FIXED_NOW, note="tight")
    span = PanelSpan(None, 14, datetime(2026, 11, 23, 20, tzinfo=UTC))
    assert [r.note for r in load_history(SessionLog(paths.log_file), [], span).window] == [
        "tight",
        "",
    ]


def test_appended_sessions_are_found(paths: AppPaths) -> None:
    seed(paths, daily(2))
    SessionLog(paths.log_file).append(make_record(FIXED_NOW, id="new"))
    assert load_history(SessionLog(paths.log_file), []).newest(0).id == "new"


def test_an_old_session_shows_its_amendment_though_none_is_held(paths: AppPaths) -> None:
    records = daily(400)
    seed(paths, records)
    log = SessionLog(paths.log_file)
    log.amend(records[0].id, FIXED_NOW, note="a year on", check_after=5)
    loaded = load_history(log, [])
    oldest = loaded.record(loaded.newest(len(loaded) - 1))
    assert oldest is not None and (oldest.note, oldest.check_after) == ("a year on", 5)
    newest = loaded.record(loaded.newest(0))
    assert newest is not None and newest.note == ""
