"""The recovery window as a strip of days: sessions against the target, today marked.

Every status has its own symbol and today sits in brackets, so the strip reads the
same without colour (a monochrome terminal, a screen reader, a snapshot); the colours
come from component classes styled with theme variables. Completed sessions are counted
on one row, partial ones (cut short) on another (only when there are any). Once the window is
over, the strip says so and what the runner can do, instead of a row of days gone by.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from ..core.insight.adherence import (
    AFTER_THE_WINDOW,
    SYMBOLS,
    DayStatus,
    RecoveryWindow,
    WindowDay,
    window_line,
)

LEGEND: tuple[tuple[DayStatus, str], ...] = (
    ("met", "{target}/day"),
    ("fewer", "fewer"),
    ("partial", "partial"),
    ("rest", "rest"),
    ("missed", "missed"),
    ("race", "race"),
    ("future", "to come"),
)
CELL = 3
"""Columns per day: a symbol with room for today's brackets."""
LABEL = 9
"""Columns of the row labels (``sessions ``)."""
NO_RACE_DATE = "Set race_date in the settings to see your recovery window here."

StyleFor = Callable[[str], Style]


def _plain(_name: str) -> Style:
    return Style()


def _cell(day: WindowDay, style_for: StyleFor) -> Text:
    """`` ● `` or, for today, ``[●]``."""
    symbol = Text(SYMBOLS[day.status], style=style_for(day.status))
    if not day.is_today:
        return Text(" ").append_text(symbol).append(" ")
    today = style_for("today")
    return Text("[", style=today).append_text(symbol).append("]", style=today)


def _count(day: WindowDay) -> str:
    """Completed sessions that day, centred in its cell; nothing for days to come."""
    text = "" if day.status == "future" else str(day.sessions)
    return text.center(CELL)


def _partials(day: WindowDay) -> str:
    """Sessions cut short that day, or nothing."""
    return (str(day.partials) if day.partials else "").center(CELL)


def _rows(days: tuple[WindowDay, ...], style_for: StyleFor) -> Text:
    text = Text()
    text.append("day".ljust(LABEL), style=style_for("label"))
    text.append("".join(str(d.number).center(CELL) for d in days).rstrip() + "\n")
    cells = Text(" " * LABEL)
    for day in days:
        cells.append_text(_cell(day, style_for))
    cells.rstrip()
    text.append_text(cells)
    text.append("\n")
    text.append("sessions".ljust(LABEL), style=style_for("label"))
    text.append("".join(_count(d) for d in days).rstrip() + "\n")
    if any(d.partials for d in days):
        text.append("partial".ljust(LABEL), style=style_for("label"))
        text.append("".join(_partials(d) for d in days).rstrip() + "\n")
    return text


def legend_text(target: int, style_for: StyleFor = _plain) -> Text:
    """``● 2/day  ◐ fewer  ◔ partial  ○ rest  ✗ missed  R race  · to come  [ ] today``."""
    text = Text()
    for status, words in LEGEND:
        text.append(SYMBOLS[status], style=style_for(status))
        text.append(f" {words.format(target=target)}  ", style=style_for("label"))
    text.append("[ ]", style=style_for("today"))
    text.append(" today", style=style_for("label"))
    return text


def strip_text(window: RecoveryWindow | None, width: int, style_for: StyleFor = _plain) -> Text:
    """The whole strip at `width` columns: a summary line, the days (wrapped), a legend."""
    if window is None:
        return Text(NO_RACE_DATE, style=style_for("label"))
    text = Text(window_line(window) + "\n", style=style_for("summary"))
    if window.is_over:
        return text.append(AFTER_THE_WINDOW, style=style_for("label"))
    per_row = max(1, (width - LABEL) // CELL)
    days = window.days
    for start in range(0, len(days), per_row):
        text.append_text(_rows(days[start : start + per_row], style_for))
    text.append_text(legend_text(window.target, style_for))
    return text


class CalendarStrip(Widget):
    """The window's days; `window` is None when no race date is set."""

    COMPONENT_CLASSES = {
        "calendar-strip--met",
        "calendar-strip--fewer",
        "calendar-strip--partial",
        "calendar-strip--rest",
        "calendar-strip--missed",
        "calendar-strip--race",
        "calendar-strip--open",
        "calendar-strip--future",
        "calendar-strip--today",
        "calendar-strip--label",
        "calendar-strip--summary",
    }
    DEFAULT_CSS = """
    CalendarStrip { height: auto; }
    CalendarStrip > .calendar-strip--met { color: $success; text-style: bold; }
    CalendarStrip > .calendar-strip--fewer { color: $warning; text-style: bold; }
    CalendarStrip > .calendar-strip--partial { color: $text-warning; }
    CalendarStrip > .calendar-strip--rest { color: $secondary; }
    CalendarStrip > .calendar-strip--missed { color: $error; text-style: bold; }
    CalendarStrip > .calendar-strip--race { color: $accent; text-style: bold; }
    CalendarStrip > .calendar-strip--open { color: $text-muted; }
    CalendarStrip > .calendar-strip--future { color: $text-muted; }
    CalendarStrip > .calendar-strip--today { color: $accent; text-style: bold; }
    CalendarStrip > .calendar-strip--label { color: $text-muted; }
    CalendarStrip > .calendar-strip--summary { text-style: bold; }
    """

    window: reactive[RecoveryWindow | None] = reactive(None, layout=True)

    def _style_for(self, name: str) -> Style:
        return self.get_component_rich_style(f"calendar-strip--{name}", partial=True)

    def render(self) -> Text:
        return strip_text(self.window, self.content_size.width or 80, self._style_for)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(strip_text(self.window, width).wrap(self.app.console, width or 80))
