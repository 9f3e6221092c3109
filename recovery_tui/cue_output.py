"""Where a cue goes in the running app: the bell pattern, the voice, a desktop notification.

The active screen hands every cue to `RecoveryApp.play_cue`, which hands it here unless
a test injected its own sink. Nothing here blocks: bells ring on timers, the voice
speaks on its own thread, a notification is one write to the terminal.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .core.session.bell_player import BellPlayer
from .core.session.cues import CueCall
from .core.session.voice import Speaker, voice_command
from .terminal import notification_escape, write_to_terminal

if TYPE_CHECKING:
    from .app import RecoveryApp

CueSink = Callable[[CueCall], None]


class CueOutput:
    """Plays cues the way the settings say: bell on or off, which voice, notify or not."""

    def __init__(self, app: RecoveryApp) -> None:
        self.app = app
        self.bells = BellPlayer(lambda: app.bell(), app.set_timer, time.monotonic)
        self._speaker: Speaker | None = None
        self._voice_setting: str | None = None

    @property
    def speaker(self) -> Speaker | None:
        """The voice now speaking cues, if any."""
        return self._speaker

    def __call__(self, call: CueCall) -> None:
        settings = self.app.settings
        if settings.bell:
            self.bells.play(call)
        speaker = self._speaker_for(settings.voice)
        if speaker is not None:
            speaker.say(call.words)
        if settings.notify and call.cue.notify and not self.app.app_focus:
            escape = notification_escape("recovery-tui", call.words, os.environ)
            write_to_terminal(self.app, escape)

    def _speaker_for(self, setting: str) -> Speaker | None:
        """The speaker for the current setting; a changed setting gets a new one."""
        if setting != self._voice_setting:
            self.close()
            self._voice_setting = setting
            argv = None if self.app.is_headless and setting == "auto" else voice_command(setting)
            if argv is not None:
                self._speaker = Speaker(argv, self._report)
        return self._speaker

    def _report(self, message: str) -> None:
        """From the speaking thread: tell the runner once (the speaker sees to once)."""
        with contextlib.suppress(RuntimeError):  # the app has already stopped: no one to tell
            self.app.call_from_thread(
                self.app.notify, message, title="Voice", severity="warning", markup=False
            )

    def close(self) -> None:
        if self._speaker is not None:
            self._speaker.close()
            self._speaker = None
