"""The command line: `recovery-tui [start PLAN | status | history | report | plans | paths |
export | import | cues]`.

Only `run_app` imports Textual, and only when the app really starts, so the quick
check-in (`status`) and `--help` stay fast and work whatever state the settings are in.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .core.errors import UserError

if TYPE_CHECKING:
    from .core.settings.paths import AppPaths


class _Parser(argparse.ArgumentParser):
    """argparse quotes what was typed in its errors: cleaned like any text we print."""

    def error(self, message: str) -> NoReturn:
        from .core.safe_text import clean

        super().error(clean(message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="recovery-tui",
        description="A terminal coach for the post-marathon calf and ankle recovery circuit.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", type=Path, metavar="FILE", help="settings file to use")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="where the session log lives")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    start = commands.add_parser("start", help="go straight into a session")
    start.add_argument("plan", nargs="?", help="plan id (default: the default_plan setting)")
    status = commands.add_parser(
        "status", help="day after the race, sessions today, the last one, the next one due"
    )
    status_as = status.add_mutually_exclusive_group()
    status_as.add_argument("--json", action="store_true", help="one JSON object, for scripts")
    status_as.add_argument(
        "--format",
        metavar="TEMPLATE",
        help="fill in fields such as '{sessions_today}/{target}' (tmux, starship)",
    )
    history = commands.add_parser("history", help="past sessions")
    fmt = history.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="the records as JSON")
    fmt.add_argument("--csv", action="store_true", help="one row per round, exercise and side")
    plans = commands.add_parser("plans", help="list plans; 'plans show ID'; 'plans check FILE'")
    plan_commands = plans.add_subparsers(dest="plans_command", metavar="ACTION")
    show = plan_commands.add_parser("show", help="every exercise of a plan with its dose")
    show.add_argument("plan_id", metavar="ID")
    check = plan_commands.add_parser("check", help="validate a plan file")
    check.add_argument("file", type=Path, metavar="FILE")
    report = commands.add_parser("report", help="a Markdown report for the physio")
    report.add_argument(
        "--days", type=_positive_days, metavar="N", help="the last N days (default: the window)"
    )
    report.add_argument("--output", type=Path, metavar="FILE", help="write to FILE, not stdout")
    commands.add_parser("paths", help="where settings, plans and the log live")
    commands.add_parser(
        "export", help="sessions and their later notes as JSON lines, to stdout (for import -)"
    )
    merge = commands.add_parser(
        "import", help="merge another machine's export or sessions.jsonl ('-': standard input)"
    )
    merge.add_argument(
        "file", type=Path, metavar="FILE", help="an export, a sessions.jsonl, or - for stdin"
    )
    _add_cues(commands)
    return parser


def _positive_days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 3660, got {text!r}")
    return int(text)


def _add_cues(commands: argparse._SubParsersAction[Any]) -> None:
    from .core.session.cues import CueName

    cues = commands.add_parser("cues", help="ring every cue's bell pattern, with its name")
    names = ", ".join(name.value for name in CueName)
    cues.add_argument("names", nargs="*", metavar="CUE", help=f"only these cues: {names}")
    cues.add_argument("--markdown", action="store_true", help="print the table as Markdown")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return dispatch(args)
    except UserError as error:  # its message is cleaned by the text-safety policy
        print(f"recovery-tui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def dispatch(args: argparse.Namespace) -> int:
    from . import commands
    from .core.settings.paths import resolve_paths

    if args.command == "cues":
        from .cue_demo import play_cues

        return play_cues(args, resolve_paths(args.config, args.data_dir))

    paths = resolve_paths(args.config, args.data_dir)
    handlers = {
        "status": commands.status,
        "history": commands.history,
        "plans": commands.plans,
        "paths": commands.show_paths,
        "report": commands.report,
        "import": commands.import_log,
        "export": commands.export_log,
    }
    if args.command in handlers:
        return handlers[args.command](args, paths)
    return run_app(
        paths,
        start_plan=args.plan if args.command == "start" else None,
        start=args.command == "start",
    )


def run_app(paths: AppPaths, *, start_plan: str | None, start: bool) -> int:
    import gc

    # The one start-up trick: Textual, Rich and the app's modules are tens of thousands
    # of objects that live as long as the app, so collecting while they import finds
    # nothing, and once frozen the collector's full passes skip them. Measured
    # 2026-12-01 (importing these two modules, CPU time, median of 30 alternating runs,
    # docs/performance.md): 221 ms with the pause against 240 ms without.
    gc.disable()
    try:
        from .app import RecoveryApp
        from .terminal import terminal_driver
    finally:
        gc.freeze()
        gc.enable()
    app = RecoveryApp(paths, start_plan=start_plan, start_now=start, driver_class=terminal_driver())
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
