"""The questions before a new session: the quads (before the quad pump), then the heels.

Both are optional and skipped with enter, so the mat is never more than a key away.
Very sore quads turn the source's caution into a choice: the circuit without the quad
pump (the default, so two keys get there), only the quad pump skipped today, or the
plan as it is. Escape at that choice starts nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.plans.model import Plan
from ..core.session.soreness import (
    SORE_ANSWERS,
    WITHOUT_QUAD_PUMP,
    is_very_sore,
    quad_pump_indexes,
)
from ..dialogs.choice import ChoiceDialog
from ..dialogs.heel_check import HeelCheckDialog
from ..dialogs.soreness import SorenessDialog

if TYPE_CHECKING:
    from ..app import RecoveryApp


@dataclass
class Opening:
    """What the runner answered before a new session, and the plan it leads to."""

    plan: Plan
    quad_soreness: int | None = None
    leave_out: tuple[int, ...] = ()
    """Exercises of `plan` skipped in every round today (the quad pump)."""
    check_before: int | None = None


class BeforeSession:
    """Asks the questions in turn, then hands the answers to `start`."""

    def __init__(self, app: RecoveryApp, plan: Plan, start: Callable[[Opening], None]) -> None:
        self.app = app
        self.opening = Opening(plan)
        self.start = start

    def ask(self) -> None:
        if self.app.settings.soreness_check and quad_pump_indexes(self.opening.plan):
            self.app.push_screen(SorenessDialog(), self._sore)
        else:
            self._ask_heels()

    def _sore(self, score: int | None) -> None:
        self.opening.quad_soreness = score
        if not is_very_sore(score):
            self._ask_heels()
            return
        without = self.app.plan(WITHOUT_QUAD_PUMP)
        offered = [answer for answer in SORE_ANSWERS if without or answer[0] != "without"]
        question = "\n".join(
            [
                "With very sore quads, the source says it is fine to leave the quad pump "
                "out for a few days and bring it back later.",
                "",
                *(f"{label}: {meaning}" for _key, label, meaning in offered),
            ]
        )
        answers: list[tuple[str, str]] = [(key, label) for key, label, _meaning in offered]
        dialog = ChoiceDialog(question, answers, title="Sore quads", guard=True)
        self.app.push_screen(dialog, lambda answer: self._chosen(answer, without))

    def _chosen(self, answer: str | None, without: Plan | None) -> None:
        if answer == "without" and without is not None:
            self.opening.plan = without
        elif answer == "skip":
            self.opening.leave_out = quad_pump_indexes(self.opening.plan)
        elif answer != "as-planned":
            return  # escape: back to the plans, nothing started
        self._ask_heels()

    def _ask_heels(self) -> None:
        if self.app.settings.heel_check:
            self.app.push_screen(HeelCheckDialog("before"), self._checked)
        else:
            self.start(self.opening)

    def _checked(self, check: int | None) -> None:
        self.opening.check_before = check
        self.start(self.opening)
