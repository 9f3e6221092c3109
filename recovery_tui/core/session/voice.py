"""The voice: the `voice` setting turned into a command, and a speaker that runs it off the loop.

Speaking takes longer than a beat (espeak-ng needs ~0.3 s to say "Switch sides"), so it
never runs where a deadline is kept: `Speaker.say` only hands the words to one background
thread. Only the newest phrase matters: one waiting is replaced, one being spoken is cut
off when a newer one arrives. A command that is missing or fails is reported once.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import threading
from collections.abc import Callable, Mapping, Sequence

from recovery_tui.core.safe_text import not_an_option

AUTO_PROGRAMS: tuple[tuple[str, ...], ...] = (
    ("espeak-ng",),
    ("spd-say", "--wait"),
    ("say",),
)
"""Local speech programs "auto" looks for, in order; each takes the words as its last argument."""
SSH_VARIABLES = ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT")
TIMEOUT_SECONDS = 20.0
"""A phrase that takes longer than this is stuck; the process is killed."""


class VoiceSettingError(ValueError):
    """The `voice` setting is neither off, auto, nor a command line."""


def parse_voice(text: str) -> tuple[str, ...] | None:
    """ "off" → None; "auto" → ("auto",); else the command line split the way a shell would."""
    word = text.strip()
    if word.lower() == "off":
        return None
    if word.lower() == "auto":
        return ("auto",)
    try:
        argv = tuple(shlex.split(word))
    except ValueError as error:
        raise VoiceSettingError(f"not a command line ({error})") from None
    if not argv:
        raise VoiceSettingError("empty")
    return argv


def voice_command(
    setting: str,
    env: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
) -> tuple[str, ...] | None:
    """The command to speak with, or None for silence.

    "auto" is silent over SSH: the speech would come out of the server, not near the runner.
    """
    try:
        argv = parse_voice(setting)
    except VoiceSettingError:
        return None
    if argv != ("auto",):
        return argv
    if any(env.get(name) for name in SSH_VARIABLES):
        return None
    for program in AUTO_PROGRAMS:
        if which(program[0]):
            return program
    return None


Report = Callable[[str], None]
"""Told (once, from the speaking thread) why the voice does not work."""


class Speaker:
    """Runs `argv + [words]` for each phrase on one daemon thread, never `shell=True`."""

    def __init__(self, argv: Sequence[str], report: Report) -> None:
        self.argv = tuple(argv)
        self._report = report
        self._reported = False
        self._gone = False
        self._wake = threading.Condition()
        self._pending: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._speaking = False
        self.begun = 0
        """How many phrases a process was started for (cut off or not)."""
        """A phrase has been taken from the queue and is not done with yet."""
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
        self._thread.start()

    def say(self, words: str) -> None:
        """Queue the words, replacing any not yet spoken and cutting off the one being spoken."""
        with self._wake:
            if self._closed or self._gone:
                return
            self._pending = words
            process = self._process
            self._wake.notify()
        if process is not None:
            with contextlib.suppress(OSError):
                process.terminate()

    @property
    def idle(self) -> bool:
        """Nothing is being said or waiting to be."""
        with self._wake:
            return self._pending is None and not self._speaking

    def close(self, timeout: float = 1.0) -> None:
        """Stop speaking and let the thread end."""
        with self._wake:
            self._closed = True
            self._pending = None
            process = self._process
            self._wake.notify()
        if process is not None:
            with contextlib.suppress(OSError):
                process.terminate()
        self._thread.join(timeout)

    def _next(self) -> str | None:
        with self._wake:
            while self._pending is None and not self._closed:
                self._wake.wait()
            words, self._pending = self._pending, None
            self._speaking = words is not None and not self._closed
            return None if self._closed else words

    def _run(self) -> None:
        while (words := self._next()) is not None:
            self._speak(words)
            with self._wake:
                self._speaking = False

    def _speak(self, words: str) -> None:
        try:
            process = subprocess.Popen(
                [*self.argv, not_an_option(words)],  # words quote plan names
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a ctrl+c meant for the app is not its business
            )
        except OSError as error:
            self._gone = isinstance(error, FileNotFoundError | PermissionError)
            self._fail(f"could not run {self.argv[0]!r}: {error.strerror or error}")
            return
        with self._wake:
            self._process = process
            self.begun += 1
            superseded = self._pending is not None or self._closed
        if superseded:
            process.terminate()
        try:
            code = process.wait(TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        with self._wake:
            self._process = None
            superseded = self._pending is not None or self._closed
        if code != 0 and not superseded:
            self._fail(f"{self.argv[0]!r} exited with status {code}")

    def _fail(self, why: str) -> None:
        if not self._reported:
            self._reported = True
            self._report(f"The voice is not working: {why}. Set 'voice' to off or to a command.")
