"""Unfinished sessions on disk, one file each, so a crash never loses a rep.

A running app saves its session's state to ``<data dir>/unfinished/<id>.json`` after
every count and holds an advisory lock on ``<id>.lock`` while it runs. A state file
whose lock can be taken belongs to an app that is gone: that is a session to offer
for resuming. The lock also makes sure only one instance resumes it.
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


def unfinished_dir(data_dir: Path) -> Path:
    return data_dir / "unfinished"


@dataclass
class Claim:
    """An unfinished-session slot this process holds the lock of."""

    state_file: Path
    lock_fd: int
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def lock_file(self) -> Path:
        return self.state_file.with_suffix(".lock")

    def save(self, state: dict[str, Any]) -> None:
        self.state = state
        data = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode()
        atomic_write(self.state_file, data)

    def discard(self) -> None:
        """The session is logged (or thrown away): remove its files and let go of the lock."""
        with contextlib.suppress(FileNotFoundError):
            self.state_file.unlink()
        with contextlib.suppress(FileNotFoundError):
            self.lock_file.unlink()
        self.release()

    def release(self) -> None:
        if self.lock_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
            self.lock_fd = -1


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
    state_file = unfinished_dir(data_dir) / f"{session_id}.json"
    fd = _try_lock(state_file.with_suffix(".lock"))
    if fd is None:
        raise RuntimeError(f"session {session_id} is already claimed")
    return Claim(state_file, fd)


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def claim_orphans(data_dir: Path) -> tuple[list[Claim], int]:
    """Claim every unfinished session no running app holds; also count the held ones."""
    directory = unfinished_dir(data_dir)
    if not directory.is_dir():
        return [], 0
    claims: list[Claim] = []
    held = 0
    for state_file in sorted(directory.glob("*.json")):
        fd = _try_lock(state_file.with_suffix(".lock"))
        if fd is None:
            held += 1
            continue
        state = _read_state(state_file)
        claim = Claim(state_file, fd, state or {})
        if state is None:
            claim.release()  # unreadable: leave the file for the user, never delete it
            continue
        claims.append(claim)
    claims.sort(key=lambda c: str(c.state.get("started", "")), reverse=True)
    return claims, held


def describe_unfinished(data_dir: Path) -> str | None:
    """One line for `status`, or None when nothing is unfinished."""
    claims, held = claim_orphans(data_dir)
    for claim in claims:
        claim.release()
    parts = []
    if claims:
        state = claims[0].state
        where = f"round {int(state.get('round', 0)) + 1}, exercise {int(state.get('index', 0)) + 1}"
        name = state.get("plan_name") or state.get("plan", "?")
        extra = f" (+{len(claims) - 1} more)" if len(claims) > 1 else ""
        parts.append(f"Unfinished session: {name}, {where}{extra}; run recovery-tui to resume it")
    if held:
        parts.append(f"{held} session(s) running in another window")
    return " · ".join(parts) if parts else None
