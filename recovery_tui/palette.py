"""The app's entries in the command palette (ctrl+p): screens, plans, retrying a save.

Plan names come from files, so every entry is shown as plain `Content`: Textual's own
system-commands provider reads titles as markup (a plan named ``Broken [/] markup``
crashed the palette), so the app's entries have a provider of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from .app import RecoveryApp


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
            f"Start a session of '{plan.id}'",  # ids are [a-z0-9-] (plans.loader): no markup
            lambda plan_id=plan.id: app.start_session(plan_id),
        )
    if app.unsaved:
        yield SystemCommand("Save sessions again", "Retry the log", app.retry_unsaved)


def highlighted(matcher: Matcher, title: str) -> Content:
    """`title` as plain text with the matched letters styled (Matcher.highlight parses markup)."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if not score:
        return content
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class AppCommands(Provider):
    """The app's palette entries, titles rendered as plain text."""

    def _commands(self) -> list[SystemCommand]:
        return list(app_commands(cast("RecoveryApp", self.app)))

    async def discover(self) -> Hits:
        for title, help_text, callback, _discover in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, _discover in self._commands():
            if (score := matcher.match(title)) > 0:
                prompt = highlighted(matcher, title)
                yield Hit(score, prompt, callback, text=title, help=help_text)
