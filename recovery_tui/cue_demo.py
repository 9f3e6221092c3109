"""`recovery-tui cues`: ring every cue's pattern with its name, before lying down.

So a runner can set up the terminal's bell (audible, not only visual; loud enough) and
learn the patterns. Real BEL bytes go to stdout with the real spacing; the voice (the
`voice` setting) says each cue's name first, so it is checked too.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import TYPE_CHECKING, TextIO

from .core.errors import UserError
from .core.safe_text import clean
from .core.session.cues import CUES, Cue, cue_table_markdown

if TYPE_CHECKING:
    import argparse

    from .core.settings.paths import AppPaths

BETWEEN_CUES = 2.0
"""Seconds of quiet after each pattern, so the next one is heard as a new cue."""


def play_cues(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.markdown:
        print(cue_table_markdown())
        return 0
    from .commands import _settings
    from .core.session.voice import voice_command

    settings = _settings(paths)
    voice = voice_command(settings.voice)
    cues = _chosen(args.names)
    if not settings.bell:
        print("(the bell setting is off: the app will not ring these)", file=sys.stderr)
    voice_ok = True
    for number, cue in enumerate(cues):
        if number:
            time.sleep(BETWEEN_CUES)
        print(f"{cue.name:<10} {cue.drawn:<12} {cue.meaning}", flush=True)
        if voice is not None and voice_ok:
            voice_ok = _speak(voice, cue.meaning)
        ring(cue, sys.stdout)
    return 0


def _chosen(names: list[str]) -> list[Cue]:
    known = {cue.name.value: cue for cue in CUES}
    unknown = [name for name in names if name not in known]
    if unknown:
        allowed = ", ".join(known)
        raise UserError(f"no cue named {clean(unknown[0])!r}; the cues are: {allowed}")
    return [known[name] for name in names] or list(CUES)


def ring(cue: Cue, out: TextIO) -> None:
    """The pattern as BEL bytes, each on its offset from the first."""
    start = time.monotonic()
    for offset in cue.offsets:
        time.sleep(max(0.0, start + offset - time.monotonic()))
        out.write("\a")
        out.flush()


def _speak(voice: tuple[str, ...], words: str) -> bool:
    """Say the words and wait; on failure say why, once, and speak no more."""
    try:
        done = subprocess.run(
            [*voice, words], stdin=subprocess.DEVNULL, capture_output=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError) as error:
        print(f"recovery-tui: the voice {voice[0]!r} does not work: {error}", file=sys.stderr)
        return False
    if done.returncode != 0:
        why = f"exited with status {done.returncode}"
        print(f"recovery-tui: the voice {voice[0]!r} does not work: {why}", file=sys.stderr)
        return False
    return True
