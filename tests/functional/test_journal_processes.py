"""Many processes appending to one session log at once: every record lands, whole, in
each writer's order (real processes, as two terminals or an SSH session would be)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from recovery_tui.core.journal import SessionLog

_WORKER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from factories import make_record
from recovery_tui.core.journal import SessionLog
path, worker, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
start = datetime(2024, 5, 1, tzinfo=timezone.utc)
for i in range(count):
    SessionLog(path).append(make_record(start + timedelta(seconds=i), id=f"w{worker}-{i}"))
"""


def test_concurrent_appends_from_many_processes(tmp_path: Path) -> None:
    path, workers, count = tmp_path / "sessions.jsonl", 8, 500  # as the issue asks
    tests_dir = Path(__file__).resolve().parents[1]  # the shared helpers (factories)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests_dir), str(tests_dir.parent)])}
    procs = [
        subprocess.Popen([sys.executable, "-c", _WORKER, str(path), str(w), str(count)], env=env)
        for w in range(workers)
    ]
    assert [p.wait(timeout=300) for p in procs] == [0] * workers
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    ids = [json.loads(line)["id"] for line in lines[:-1]]
    assert len(ids) == len(set(ids)) == workers * count
    for w in range(workers):  # each writer's records stay in its own order
        assert [i for i in ids if i.startswith(f"w{w}-")] == [f"w{w}-{i}" for i in range(count)]
    assert SessionLog(path).read_all().bad_lines == []
