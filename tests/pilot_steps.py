"""Pilot steps for the robustness tests: start a session, get past the app's questions."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.dialogs.note import NoteDialog
from recovery_tui.dialogs.scale import ScaleDialog
from recovery_tui.screens.active import ActiveSetScreen


async def skip_questions(pilot: Pilot[Any]) -> None:
    """Skip the quads, the heel-to-mat check and the note, whichever the app asks (escape)."""
    for _ in range(5):
        await pilot.pause()
        if not isinstance(pilot.app.screen, ScaleDialog | NoteDialog):
            return
        await pilot.press("escape")


TINY_PLAN = """\
name = "Tiny"
id = "tiny"

[[exercise]]
name = "Knee bends"
dose = "reps"
reps = 3

[[exercise]]
name = "Quad pump"
dose = "to_fatigue"
sets = 1
"""
"""A plan that runs to its end in a few steps: for tests that need a finished session."""


async def start_plan(pilot: Pilot[Any], *, press_enter: bool = True) -> ActiveSetScreen:
    """Start the highlighted plan from the home screen (or wait for `start_now` to)."""
    await pilot.pause()
    if press_enter:
        await pilot.press("enter")
    await skip_questions(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ActiveSetScreen), f"expected the active set, got {screen!r}"
    return screen


async def leave_session(pilot: Pilot[Any]) -> None:
    """Escape, then the default answer (leave and save as partial), then skip the questions."""
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press("enter")
    await skip_questions(pilot)
