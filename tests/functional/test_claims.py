"""Unfinished sessions on disk: each is offered to one instance only, and never lost.

The locks are real `flock` locks, so the "other instance" tests use real processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from resume_helpers import saved_session

from recovery_tui.core.session.saved import session_to_state
from recovery_tui.core.session.unfinished import (
    claim_orphans,
    describe_state,
    describe_unfinished,
    discard_unfinished,
    unfinished_dir,
)

REPO = Path(__file__).resolve().parents[2]


def test_an_orphan_is_claimed_with_its_state_and_discard_removes_its_files(tmp_path: Path) -> None:
    session = saved_session(tmp_path)
    claims, held = claim_orphans(tmp_path)
    assert held == 0 and [c.session_id for c in claims] == [session.id]
    assert claims[0].state == session_to_state(session)
    claims[0].discard()
    assert sorted(os.listdir(unfinished_dir(tmp_path))) == []
    assert claim_orphans(tmp_path) == ([], 0)


def test_a_released_claim_is_offered_again(tmp_path: Path) -> None:
    saved_session(tmp_path)
    first, _ = claim_orphans(tmp_path)
    first[0].release()
    again, _ = claim_orphans(tmp_path)
    assert [c.state_file for c in again] == [c.state_file for c in first]
    again[0].release()


def test_our_own_running_session_is_not_an_orphan(tmp_path: Path) -> None:
    saved_session(tmp_path, release=False)
    assert claim_orphans(tmp_path) == ([], 0)


def test_orphans_come_newest_first(tmp_path: Path) -> None:
    old, new = saved_session(tmp_path), saved_session(tmp_path)
    state_file = unfinished_dir(tmp_path) / f"{old.id}.json"
    state = json.loads(state_file.read_bytes())
    state["started"] = "2026-11-22T07:30:00+00:00"
    state_file.write_text(json.dumps(state))
    claims, _ = claim_orphans(tmp_path)
    assert [c.session_id for c in claims] == [new.id, old.id]
    for claim in claims:
        claim.release()


@pytest.mark.parametrize("content", [b"", b"{", b"[1, 2]", b"\x00" * 40, b"[" * 100_000])
def test_an_unreadable_state_file_is_not_offered_and_is_kept(
    tmp_path: Path, content: bytes
) -> None:
    folder = unfinished_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "broken.json").write_bytes(content)
    assert claim_orphans(tmp_path) == ([], 0)
    assert (folder / "broken.json").read_bytes() == content
    assert describe_unfinished(tmp_path) is None


def test_discard_unfinished_uses_our_claim_or_takes_the_lock(tmp_path: Path) -> None:
    ours = saved_session(tmp_path, release=False)
    theirs = saved_session(tmp_path)
    assert discard_unfinished(tmp_path, ours.id)
    assert discard_unfinished(tmp_path, theirs.id)
    assert discard_unfinished(tmp_path, "never-saved")
    assert list(unfinished_dir(tmp_path).iterdir()) == []


_HOLDER = """
import sys
from pathlib import Path
from recovery_tui.core.session.unfinished import claim_orphans
claims, held = claim_orphans(Path(sys.argv[1]))
print(len(claims), held, flush=True)
sys.stdin.read()  # hold the claims until the test has heard from every process
"""


def _holders(data: Path, count: int) -> list[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return [
        subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(count)
    ]


def test_two_instances_never_claim_the_same_session(tmp_path: Path) -> None:
    saved_session(tmp_path)
    saved_session(tmp_path)
    procs = _holders(tmp_path, 6)
    try:
        answers = [tuple(map(int, p.stdout.readline().split())) for p in procs]  # type: ignore[union-attr]
        assert describe_unfinished(tmp_path) == "2 session(s) running in another window"
    finally:
        for proc in procs:
            proc.communicate(timeout=20)
    claimed = [claims for claims, _held in answers]
    assert sum(claimed) == 2, answers  # each session went to exactly one process
    assert all(claims + held == 2 for claims, held in answers), answers


def test_a_session_held_elsewhere_is_not_discarded(tmp_path: Path) -> None:
    session = saved_session(tmp_path)
    procs = _holders(tmp_path, 1)
    try:
        assert procs[0].stdout.readline().split() == ["1", "0"]  # type: ignore[union-attr]
        assert not discard_unfinished(tmp_path, session.id)
    finally:
        procs[0].communicate(timeout=20)
    assert (unfinished_dir(tmp_path) / f"{session.id}.json").exists()


def test_status_line_names_the_plan_round_and_exercise(tmp_path: Path) -> None:
    assert describe_unfinished(tmp_path) is None
    saved_session(tmp_path)
    saved_session(tmp_path)
    line = describe_unfinished(tmp_path)
    assert line == (
        "Unfinished session: Full circuit, round 1, exercise 1 (+1 more); "
        "run recovery-tui to resume it"
    )
    assert len(claim_orphans(tmp_path)[0]) == 2  # describing claims nothing for good


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (
            {"plan_name": "Full circuit", "round": 1, "index": 3},
            "Full circuit, round 2, exercise 4",
        ),
        ({"plan": "mine", "round": "x", "index": [1]}, "mine, round ?, exercise ?"),
        ({"plan_name": 5, "round": 1e999, "index": -1}, "?, round ?, exercise ?"),
        ({"plan_name": "a\x1b[31mb\nc", "round": True}, "a\ufffd[31mb c, round ?, exercise ?"),
        ({}, "?, round ?, exercise ?"),
    ],
)
def test_describe_state_survives_any_values(state: dict[str, Any], text: str) -> None:
    assert describe_state(state) == text


def test_an_unwritable_data_folder_still_lets_a_session_run(tmp_path: Path) -> None:
    """No lock and no state file can be made: the claim says so on each save instead."""
    from recovery_tui.core.session.unfinished import claim_new

    blocked = tmp_path / "data"
    blocked.write_bytes(b"a file where the folder should be")
    claim = claim_new(blocked, "abc")
    assert claim.lock_fd == -1
    with pytest.raises(OSError):
        claim.save({"version": 1})
    claim.discard()  # and letting go of it is quiet
    assert blocked.read_bytes() == b"a file where the folder should be"
