"""The bytes for desktop notifications and the window title, with and without tmux."""

from __future__ import annotations

import pytest

from recovery_tui.core.safe_text import clean_line
from recovery_tui.terminal import (
    notification_escape,
    notification_protocol,
    osc_text,
    title_escape,
    tmux_passthrough,
)

PLAIN = {"TERM": "xterm-256color"}


def test_a_notification_is_osc_777_by_default() -> None:
    escape = notification_escape("recovery-tui", "Switch sides. Right side", PLAIN)
    assert escape == "\x1b]777;notify;recovery-tui;Switch sides. Right side\x1b\\"


@pytest.mark.parametrize(
    ("env", "protocol"),
    [
        ({"TERM": "xterm-kitty"}, "99"),
        ({"KITTY_WINDOW_ID": "3", "TERM": "tmux-256color"}, "99"),
        ({"TERM_PROGRAM": "iTerm.app"}, "9"),
        ({"LC_TERMINAL": "iTerm2", "TERM_PROGRAM": "tmux"}, "9"),
        ({"VTE_VERSION": "7600"}, "777"),
        ({}, "777"),
    ],
)
def test_the_protocol_follows_the_terminal(env: dict[str, str], protocol: str) -> None:
    assert notification_protocol(env) == protocol


def test_kitty_and_iterm2_get_their_own_sequences() -> None:
    kitty = notification_escape("recovery-tui", "Session done", {"TERM": "xterm-kitty"})
    assert kitty == ("\x1b]99;i=1:d=0;recovery-tui\x1b\\\x1b]99;i=1:d=1:p=body;Session done\x1b\\")
    iterm = notification_escape("recovery-tui", "Session done", {"TERM_PROGRAM": "iTerm.app"})
    assert iterm == "\x1b]9;recovery-tui: Session done\x1b\\"


def test_inside_tmux_the_notification_is_passed_through_with_escapes_doubled() -> None:
    escape = notification_escape("recovery-tui", "Exercise done", {**PLAIN, "TMUX": "/tmp/t,1,0"})
    inner = "\x1b]777;notify;recovery-tui;Exercise done\x1b\\"
    assert escape == "\x1bPtmux;" + inner.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    assert escape == tmux_passthrough(inner)
    assert escape.count("\x1b\x1b") == 2


def test_text_in_an_osc_cannot_end_it_or_start_another() -> None:
    hostile = "Lunge\x1b\\\x1b]2;owned\x07\x9c\n\tend"
    cleaned = osc_text(hostile)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in cleaned)
    assert cleaned.startswith("Lunge") and cleaned.endswith("end")
    escape = notification_escape("a;b", hostile, PLAIN)
    assert escape.count("\x1b") == 2, "only the OSC's own ESC and its terminator's"
    assert escape.startswith("\x1b]777;notify;a,b;"), "a ; in the title would split the fields"
    assert len(osc_text("x" * 5000)) == 200


def test_the_title_is_osc_2() -> None:
    assert title_escape("L 7/15 · In-Line Lunge — recovery-tui") == (
        "\x1b]2;L 7/15 · In-Line Lunge — recovery-tui\x1b\\"
    )
    assert title_escape("a\x07b") == "\x1b]2;a\ufffdb\x1b\\"  # the text-safety policy


def test_the_app_still_writes_to_the_terminal_through_its_driver() -> None:
    """`write_to_terminal` uses `App._driver` as `App.bell` does: fail loudly if it moves."""
    import inspect

    from textual.app import App

    assert "self._driver.write(" in inspect.getsource(App.bell)


def test_write_to_terminal_writes_and_flushes_or_says_there_is_none() -> None:
    from types import SimpleNamespace

    from recovery_tui.terminal import write_to_terminal

    out: list[str] = []
    driver = SimpleNamespace(write=out.append, flush=lambda: out.append("<flush>"))
    app = SimpleNamespace(_driver=driver, is_headless=False)
    assert write_to_terminal(app, "\x1b]2;x\x1b\\") is True  # type: ignore[arg-type]
    assert out == ["\x1b]2;x\x1b\\", "<flush>"]
    headless = SimpleNamespace(_driver=driver, is_headless=True)
    assert write_to_terminal(headless, "y") is False  # type: ignore[arg-type]
    assert out == ["\x1b]2;x\x1b\\", "<flush>"]


def test_text_inside_an_osc_follows_the_same_policy() -> None:
    """The window title and desktop notifications (terminal.py) quote plan names too."""
    shown = osc_text("a\u202eb\ud800c\x1b]2;x\x07\x9cd\u2066e")
    assert shown == clean_line("a\u202eb\ud800c\x1b]2;x\x07\x9cd\u2066e")
    shown.encode("utf-8")
