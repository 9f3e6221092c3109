"""A plan's exercises with dose, sides, holds, why, cautions and the source credit.

Plan files are untrusted text, so everything is built as `rich.text.Text` and never
parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..core.plans.model import Exercise, Plan
from ..core.plans.text import plan_summary
from ..core.safe_text import clean

BODY = "   "
"""Exercise bodies are indented under the exercise's name ("1. ")."""
CUE = BODY + "· "

Paragraph = tuple[str, Text]
"""A prefix for the first line (its width indents the wrapped lines too) and the text."""


class HangingText:
    """Paragraphs whose wrapped lines line up under the first line's text.

    One flat renderable instead of a Rich `Table.grid` and `Padding` per exercise: the
    same lines, at a fraction of the cost, which the first frame of plan selection pays.
    """

    def __init__(self, paragraphs: Iterable[Paragraph]) -> None:
        self.paragraphs = list(paragraphs)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for prefix, text in self.paragraphs:
            indent = len(prefix)
            block = Text(end="")
            for number, line in enumerate(text.wrap(console, max(1, width - indent))):
                block.append(prefix if number == 0 else " " * indent)
                block.append_text(line)  # keeps the line's own style, as a span
                block.append("\n")
            yield from block.render(console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = smallest = 1
        for prefix, text in self.paragraphs:
            measured = text.__rich_measure__(console, options)
            widest = max(widest, len(prefix) + measured.maximum)
            smallest = max(smallest, len(prefix) + measured.minimum)
        return Measurement(smallest, widest)


def plan_text(plan: Plan) -> HangingText:
    """The plan, exercise bodies indented under their names so wrapped lines line up."""
    head = Text()
    head.append(clean(plan.name), style="bold")
    head.append(f"  {plan_summary(plan)}", style="dim")
    if plan.description:
        head.append("\n" + clean(plan.description))
    parts: list[Paragraph] = [("", head)]
    for number, exercise in enumerate(plan.exercises, start=1):
        title = Text(f"\n{number}. ", style="bold")
        title.append(clean(exercise.name), style="bold")
        parts.append(("", title))
        parts += _exercise_body(exercise)
    if plan.source:
        source = Text("\nSource: ", style="bold dim")
        source.append(clean(plan.source), style="dim")
        parts.append(("", source))
    return HangingText(parts)


def _exercise_body(exercise: Exercise) -> list[Paragraph]:
    lines: list[Paragraph] = [(BODY, Text(exercise.dose.describe(), style="italic"))]
    lines += [(CUE, Text(clean(cue))) for cue in exercise.cues]
    if exercise.why:
        why = Text("Why: ", style="bold dim")
        why.append(clean(exercise.why), style="dim")
        lines.append((BODY, why))
    if exercise.caution:
        caution = Text("⚠ Caution: ", style="bold")
        caution.append(clean(exercise.caution))
        lines.append((BODY, caution))
    return lines


class PlanDetail(VerticalScroll, can_focus=False):
    """Scrollable detail of the plan selected on the home screen."""

    def compose(self) -> ComposeResult:
        yield Static(id="plan-text")

    def show(self, plan: Plan | None) -> None:
        body = self.query_one("#plan-text", Static)
        body.update(plan_text(plan) if plan else Text("No plan selected."))
        self.scroll_home(animate=False)

    def show_failure(self, message: str) -> None:
        """Why a plan file was not loaded, located, and what to do about it."""
        text = Text("This plan file was not loaded\n\n", style="bold")
        text.append(clean(message))
        text.append(
            "\n\nFix the file (recovery-tui plans check FILE says what is wrong), "
            "then start the app again. The other plans work as usual.",
            style="dim",
        )
        self.query_one("#plan-text", Static).update(text)
        self.scroll_home(animate=False)
