"""Unfinished sessions on disk, one file each, so a crash never loses a rep.

A running app saves its session's state to ``<data dir>/unfinished/<id>.json`` after
every count and holds an advisory lock on ``<id>.lock`` while it runs. A state file
whose lock can be taken belongs to an app that is gone: that is a session to offer
for resuming. The lock also makes sure only one instance resumes it.

``flock`` locks belong to an open file, so a second ``open`` + ``flock`` in the same
process would fail against our own lock. The claims this process holds are therefore
kept in ``_HELD``, which lets `discard_unfinished` finish the job for a session whose
record was only saved later (after a full disk was fixed).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import atomic_write, ensure_private_dir
from ..errors import UserError
from ..safe_text import clean_line, shorten

if TYPE_CHECKING:
    from ..journal import SessionLog


def unfinished_dir(data_dir: Path) -> Path:
    return data_dir / "unfinished"


@dataclass
class Claim:
    """An unfinished-session slot this process holds the lock of."""

    state_file: Path
    lock_fd: int
    state: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.lock_fd >= 0:
            _HELD[self.state_file] = self

    @property
    def lock_file(self) -> Path:
        return self.state_file.with_suffix(".lock")

    @property
    def session_id(self) -> str:
        return self.state_file.stem

    def save(self, state: dict[str, Any]) -> None:
        self.state = state
        data = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode()
        atomic_write(self.state_file, data)

    def discard(self) -> None:
        """The session is logged (or thrown away): remove its files and let go of the lock."""
        with contextlib.suppress(OSError):  # gone already, or a read-only disk: nothing to do
            self.state_file.unlink()
        with contextlib.suppress(OSError):
            self.lock_file.unlink()
        self.release()

    def release(self) -> None:
        if self.lock_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
            self.lock_fd = -1
            if _HELD.get(self.state_file) is self:
                del _HELD[self.state_file]


_HELD: dict[Path, Claim] = {}
"""The claims this process holds, by state file."""


def _try_lock(lock_file: Path) -> int | None:
    from ..journal.files import open_regular

    ensure_private_dir(lock_file.parent)
    fd = open_regular(lock_file, flags=os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def claim_new(data_dir: Path, session_id: str) -> Claim:
    """The slot for a new session. When the data folder cannot be written, the session
    still runs: the claim holds no lock and each `save` raises the OSError to report."""
    state_file = unfinished_dir(data_dir) / f"{session_id}.json"
    try:
        fd = _try_lock(state_file.with_suffix(".lock"))
    except OSError:
        return Claim(state_file, -1)
    if fd is None:
        raise RuntimeError(f"session {session_id} is already claimed")
    return Claim(state_file, fd)


def keep_unfinished(data_dir: Path, session_id: str, state: dict[str, Any]) -> None:
    """Write a session's state to its unfinished file and let go of it, to resume later.

    Uses this process's own claim when it holds one. Raises OSError when the file cannot
    be written (a read-only or full disk): then nothing is kept, and the caller says so.
    """
    state_file = unfinished_dir(data_dir) / f"{session_id}.json"
    claim = _HELD.get(state_file) or claim_new(data_dir, session_id)
    try:
        claim.save(state)
    finally:
        claim.release()


def discard_unfinished(data_dir: Path, session_id: str) -> bool:
    """Remove a session's state once its record is in the log, unless another app holds it.

    Uses this process's own claim when it has one; otherwise takes the lock first, so a
    session another instance is resuming is never pulled from under it.
    """
    state_file = unfinished_dir(data_dir) / f"{session_id}.json"
    claim = _HELD.get(state_file)
    if claim is None:
        if not state_file.exists():
            return True
        try:
            fd = _try_lock(state_file.with_suffix(".lock"))
        except OSError:
            return False
        if fd is None:
            return False
        claim = Claim(state_file, fd)
    claim.discard()
    return not state_file.exists()


MAX_STATE_BYTES = 1024 * 1024
"""A session's state is a few KB; anything this big is not one of ours."""


