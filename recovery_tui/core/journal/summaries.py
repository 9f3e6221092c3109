"""`SessionSummary`: what the history's list shows of a session, read from its line.

The history holds no summary of every session (the offset index, `SessionIndex`, says
where each line is); it reads the summaries of the rows it shows, a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

NOT_IN_LOG = -1
"""The offset of a summary made from a record that is not (yet) in the log."""
UNREADABLE = "unreadable"
"""The status of a row whose line no longer holds its session: no record has it (the one
validator allows 'completed' and 'partial' only)."""


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: str
    plan: str
    plan_name: str
    started: datetime
    ended: datetime
    status: str
    rounds_completed: int
    rounds_total: int
    offset: int
    """Where the record's line starts in the log (bytes), or `NOT_IN_LOG`."""

    @property
    def duration_seconds(self) -> float:
        return max(0.0, (self.ended - self.started).total_seconds())

    @property
    def readable(self) -> bool:
        """False for a row whose line no longer holds its session (the log changed since
        it was indexed): it has no id, so nothing may be saved for it."""
        return self.status != UNREADABLE

    @property
    def in_log(self) -> bool:
        return self.offset != NOT_IN_LOG
