"""The terminal's title during a session, so a tab or tmux's window list tells where it is.

"L 7/15 · In-Line Lunge — recovery-tui": the side, what is done of the target, the exercise.
"""

from __future__ import annotations

from ..safe_text import clean
from .engine import Session
from .types import Phase, target_for

APP_NAME = "recovery-tui"
SIDE_LETTERS = {"left": "L", "right": "R", "both": ""}


def session_title(session: Session) -> str:
    return f"{_where(session)} — {APP_NAME}"


def _where(session: Session) -> str:
    phase = session.phase
    name = clean(session.exercise.name)
    if phase is Phase.DONE:
        return "Session done"
    if phase is Phase.REST:
        return f"Rest · next {name}"
    if phase is Phase.ROUND_REST:
        return f"Rest · round {session.round + 1} next"
    side = SIDE_LETTERS.get(session.side, "")
    if phase is Phase.SWITCH:
        return f"Switch to {side} · {name}"
    count = f"{session.count(session.side)}/{target_for(session.exercise.dose)}"
    words = {Phase.COUNT_IN: "Ready", Phase.HOLD: "Hold", Phase.RELAX: "Relax"}.get(phase)
    where = " ".join(part for part in (side, words, count) if part)
    paused = "Paused · " if session.paused else ""
    return f"{paused}{where} · {name}"
