"""The heel-to-mat check: in down dog, how close do the heels come to the mat?

The source judges progress by exactly this, so the app asks before and after a session.
The `heel_check` setting turns the question off.
"""

from __future__ import annotations

from .scale import ScaleDialog

SCALE = (
    (1, "heels far from the mat"),
    (2, "a little closer"),
    (3, "about half-way down"),
    (4, "nearly touching"),
    (5, "heels flat on the mat"),
)


class HeelCheckDialog(ScaleDialog):
    """Dismisses with 1-5, or None when skipped."""

    def __init__(self, when: str) -> None:
        """`when` is ``before`` or ``after`` (the session)."""
        super().__init__(
            title=f"Heel-to-mat check, {when} the session",
            question="In down dog, how close do your heels come to the mat?",
            scale=SCALE,
            hint="Press 1-5, or enter to skip. Turn the check off with heel_check in settings.",
        )
        self.when = when
