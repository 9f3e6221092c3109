"""Is the recovery working? Text charts over the recovery window.

Bars are block characters on a fixed scale (heel checks 1-5; seconds and reps against
the largest value shown), with the numbers beside them, so the charts read without
colour and in a snapshot. Everything comes from `core.trends` and `core.adherence`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..core.adherence import RecoveryWindow, day_counts
from ..core.record import SessionRecord
from ..core.trends import (
    FatigueSet,
    SessionSides,
    fatigue_by_session,
    fatigue_sets,
    heel_series,
    partial_side_reps,
)

BARS = "▁▂▃▄▅▆▇█"
NONE = "·"
LABEL = 8
MAX_COLUMNS = 48
"""More values than this and a chart shows one column per session instead."""
SHOWN_PARTIALS = 4
"""Cut-short sessions listed, the latest ones."""
REP_BAR = 20
"""Columns of the longest per-side rep bar."""
WEAKER = 0.10
"""A side whose sets are this much shorter on average is called out."""

StyleFor = Callable[[str], Style]


def _plain(_name: str) -> Style:
    return Style()


def bar(value: float | None, top: float) -> str:
    """One block character for `value` on a 0..`top` scale; `·` for no value."""
    if value is None:
        return NONE
    if top <= 0 or value <= 0:
        return BARS[0]
    index = round(value / top * (len(BARS) - 1))
    return BARS[min(len(BARS) - 1, max(0, index))]


def bars(values: Sequence[float | None], top: float) -> str:
    return "".join(bar(v, top) for v in values)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


@dataclass(frozen=True)
class ChartData:
    """What the charts show: the window (for sessions per day) and its records."""

    records: tuple[SessionRecord, ...]
    window: RecoveryWindow | None = None
    days: tuple[date, ...] = ()
    """The days of the sessions-per-day chart when there is no window."""


def _title(text: Text, words: str, style_for: StyleFor) -> None:
    text.append(words + "\n", style=style_for("title"))


def heel_chart(records: Sequence[SessionRecord], style_for: StyleFor = _plain) -> Text:
    """Before and after each session, 1 (far from the mat) to 5 (heels flat)."""
    text = Text()
    _title(text, "Heel to mat per session (1 far … 5 flat)", style_for)
    points = heel_series(records)
    if not points:
        text.append("  no checks yet\n", style=style_for("muted"))
        return text
    for name, values in (
        ("before", [p.before for p in points]),
        ("after", [p.after for p in points]),
    ):
        latest = next((v for v in reversed(values) if v is not None), None)
        text.append(f"  {name:<{LABEL}}")
        scaled = [None if v is None else float(v) for v in values]
        text.append(bars(scaled, 5), style=style_for(name))
        text.append(f"  latest {'–' if latest is None else latest}\n", style=style_for("muted"))
    return text


def sessions_chart(data: ChartData, style_for: StyleFor = _plain) -> Text:
    """Completed sessions, one bar per day against the daily target; days to come are dots."""
    text = Text()
    window = data.window
    if window is not None:
        counts: list[float | None] = [
            None if d.status == "future" else float(d.sessions) for d in window.days
        ]
        target = window.target
    else:
        by_day = day_counts(data.records)  # completed ones, as the window counts them
        counts = [float(by_day.get(d, 0)) for d in data.days]
        target = 0
    _title(text, f"Sessions per day (target {target})" if target else "Sessions per day", style_for)
    top = max([target, *(c or 0 for c in counts)], default=1)
    text.append(f"  {'days':<{LABEL}}")
    text.append(bars(counts, top), style=style_for("sessions"))
    text.append(f"  {int(sum(c or 0 for c in counts))} in all\n", style=style_for("muted"))
    return text


def fatigue_chart(records: Sequence[SessionRecord], style_for: StyleFor = _plain) -> Text:
    """Seconds each to-fatigue set lasted, left against right: set by set when they fit,
    else the mean per session."""
    text = Text()
    sets = fatigue_sets(records)
    series: Sequence[FatigueSet | SessionSides] = sets
    if len(sets) > MAX_COLUMNS:
        series = fatigue_by_session(sets)
        _title(text, "Sets to fatigue, mean seconds per session (left vs right)", style_for)
    else:
        _title(text, "Sets to fatigue, seconds per set (left vs right)", style_for)
    if not sets:
        text.append("  no sets to fatigue yet\n", style=style_for("muted"))
        return text
    sides = {"left": [s.left for s in series], "right": [s.right for s in series]}
    top = max((v for values in sides.values() for v in values if v is not None), default=0.0)
    means = {"left": _mean([s.left for s in sets]), "right": _mean([s.right for s in sets])}
    for side, values in sides.items():
        mean = means[side]
        text.append(f"  {side:<{LABEL}}")
        text.append(bars(values, top), style=style_for(side))
        text.append(
            f"  mean {'–' if mean is None else f'{mean:.1f} s'}\n", style=style_for("muted")
        )
    verdict = weaker_side(means["left"], means["right"])
    if verdict:
        text.append(f"  {verdict}\n", style=style_for("warning"))
    return text


def weaker_side(left: float | None, right: float | None) -> str:
    """``right sets end 12% sooner`` when one side is clearly weaker, else ""."""
    if not left or not right:
        return ""
    weaker, stronger, name = (right, left, "right") if right < left else (left, right, "left")
    shortfall = 1 - weaker / stronger
    return f"{name} sets end {shortfall:.0%} sooner" if shortfall >= WEAKER else ""


def partial_chart(records: Sequence[SessionRecord], style_for: StyleFor = _plain) -> Text:
    """The reps each side got in the latest sessions that were cut short."""
    text = Text()
    _title(text, "Cut-short sessions, reps per side", style_for)
    totals = partial_side_reps(records)[-SHOWN_PARTIALS:]
    if not totals:
        text.append("  none\n", style=style_for("muted"))
        return text
    top = max(max(t.left, t.right) for t in totals)
    for total in totals:
        when = total.started.astimezone().strftime("%a %d %b")
        text.append(f"  {when}  ")
        for side, reps in (("left", total.left), ("right", total.right)):
            width = round(reps / top * REP_BAR) if top else 0
            text.append(f"{'  ' if side == 'right' else ''}{side[0].upper()} ")
            text.append("█" * width, style=style_for(side))
            text.append(f" {reps}")
        text.append("\n")
    return text


def charts_text(data: ChartData, style_for: StyleFor = _plain) -> Text:
    """All four charts, one after the other."""
    text = Text()
    parts = (
        heel_chart(data.records, style_for),
        sessions_chart(data, style_for),
        fatigue_chart(data.records, style_for),
        partial_chart(data.records, style_for),
    )
    for index, part in enumerate(parts):
        if index:
            text.append("\n")
        text.append_text(part)
    text.rstrip()
    return text


class RecoveryCharts(Static):
    """The charts for `data`; set `data` to redraw."""

    COMPONENT_CLASSES = {
        "recovery-charts--title",
        "recovery-charts--muted",
        "recovery-charts--before",
        "recovery-charts--after",
        "recovery-charts--sessions",
        "recovery-charts--left",
        "recovery-charts--right",
        "recovery-charts--warning",
    }
    DEFAULT_CSS = """
    RecoveryCharts { height: auto; }
    RecoveryCharts > .recovery-charts--title { text-style: bold; }
    RecoveryCharts > .recovery-charts--muted { color: $text-muted; }
    RecoveryCharts > .recovery-charts--before { color: $warning; }
    RecoveryCharts > .recovery-charts--after { color: $success; }
    RecoveryCharts > .recovery-charts--sessions { color: $primary; }
    RecoveryCharts > .recovery-charts--left { color: $accent; }
    RecoveryCharts > .recovery-charts--right { color: $secondary; }
    RecoveryCharts > .recovery-charts--warning { color: $warning; text-style: bold; }
    """

    data: reactive[ChartData | None] = reactive(None)

    def _style_for(self, name: str) -> Style:
        return self.get_component_rich_style(f"recovery-charts--{name}", partial=True)

    def watch_data(self, data: ChartData | None) -> None:
        if data is None:
            self.update(Text("No sessions in the window yet.", style=self._style_for("muted")))
        else:
            self.update(charts_text(data, self._style_for))
