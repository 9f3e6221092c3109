"""What the recovery charts show, apart from how they are drawn.

The history holds this from its first page on, while the charts themselves (and
Plotext with them) are built only once they are shown: see `RecoveryPanel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.insight.adherence import RecoveryWindow
from ..core.insight.trends import DayAxis
from ..core.journal.record import SessionRecord


@dataclass(frozen=True)
class ChartData:
    """What the charts show: the window (for sessions per day) and its records."""

    records: tuple[SessionRecord, ...]
    window: RecoveryWindow | None = None
    days: tuple[date, ...] = ()
    """The days of the charts when there is no window."""

    @property
    def axis(self) -> DayAxis:
        if self.window is not None:
            days = self.window.days
            return DayAxis(days[0].day, days[-1].day)
        if self.days:
            return DayAxis(self.days[0], self.days[-1])
        today = date.today()
        return DayAxis(today, today)
