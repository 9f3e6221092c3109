"""The non-interactive subcommands. None of them imports Textual."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from .core.errors import UserError
from .core.safe_text import clean

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from .core.journal import SessionLog
    from .core.journal.record import SessionRecord
    from .core.settings.fields import Settings
    from .core.settings.paths import AppPaths


def say(text: str) -> None:
    """Print to stdout with control characters (terminal escapes) made harmless.

    File text is cleaned where it enters already; paths and arguments come from the
    command line and the environment, so the text-safety policy applies here too.
    """
    print(clean(text))


def warn(text: str) -> None:
    """`say`, to stderr, after the program's name."""
    print(clean(f"recovery-tui: {text}"), file=sys.stderr)


def _settings(paths: AppPaths) -> Settings:
    from .core.settings.file import load_settings

    loaded = load_settings(paths.config_file)
    if loaded.error:
        warn(f"{loaded.error} (using the defaults)")
    for problem in loaded.problems:
        warn(problem.message)
    return loaded.settings


def status(args: argparse.Namespace, paths: AppPaths) -> int:
    """The check-in: lines for people, or `--json` / `--format` for a status bar."""
    from .core.insight.adherence import reading_spans
    from .core.journal import SessionLog
    from .core.settings.themes import unknown_theme

    settings = _settings(paths)
    if problem := unknown_theme(paths.config_file, settings.theme):
        warn(problem)  # as the app says it; the theme changes nothing here
    now = datetime.now().astimezone()
    window_days = settings.recovery_window_days
    log = SessionLog(paths.log_file)
    records = log.recent(reading_spans(settings.race_date, now, window_days=window_days))
    if args.json or args.format is not None:
        return _status_data(args, paths, log, settings, records, now)
    _status_lines(paths, log, settings, records, now)
    return 0


def _status_data(
    args: argparse.Namespace,
    paths: AppPaths,
    log: SessionLog,
    settings: Settings,
    records: list[SessionRecord],
    now: datetime,
) -> int:
    import json

    from .core.insight.checkin import checkin, fill_template
    from .core.session.unfinished import count_unfinished

    facts = checkin(
        records,
        now=now,
        race_date=settings.race_date,
        window_days=settings.recovery_window_days,
        target=settings.sessions_per_day,
        unfinished=count_unfinished(paths.data_dir, log),
    )
    if args.format is not None:
        say(fill_template(args.format, facts))
    else:
        print(json.dumps(facts, ensure_ascii=True))
    return 0


def _status_lines(
    paths: AppPaths,
    log: SessionLog,
    settings: Settings,
    records: list[SessionRecord],
    now: datetime,
) -> None:
    from .core.insight.adherence import (
        AFTER_THE_WINDOW,
        compact_strip,
        recovery_window,
        window_line,
    )
    from .core.insight.next_due import due_by_settings
    from .core.insight.stats import format_today, today_summary
    from .core.session.unfinished import describe_unfinished

    window_days = settings.recovery_window_days
    summary = today_summary(
        records, race_date=settings.race_date, target=settings.sessions_per_day, now=now
    )
    say(format_today(summary, window_days=window_days))
    if settings.race_date is not None:
        window = recovery_window(
            records,
            race_date=settings.race_date,
            window_days=window_days,
            target=settings.sessions_per_day,
            now=now,
        )
        if window.is_over:
            say(window_line(window))
            say(AFTER_THE_WINDOW)
        else:
            say(f"{window_line(window)} · {compact_strip(window)}")
    due = due_by_settings(records, settings, now)
    say(due.sentence)
    unfinished = describe_unfinished(paths.data_dir, log)
    if unfinished:
        say(unfinished)


def history(args: argparse.Namespace, paths: AppPaths) -> int:
    from .core.insight import export
    from .core.journal import SessionLog

    result = SessionLog(paths.log_file).read_all()
    for message in result.messages():
        warn(message)
    records = result.records
    if args.json:
        export.write_json(records, sys.stdout)
    elif args.csv:
        export.write_csv(records, sys.stdout)
    else:
        for line in export.history_lines(records):
            say(line)
    return 0