def _read_state(path: Path) -> dict[str, Any] | None:
    """The state in a file, or None: missing, not a regular file, too big, not JSON."""
    from ..journal.files import read_whole

    try:
        raw = read_whole(path, MAX_STATE_BYTES)
        data = None if raw is None else json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _held_elsewhere(lock_file: Path) -> bool:
    """Whether a running app holds this lock; looks without creating or changing a file."""
    from ..journal.files import open_regular

    try:
        fd = open_regular(lock_file)
    except OSError:
        return False  # no lock file (or not one of ours): nobody can hold it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def peek_orphans(data_dir: Path) -> tuple[list[tuple[Path, dict[str, Any]]], int]:
    """What `claim_orphans` would claim (state file, state), newest first, and the number
    held by running apps; for read-only commands: nothing is created, locked or changed."""
    directory = unfinished_dir(data_dir)
    if not directory.is_dir():
        return [], 0
    found: list[tuple[Path, dict[str, Any]]] = []
    held = 0
    for state_file in sorted(directory.glob("*.json")):
        if _held_elsewhere(state_file.with_suffix(".lock")):
            held += 1
        elif (state := _read_state(state_file)) is not None:
            found.append((state_file, state))
    found.sort(key=lambda item: str(item[1].get("started", "")), reverse=True)
    return found, held


def claim_orphans(data_dir: Path) -> tuple[list[Claim], int]:
    """Claim every unfinished session no running app holds; also count the held ones.

    Newest first. A state file that is not a JSON object is left alone (never deleted)
    and not offered.
    """
    directory = unfinished_dir(data_dir)
    if not directory.is_dir():
        return [], 0
    claims: list[Claim] = []
    held = 0
    for state_file in sorted(directory.glob("*.json")):
        if state_file in _HELD:
            continue  # this very process is running it
        try:
            fd = _try_lock(state_file.with_suffix(".lock"))
        except OSError:
            continue  # its lock is not a file we can use (a pipe, a folder...): not ours
        if fd is None:
            held += 1
            continue
        state = _read_state(state_file)
        claim = Claim(state_file, fd, state or {})
        if state is None:
            claim.release()  # unreadable (or already gone): leave the file for the user
            continue
        claims.append(claim)
    claims.sort(key=lambda c: str(c.state.get("started", "")), reverse=True)
    return claims, held


def _position(state: dict[str, Any], key: str) -> str:
    value = state.get(key)
    return str(value + 1) if type(value) is int and 0 <= value < 1000 else "?"


def describe_state(state: dict[str, Any]) -> str:
    """``Full circuit, round 2, exercise 4``: safe for whatever a state file holds."""
    name = state.get("plan_name") or state.get("plan")
    name = name if isinstance(name, str) and name.strip() else "?"
    name = shorten(clean_line(name), 80)
    return f"{name}, round {_position(state, 'round')}, exercise {_position(state, 'index')}"


def waiting(
    data_dir: Path, log: SessionLog | None = None
) -> tuple[list[tuple[Path, dict[str, Any]]], int]:
    """`peek_orphans`, less the leftovers of sessions already in `log`; writes nothing.

    A state file whose session is in the log is what a crash after the session was
    logged leaves behind: not unfinished (the app removes it at its next start).
    """
    found, held = peek_orphans(data_dir)
    if log is not None:
        found = [(f, state) for f, state in found if not log.contains(f.stem)]
    return found, held


def count_unfinished(data_dir: Path, log: SessionLog | None = None) -> int:
    """Unfinished sessions waiting to be resumed; 0 when their folder cannot be read."""
    try:
        return len(waiting(data_dir, log)[0])
    except (OSError, UserError):
        return 0


def describe_unfinished(data_dir: Path, log: SessionLog | None = None) -> str | None:
    """One line for `status`, or None when nothing is unfinished; writes nothing."""
    try:
        found, held = waiting(data_dir, log)
    except (OSError, UserError) as error:
        return f"Could not look for unfinished sessions in {unfinished_dir(data_dir)}: {error}"
    parts = []
    if found:
        extra = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
        where = describe_state(found[0][1])
        parts.append(f"Unfinished session: {where}{extra}; run recovery-tui to resume it")
    if held:
        parts.append(f"{held} session(s) running in another window")
    return " · ".join(parts) if parts else None
