"""The attacker's test, automated: a plan with every evil string, the real app in a pty.

What the terminal receives is read byte by byte: the payloads' escape sequences (OSC 52
clipboard, OSC 0 title, OSC 8 link, CSI, 8-bit CSI, bidi overrides) must never be in
it, while the palette opens and a session of the plan runs to its logged end.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import tomli_w
from hostile_strings import EVIL, assert_safe
from pty_helpers import describe, running_app, write_settings

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a Linux pty")

PAYLOADS = (
    b"\x1b]52",
    b"\x1b]0;PWNED",
    b"\x1b]8;;http://evil",
    b"\x1b[2J",
    b"\x1b[?1049l\x1b[31m",
    "\x9b".encode(),
    "\u202e".encode(),
    "\u2066".encode(),
)
OSC = re.compile(rb"\x1b\](\d+);([^\x07\x1b]*)(?:\x07|\x1b\\)")
OWN_OSC = {b"2", b"22", b"9", b"99", b"777"}
"""The OSCs the app sends itself: window title, pointer shape, desktop notifications."""
NAME = "Evil [/] [@click=app.quit]x[/] [red]y[/red]"


def evil_plan_file(tmp_path: Path) -> None:
    """Three one-rep exercises whose every text is one of the evil strings."""
    keys = ["osc52-clipboard", "osc0-title", "osc8-link", "csi", "c1-csi", "bidi"]
    exercises = [
        {
            "name": EVIL[key],
            "dose": "reps",
            "reps": 1,
            "tempo_seconds": 1,
            "cues": [EVIL[k] for k in keys],
            "caution": EVIL[key],
        }
        for key in keys[:3]
    ]
    plan = {"name": NAME + EVIL["osc52-clipboard"], "id": "evil", "exercise": exercises}
    plan["description"] = "\n".join(EVIL[k] for k in keys)
    folder = tmp_path / "xdg-config" / "recovery-tui" / "plans"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(tomli_w.dumps(plan), encoding="utf-8")


def test_no_payload_reaches_the_terminal_through_a_whole_session(tmp_path: Path) -> None:
    evil_plan_file(tmp_path)
    write_settings(
        tmp_path,
        'default_plan = "evil"\ncount_in_seconds = 0\nrest_seconds = 0\nswitch_seconds = 0\n'
        'heel_check = false\nsoreness_check = false\ntheme = "[@click=app.quit]Q[/]"\n',
    )
    with running_app(tmp_path) as app:
        assert app.wait_for(lambda: app.shows("[@click=app.quit]x[/]")), describe(app)
        app.send(b"\x10")  # ctrl+p
        app.pump(1.0)
        app.send(b"Evil")
        assert app.wait_for(lambda: app.shows("Start: Evil [/]")), describe(app)
        app.send(b"\x1b")
        app.pump(1.0)
        app.send(b"\r")  # start the highlighted (default) plan
        assert app.wait_for(lambda: app.shows("Note for this session"), 60), describe(app)
        app.pump(1.0)  # the dialog's input guard
        app.send(b"\r")
        assert app.wait_for(lambda: app.shows("Session logged"), 30), describe(app)
        assert app.proc.poll() is None, describe(app)
        output = bytes(app.output)
    for payload in PAYLOADS:
        assert payload not in output, f"{payload!r} reached the terminal"
    for kind, text in OSC.findall(output):  # only the app's own: pointer, title, notification
        assert kind in OWN_OSC, f"OSC {kind!r} reached the terminal"
        assert_safe(text.decode("utf-8"), f"inside OSC {kind!r}")
    titles = re.findall(rb"\x1b\]2;([^\x07\x1b]*)(\x07|\x1b\\)?", output)
    assert any(b"PWNED" in title for title, _ in titles), titles  # the exercise, named
    for title, end in titles:
        # The app's own window title: it names the evil exercise, cleaned, and is closed
        # by its own terminator, never by one smuggled in with the name.
        assert end, f"a window title was cut open: {title!r}"
        assert not any(ch in title.decode() for ch in "\x9b\u202e\u2066"), title
    assert b"PWNED" in output  # the text is there, shown, only its escapes are not
