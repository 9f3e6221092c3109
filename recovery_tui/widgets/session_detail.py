"""One past session in full: every exercise, per round and per side, as the log has it.

Records come from a file anyone can edit (and from other machines via `import`), so
names and notes are untrusted: everything is built as `rich.text.Text`, never markup.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..core.doses import record_kind
from ..core.insight.stats import format_duration
from ..core.journal import SessionSummary
from ..core.journal.record import ExerciseResult, SessionRecord
from ..core.safe_text import clean

CHECK_SCALE = "1 far, 5 flat"
SORENESS_SCALE = "1 fresh, 5 very sore"


def when(moment: datetime, *, this_year: int | None = None) -> str:
    """Local time as "Mon 23 Nov 07:42", or "23 Nov 2025 07:42" when not in `this_year`."""
    local = moment.astimezone()
    if this_year is not None and local.year != this_year:
        return local.strftime("%d %b %Y %H:%M")
    return local.strftime("%a %d %b %H:%M")


def plan_label(session: SessionRecord | SessionSummary) -> str:
    """The plan's name as it was when the session ran, or its id for older records."""
    return clean(session.plan_name or session.plan)


def rounds_label(session: SessionRecord | SessionSummary) -> str:
    """Rounds finished of rounds begun: ``1/2``."""
    if isinstance(session, SessionSummary):
        return f"{session.rounds_completed}/{session.rounds_total}"
    return f"{session.rounds_completed}/{len(session.rounds)}"


def _amounts(result: ExerciseResult) -> list[str]:
    """What was done, in the words of its dose kind (sets with their times, reps...)."""
    return record_kind(result.kind).result_lines(result.counts, result.set_seconds)


def exercise_lines(number: int, result: ExerciseResult) -> Text:
    """The exercise's name, then what was done, indented below it."""
    text = Text(f"{number}. ")
    text.append(clean(result.name), style="bold")
    if result.skipped:
        text.append("\n   skipped", style="italic")
    elif not result.counts:
        text.append("\n   not done", style="dim italic")
    else:
        for line in _amounts(result):
            text.append(f"\n   {line}")
    return text


def _heading(session: SessionRecord | SessionSummary, this_year: int | None) -> Text:
    """The plan, when, how long, and how far it got."""
    text = Text()
    text.append(plan_label(session), style="bold")
    end = session.ended.astimezone().strftime("%H:%M")
    text.append(f"\n{when(session.started, this_year=this_year)}–{end}")
    text.append(f" · {format_duration(session.duration_seconds)}")
    text.append(f"\n{session.status} · {rounds_label(session)} rounds\n")
    return text


def _summary(record: SessionRecord, saved: bool, this_year: int | None) -> Text:
    text = _heading(record, this_year)
    if record.check_before is not None or record.check_after is not None:
        before = "–" if record.check_before is None else record.check_before
        after = "–" if record.check_after is None else record.check_after
        text.append(f"Heels to mat: {before} → {after} ")
        text.append(f"({CHECK_SCALE})\n", style="dim")
    if record.quad_soreness is not None:
        text.append(f"Quads: {record.quad_soreness} ")
        text.append(f"({SORENESS_SCALE})\n", style="dim")
    if record.note:
        text.append("Note: ", style="bold")
        text.append(clean(record.note) + "\n")
    if not saved:
        text.append("Not saved to the log yet (ctrl+p: Save sessions again).\n", style="bold")
    return text


def session_text(
    record: SessionRecord, *, saved: bool = True, this_year: int | None = None
) -> Text:
    """The whole session: a summary, then each round's exercises."""
    text = _summary(record, saved, this_year)
    if not record.rounds:
        text.append("\nNo exercises recorded.", style="dim")
    for round_number, results in enumerate(record.rounds, start=1):
        text.append(f"\nRound {round_number}\n", style="bold underline")
        for number, result in enumerate(results, start=1):
            text.append_text(exercise_lines(number, result))
            text.append("\n")
    return text


def unreadable_text(summary: SessionSummary, *, this_year: int | None = None) -> Text:
    """A listed session whose exercises cannot be read (a damaged line, or a changed log)."""
    text = _heading(summary, this_year)
    text.append(
        "\nThe rest of this session could not be read from the log: the line may be "
        "damaged, or the log changed since it was listed (leave and reopen the history).",
        style="dim",
    )
    return text


class SessionDetail(VerticalScroll):
    """The selected session; focusable so a long one can be scrolled from the keyboard."""

    def compose(self) -> ComposeResult:
        yield Static(id="session-text")

    def show(
        self,
        session: SessionRecord | SessionSummary | None,
        *,
        saved: bool = True,
        this_year: int | None = None,
    ) -> None:
        """A record in full; a summary alone when its record could not be read."""
        body = self.query_one("#session-text", Static)
        if session is None:
            body.update(Text("Select a session to see every exercise."))
        elif isinstance(session, SessionSummary):
            body.update(unreadable_text(session, this_year=this_year))
        else:
            body.update(session_text(session, saved=saved, this_year=this_year))
        self.scroll_home(animate=False)
