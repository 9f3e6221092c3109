"""The quads' soreness: where the quad pump is, the record field, leaving it out of a session."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from engine_helpers import FATIGUE, FIXED, ONE, make, run
from factories import make_record

from recovery_tui.core.journal.record import RecordError, SessionRecord
from recovery_tui.core.plans.catalog import builtin_plans
from recovery_tui.core.session.soreness import WITHOUT_QUAD_PUMP, is_very_sore, quad_pump_indexes
from recovery_tui.core.session.types import Phase

PLANS = {plan.id: plan for plan in builtin_plans()}


def test_the_quad_pump_is_found_in_the_built_in_plans() -> None:
    assert quad_pump_indexes(PLANS["full-circuit"]) == (3,)
    assert quad_pump_indexes(PLANS[WITHOUT_QUAD_PUMP]) == ()
    assert quad_pump_indexes(PLANS["down-dog-block"]) == ()


@pytest.mark.parametrize(
    ("score", "sore"), [(None, False), (1, False), (3, False), (4, True), (5, True)]
)
def test_four_and_five_are_very_sore(score: int | None, sore: bool) -> None:
    assert is_very_sore(score) is sore


def test_the_score_is_kept_in_the_record_and_old_records_still_load() -> None:
    record = make_record(datetime(2026, 11, 23, 7, tzinfo=UTC))
    old = record.to_json()
    assert "quad_soreness" not in old
    assert SessionRecord.from_json(old).quad_soreness is None
    record.quad_soreness = 4
    assert SessionRecord.from_json(record.to_json()).quad_soreness == 4


@pytest.mark.parametrize("bad", [0, 6, "4", 4.0, True])
def test_a_score_out_of_the_scale_is_not_a_record(bad: Any) -> None:
    data = make_record(datetime(2026, 11, 23, 7, tzinfo=UTC)).to_json() | {"quad_soreness": bad}
    with pytest.raises(RecordError, match="quad_soreness"):
        SessionRecord.from_json(data)


def test_an_exercise_left_out_is_passed_over_in_every_round_and_the_session_completes() -> None:
    session, clock = make(FIXED, FATIGUE, ONE, rounds=2, rest_seconds=0, round_rest_seconds=0)
    session.leave_out([1])
    visited = []
    for _ in range(200):
        if session.finished:
            break
        visited.append((session.round, session.index))
        if session.phase is Phase.OPEN_SET:
            session.done()
        run(session, clock, 1)
    assert session.finished and (0, 1) not in visited and (1, 1) not in visited
    record = session.to_record()
    assert record.status == "completed"
    assert [r[1].skipped for r in record.rounds] == [True, True]


def test_leaving_out_the_current_exercise_moves_on() -> None:
    session, _clock = make(FATIGUE, FIXED)
    session.leave_out([0])
    assert (session.index, session.phase) == (1, Phase.COUNT_IN)


def test_history_shows_the_score_with_its_scale() -> None:
    from recovery_tui.widgets.session_detail import session_text

    record = make_record(datetime(2026, 11, 23, 7, tzinfo=UTC))
    assert "Quads" not in session_text(record).plain
    record.quad_soreness = 5
    assert "Quads: 5 (1 fresh, 5 very sore)" in session_text(record).plain
