"""What the runner hears: one table of cues, and which cue a batch of engine events calls for.

The runner is in down dog or on their back, two metres from the terminal: every change
they must act on has its own bell pattern (a count of bells and their spacing, never
closer than `MIN_GAP` so a terminal does not merge two into one) and a few words for the
voice. The app, the help screen, the README and `recovery-tui cues` all read `CUES`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..plans.model import SideOrder
from ..safe_text import clean
from .types import Event, EventKind, Phase

if TYPE_CHECKING:  # every command line builds its help from `CueName`: not the engine
    from .engine import Session

MIN_GAP = 0.25
"""Seconds between two bells below which terminals (and tmux) may merge them."""
QUICK = 0.3
"""The spacing of bells within a group."""
PAUSE = 0.9
"""The spacing between two groups of bells."""


class CueName(StrEnum):
    REP = "rep"
    GO = "go"
    RELAX = "relax"
    MINIMUM = "minimum"
    SET = "set"
    SWITCH = "switch"
    GET_READY = "get-ready"
    EXERCISE = "exercise"
    ROUND = "round"
    SESSION = "session"


@dataclass(frozen=True)
class Cue:
    """One kind of cue: how it sounds and what it means."""

    name: CueName
    groups: tuple[int, ...]
    """Bells per group: (2, 2) is two quick bells, a pause, two quick bells."""
    meaning: str
    notify: bool = False
    """Also a desktop notification when the terminal is in the background."""

    @property
    def offsets(self) -> tuple[float, ...]:
        """When each bell rings, in seconds from the first."""
        times: list[float] = []
        at = 0.0
        for group in self.groups:
            for _ in range(group):
                times.append(round(at, 3))
                at += QUICK
            at += PAUSE - QUICK
        return tuple(times)

    @property
    def drawn(self) -> str:
        """The pattern as text: `●● ●●` for two pairs."""
        return " ".join("●" * group for group in self.groups)

    @property
    def bells(self) -> int:
        return sum(self.groups)


CUES: tuple[Cue, ...] = (
    Cue(CueName.REP, (1,), "a paced rep: move on the bell"),
    Cue(CueName.GO, (2,), "work starts: a hold begins, reps or a set start"),
    Cue(CueName.RELAX, (1, 1), "a hold ends: relax"),
    Cue(CueName.MINIMUM, (3,), "the low end of a range is reached: stop any time (n)"),
    Cue(CueName.SET, (1, 2), "a set to fatigue is done"),
    Cue(CueName.SWITCH, (2, 2), "switch sides", notify=True),
    Cue(CueName.GET_READY, (1, 1, 1), "get ready: the next exercise or side is coming"),
    Cue(CueName.EXERCISE, (3, 3), "an exercise is finished", notify=True),
    Cue(CueName.ROUND, (4, 4), "a round is finished", notify=True),
    Cue(CueName.SESSION, (5, 5), "the session is finished", notify=True),
)
"""In rank order: when one update brings several cues, the later (bigger) one is played."""
CUE_BY_NAME = {cue.name: cue for cue in CUES}
RANK = {cue.name: rank for rank, cue in enumerate(CUES)}


@dataclass(frozen=True)
class CueCall:
    """A cue to play now, with the words the voice says for it."""

    cue: Cue
    words: str

    @property
    def rank(self) -> int:
        return RANK[self.cue.name]


_MILESTONES = (
    (EventKind.SESSION_FINISHED, CueName.SESSION),
    (EventKind.ROUND_FINISHED, CueName.ROUND),
    (EventKind.EXERCISE_FINISHED, CueName.EXERCISE),
    (EventKind.SIDE_SWITCHED, CueName.SWITCH),
)


def cue_for(events: Iterable[Event], session: Session) -> CueCall | None:
    """The one cue a batch of events calls for, read against the session as it is now."""
    events = list(events)
    kinds = {event.kind for event in events}
    for kind, name in _MILESTONES:
        if kind in kinds:
            return CueCall(CUE_BY_NAME[name], _milestone_words(name, events, session))
    if EventKind.MINIMUM_REACHED in kinds:
        count = _count_of(events, session)
        return CueCall(CUE_BY_NAME[CueName.MINIMUM], f"{count} — stop any time")
    if EventKind.SET_ENDED in kinds:
        return CueCall(CUE_BY_NAME[CueName.SET], "Set done")
    if kinds & {EventKind.COUNTDOWN_ENDED, EventKind.REP_COUNTED}:
        return _phase_cue(events, session)
    if EventKind.RESUMED in kinds and session.phase is Phase.COUNT_IN:
        return CueCall(CUE_BY_NAME[CueName.GET_READY], get_ready_words(session))
    return None


def opening_cue(session: Session) -> CueCall:
    """What the runner hears as a session opens: the first exercise and side, or go."""
    if session.phase is Phase.COUNT_IN:
        return CueCall(CUE_BY_NAME[CueName.GET_READY], get_ready_words(session))
    return CueCall(CUE_BY_NAME[CueName.GO], go_words(session))


def _phase_cue(events: list[Event], session: Session) -> CueCall | None:
    """What the runner does now that a countdown ended or a rep was counted."""
    counted = any(event.kind is EventKind.REP_COUNTED for event in events)
    phase = session.phase
    if phase is Phase.RELAX:
        return CueCall(CUE_BY_NAME[CueName.RELAX], "Relax")
    if phase is Phase.COUNT_IN:
        return CueCall(CUE_BY_NAME[CueName.GET_READY], get_ready_words(session))
    if phase is Phase.REP and counted:
        if session.config.pacing != "auto":
            return None  # the runner counted it with a key: they know
        return CueCall(CUE_BY_NAME[CueName.REP], _rep_words(events, session))
    if phase in (Phase.HOLD, Phase.REP, Phase.OPEN_SET):
        return CueCall(CUE_BY_NAME[CueName.GO], go_words(session))
    return None


def _count_of(events: list[Event], session: Session) -> int:
    """The count on the side the last rep was counted on."""
    counted = [e for e in events if e.kind in (EventKind.REP_COUNTED, EventKind.SET_ENDED)]
    if not counted:
        return session.count(session.side)
    last = counted[-1]
    return session.progress[last.round][last.exercise].counts.get(last.side, 0)


def _rep_words(events: list[Event], session: Session) -> str:
    """The count; with sides taking turns, which side it was on ("7 left")."""
    count = str(_count_of(events, session))
    if session.exercise.dose.sides is not SideOrder.ALTERNATING:
        return count
    side = next(e.side for e in reversed(events) if e.kind is EventKind.REP_COUNTED)
    return f"{count} {side}"


def side_words(side: str) -> str:
    return "" if side == "both" else f"{side.capitalize()} side"


def go_words(session: Session) -> str:
    """Said as the work starts: "Hold", "Go", or "Set 2 of 3 — go until tired"."""
    dose = session.exercise.dose
    return dose.kind.go_words(dose, session.count(session.side))


def get_ready_words(session: Session) -> str:
    """Said as a get-ready countdown starts: the round (at its start), side and exercise."""
    parts = []
    if session.index == 0 and session.round > 0 and not any(session.current.counts.values()):
        parts.append(f"Round {session.round + 1}")
    side = side_words(session.side)
    if side:
        parts.append(side)
    parts.append(clean(session.exercise.name))
    return ". ".join(parts)


def _milestone_words(name: CueName, events: list[Event], session: Session) -> str:
    if name is CueName.SESSION:
        return "Session done"
    if name is CueName.SWITCH:
        return f"Switch sides. {side_words(session.side)}"
    if name is CueName.ROUND:
        finished = next(e.round for e in events if e.kind is EventKind.ROUND_FINISHED)
        return f"Round {finished + 1} done. Round {finished + 2} next"
    return f"Exercise done. Next: {clean(session.exercise.name)}"


def cue_table_markdown() -> str:
    """The cue table for the README (a test keeps the README's copy equal to this)."""
    lines = ["| Cue | Bells | When |", "|---|---|---|"]
    lines += [f"| `{cue.name}` | {cue.drawn} | {cue.meaning} |" for cue in CUES]
    return "\n".join(lines)
