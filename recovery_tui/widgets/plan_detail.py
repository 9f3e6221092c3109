"""A plan's exercises with dose, sides, holds, why, cautions and the source credit.

Plan files are untrusted text, so everything is built as `rich.text.Text` and never
parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..core.plan import Plan
from ..core.plan_text import plan_summary
from ..core.safe_text import clean


def plan_text(plan: Plan) -> Text:
    text = Text()
    text.append(clean(plan.name), style="bold")
    text.append(f"  {plan_summary(plan)}\n", style="dim")
    if plan.description:
        text.append(clean(plan.description) + "\n")
    for number, exercise in enumerate(plan.exercises, start=1):
        text.append(f"\n{number}. ", style="bold")
        text.append(clean(exercise.name), style="bold")
        text.append(f"\n   {exercise.dose.describe()}\n", style="italic")
        for cue in exercise.cues:
            text.append(f"   · {clean(cue)}\n")
        if exercise.why:
            text.append("   Why: ", style="bold dim")
            text.append(clean(exercise.why) + "\n", style="dim")
        if exercise.caution:
            text.append("   ⚠ Caution: ", style="bold")
            text.append(clean(exercise.caution) + "\n")
    if plan.source:
        text.append("\nSource: ", style="bold dim")
        text.append(clean(plan.source), style="dim")
    return text


class PlanDetail(VerticalScroll, can_focus=False):
    """Scrollable detail of the plan selected on the home screen."""

    def compose(self) -> ComposeResult:
        yield Static(id="plan-text")

    def show(self, plan: Plan | None) -> None:
        body = self.query_one("#plan-text", Static)
        body.update(plan_text(plan) if plan else Text("No plan selected."))
        self.scroll_home(animate=False)
