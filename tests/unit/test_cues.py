"""Engine events → cues: the one table, and which cue each change of a session plays.

Sessions run on a fake clock; every update's events go through `cue_for` into a list,
the same sink the app gives them to.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from engine_helpers import ALT, FATIGUE, HELD, ONE, REPS, make

from recovery_tui.core import doses
from recovery_tui.core.plans.model import Dose, Exercise
from recovery_tui.core.session.cues import (
    CUES,
    MIN_GAP,
    CueCall,
    CueName,
    cue_for,
    cue_table_markdown,
    opening_cue,
)
from recovery_tui.core.session.engine import Session

Heard = list[tuple[CueName, str]]


def follow(session: Session, clock: object, *, set_seconds: float = 20.0) -> Heard:
    """Run the session hands-off to its end; what a runner would hear, in order."""
    heard: Heard = []
    sink: list[CueCall] = []

    def play(events: list) -> None:
        call = cue_for(events, session)
        if call is not None:
            sink.append(call)
            heard.append((call.cue.name, call.words))

    call = opening_cue(session)
    heard.append((call.cue.name, call.words))
    for _ in range(1000):
        if session.finished:
            return heard
        deadline = session.next_deadline()
        if deadline is None:  # a set to fatigue: the runner ends it
            clock.advance(set_seconds)  # type: ignore[attr-defined]
            play(session.done())
            continue
        clock.advance(deadline - clock())  # type: ignore[attr-defined, operator]
        play(session.update())
    raise AssertionError("the session never finished")


def test_no_two_bells_of_a_pattern_are_closer_than_terminals_can_tell() -> None:
    for cue in CUES:
        gaps = [b - a for a, b in itertools.pairwise(cue.offsets)]
        assert all(gap >= MIN_GAP for gap in gaps), cue.name
        assert len(cue.offsets) == cue.bells


def test_every_cue_sounds_different() -> None:
    patterns = [cue.offsets for cue in CUES]
    assert len(set(patterns)) == len(patterns)
    assert {cue.name for cue in CUES} == set(CueName)


def test_bigger_news_has_more_bells() -> None:
    ranked = [cue.bells for cue in CUES if cue.name in ("exercise", "round", "session")]
    assert ranked == sorted(ranked) and len(set(ranked)) == 3


def test_paced_reps_then_switch_sides_then_session_done() -> None:
    session, clock = make(ONE, count_in_seconds=3, switch_seconds=4)
    assert follow(session, clock) == [
        (CueName.GET_READY, "Left side. Lunge"),
        (CueName.GO, "Go"),
        (CueName.REP, "1"),
        (CueName.SWITCH, "Switch sides. Right side"),
        (CueName.GO, "Go"),
        (CueName.REP, "1"),
        (CueName.SESSION, "Session done"),
    ]


def test_sides_taking_turns_say_which_side_each_rep_was_on() -> None:
    session, clock = make(ALT, count_in_seconds=0)
    reps = [words for name, words in follow(session, clock) if name is CueName.REP]
    assert reps == ["1 left", "1 right", "3 left"], "2 is the minimum, 3 right the end"


def test_holds_alternate_hold_and_relax() -> None:
    session, clock = make(HELD, REPS, count_in_seconds=3)
    heard = follow(session, clock)
    assert heard[:5] == [
        (CueName.GET_READY, "Calf raise"),
        (CueName.GO, "Hold"),
        (CueName.RELAX, "Relax"),
        (CueName.GO, "Hold"),
        (CueName.EXERCISE, "Exercise done. Next: Knee bends"),
    ]
    assert heard[5] == (CueName.GET_READY, "Knee bends")


def test_sets_to_fatigue_say_which_set_and_when_one_ends() -> None:
    session, clock = make(FATIGUE, count_in_seconds=3)
    heard = follow(session, clock)
    assert heard[:5] == [
        (CueName.GET_READY, "Left side. Quad pump"),
        (CueName.GO, "Set 1 of 2 — go until tired"),
        (CueName.SET, "Set done"),
        (CueName.GO, "Set 2 of 2 — go until tired"),
        (CueName.SWITCH, "Switch sides. Right side"),
    ]


def test_rounds_are_announced_at_their_end_and_start() -> None:
    short = Exercise("Swings", Dose(doses.REPS, 1, 1))
    session, clock = make(short, rounds=2, count_in_seconds=3)
    heard = follow(session, clock)
    assert (CueName.ROUND, "Round 1 done. Round 2 next") in heard
    assert (CueName.GET_READY, "Round 2. Swings") in heard
    assert heard[-1] == (CueName.SESSION, "Session done")
    assert sum(name is CueName.ROUND for name, _ in heard) == 1, "the last round ends the session"


def test_reps_the_runner_counts_need_no_cue() -> None:
    session, clock = make(REPS, pacing="manual", count_in_seconds=0)
    assert cue_for(session.update(), session) is None
    assert cue_for(session.done(), session) is None


def test_nothing_happening_plays_nothing() -> None:
    session, clock = make(REPS)
    session.update()
    clock.advance(0.1)
    assert cue_for(session.update(), session) is None


def test_exercise_names_are_cleaned_before_the_voice_says_them() -> None:
    hostile = Exercise("Bad\x1b]0;owned\x07name", Dose(doses.REPS, 1, 1))
    session, _clock = make(hostile, count_in_seconds=3)
    call = opening_cue(session)
    assert "\x1b" not in call.words and "\x07" not in call.words


def test_the_readme_holds_the_table() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert cue_table_markdown() in readme, "run `recovery-tui cues --markdown` into the README"


def test_the_low_end_of_a_range_has_its_own_cue_in_place_of_the_rep() -> None:
    session, clock = make(REPS, count_in_seconds=0)
    heard = follow(session, clock)
    reps = [words for name, words in heard if name is CueName.REP]
    assert reps == [str(n) for n in range(1, 15) if n != 10]
    assert heard[10] == (CueName.MINIMUM, "10 — stop any time")


def test_after_a_pause_the_count_in_is_announced() -> None:
    session, clock = make(HELD, count_in_seconds=0, resume_count_in_seconds=3)
    session.update()
    clock.advance(1)
    session.toggle_pause()
    clock.advance(30)
    call = cue_for(session.toggle_pause(), session)
    assert call is not None and (call.cue.name, call.words) == (CueName.GET_READY, "Calf raise")
    clock.advance(3)
    call = cue_for(session.update(), session)
    assert call is not None and (call.cue.name, call.words) == (CueName.GO, "Hold")
