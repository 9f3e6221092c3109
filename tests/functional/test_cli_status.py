"""`status --json` and `status --format`, run as the command a shell prompt or a script
would run (check-in facts themselves are tests/unit/test_checkin.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cli_helpers import cli, log_file, skip_near_midnight, write_config
from factories import make_record

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.settings.themes import THEMES


def test_status_json_from_the_command(tmp_path: Path) -> None:
    skip_near_midnight()
    race = datetime.now(UTC).date() - timedelta(days=3)
    write_config(tmp_path, f"race_date = {race.isoformat()}\nsessions_per_day = 1\n".encode())
    started = datetime.now(UTC) - timedelta(seconds=5)
    SessionLog(log_file(tmp_path)).append(make_record(started, id="today"))
    result = cli(tmp_path, "status", "--json")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == [
        "day_after_race",
        "window_days",
        "sessions_today",
        "partial_today",
        "target",
        "streak",
        "last",
        "unfinished",
        "next_due",
    ]
    assert (data["day_after_race"], data["sessions_today"], data["target"]) == (3, 1, 1)
    assert data["last"]["plan"] == "full-circuit" and data["unfinished"] == 0


def test_status_format_from_the_command(tmp_path: Path) -> None:
    skip_near_midnight()
    SessionLog(log_file(tmp_path)).append(make_record(datetime.now(UTC) - timedelta(seconds=5)))
    result = cli(tmp_path, "status", "--format", "{sessions_today}/{target}")
    assert (result.returncode, result.stdout, result.stderr) == (0, "1/2\n", "")
    bad = cli(tmp_path, "status", "--format", "{today}")
    assert bad.returncode == 1 and bad.stdout == ""
    assert "unknown field '{today}'; known fields: day_after_race" in bad.stderr


def test_status_names_an_unknown_theme_on_stderr_as_the_app_does(tmp_path: Path) -> None:
    """The theme changes nothing in status, but a typo there is worth knowing about."""
    config = write_config(tmp_path, b'theme = "solarised-dark"\n')
    result = cli(tmp_path, "status")
    assert result.returncode == 0 and "sessions today" in result.stdout
    assert result.stderr == (
        f"recovery-tui: {config}: 'theme' must be one of: {', '.join(THEMES)}; "
        "got 'solarised-dark'\n"
    )
    for args in (("status", "--json"), ("status", "--format", "{target}")):
        again = cli(tmp_path, *args)
        assert again.returncode == 0 and "'theme' must be one of" in again.stderr, args
    write_config(tmp_path, b'theme = "solarized-dark"\n')
    assert cli(tmp_path, "status").stderr == ""
