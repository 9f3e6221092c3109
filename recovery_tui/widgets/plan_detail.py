"""A plan's exercises with dose, sides, holds, why, cautions and the source credit.

Plan files are untrusted text, so everything is built as `rich.text.Text` and never
parsed as markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..core.plan import Exercise, Plan
from ..core.plan_text import plan_summary
from ..core.safe_text import clean


def plan_text(plan: Plan) -> Group:
    """The plan as a Rich group; exercise bodies get a hanging indent so wraps line up."""
    head = Text()
    head.append(clean(plan.name), style="bold")
    head.append(f"  {plan_summary(plan)}", style="dim")
    if plan.description:
        head.append("\n" + clean(plan.description))
    parts: list[RenderableType] = [head]
    for number, exercise in enumerate(plan.exercises, start=1):
        title = Text(f"\n{number}. ", style="bold")
        title.append(clean(exercise.name), style="bold")
        parts += [title, Padding(_exercise_body(exercise), (0, 0, 0, 3))]
    if plan.source:
        source = Text("\nSource: ", style="bold dim")
        source.append(clean(plan.source), style="dim")
        parts.append(source)
    return Group(*parts)


def _exercise_body(exercise: Exercise) -> Group:
    lines: list[RenderableType] = [Text(exercise.dose.describe(), style="italic")]
    if exercise.cues:
        cues = Table.grid(padding=(0, 1))
        for cue in exercise.cues:
            cues.add_row("·", Text(clean(cue)))
        lines.append(cues)
    if exercise.why:
        why = Text("Why: ", style="bold dim")
        why.append(clean(exercise.why), style="dim")
        lines.append(why)
    if exercise.caution:
        caution = Text("⚠ Caution: ", style="bold")
        caution.append(clean(exercise.caution))
        lines.append(caution)
    return Group(*lines)


class PlanDetail(VerticalScroll, can_focus=False):
    """Scrollable detail of the plan selected on the home screen."""

    def compose(self) -> ComposeResult:
        yield Static(id="plan-text")

    def show(self, plan: Plan | None) -> None:
        body = self.query_one("#plan-text", Static)
        body.update(plan_text(plan) if plan else Text("No plan selected."))
        self.scroll_home(animate=False)
