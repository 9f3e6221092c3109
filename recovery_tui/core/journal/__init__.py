"""The session journal: sessions.jsonl and notes.jsonl, owned by one `SessionLog`."""

from recovery_tui.core.journal.amendments import UNSET, Amendment
from recovery_tui.core.journal.files import LogReadError, LogWriteError
from recovery_tui.core.journal.index import SessionIndex
from recovery_tui.core.journal.lines import encode_record
from recovery_tui.core.journal.session_log import IndexRead, LogRead, SessionLog, Span
from recovery_tui.core.journal.summaries import NOT_IN_LOG, SessionSummary

__all__ = [
    "NOT_IN_LOG",
    "UNSET",
    "Amendment",
    "IndexRead",
    "LogRead",
    "LogReadError",
    "LogWriteError",
    "SessionIndex",
    "SessionLog",
    "SessionSummary",
    "Span",
    "encode_record",
]
