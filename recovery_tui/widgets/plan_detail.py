"""A plan's exercises with dose, sides, holds, why, cautions and the source credit.

Plan files are untrusted text, so everything is built as `rich.text.Text` and never
parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

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


class PlanDetail(ScrollView, can_focus=False):
    """Scrollable detail of the plan selected on the home screen, drawn line by line.

    The plan is wrapped once for the width into lines; the screen asks only for the lines
    in view (Textual's line API). A `Static` in a `VerticalScroll` styled every line of the
    plan (77 for the full circuit at 100x30) and kept each line's derived strips while the
    history was open.
    """

    DEFAULT_CSS = "PlanDetail { overflow-x: hidden; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: RenderableType = Text()
        """What is shown: the plan, or why its file was not loaded."""
        self._lines: list[Strip] = []
        self._wrapped_at = 0
        """The width `_lines` were wrapped to; 0 when they must be wrapped again."""

    def show(self, plan: Plan | None) -> None:
        self._show(plan_text(plan) if plan else Text("No plan selected."))

    def show_failure(self, message: str) -> None:
        """Why a plan file was not loaded, located, and what to do about it."""
        text = Text("This plan file was not loaded\n\n", style="bold")
        text.append(clean(message))
        text.append(
            "\n\nFix the file (recovery-tui plans check FILE says what is wrong), "
            "then start the app again. The other plans work as usual.",
            style="dim",
        )
        self._show(text)

    def _show(self, content: RenderableType) -> None:
        self.content = content
        self._wrapped_at = 0
        self.scroll_home(animate=False)
        self._wrap()
        self.refresh()

    def _wrap(self) -> None:
        """Wrap the content to the width there is now, if it is not wrapped to it."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_at:
            return
        console = self.app.console
        options = console.options.update_width(width)
        lines = console.render_lines(self.content, options, style=self.rich_style, pad=False)
        self._lines = [Strip(line) for line in lines]  # Textual pads them, as a Static's
        self._wrapped_at = width
        self.virtual_size = Size(width, len(self._lines))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped_at = 0  # a new theme: the lines are styled again

    def on_resize(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        index = self.scroll_offset.y + y
        if index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)
