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
from typing import Any

from .atomic import atomic_write, ensure_private_dir
from .safe_text import clean_line, shorten


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
    ensure_private_dir(lock_file.parent)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
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


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


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
        fd = _try_lock(state_file.with_suffix(".lock"))
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


def count_unfinished(data_dir: Path) -> int:
    """Unfinished sessions waiting to be resumed; 0 when their folder cannot be read."""
    try:
        claims, _held = claim_orphans(data_dir)
    except OSError:
        return 0
    for claim in claims:
        claim.release()
    return len(claims)


def describe_unfinished(data_dir: Path) -> str | None:
    """One line for `status`, or None when nothing is unfinished."""
    try:
        claims, held = claim_orphans(data_dir)
    except OSError as error:
        return f"Could not look for unfinished sessions in {unfinished_dir(data_dir)}: {error}"
    for claim in claims:
        claim.release()
    parts = []
    if claims:
        extra = f" (+{len(claims) - 1} more)" if len(claims) > 1 else ""
        where = describe_state(claims[0].state)
        parts.append(f"Unfinished session: {where}{extra}; run recovery-tui to resume it")
    if held:
        parts.append(f"{held} session(s) running in another window")
    return " · ".join(parts) if parts else None
