"""The recovery window at a glance, for the history screen: the calendar strip and charts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ..core.insight.adherence import recovery_window
from ..core.insight.trends import chart_days, records_between
from ..core.journal.record import SessionRecord
from .calendar_strip import CalendarStrip
from .recovery_charts import ChartData, RecoveryCharts


class RecoveryPanel(VerticalScroll):
    """Scrolls when the terminal is short; `show` redraws both parts."""

    def compose(self) -> ComposeResult:
        yield CalendarStrip()
        yield RecoveryCharts()

    def on_mount(self) -> None:
        self.border_title = "Recovery window"

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
        self.query_one(RecoveryCharts).data = ChartData(tuple(chosen), window, days)
