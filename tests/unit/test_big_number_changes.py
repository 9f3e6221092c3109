"""When the big number changes by itself: the screen wakes only then (and at deadlines)."""

from __future__ import annotations

import pytest
from engine_helpers import ALT, FATIGUE, HELD, REPS, make

from recovery_tui.core.session.coaching import big_text, next_change
from recovery_tui.core.session.engine import Session

FINE = 1 / 64
"""The step of a screen that polls: it sees each change at most this late (a binary
fraction, so the fake clock lands exactly on each whole second)."""


def _plan() -> Session:
    session, _clock = make(REPS, HELD, ALT, FATIGUE, rounds=2, fatigue_cap_seconds=7)
    return session


def _polled(session: Session, seconds: float) -> list[tuple[float, str]]:
    """Each change of the big number, and when a screen polling every FINE s saw it."""
    clock = session.clock
    seen = [(clock(), big_text(session))]
    for _ in range(round(seconds / FINE)):
        clock.advance(FINE)  # type: ignore[attr-defined]
        session.update()
        if big_text(session) != seen[-1][1]:
            seen.append((clock(), big_text(session)))
    return seen


def _woken(session: Session, seconds: float) -> list[tuple[float, str]]:
    """The same, waking only at the session's next deadline or the number's next change."""
    clock = session.clock
    end = clock() + seconds
    seen = [(clock(), big_text(session))]
    while not session.finished:
        due = [at for at in (session.next_deadline(), next_change(session)) if at is not None]
        assert due, f"nothing would wake the screen in phase {session.phase}"
        if min(due) > end:
            break
        clock.advance(min(due) - clock())  # type: ignore[attr-defined]
        session.update()
        if big_text(session) != seen[-1][1]:
            seen.append((clock(), big_text(session)))
    return seen


def test_waking_only_when_due_shows_every_change_at_its_moment() -> None:
    """Countdowns second by second, paced reps, holds, an open set's time, rests."""
    seconds = 400.0
    polled, woken = _polled(_plan(), seconds), _woken(_plan(), seconds)
    assert [text for _, text in woken] == [text for _, text in polled]
    for (at_woken, _), (at_polled, _) in zip(woken, polled, strict=True):
        assert at_woken <= at_polled + 1e-6
        assert at_polled - at_woken < FINE + 1e-6


def test_a_countdown_changes_at_each_whole_second_before_its_deadline() -> None:
    session, clock = make(REPS)  # a 3 s count-in first
    assert big_text(session) == "3"
    clock.advance(0.4)
    assert next_change(session) == pytest.approx(clock() + 0.6)
    clock.advance(0.6)
    assert big_text(session) == "2"
    assert next_change(session) == pytest.approx(clock() + 1.0)


def test_a_paused_session_changes_only_when_it_runs_again() -> None:
    session, clock = make(REPS)
    clock.advance(1.5)
    session.toggle_pause()
    shown = big_text(session)
    assert next_change(session) is None and session.next_deadline() is None
    clock.advance(30)
    assert big_text(session) == shown
    session.toggle_pause()
    assert next_change(session) is not None
