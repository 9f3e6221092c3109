"""The one rule for a 1-5 answer, used by the log, the resume files and the dialogs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import make_record

from recovery_tui.core.journal.record import RecordError, SessionRecord
from recovery_tui.core.scale import score


@pytest.mark.parametrize("value", [1, 3, 5])
def test_whole_numbers_one_to_five_are_answers(value: int) -> None:
    assert score(value) == value


@pytest.mark.parametrize("value", [0, 6, -1, 2.0, True, "3", None, [3]])
def test_anything_else_is_no_answer(value: object) -> None:
    assert score(value) is None


@pytest.mark.parametrize("key", ["check_before", "check_after", "quad_soreness"])
def test_the_log_refuses_a_record_with_a_bad_answer(key: str) -> None:
    data = make_record(datetime(2026, 11, 23, 7, 30, tzinfo=UTC)).to_json()
    SessionRecord.from_json({**data, key: 5})
    with pytest.raises(RecordError):
        SessionRecord.from_json({**data, key: True})
