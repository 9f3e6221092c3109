"""The check-in as data: what `status` says, as one JSON object or a filled-in template.

For the places a runner already looks: a tmux `status-right`, a starship module, a
script. The facts are the ones the today line, the window and the next-due line use
(`stats`, `adherence`, `next_due`), so the two outputs can never disagree with `status`.
Keys are stable; a template names them in braces: ``{sessions_today}/{target}``.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from recovery_tui.core.errors import UserError
from recovery_tui.core.insight.adherence import day_counts, partial_counts, recovery_window, streak
from recovery_tui.core.insight.next_due import next_session_due
from recovery_tui.core.insight.stats import today_summary
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.safe_text import clean

FIELDS: dict[str, str] = {
    "day_after_race": "days since the race (race day 0); empty without a race date",
    "window_days": "length of the recovery window in days",
    "sessions_today": "completed sessions today (what counts toward the target)",
    "partial_today": "sessions cut short today",
    "target": "sessions to aim for each day",
    "streak": "days in a row on plan",
    "last_started": "when the last session started (ISO 8601)",
    "last_plan": "the last session's plan id",
    "last_status": "completed or partial",
    "unfinished": "unfinished sessions waiting to be resumed",
    "next_due": "when the next session is due, in words",
}
"""The template fields, each with what it holds (`--format` names them in its error)."""


def checkin(
    records: Iterable[SessionRecord],
    *,
    now: datetime,
    race_date: date | None,
    window_days: int,
    target: int,
    unfinished: int,
) -> dict[str, Any]:
    """The check-in as one JSON-ready object; `records` cover what `status` reads."""
    records = list(records)
    summary = today_summary(records, race_date=race_date, target=target, now=now)
    if race_date is not None:
        window = recovery_window(
            records, race_date=race_date, window_days=window_days, target=target, now=now
        )
        length = window.streak
    else:
        zone = summary.now.tzinfo
        counts = day_counts(records, zone)
        partials = partial_counts(records, zone)
        length = streak(counts, today=summary.now.date(), target=target, partials=partials)
    last = summary.last
    due = next_session_due(
        records, now=now, target=target, race_date=race_date, window_days=window_days
    )
    return {
        "day_after_race": summary.day_after_race,
        "window_days": window_days,
        "sessions_today": summary.sessions_today,
        "partial_today": summary.partials_today,
        "target": target,
        "streak": length,
        "last": None
        if last is None
        else {
            "started": last.started.isoformat(timespec="seconds"),
            "plan": last.plan,
            "status": last.status,
        },
        "unfinished": unfinished,
        "next_due": {"day": None if due.day is None else due.day.isoformat(), "text": due.text},
    }


def template_values(facts: Mapping[str, Any]) -> dict[str, str]:
    """The check-in flattened for a template: every `FIELDS` key, None as an empty string."""
    last = facts["last"] or {}
    values = {
        **{key: facts[key] for key in FIELDS if key in facts and key != "next_due"},
        "last_started": last.get("started"),
        "last_plan": last.get("plan"),
        "last_status": last.get("status"),
        "next_due": facts["next_due"]["text"],
    }
    return {key: "" if value is None else str(value) for key, value in values.items()}


def fill_template(template: str, facts: Mapping[str, Any]) -> str:
    """``{sessions_today}/{target}`` filled in; raises UserError naming the known fields.

    Only plain field names are allowed (no ``{last.started}`` or ``{x[0]}``), and every
    value is text, so a template can pad (``{streak:>3}``) but never reach into objects.
    """
    values = template_values(facts)
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError as error:
        raise UserError(f"--format: {error} (write {{{{ and }}}} for braces)") from None
    parts: list[str] = []
    for literal, name, spec, conversion in pieces:
        parts.append(literal)
        if name is None:
            continue
        if name not in values:
            raise UserError(_unknown_field(name))
        if conversion:
            raise UserError(f"--format: '{{{name}!{conversion}}}': conversions are not allowed")
        try:
            parts.append(format(values[name], spec or ""))
        except ValueError as error:
            raise UserError(f"--format: '{{{name}:{clean(spec or '')}}}': {error}") from None
    return "".join(parts)


def _unknown_field(name: str) -> str:
    shown = clean(name if len(name) <= 40 else name[:39] + "…")
    return f"--format: unknown field '{{{shown}}}'; known fields: {', '.join(FIELDS)}"
