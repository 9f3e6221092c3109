"""What the active-set view says about a session, in words and in big digits.

Pure functions of the session, so the wording is tested without a terminal.
"""

from __future__ import annotations

import math
import re

from ..doses.kind import target_text as dose_target_text
from .engine import Session
from .types import Phase, required_for, target_for


def whole_seconds(seconds: float) -> int:
    """A countdown in whole seconds, rounded up so 0 means over."""
    return max(0, math.ceil(seconds - 1e-9))


def clock_text(seconds: float) -> str:
    """Whole seconds as M:SS (or H:MM:SS), rounding a countdown up so 0 means over."""
    total = whole_seconds(seconds)
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def floor_seconds(seconds: float) -> str:
    """A time for the big number: plain seconds under a minute (``7``), else ``1:05``."""
    text = clock_text(seconds)
    return text.removeprefix("0:").lstrip("0") or "0" if len(text) == 4 else text


def big_text(session: Session) -> str:
    """The big number: a countdown, the running time of a set, or the rep in progress."""
    phase = session.phase
    if phase is Phase.DONE:
        return "0"
    if phase is Phase.OPEN_SET:
        return floor_seconds(math.floor(session.elapsed()))
    remaining = session.remaining()
    if phase is Phase.REP:
        return str(session.count(session.side) + 1)
    return floor_seconds(remaining or 0.0)


def next_change(session: Session) -> float | None:
    """When the big number next changes by itself (clock time), or None: a paused session,
    paced reps and a finished one change only with their events (`Session.next_deadline`).

    The screen sleeps until then instead of polling: a countdown changes each whole
    second before its deadline, an open set's time each whole second after its start.
    """
    if session.paused:
        return None
    if session.phase is Phase.OPEN_SET:
        return session.phase_started + math.floor(session.elapsed()) + 1
    deadline = session.deadline
    if deadline is None or session.phase is Phase.REP:
        return None
    shown = whole_seconds(deadline - session.clock())
    return deadline - (shown - 1) if shown else None


def big_template(session: Session) -> str:
    """The widest the big number gets in this phase, so its size holds steady."""
    widest = re.sub(r"\d", "8", big_text(session))
    if session.phase is Phase.REP:
        return "8" * max(len(widest), len(str(target_for(session.exercise.dose))))
    return widest if ":" in widest else "88"  # seconds: 10 and 9 drawn the same size


PHASE_NAMES = {
    Phase.COUNT_IN: "GET READY",
    Phase.REP: "REP",
    Phase.HOLD: "HOLD",
    Phase.RELAX: "RELAX",
    Phase.OPEN_SET: "GO",
    Phase.SWITCH: "SWITCH SIDES",
    Phase.REST: "REST",
    Phase.ROUND_REST: "REST",
    Phase.DONE: "DONE",
}
"""The phase in one or two big words, readable from the floor (a dose kind may word
its own work: `DoseKind.floor_names`)."""


def floor_words(session: Session) -> str:
    """Side over phase, for big letters: ``LEFT`` / ``HOLD``; a rest names no side."""
    if session.phase in (Phase.REST, Phase.ROUND_REST, Phase.DONE):
        return PHASE_NAMES[session.phase]
    own = session.exercise.dose.kind.floor_names
    phase = own.get(session.phase) or PHASE_NAMES[session.phase]
    return f"{session.side.upper()}\n{phase}"


def range_words(session: Session) -> str:
    """Where a range stands, as a coach says it: the minimum, how many to it, this one
    reaching it or being the last; and that stopping is allowed once it is reached."""
    dose = session.exercise.dose
    if not dose.kind.shows_range(dose):
        return ""
    done = session.count(session.side)
    this_one = session.phase is not Phase.RELAX  # in a relax, the next one is to come
    if done == 0:
        return f"at least {dose.low} · stop any time after (n)"
    if done == dose.low - 1 and this_one:
        return f"this one makes {dose.low} · stop any time after (n)"
    if done < dose.low:
        return f"{dose.low - done} to go to {dose.low} · stop any time after (n)"
    if done == dose.high - 1 and this_one:
        return "minimum done · the last one, or stop now (n)"
    if done < dose.high:
        return f"minimum done · stop any time (n), or go on to {dose.high}"
    return ""


def target_text(session: Session) -> str:
    """What the side aims at: ``10-15`` or ``15``."""
    return dose_target_text(session.exercise.dose)


def phase_words(session: Session) -> str:
    """The phase in words: rests and switches here, the work in its kind's words
    (get ready, rep 7 of 15, hold, relax, set 2 of 3...)."""
    phase = session.phase
    side = session.side
    if phase is Phase.DONE:
        return "Session complete"
    if phase is Phase.REST:
        return "Rest"
    if phase is Phase.ROUND_REST:
        return f"Rest before round {session.round + 1}"
    if phase is Phase.SWITCH:
        return f"Switch sides · {side} next"
    dose = session.exercise.dose
    count = session.count(side)
    return dose.kind.phase_words(phase, dose, count, side, session.config.pacing)


def status_line(session: Session) -> str:
    """The phase in words, and during the work where a range stands."""
    words = phase_words(session)
    if session.phase in (Phase.REP, Phase.HOLD, Phase.RELAX) and (more := range_words(session)):
        return f"{words} · {more}"
    return words


def next_words(session: Session) -> str:
    """What comes after the current exercise."""
    if session.phase is Phase.DONE:
        return "That's the whole session. Well done."
    if session.phase in (Phase.REST, Phase.ROUND_REST):
        exercise = session.exercise
        return f"Next: {exercise.name} — {exercise.dose.describe()}"
    upcoming = session.upcoming()
    if upcoming is None:
        return "Next: done — this is the last exercise"
    round_, index = upcoming
    exercise = session.plan.exercises[index]
    prefix = f"Next (round {round_ + 1})" if round_ != session.round else "Next"
    return f"{prefix}: {exercise.name} — {exercise.dose.describe()}"


def side_status(session: Session, side: str) -> tuple[int, int, int]:
    """(done, required, top) for one side of the current exercise."""
    dose = session.exercise.dose
    return session.count(side), required_for(dose), target_for(dose)
