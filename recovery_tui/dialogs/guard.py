"""Dialogs that ignore keys in their first moments, so a key meant for what was on the
screen a moment before (the last rep, the end of a set) never answers them.

The app stamps `opened_at` with its injected clock when it pushes such a dialog and
drops keys that reach it too soon (`RecoveryApp.on_event`), so tests can freeze time.
"""

from __future__ import annotations

KEY_GUARD_SECONDS = 0.5


class KeyGuard:
    """Mixed into a dialog opened by the app itself (not by the key just pressed)."""

    guard_keys: bool = True
    """False for an instance the runner opened on purpose (a note from the history)."""
    opened_at: float | None = None
    """When the app pushed the dialog, on the app's clock."""

    def keys_too_soon(self, now: float, guard_seconds: float) -> bool:
        return (
            self.guard_keys and self.opened_at is not None and now - self.opened_at < guard_seconds
        )