def plans(args: argparse.Namespace, paths: AppPaths) -> int:
    from .core.plans.catalog import check_plan_file, load_catalog
    from .core.plans.text import describe_plan, plan_summary

    if args.plans_command == "check":
        plan = check_plan_file(args.file, paths.plans_dir)
        say(f"{args.file}: ok: '{plan.id}', {plan_summary(plan)}")
        return 0
    catalog = load_catalog(paths.plans_dir)
    for error in catalog.errors:
        warn(error)
    if args.plans_command == "show":
        shown = catalog.get(args.plan_id)
        if shown is None:
            known = ", ".join(p.id for p in catalog.plans)
            raise UserError(f"no plan '{args.plan_id}'; known plans: {known}")
        say("\n".join(describe_plan(shown)))
        return 0
    width = max(len(p.id) for p in catalog.plans)
    for plan in catalog.plans:
        kind = "built-in" if plan.builtin else "custom"
        say(f"{plan.id:<{width}}  {plan.name} ({plan_summary(plan)}, {kind})")
    return 0


def report(args: argparse.Namespace, paths: AppPaths) -> int:
    """The Markdown report, to stdout or (atomically) to `--output`."""
    from .core.insight.report import report_for
    from .core.journal import SessionLog

    settings = _settings(paths)
    text = report_for(
        SessionLog(paths.log_file),
        race_date=settings.race_date,
        window_days=settings.recovery_window_days,
        target=settings.sessions_per_day,
        now=datetime.now().astimezone(),
        days=args.days,
    )
    if args.output is None:
        sys.stdout.write(text)
        return 0
    _write_report(paths, args.output, text)
    print(f"recovery-tui: report written to {clean(str(args.output))}", file=sys.stderr)
    return 0


def _write_report(paths: AppPaths, output: Path, text: str) -> None:
    """Write the report, but never over the app's own files."""
    from .core.atomic import atomic_write
    from .core.journal import SessionLog

    log = SessionLog(paths.log_file)
    own = {log.path, log.notes_path, paths.config_file}
    if output.resolve() in {p.resolve() for p in own}:
        raise UserError(f"{output} is one of the app's own files; choose another --output")
    if output.is_dir():
        raise UserError(f"{output} is a folder; give a file name, e.g. {output / 'report.md'}")
    if output.exists() and not output.is_file():
        raise UserError(f"{output} is not a regular file; leave out --output to print the report")
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"Could not write {output}: {error.strerror or error}") from None


def show_paths(args: argparse.Namespace, paths: AppPaths) -> int:
    from .core.session.unfinished import unfinished_dir

    say(f"settings:     {paths.config_file}")
    say(f"custom plans: {paths.plans_dir}")
    say(f"session log:  {paths.log_file}")
    say(f"unfinished:   {unfinished_dir(paths.data_dir)}")
    return 0


def export_log(args: argparse.Namespace, paths: AppPaths) -> int:
    """Every session and later note, for `import -` on another machine (over SSH)."""
    from .core.journal import SessionLog
    from .core.journal.exchange import export_stream

    sys.stdout.buffer.write(export_stream(SessionLog(paths.log_file)))
    sys.stdout.buffer.flush()
    return 0


def import_log(args: argparse.Namespace, paths: AppPaths) -> int:
    """`import FILE` (an export or a sessions.jsonl) or `import -` (an export on stdin)."""
    from pathlib import Path

    from .core.journal import SessionLog
    from .core.journal.exchange import import_stream, read_export_file

    log = SessionLog(paths.log_file)
    if str(args.file) == "-":
        result = import_stream(log, _standard_input(), Path("standard input"))
    elif (export := read_export_file(args.file)) is not None:
        result = import_stream(log, export, args.file)
    else:
        result = log.merge_from(args.file)
    say(result.describe())
    return 0


def _standard_input() -> bytes:
    """All of stdin; a terminal there is refused rather than waited on."""
    from .core.journal.exchange import EXAMPLE
    from .core.journal.merge import MAX_IMPORT_BYTES

    if sys.stdin is None or sys.stdin.isatty():
        raise UserError(f"import - reads an export from a pipe, e.g. {EXAMPLE}")
    data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise UserError("standard input is larger than a session log can be; nothing was imported.")
    return data
