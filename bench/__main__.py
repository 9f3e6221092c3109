"""`python -m bench`: run every figure and print the results table.

python -m bench             # the real figures, about four minutes
python -m bench --quick     # a small log and one run each: proves the bench works
python -m bench --only 2 5  # some figures only
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from .common import BenchConfig, Row, format_table
from .figures import FIGURES, failed_row, run_figure


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small log, one run of each")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), help="figures to run")
    parser.add_argument("--runs", type=int, help="runs of each side per figure (default 7)")
    parser.add_argument("--sessions", type=int, help="sessions in the big log (default 20000)")
    return parser.parse_args(argv)


def make_config(args: argparse.Namespace, workdir: Path) -> BenchConfig:
    config = BenchConfig.quick_config(workdir) if args.quick else BenchConfig(workdir=workdir)
    changes = {"runs": args.runs, "sessions": args.sessions}
    return dataclasses.replace(config, **{k: v for k, v in changes.items() if v is not None})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="recovery-bench-") as tmp:
        config = make_config(args, Path(tmp))
        for key in args.only or sorted(FIGURES):
            print(f"figure {key}: {FIGURES[key].title} ...", file=sys.stderr, flush=True)
            try:
                rows += run_figure(key, config)
            except (OSError, RuntimeError, TimeoutError) as error:
                rows.append(failed_row(key, error))
    print(format_table(rows))
    print(f"\n{time.perf_counter() - started:.0f} s; the ratio column is measured / yardstick.")
    return 1 if any(row.measured.startswith("error") for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
