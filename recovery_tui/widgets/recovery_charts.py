"""Is the recovery working? Charts with axes and dates over the recovery window.

Drawn with textual-plotext (Textualize's widget around Plotext): real axes, tick labels
with dates, bars and a target line. Each series has its own marker (○ before, ● after;
L left, R right), so the charts read without colour and in a snapshot. The numbers come
from `core.trends` and `core.adherence`; this module only says how they are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.color import Color, ColorParseError
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static
from textual_plotext import PlotextPlot

from ..core.doses import set_times_label
from ..core.insight.adherence import day_counts
from ..core.insight.trends import DayAxis, fatigue_sets, heel_points, session_ticks, side_sets
from .chart_data import ChartData

MARKERS = {"before": "○", "after": "●", "left": "L", "right": "R"}
COLOURS = {
    "before": "warning",
    "after": "success",
    "left": "accent",
    "right": "secondary",
    "bars": "primary",
    "target": "foreground",
}
"""The theme variable each series is drawn in. Given, never left to Plotext: its own
sequence of colours is put in order by a set(), so it would change with the hash seed."""
TICKS = 8
"""Date labels on an x axis, at most: more would run into each other at 80 columns."""
WEAKER = 0.10
"""A side whose sets are this much shorter on average is called out."""


def weaker_side(left: float | None, right: float | None) -> str:
    """``right sets end 12% sooner`` when one side is clearly weaker, else ""."""
    if not left or not right:
        return ""
    weaker, stronger, name = (right, left, "right") if right < left else (left, right, "left")
    shortfall = 1 - weaker / stronger
    return f"{name} sets end {shortfall:.0%} sooner" if shortfall >= WEAKER else ""


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


class RecoveryCharts(Vertical):
    """The heel checks, sessions per day and left against right; set `data` to redraw."""

    data: reactive[ChartData | None] = reactive(None, init=False)

    def compose(self) -> ComposeResult:
        yield Static(id="charts-empty", markup=False)
        yield PlotextPlot(id="heel-plot", classes="recovery-plot")
        yield PlotextPlot(id="sessions-plot", classes="recovery-plot")
        yield PlotextPlot(id="sides-plot", classes="recovery-plot")
        yield Static(id="sides-verdict", markup=False)

    def on_mount(self) -> None:
        self.draw(self.data)

    def watch_data(self, data: ChartData | None) -> None:
        if self.is_mounted:
            self.draw(data)

    def draw(self, data: ChartData | None) -> None:
        empty = data is None or not data.records
        self.set_class(empty, "-empty")
        self.query_one("#charts-empty", Static).update(
            "No sessions in the window yet: the charts fill in as you log them." if empty else ""
        )
        if data is None:
            return
        self._draw_heels(data)
        self._draw_sessions(data)
        self._draw_sides(data)

    def _colour(self, series: str) -> tuple[int, int, int]:
        """The theme's colour for a series, as the RGB Plotext takes."""
        value = self.app.theme_variables.get(COLOURS[series], "")
        try:
            return Color.parse(value).rgb
        except ColorParseError:  # a theme without that variable
            return Color.parse("white").rgb

    def _day_axis(self, plot: PlotextPlot, axis: DayAxis) -> None:
        ticks, labels = axis.ticks(TICKS)
        plot.plt.xticks(ticks, labels)
        plot.plt.xlim(-0.5, axis.length + 0.5)

    def _draw_heels(self, data: ChartData) -> None:
        plot = self.query_one("#heel-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        axis = data.axis
        before, after = heel_points(data.records, axis)
        plt.title("Heel to mat, before ○ and after ● each session (1 far … 5 flat)")
        for name, series in (("before", before), ("after", after)):
            if series.xs:
                plt.scatter(
                    series.xs, series.ys, marker=MARKERS[name], label=name, color=self._colour(name)
                )
        plt.ylim(0.5, 6.0)  # room above 5 for the legend
        plt.yticks([1, 2, 3, 4, 5])
        self._day_axis(plot, axis)
        plot.refresh()

    def _draw_sessions(self, data: ChartData) -> None:
        plot = self.query_one("#sessions-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        axis = data.axis
        window = data.window
        if window is not None:
            counts = {d.number: d.sessions for d in window.days if d.status != "future"}
            target = window.target
        else:
            by_day = day_counts(data.records)
            counts = {n: by_day.get(day, 0) for n, day in enumerate(data.days)}
            target = 0
        title = "Completed sessions per day"
        plt.title(f"{title} against the target ({target}, the line)" if target else title)
        if any(counts.values()):  # every day given, so the bars are evenly spaced
            days = sorted(counts)
            ys = [counts[n] for n in days]
            plt.bar([float(n) for n in days], ys, width=0.4, color=self._colour("bars"))
        if target:
            plt.hline(target, color=self._colour("target"))
        top = max([target, *counts.values(), 1])
        plt.ylim(0, top + 0.5)
        plt.yticks(list(range(top + 1)))
        self._day_axis(plot, axis)
        plot.refresh()

    def _draw_sides(self, data: ChartData) -> None:
        plot = self.query_one("#sides-plot", PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        sets = fatigue_sets(data.records)
        left, right = side_sets(sets)
        plt.title(
            f"{set_times_label(s.kind for s in sets)}, seconds each set: left L against right R"
        )
        for name, series in (("left", left), ("right", right)):
            if series.xs:
                plt.scatter(
                    series.xs, series.ys, marker=MARKERS[name], label=name, color=self._colour(name)
                )
        if sets:
            ticks, labels = session_ticks(sets, TICKS)
            plt.xticks(ticks, labels)
            plt.xlim(0.5, len(sets) + 0.5)
            top = max([*left.ys, *right.ys])
            step = 5 if top <= 30 else 10 if top <= 90 else 30
            plt.ylim(0, top * 1.3)  # room for the legend
            plt.yticks(list(range(0, int(top) + step, step)))
        plot.refresh()
        verdict = weaker_side(_mean(left.ys), _mean(right.ys))
        self.query_one("#sides-verdict", Static).update(verdict)
