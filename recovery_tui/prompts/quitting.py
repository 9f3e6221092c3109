"""Quitting while a session is kept only in memory (the log could not be written).

A full or read-only disk must never cost a session silently: quitting then asks whether
to try saving again, keep it as an unfinished session to resume (and save) next time,
or discard it; and it stays in the app, and asks again, for as long as nothing worked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.safe_text import clean, shorten
from ..core.session.saved import ended_state
from ..core.session.unfinished import discard_unfinished, keep_unfinished
from ..dialogs.choice import ChoiceDialog

if TYPE_CHECKING:
    from ..app import RecoveryApp

ANSWERS = [
    ("retry", "Try saving again"),
    ("keep", "Keep to resume"),
    ("discard", "Discard"),
    ("cancel", "Cancel"),
]


def ask_about_unsaved(app: RecoveryApp) -> None:
    """Ask what to do with the sessions not in the log; quit only once they are safe."""
    count = len(app.unsaved)
    what = "A session is" if count == 1 else f"{count} sessions are"
    it = "it" if count == 1 else "them"
    reason = shorten(clean(app.unsaved_error), 300)
    question = (
        f"{what} kept only in memory: the log could not be written ({reason}).\n"
        f"Try saving again, keep {it} as unfinished to resume and save next time, "
        f"or discard {it}?"
    )
    dialog = ChoiceDialog(question, ANSWERS, title="Quit recovery-tui")
    app.push_screen(dialog, lambda answer: _answered(app, answer))


def _answered(app: RecoveryApp, answer: str | None) -> None:
    if answer == "retry":
        app.retry_unsaved()  # says why, when it fails again
        _quit_or_ask_again(app)
    elif answer == "keep":
        problem = keep_unsaved(app)
        if problem is not None:
            app.notify(
                f"Could not keep the session to resume: {problem}. Nothing was discarded.",
                title="Session not kept",
                severity="error",
                timeout=30,
                markup=False,
            )
        _quit_or_ask_again(app)
    elif answer == "discard":
        for record in app.unsaved:
            discard_unfinished(app.paths.data_dir, record.id)
        app.unsaved.clear()
        app.exit(0)


def _quit_or_ask_again(app: RecoveryApp) -> None:
    if app.unsaved:
        ask_about_unsaved(app)
    else:
        app.exit(0)


def keep_unsaved(app: RecoveryApp) -> str | None:
    """Write each unsaved session as an unfinished one; what went wrong, or None."""
    for record in list(app.unsaved):
        try:
            keep_unfinished(app.paths.data_dir, record.id, ended_state(record))
        except OSError as error:
            return str(error)
        app.unsaved.remove(record)
    return None
