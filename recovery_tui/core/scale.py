"""The 1-5 answers a runner gives (the heel-to-mat check, the quads' soreness): one rule."""

from __future__ import annotations

SCORES = range(1, 6)
"""What each question allows: a whole number 1 to 5."""


def score(value: object) -> int | None:
    """`value` when it is a valid answer, else None (JSON may hold anything; true is not 1)."""
    return value if type(value) is int and value in SCORES else None
