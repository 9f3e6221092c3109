"""Saving settings: round trips, and never overwriting a file changed on disk or broken."""

from __future__ import annotations

import dataclasses
import datetime
import os
import stat
import tomllib
from pathlib import Path

import pytest

from recovery_tui.core.errors import UserError
from recovery_tui.core.settings.fields import Settings
from recovery_tui.core.settings.file import (
    SettingsConflict,
    load_settings,
    save_settings,
    settings_to_toml,
)

CHANGED = Settings(
    race_date=datetime.date(2026, 11, 2),
    default_plan="down-dog-block",
    sessions_per_day=1,
    start_side="right",
    pacing="manual",
    tempo_seconds=2.5,
    count_in_seconds=0,
    switch_seconds=3,
    rest_seconds=0,
    round_rest_seconds=90,
    bell=False,
    theme="nord",
    recovery_window_days=10,
    heel_check=False,
)


@pytest.mark.parametrize("value", [Settings(), CHANGED], ids=["defaults", "changed"])
def test_save_then_load_round_trips(tmp_path: Path, value: Settings) -> None:
    path = tmp_path / "config" / "settings.toml"
    written = save_settings(path, value, expected=None)
    loaded = load_settings(path)
    assert (loaded.settings, loaded.error, loaded.fingerprint) == (value, None, written)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text().startswith("# ")


def test_toml_writes_race_date_as_a_date_and_omits_it_when_unset() -> None:
    assert tomllib.loads(settings_to_toml(CHANGED))["race_date"] == datetime.date(2026, 11, 2)
    assert "race_date" not in tomllib.loads(settings_to_toml(Settings()))


def test_save_after_save_needs_the_new_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    first = save_settings(path, Settings(), expected=None)
    second = save_settings(path, CHANGED, expected=first)
    with pytest.raises(SettingsConflict):
        save_settings(path, Settings(), expected=first)
    assert load_settings(path).fingerprint == second


def test_save_refuses_when_the_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("rest_seconds = 30\n")
    loaded = load_settings(path)
    path.write_text("rest_seconds = 45\n")  # the user edits it in another window
    with pytest.raises(SettingsConflict, match="changed on disk") as caught:
        save_settings(path, CHANGED, expected=loaded.fingerprint)
    assert str(path) in str(caught.value)
    assert path.read_text() == "rest_seconds = 45\n"


def test_an_edit_that_keeps_size_and_time_is_still_noticed(tmp_path: Path) -> None:
    """Same length, modification time put back: only the bytes tell, and they are compared."""
    path = tmp_path / "settings.toml"
    path.write_text("rest_seconds = 30\n")
    seen = path.stat()
    loaded = load_settings(path)
    path.write_text("rest_seconds = 45\n")
    os.utime(path, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    assert path.stat().st_size == seen.st_size and path.stat().st_mtime_ns == seen.st_mtime_ns
    with pytest.raises(SettingsConflict, match="changed on disk"):
        save_settings(path, CHANGED, expected=loaded.fingerprint)
    assert path.read_text() == "rest_seconds = 45\n"


def test_save_refuses_when_a_file_appeared_after_reading_none(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    loaded = load_settings(path)
    path.write_text("bell = false\n")
    with pytest.raises(SettingsConflict, match="created"):
        save_settings(path, CHANGED, expected=loaded.fingerprint)
    assert path.read_text() == "bell = false\n"


def test_save_refuses_when_the_file_was_removed(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("bell = false\n")
    loaded = load_settings(path)
    path.unlink()
    with pytest.raises(SettingsConflict, match="removed"):
        save_settings(path, CHANGED, expected=loaded.fingerprint)
    assert not path.exists()


def test_save_refuses_to_overwrite_a_file_that_failed_to_load(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"rest_seconds = \n")
    loaded = load_settings(path)
    assert loaded.error is not None
    with pytest.raises(UserError, match="was not loaded because of an error") as caught:
        save_settings(path, CHANGED, expected=loaded.fingerprint, had_error=True)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == b"rest_seconds = \n"


COMMENTED = b"""\
# my settings, kept in my dotfiles
bell = true   # keep it loud

# race
race_date = "2026-11-01"
  rest_seconds=30
'theme' = "nord"  # the dark one
bel = false
"""


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    """The lines that differ, pairwise; both files must have as many lines."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize(
    ("change", "old_line", "new_line"),
    [
        (
            {"theme": "gruvbox"},
            b"'theme' = \"nord\"  # the dark one\n",
            b"'theme' = \"gruvbox\"  # the dark one\n",
        ),
        ({"bell": False}, b"bell = true   # keep it loud\n", b"bell = false   # keep it loud\n"),
        ({"rest_seconds": 45}, b"  rest_seconds=30\n", b"  rest_seconds=45\n"),
        (
            {"race_date": datetime.date(2026, 11, 8)},
            b'race_date = "2026-11-01"\n',
            b"race_date = 2026-11-08\n",
        ),
        ({"race_date": None}, b'race_date = "2026-11-01"\n', b'race_date = ""\n'),
    ],
    ids=["theme", "bell", "rest", "race date", "race date cleared"],
)
def test_a_save_changes_only_the_changed_line_of_a_commented_file(
    tmp_path: Path, change: dict[str, object], old_line: bytes, new_line: bytes
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(COMMENTED)
    loaded = load_settings(path)
    assert [p.key for p in loaded.problems] == ["bel"]

    new = dataclasses.replace(loaded.settings, **change)  # type: ignore[arg-type]
    written = save_settings(path, new, expected=loaded.fingerprint)

    after = path.read_bytes()
    assert changed_lines(COMMENTED, after) == [(old_line, new_line)]
    assert load_settings(path).settings == new
    assert written.data == after


def test_a_key_not_in_the_file_is_added_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(COMMENTED)
    loaded = load_settings(path)
    new = dataclasses.replace(loaded.settings, pacing="manual", tempo_seconds=2.5)
    save_settings(path, new, expected=loaded.fingerprint)
    assert path.read_bytes() == COMMENTED + b'pacing = "manual"\ntempo_seconds = 2.5\n'


def test_crlf_bom_and_tables_are_kept_and_added_keys_go_above_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    content = b"\xef\xbb\xbf# mine\r\nbell = true\r\n\r\n[display]\r\nwide = 1\r\n"
    path.write_bytes(content)
    loaded = load_settings(path)
    save_settings(
        path, dataclasses.replace(loaded.settings, rest_seconds=5), expected=loaded.fingerprint
    )
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf# mine\r\nbell = true\r\n")
    assert after.endswith(b"[display]\r\nwide = 1\r\n")
    assert b"rest_seconds = 5\r\n" in after and b"\n" not in after.replace(b"\r\n", b"")
    assert load_settings(path).settings.rest_seconds == 5


def test_an_unchanged_bad_value_stays_unless_asked_for(tmp_path: Path) -> None:
    """A wrong value the user did not touch is theirs to fix; `also` writes it on purpose."""
    path = tmp_path / "settings.toml"
    path.write_bytes(b"sessions_per_day = 9\nbell = true\n")
    loaded = load_settings(path)
    first = save_settings(
        path, dataclasses.replace(loaded.settings, bell=False), expected=loaded.fingerprint
    )
    assert path.read_bytes() == b"sessions_per_day = 9\nbell = false\n"
    save_settings(path, load_settings(path).settings, expected=first, also={"sessions_per_day"})
    assert path.read_bytes() == b"sessions_per_day = 2\nbell = false\n"
