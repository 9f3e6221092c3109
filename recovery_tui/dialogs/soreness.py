"""How do the quads feel today? Asked before a plan with the quad pump in it."""

from __future__ import annotations

from ..core.session.soreness import SCALE
from .scale import ScaleDialog


class SorenessDialog(ScaleDialog):
    """Dismisses with 1 (fresh) to 5 (very sore), or None when skipped."""

    def __init__(self) -> None:
        super().__init__(
            title="Quads today",
            question="The circuit has the quad pump. How do your quads feel today?",
            scale=SCALE,
            hint="Press 1-5, or enter to skip. Turn the question off with soreness_check "
            "in settings.",
        )
