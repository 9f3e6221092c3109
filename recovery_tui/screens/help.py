"""Every key, per screen, read from the screens' own BINDINGS so it cannot go stale; then
the bell patterns, read from the cue table.

The section of the screen the help was opened from is marked, so the keys that matter
right now are easy to find.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..styles import stylesheet

EVERYWHERE = "Everywhere"


@dataclass(frozen=True)
class HelpSection:
    title: str
    screen: type[Screen[None]] | None
    """The screen whose keys these are; None for keys that work everywhere."""
    keys: list[tuple[str, str]]
    """(key as shown, what it does)."""


def _screen_classes() -> list[tuple[str, type[Screen[None]]]]:
    """Every screen with keys of its own, in the order a session goes through them.

    Imported here: the screens import the app's modules, which import this one.
    `tests/functional/test_app_settings_help.py` fails if a screen of `screens/` is missing.
    """
    from .active import ActiveSetScreen
    from .history import HistoryScreen
    from .home import HomeScreen
    from .report import ReportScreen
    from .settings import SettingsScreen
    from .summary import SummaryScreen

    return [
        ("Plan selection", HomeScreen),
        ("Active set", ActiveSetScreen),
        ("Session summary", SummaryScreen),
        ("History", HistoryScreen),
        ("Report", ReportScreen),
        ("Settings", SettingsScreen),
    ]


EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    EVERYWHERE: [
        ("tab / shift+tab", "Move between parts of the screen"),
        ("^c / super+c", "Copy the mouse selection (none: ^c quits)"),
    ],
    "Plan selection": [("↑ / ↓", "Choose a plan")],
    "Session summary": [
        ("↑ / ↓  pgup / pgdn", "Scroll the summary"),
        ("home / end", "Top / bottom"),
    ],
    "History": [("↑ / ↓  pgup / pgdn", "Choose a session"), ("^home / ^end", "First / last")],
    "Report": [("↑ / ↓  pgup / pgdn", "Scroll the report"), ("home / end", "Top / bottom")],
    "Settings": [("space", "Turn an on/off setting on or off"), ("enter", "Open a list")],
}
"""Keys that belong to Textual's widgets rather than to a screen's BINDINGS."""


def describe_bindings(bindings: list[BindingType], app: App[Any]) -> list[tuple[str, str]]:
    """(keys as the footer shows them, description); keys doing the same thing share a row."""
    keys: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if binding.description and not binding.system:
            shown = keys.setdefault((binding.action, binding.description), [])
            shown.append(app.get_key_display(binding))
    return [(" / ".join(shown), description) for (_, description), shown in keys.items()]


def help_sections(app: App[Any]) -> list[HelpSection]:
    """The app's keys, then each screen's, in the order a session goes through them."""
    app_bindings = [
        binding
        for cls in reversed(type(app).__mro__)
        for binding in cls.__dict__.get("BINDINGS", [])
    ]
    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
    app_bindings.append(palette)
    everywhere = describe_bindings(app_bindings, app) + EXTRA_KEYS[EVERYWHERE]
    sections = [HelpSection(EVERYWHERE, None, everywhere)]
    for title, screen in _screen_classes():
        keys = describe_bindings(list(screen.BINDINGS), app) + EXTRA_KEYS.get(title, [])
        sections.append(HelpSection(title, screen, keys))
    sections.append(bell_section())
    return sections


def bell_section() -> HelpSection:
    """The cue table, as the README has it: each bell pattern and what it means."""
    from ..core.session.cues import CUES

    rows = [(cue.drawn, cue.meaning) for cue in CUES]
    return HelpSection("Bells (recovery-tui cues rings each one)", None, rows)


def section_text(section: HelpSection) -> Text:
    text = Text()
    width = max((len(key) for key, _ in section.keys), default=0)
    for key, description in section.keys:
        text.append(f"  {key:>{width}}", style="bold")
        text.append(f"  {description}\n")
    text.rstrip()
    return text if text.plain else Text("  (no keys)")


class HelpScreen(ModalScreen[None]):
    """Opened with `?` from any screen; `escape` or `?` closes it."""

    CSS_PATH = stylesheet("help.tcss")
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close"),
    ]

    def __init__(self, previous: Screen[object] | None = None) -> None:
        super().__init__()
        self.previous = previous

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                for section in help_sections(self.app):
                    yield self._section(section)
        yield Footer()

    def _section(self, section: HelpSection) -> Vertical:
        current = section.screen is not None and isinstance(self.previous, section.screen)
        title = Text(section.title, style="bold")
        if current:
            title.append("  (this screen)")
        box = Vertical(
            Static(title, classes="help-section-title"),
            Static(section_text(section), classes="help-keys"),
            classes="help-section -current" if current else "help-section",
        )
        return box

    def on_mount(self) -> None:
        current = self.query(".help-section.-current")
        if current:
            self.call_after_refresh(current.first().scroll_visible, animate=False)

    def action_close(self) -> None:
        self.dismiss()
