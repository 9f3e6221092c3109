"""The plan detail: wrapped lines line up under their text, and nothing is lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rich.console import Console

from recovery_tui.core.plans.catalog import load_catalog
from recovery_tui.core.plans.model import Exercise, Plan
from recovery_tui.widgets.plan_detail import HangingText, plan_text

PLANS = load_catalog(Path("no custom plans here")).plans


def lines_at(renderable: HangingText, width: int) -> list[str]:
    console = Console(width=width, no_color=True, force_terminal=False)
    rendered = console.render_lines(renderable, console.options, pad=False)
    return ["".join(segment.text for segment in line).rstrip() for line in rendered]


CUE = "Bend both knees, then slowly straighten them again"
WHY = "Bending and straightening lets the calf work a little and then lengthen"


def one_exercise(cue: str = CUE, why: str = WHY) -> Plan:
    exercise = Exercise(name="Down dog", dose=PLANS[0].exercises[0].dose, cues=(cue,), why=why)
    return dataclasses.replace(PLANS[0], exercises=(exercise,), description="", source="")


def test_cues_and_bodies_hang_under_their_first_words() -> None:
    lines = lines_at(plan_text(one_exercise()), 30)
    assert lines[lines.index("1. Down dog") :] == [
        "1. Down dog",
        "   10-15 reps",
        "   · Bend both knees, then",
        "     slowly straighten them",
        "     again",
        "   Why: Bending and",
        "   straightening lets the calf",
        "   work a little and then",
        "   lengthen",
    ]


@pytest.mark.parametrize("width", [20, 44])
def test_every_word_of_the_plan_is_shown(width: int) -> None:
    plan = PLANS[0]
    shown = " ".join(lines_at(plan_text(plan), width)).split()
    for exercise in plan.exercises:
        for text in (exercise.name, *exercise.cues, exercise.why, exercise.caution):
            words = text.split()
            assert all(word in shown for word in words), text


def test_a_word_longer_than_the_line_is_folded_not_cut() -> None:
    """A URL in a cue wider than the panel is shown whole, over several lines."""
    long = "https://example.org/" + "x" * 40
    lines = lines_at(plan_text(one_exercise(cue=long, why="")), 30)
    assert lines[lines.index("1. Down dog") + 2 :] == [
        "   · " + long[:25],
        "     " + long[25:50],
        "     " + long[50:],
    ]
