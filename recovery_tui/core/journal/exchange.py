"""`export` / `import -`: one machine's sessions and later notes as one stream of JSON lines.

For two machines and one history with SSH as the only transport:
``ssh server recovery-tui export | recovery-tui import -`` and the reverse. The stream is

    {"recovery-tui-export": 1, "part": "sessions"}
    ...each readable line of sessions.jsonl, byte for byte...
    {"recovery-tui-export": 1, "part": "notes"}
    ...each usable line of notes.jsonl, byte for byte...

so every line is also a line of the file it came from (byte for byte, but for DEL and C1
control characters, written as JSON escapes of the same text), and an import hands the two parts
to the journal's own merge (`SessionLog.merge_data`): by session id, ours kept on a clash,
notes by the edit, nothing written when nothing is new. Running either direction again
changes nothing. Reading and merging stay the journal's; this module only frames them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from recovery_tui.core.errors import UserError
from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.amendments import parse as parse_note
from recovery_tui.core.journal.files import read_whole, reason
from recovery_tui.core.journal.lines import check_line
from recovery_tui.core.journal.merge import MAX_IMPORT_BYTES, MergeResult

MARK = "recovery-tui-export"
VERSION = 1
PARTS = ("sessions", "notes")
EXAMPLE = "ssh server recovery-tui export | recovery-tui import -"


_CONTROL = re.compile(rb"\x7f|\xc2[\x80-\x9f]")
"""DEL and the C1 controls (U+0080-U+009F, CSI among them), which JSON may carry raw."""


def _terminal_safe(line: bytes) -> bytes:
    """The same JSON with DEL and C1 controls as ``\\u`` escapes, so an export printed to
    a terminal cannot drive it; the line still reads back as the same record."""
    return _CONTROL.sub(lambda m: b"\\u%04x" % ord(m.group().decode("utf-8")), line)


def _marker(part: str) -> bytes:
    return json.dumps({MARK: VERSION, "part": part}, separators=(",", ":")).encode() + b"\n"


def _lines(data: bytes | None) -> list[bytes]:
    return [] if not data else data.split(b"\n")


def export_stream(log: SessionLog) -> bytes:
    """The export: the readable sessions and usable notes of `log`, each line as stored."""
    try:
        sessions = read_whole(log.path, MAX_IMPORT_BYTES)
        notes = read_whole(log.notes_path, MAX_IMPORT_BYTES)
    except OSError as error:
        raise UserError(f"Cannot read the session log {log.path}: {reason(error)}.") from None
    records = [_terminal_safe(raw.strip()) for raw in _lines(sessions) if check_line(raw)]
    entries = [_terminal_safe(raw.strip()) for raw in _lines(notes) if parse_note(raw)]
    parts = [_marker("sessions"), *(r + b"\n" for r in records)]
    parts += [_marker("notes"), *(e + b"\n" for e in entries)]
    return b"".join(parts)


@dataclass(frozen=True)
class Export:
    """An export split back into its files' bytes."""

    sessions: bytes
    notes: bytes


def _part_of(raw: bytes) -> str | None:
    """The part a marker line starts; None for any other line. Raises for a newer export."""
    if MARK.encode() not in raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or MARK not in data:
        return None
    if data[MARK] != VERSION or data.get("part") not in PARTS:
        raise UserError(
            "standard input is an export from a newer recovery-tui (or a damaged one); "
            "nothing was imported."
        )
    return str(data["part"])


def split_export(data: bytes) -> Export | None:
    """The two parts of an export, or None when `data` does not start like one."""
    lines = _lines(data)
    first = next((raw for raw in lines if raw.strip()), b"")
    if _part_of(first) is None:
        return None
    parts: dict[str, list[bytes]] = {part: [] for part in PARTS}
    current = "sessions"
    for raw in lines:
        part = _part_of(raw)
        if part is not None:
            current = part
        elif raw.strip():
            parts[current].append(raw.strip() + b"\n")
    return Export(b"".join(parts["sessions"]), b"".join(parts["notes"]))


def import_stream(log: SessionLog, data: bytes, source: Path) -> MergeResult:
    """Merge an export (or a plain sessions.jsonl) given as bytes; `source` names it.

    Nothing at all, or text that is neither, is refused and changes nothing.
    """
    if not data.strip():
        raise UserError(
            f"{source}: nothing to import (it is empty). Pipe an export into it, e.g. {EXAMPLE}"
        )
    export = split_export(data)
    if export is None:
        if not any(check_line(raw) is not None for raw in _lines(data)):
            raise UserError(
                f"{source}: not a recovery-tui export or session log; nothing was imported. "
                f"Make one with 'recovery-tui export', e.g. {EXAMPLE}"
            )
        return log.merge_data(data, source)
    return log.merge_data(export.sessions, source, export.notes)


def read_export_file(path: Path) -> bytes | None:
    """The bytes of `path` if it is an export, else None (then it is a sessions.jsonl)."""
    try:
        data = read_whole(path, MAX_IMPORT_BYTES)
    except OSError:
        return None  # the journal's own import says what is wrong with the file
    return data if data is not None and split_export(data) is not None else None
