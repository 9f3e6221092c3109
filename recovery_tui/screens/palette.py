"""The app's entries in the command palette (ctrl+p): screens, plans, retrying a save."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from ..app import RecoveryApp


def app_commands(app: RecoveryApp) -> Iterable[SystemCommand]:
    yield SystemCommand("Home", "Plan selection", app.action_home)
    yield SystemCommand("History", "Past sessions", app.action_history)
    yield SystemCommand("Settings", "Edit settings.toml", app.action_settings)
    yield SystemCommand(
        "Report for the physio", "The recovery window in Markdown, to save", app.action_report
    )
    yield SystemCommand("Help", "Every key, per screen", app.action_help)
    for plan in app.catalog.plans:
        yield SystemCommand(
            f"Start: {plan.name}",
            f"Start a session of '{plan.id}'",
            lambda plan_id=plan.id: app.start_session(plan_id),
        )
    if app.unsaved:
        yield SystemCommand("Save sessions again", "Retry the log", app.retry_unsaved)
