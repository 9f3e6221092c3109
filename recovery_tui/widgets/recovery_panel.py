"""The recovery window at a glance, for the history screen: the calendar strip and charts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ..core.insight.adherence import recovery_window
from ..core.insight.trends import chart_days, records_between
from ..core.journal.record import SessionRecord
from .calendar_strip import CalendarStrip
from .chart_data import ChartData

if TYPE_CHECKING:
    from .recovery_charts import RecoveryCharts


class RecoveryPanel(VerticalScroll):
    """Scrolls when the terminal is short; `show` redraws both parts.

    The charts are built the first time the panel is shown (`show_charts`), not with
    the history screen: most visits to the history never open them, and they are most
    of what the screen costs in memory. Measured 2026-12-01 (`python -m bench --only 4`,
    20,000 sessions): peak memory with the history open 48.9 MB, against 50.9 MB when
    they were built with the screen (Plotext's import alone is 1.6 MB).
    """

    _chart_data = ChartData(())
    _charts: RecoveryCharts | None = None

    def compose(self) -> ComposeResult:
        yield CalendarStrip()

    def on_mount(self) -> None:
        self.border_title = "Recovery window"

    @property
    def chart_data(self) -> ChartData:
        """What the charts show, or will show once they are built."""
        return self._chart_data

    def show_charts(self) -> None:
        """Build the charts with the data they are due; later calls do nothing."""
        if self._charts is not None:
            return
        from .recovery_charts import RecoveryCharts

        self._charts = RecoveryCharts()
        self._charts.data = self._chart_data
        self.mount(self._charts)

    def show(
        self,
        records: Sequence[SessionRecord],
        *,
        race_date: date | None,
        window_days: int,
        target: int,
        now: datetime,
    ) -> None:
        """Everything from the window's records (the last `window_days` without a race date).

        `records` need only cover the chart days and `reading_spans` (for the streak, read
        as on plan selection), not the whole log.
        """
        window = None
        if race_date is not None:
            window = recovery_window(
                records, race_date=race_date, window_days=window_days, target=target, now=now
            )
        first, last = chart_days(race_date, window_days, now.date())
        chosen = records_between(records, first, last, now.tzinfo)
        days = tuple(first + timedelta(days=n) for n in range((last - first).days + 1))
        self.query_one(CalendarStrip).window = window
        self._chart_data = ChartData(tuple(chosen), window, days)
        if self._charts is not None:
            self._charts.data = self._chart_data
