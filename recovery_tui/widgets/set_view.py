"""The set view: everything the active-set screen shows of the session, drawn from it.

The screen calls `show(session)` whenever the session may have changed (its deadlines,
the big number's seconds, keys); only what changed is updated.
"""

from __future__ import annotations

from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import ProgressBar, Static

from ..core.safe_text import clean
from ..core.session import coaching
from ..core.session.engine import Session
from ..core.session.types import Phase
from .big_text import BigText
from .side_counter import SideCounter

W = TypeVar("W", bound=Widget)


class SetView(Vertical):
    """Exercise, position, the big number with side and phase, counters, progress, cues.

    The big number and words take the room the rest leaves (the stylesheet gives the
    rest a fixed or capped height), so they grow with the terminal.
    """

    def __init__(self) -> None:
        super().__init__(id="active")
        self._shown: dict[str, str] = {}
        self._shown_exercise: tuple[int, int] | None = None
        self._found: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="exercise-name")
        yield Static(id="position")
        with Horizontal(id="floor"):
            yield BigText(id="countdown")
            yield BigText(id="floor-words")
        yield Static(id="phase-words")
        with Horizontal(id="sides"):
            for side in ("left", "right", "both"):
                yield SideCounter(side)
        yield ProgressBar(id="session-progress", total=1000, show_eta=False)
        yield Static(id="cues")
        yield Static(id="caution")
        yield Static("⚠ Read the caution: w", id="caution-short")
        yield Static(id="next-up")

    def show(self, session: Session) -> None:
        """Redraw what changed: exercise text when the exercise changes, the rest each time."""
        exercise_key = (session.round, session.index)
        if exercise_key != self._shown_exercise:
            self._shown_exercise = exercise_key
            self._show_exercise(session)
        number = self._find("#countdown", BigText)
        number.template = coaching.big_template(session)
        number.text = coaching.big_text(session)
        self._find("#floor-words", BigText).text = coaching.floor_words(session)
        self._put("#phase-words", coaching.status_line(session))
        self._put("#next-up", clean(coaching.next_words(session)))
        self._show_sides(session)
        self._find("#session-progress", ProgressBar).progress = round(
            session.fraction_done() * 1000
        )

    def _show_exercise(self, session: Session) -> None:
        exercise = session.exercise
        plan = session.plan
        self._put("#exercise-name", clean(exercise.name))
        self._put(
            "#position",
            f"Exercise {session.index + 1} of {len(plan.exercises)} · "
            f"Round {session.round + 1} of {plan.rounds} · {exercise.dose.describe()}",
        )
        self._put("#cues", "\n".join(f"· {clean(c)}" for c in exercise.cues))
        self._put("#caution", f"⚠ {clean(exercise.caution)}" if exercise.caution else "")
        self.set_class(bool(exercise.caution), "-has-caution")

    def _find(self, selector: str, kind: type[W]) -> W:
        """A child, looked up once: the view's widgets stay for as long as it does."""
        widget = self._found.get(selector)
        if not isinstance(widget, kind):
            widget = self._found[selector] = self.query_one(selector, kind)
        return widget

    def _put(self, selector: str, text: str) -> None:
        """Update a widget only when its text changed (as plain text, never markup).

        The screen is laid out again only when the widget's height may change: not when
        one line that fits its width replaces another (the status line, at each rep).
        """
        old = self._shown.get(selector)
        if old == text:
            return
        self._shown[selector] = text
        widget = self._find(selector, Static)
        widget.update(Text(text), layout=not _one_line_each(widget, old, text))

    def _show_sides(self, session: Session) -> None:
        sides = session.sides()
        working = session.phase not in (Phase.REST, Phase.ROUND_REST, Phase.DONE)
        for side in ("left", "right", "both"):
            counter = self._find(f"#side-{side}", SideCounter)
            shown = side in sides
            if counter.display != shown:
                counter.display = shown
            if not shown:
                continue
            done, required, _top = coaching.side_status(session, counter.side)
            counter.done = done
            counter.target = coaching.target_text(session)
            counter.reached = done >= required
            counter.active = working and counter.side == session.side


def _one_line_each(widget: Widget, old: str | None, new: str) -> bool:
    """Both texts are one line that fits in the widget's width (so its height holds)."""
    width = widget.content_size.width
    return old is not None and all(
        "\n" not in text and 0 < cell_len(text) <= width for text in (old, new)
    )
