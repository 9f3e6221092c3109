"""A report for the physio, in Markdown: the recovery window as a physiotherapist reads it.

The calendar with sessions per day against the target, the heel-to-mat checks before and
after (the source's own measure of progress) with their trend, left against right in the
sets to fatigue and the per-side reps, what was skipped, how sore the quads were, and the
notes. Pure: records in, text out.

Text from the log (plan names, exercise names, notes) is cleaned of control characters
and escaped, so a note can never become a link, an image, HTML or a broken table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from recovery_tui.core.doses import record_kind, set_times_label
from recovery_tui.core.insight.adherence import day_counts, day_status, partial_counts
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.safe_text import clean

if TYPE_CHECKING:
    from recovery_tui.core.journal import SessionLog

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STATUS_WORDS = {
    "met": "target met",
    "partial": "cut short only",
    "fewer": "fewer than the target",
    "rest": "rest (allowed)",
    "missed": "missed",
    "race": "race day",
    "open": "today, open",
    "future": "to come",
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
"""What makes emphasis, code, links, images, strike-through or a table cell mid-line.

Log text never starts a line here (always after a date or a cell border), so the marks
that matter only there (``#``, ``-``, ``1.``) stay as written."""


def markdown_text(text: str) -> str:
    """Log text as literal Markdown: one line, control codes, HTML and markup made inert."""
    one_line = " ".join(clean(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class ReportSpan:
    """The days a report covers, both included."""

    first: date
    last: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def report_span(
    race_date: date | None, window_days: int, today: date, days: int | None = None
) -> ReportSpan:
    """The last `days` days to today; else the recovery window; else the last `window_days`."""
    if days is not None:
        return ReportSpan(today - timedelta(days=days - 1), today)
    if race_date is not None:
        return ReportSpan(race_date, race_date + timedelta(days=window_days))
    return ReportSpan(today - timedelta(days=window_days), today)


def build_report(
    records: Iterable[SessionRecord],
    span: ReportSpan,
    *,
    target: int,
    race_date: date | None,
    now: datetime,
) -> str:
    """The whole report; days are taken in the zone of `now`."""
    zone = now.tzinfo
    chosen = sorted(
        (r for r in records if span.first <= r.started.astimezone(zone).date() <= span.last),
        key=lambda r: r.started,
    )
    lines = _title(span, target=target, race_date=race_date, now=now)
    if not chosen:
        lines += [f"No sessions from {_day(span.first)} to {_day(span.last)}.", ""]
        return "\n".join(lines)
    sections = (
        _summary(chosen),
        _calendar(chosen, span, target=target, race_date=race_date, today=now.date(), zone=zone),
        _heels(chosen, zone),
        _sides(chosen, zone),
        _skipped(chosen, zone),
        _quads(chosen, zone),
        _notes(chosen, zone),
    )
    for section in sections:
        lines += section
    return "\n".join(lines)


def _title(span: ReportSpan, *, target: int, race_date: date | None, now: datetime) -> list[str]:
    lines = [
        f"# Calf and ankle recovery: {_day(span.first)} to {_day(span.last)}",
        "",
    ]
    facts = [f"Target: {target} {'session' if target == 1 else 'sessions'} a day"]
    if race_date is not None:
        facts.insert(0, f"Race day (day 0): {_day(race_date)}")
    facts.append(f"Made {_day(now.date())} {now:%H:%M} by recovery-tui")
    lines += [" · ".join(facts), ""]
    lines += [
        'The circuit: Marie Whitt, PT, DPT, "6 Exercises to Fix Tight Ankles & Calf '
        'Muscles After Your Marathon"; 2 rounds a session, 1-2 sessions a day, every day '
        "or every other day.",
        "",
    ]
    return lines


def _summary(records: Sequence[SessionRecord]) -> list[str]:
    completed = sum(1 for r in records if r.status == "completed")
    partial = len(records) - completed
    minutes = sum(r.duration_seconds for r in records) / 60
    return [
        f"{completed} completed, {partial} cut short; {minutes:.0f} minutes in all.",
        "",
    ]


def _calendar(
    records: Sequence[SessionRecord],
    span: ReportSpan,
    *,
    target: int,
    race_date: date | None,
    today: date,
    zone: tzinfo | None,
) -> list[str]:
    counts, partials = day_counts(records, zone), partial_counts(records, zone)
    lines = [
        "## Calendar",
        "",
        "| Day | Date | Completed | Cut short | Target | Status |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for day in span.days:
        number = "" if race_date is None else str((day - race_date).days)
        status = day_status(
            day, counts, today=today, target=target, race_date=race_date, partials=partials
        )
        words = _STATUS_WORDS.get(status, status)
        lines.append(
            f"| {number} | {_day(day)} | {counts.get(day, 0)} | {partials.get(day, 0)} "
            f"| {target} | {words} |"
        )
    return [*lines, ""]


def _heels(records: Sequence[SessionRecord], zone: tzinfo | None) -> list[str]:
    checked = [r for r in records if r.check_before is not None or r.check_after is not None]
    lines = ["## Heel to mat in down dog", "", "1 = far from the mat, 5 = heels flat.", ""]
    if not checked:
        return [*lines, "No checks in these days.", ""]
    lines += ["| Session | Before | After | Change |", "|---|---:|---:|---:|"]
    for r in checked:
        change = ""
        if r.check_before is not None and r.check_after is not None:
            change = f"{r.check_after - r.check_before:+d}"
        lines.append(
            f"| {_when(r.started, zone)} | {_score(r.check_before)} | {_score(r.check_after)} "
            f"| {change} |"
        )
    return [*lines, "", *_heel_trend(checked), ""]


def _heel_trend(checked: Sequence[SessionRecord]) -> list[str]:
    """First and last check, before and after, and the mean change a session made."""
    lines = []
    for label, values in (
        ("Before the session", [r.check_before for r in checked]),
        ("After the session", [r.check_after for r in checked]),
    ):
        known = [v for v in values if v is not None]
        if known:
            mean = sum(known) / len(known)
            lines.append(f"- {label}: {known[0]} → {known[-1]} (mean {mean:.1f})")
    changes = [
        r.check_after - r.check_before
        for r in checked
        if r.check_before is not None and r.check_after is not None
    ]
    if changes:
        lines.append(f"- Change within a session: {sum(changes) / len(changes):+.1f} on average")
    return lines


def _sides(records: Sequence[SessionRecord], zone: tzinfo | None) -> list[str]:
    lines = ["## Left and right", ""]
    fatigue = [r for r in records if _fatigue_seconds(r) != ([], [])]
    if fatigue:
        lines += [
            f"{_set_times_label(fatigue)}, seconds each set (all rounds):",
            "",
            "| Session | Left | Right | Left mean | Right mean |",
            "|---|---|---|---:|---:|",
        ]
        for r in fatigue:
            left, right = _fatigue_seconds(r)
            lines.append(
                f"| {_when(r.started, zone)} | {_seconds_list(left)} | {_seconds_list(right)} "
                f"| {_mean(left)} | {_mean(right)} |"
            )
        lines.append("")
    reps = [(r, name, lefts, rights) for r in records for name, lefts, rights in _side_reps(r)]
    if reps:
        lines += [
            "Reps each side (all rounds):",
            "",
            "| Session | Exercise | Left | Right |",
            "|---|---|---:|---:|",
        ]
        for r, name, lefts, rights in reps:
            lines.append(
                f"| {_when(r.started, zone)} | {markdown_text(name)} | {lefts} | {rights} |"
            )
        lines.append("")
    if not fatigue and not reps:
        lines += ["No per-side work in these days.", ""]
    return lines


def _set_times_label(records: Sequence[SessionRecord]) -> str:
    """What the timed sets in these records are called (``Sets to fatigue``): their kinds say."""
    return set_times_label(result.kind for r in records for rs in r.rounds for result in rs)


def _fatigue_seconds(record: SessionRecord) -> tuple[list[float], list[float]]:
    left: list[float] = []
    right: list[float] = []
    for results in record.rounds:
        for result in results:
            if record_kind(result.kind).timed_sets and not result.skipped:
                left += result.set_seconds.get("left", [])
                right += result.set_seconds.get("right", [])
    return left, right


def _side_reps(record: SessionRecord) -> list[tuple[str, int, int]]:
    """Per-side rep totals of each exercise that counts reps per side, in plan order."""
    totals: dict[str, list[int]] = {}
    for results in record.rounds:
        for result in results:
            if record_kind(result.kind).timed_sets or not {"left", "right"} & result.counts.keys():
                continue
            pair = totals.setdefault(result.name, [0, 0])
            pair[0] += result.counts.get("left", 0)
            pair[1] += result.counts.get("right", 0)
    return [(name, left, right) for name, (left, right) in totals.items()]


def _skipped(records: Sequence[SessionRecord], zone: tzinfo | None) -> list[str]:
    lines = ["## Skipped exercises", ""]
    rows = []
    for r in records:
        skipped: dict[str, list[int]] = {}
        for number, results in enumerate(r.rounds, start=1):
            for result in results:
                if result.skipped:
                    skipped.setdefault(result.name, []).append(number)
        for name, rounds in skipped.items():
            which = ", ".join(str(n) for n in rounds)
            rows.append(f"| {_when(r.started, zone)} | {markdown_text(name)} | {which} |")
    if not rows:
        return [*lines, "None.", ""]
    return [*lines, "| Session | Exercise | Rounds |", "|---|---|---|", *rows, ""]


def _quads(records: Sequence[SessionRecord], zone: tzinfo | None) -> list[str]:
    lines = ["## Quads before the session", "", "1 = fresh, 5 = very sore.", ""]
    scored = [r for r in records if r.quad_soreness is not None]
    if not scored:
        return [*lines, "Not asked, or skipped, in these days.", ""]
    lines += ["| Session | Plan | Quads |", "|---|---|---:|"]
    for r in scored:
        plan = markdown_text(r.plan_name or r.plan)
        lines.append(f"| {_when(r.started, zone)} | {plan} | {r.quad_soreness} |")
    return [*lines, ""]


def _notes(records: Sequence[SessionRecord], zone: tzinfo | None) -> list[str]:
    noted = [r for r in records if r.note.strip()]
    lines = ["## Notes", ""]
    if not noted:
        return [*lines, "No notes.", ""]
    return [*lines, *(f"- {_when(r.started, zone)}: {markdown_text(r.note)}" for r in noted), ""]


def _day(day: date) -> str:
    """``Mon 16 Nov 2026``: English names whatever the locale, so the report reads the same."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _when(moment: datetime, zone: tzinfo | None) -> str:
    local = moment.astimezone(zone)
    return f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local:%H:%M}"


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def _seconds_list(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values) if values else "–"


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "–"


def read_report_records(
    log: SessionLog, span: ReportSpan, zone: tzinfo | None
) -> list[SessionRecord]:
    """The span's records, amended, read by bisecting the log (any size): the journal
    is its owner's (the app's, or the one the `report` command opened)."""
    margin = timedelta(hours=3)  # a daylight-saving change moves local midnight
    start = datetime.combine(span.first, time(), zone) - margin
    end = datetime.combine(span.last + timedelta(days=1), time(), zone) + margin
    return log.between(start, end)


def report_for(
    log: SessionLog,
    *,
    race_date: date | None,
    window_days: int,
    target: int,
    now: datetime,
    days: int | None = None,
) -> str:
    """The report as `recovery-tui report` and the report screen make it."""
    span = report_span(race_date, window_days, now.date(), days=days)
    records = read_report_records(log, span, now.tzinfo)
    return build_report(records, span, target=target, race_date=race_date, now=now)


def report_file_name(now: datetime) -> str:
    """``recovery-report-2026-11-23.md``: where the report screen saves, in the data folder."""
    return f"recovery-report-{now.date().isoformat()}.md"
