"""The one module that talks to the terminal past Textual: a hang-up-safe driver, and the
window title and desktop notifications (escapes Textual has no API for).

The driver lets the app leave cleanly when the terminal goes away.

When an SSH connection drops, Textual 8's Linux driver misbehaves in three ways:

* stdin is at end of file: its input thread spins a whole core, because ``select``
  keeps saying "readable" and ``read`` keeps returning nothing;
* a write to the dead terminal kills its writer thread; once that thread's queue is
  full, the next write blocks the app for ever, even on the way out;
* the kernel sends SIGCONT along with SIGHUP, and the driver answers SIGCONT by
  restarting application mode (a second writer thread) although it never stopped.

The session state is already on disk after every count, so the right answer is to
leave: a hang-up on stdin becomes a SIGHUP to ourselves, which the app handles like
any other hang-up. Output to a terminal that is gone is dropped instead of fatal.

It also works around two costs of Textual's own: every rendered line is a `Strip`, and
Textual 8 gives each seven empty caches it mostly never fills (`lazy_strip_caches`);
and a removed widget that watched another's attribute stays alive until that attribute
changes (Textual issue #6666), so every recompose of a Footer left its keys behind
(`drop_closed_watchers`).

This is the one module that touches Textual's private names (Textual PR #6690, which
would fix the driver upstream, is still open): they are listed in `LINUX_DRIVER_INTERNALS`,
`STRIP_CACHES` and `WATCHERS_ATTRIBUTE`, pyproject pins Textual to the range they were
checked on, and tests/functional/test_terminal_hooks.py fails loudly if a release moves one.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from types import MemberDescriptorType
from typing import IO, Any

from rich.segment import Segment
from textual.app import App
from textual.cache import FIFOCache
from textual.dom import DOMNode
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.strip import Strip

from .core.safe_text import clean_line

LINUX_DRIVER_INTERNALS = ("_file", "_sigtstp_application", "_sigcont_application")
"""What `HangupSafeDriver` takes from `LinuxDriver`'s private side (checked on 8.2)."""

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL
_POLL_MS = 500
_continued = 0
"""SIGCONTs so far; counted in the signal handler, before any tick or key runs."""


def times_continued() -> int:
    """How often the process was continued after a stop (SIGSTOP, ctrl+z) so far.

    The engine watches this (`Session.watch_stops`) rather than waiting for the app's
    resume signal, which arrives as a message, perhaps after a tick has already run.
    """
    return _continued


class _QuietFile:
    """The terminal's output stream; once the terminal is gone, writes go nowhere."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self._gone = False

    def write(self, text: str) -> None:
        try:
            self._file.write(text)
        except OSError:
            self._terminal_gone()
        except ValueError:  # the file is closed: we are on the way out
            pass

    def flush(self) -> None:
        try:
            self._file.flush()
        except OSError:
            self._terminal_gone()
        except ValueError:
            pass

    def _terminal_gone(self) -> None:
        """Point every descriptor on the dead terminal at /dev/null.

        What failed stays in the stream's buffer, and Python flushes stdout and stderr
        once more on its way out: against the dead terminal that fails too, and turns a
        clean exit into status 120. Into /dev/null it succeeds, and so does the exit.
        """
        if self._gone:
            return
        self._gone = True
        with contextlib.suppress(OSError, ValueError):
            terminal = os.fstat(self._file.fileno())
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                for fd in {self._file.fileno(), 1, 2}:
                    with contextlib.suppress(OSError):
                        if os.path.samestat(os.fstat(fd), terminal):
                            os.dup2(devnull, fd)
            finally:
                os.close(devnull)

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class HangupSafeDriver(LinuxDriver):
    """LinuxDriver that turns a vanished terminal into a SIGHUP and never blocks on it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = _QuietFile(self._file)  # type: ignore[arg-type, assignment]
        self._suspended = False
        self._watching = threading.Event()

    def _sigtstp_application(self, *args: Any) -> None:
        self._suspended = True
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        """Resume only after our own suspend: a hang-up's SIGCONT must not restart anything.

        After a stop from outside (SIGSTOP), the terminal is as it was, but the app did
        not run: tell it as Textual tells it after ctrl+z, with the app's resume signal.
        """
        global _continued
        _continued += 1
        if self._suspended:
            self._suspended = False
            super()._sigcont_application(*args)
        else:
            with contextlib.suppress(RuntimeError):  # the loop is closed: we are leaving
                self.send_message(self.SignalResume())

    def start_application_mode(self) -> None:
        super().start_application_mode()
        if not self._watching.is_set() and os.isatty(self.fileno):
            self._watching.set()
            watcher = threading.Thread(target=self._watch, name="hangup-watch", daemon=True)
            watcher.start()

    def close(self) -> None:
        self._watching.clear()
        super().close()

    def _watch(self) -> None:
        """Wait (without reading, so no key is stolen) for stdin to hang up."""
        poller = select.poll()
        poller.register(self.fileno, 0)  # hang-up and error are always reported
        while self._watching.is_set():
            events = poller.poll(_POLL_MS)
            if self._watching.is_set() and any(mask & _GONE for _fd, mask in events):
                self._watching.clear()
                self.exit_event.set()  # stop the input thread's busy loop now
                os.kill(os.getpid(), signal.SIGHUP)
                return


def terminal_driver() -> type[Driver] | None:
    """The `driver_class` for the app: ours where Textual would use its Linux driver.

    None leaves the choice to Textual: on Windows, or when `TEXTUAL_DRIVER` names one.
    """
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return HangupSafeDriver


def exit_on_signals(signums: Iterable[int], leave: Callable[[], None]) -> None:
    """Call `leave` from the event loop when one of the signals arrives (Unix only)."""
    import asyncio

    loop = asyncio.get_running_loop()
    for signum in signums:
        try:
            loop.add_signal_handler(signum, leave)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # no signal support here (not the main thread, or not Unix)


# ---- Textual's Strip: its caches made when first used, not with every line ----

STRIP_CACHES = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}
"""The `FIFOCache` slots `Strip.__init__` fills, and their sizes (checked on 8.2.8)."""
STRIP_FIELDS = {
    "_segments": "list(segments)",
    "_cell_length": "cell_length",
    "_render_cache": "None",
    "_link_ids": "None",
    "_cell_count": "None",
}
"""Its other slots and what Textual's `__init__` puts in each: `_lean_strip_init` agrees."""


class _CacheOnFirstUse:
    """A Strip's cache slot that makes its empty `FIFOCache` the first time it is read.

    It stands in for the slot's own descriptor on the class and keeps it: the cache
    lives in the slot, as before, and a filled slot is read through it.
    """

    __slots__ = ("_get", "_set", "_maxsize")

    def __init__(self, slot: Any, maxsize: int) -> None:
        self._get = slot.__get__
        self._set = slot.__set__
        self._maxsize = maxsize

    def __get__(self, strip: Strip | None, owner: type | None = None) -> Any:
        if strip is None:
            return self
        try:
            return self._get(strip, owner)
        except AttributeError:  # the slot is empty: this Strip's first use of the cache
            cache: FIFOCache[Any, Any] = FIFOCache(self._maxsize)
            self._set(strip, cache)
            return cache

    def __set__(self, strip: Strip, value: Any) -> None:
        self._set(strip, value)


def _lean_strip_init(
    self: Strip, segments: Iterable[Segment], cell_length: int | None = None
) -> None:
    """Textual's `Strip.__init__` without the seven caches: their slots stay empty."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def lazy_strip_caches() -> bool:
    """Give Strips their caches on first use; False (nothing changed) if Strip is not as checked.

    Every line on screen, and every line a widget keeps in its render cache, is a Strip;
    Textual 8 gives each seven empty `FIFOCache`s (about 950 of its 1,180 bytes), and most
    Strips are cropped or styled once, if ever. The app keeps 959 Strips on plan
    selection and 1,730 with the history open. Measured 2026-12-02 (20,000 sessions,
    `python -m bench --only 4`): plan selection 39.2 -> 38.5 MB, the history opened
    48.0 -> 46.4 MB; first frame (1, 1b) and resize (8b) no slower (five A/B runs each).

    Rendering is unchanged: each cache is the same `FIFOCache` of the same size, made the
    first time `Strip` reads it. Idempotent; installed when this module is imported
    (app.py imports it), before anything is drawn.
    """
    if Strip.__init__ is _lean_strip_init:
        return True
    slots = {name: vars(Strip).get(name) for name in STRIP_CACHES}
    if set(Strip.__slots__) != {*STRIP_CACHES, *STRIP_FIELDS} or not all(
        isinstance(slot, MemberDescriptorType) for slot in slots.values()
    ):
        return False
    for name, slot in slots.items():
        setattr(Strip, name, _CacheOnFirstUse(slot, STRIP_CACHES[name]))
    Strip.__init__ = _lean_strip_init  # type: ignore[method-assign]
    return True


lazy_strip_caches()


# ---- Textual's watchers: those of closed widgets dropped when another one is added ----

WATCHERS_ATTRIBUTE = "__watchers"
"""Where Textual keeps, on the watched object, each attribute's (node, callback) list."""


def _watch_dropping_closed(
    self: DOMNode, obj: Any, attribute_name: str, callback: Any, init: bool = True
) -> None:
    """`DOMNode.watch`, after dropping the watchers of `attribute_name` whose node closed.

    Textual drops them only when the attribute next changes, so a widget removed from the
    screen stays alive for as long as something it watched keeps its value: the Footer's
    keys (each recompose binds new ones to `Footer.compact`, which never changes) and
    the history's Header (it watches the app's title). Textual issue #6666, still open.
    """
    watchers = getattr(obj, WATCHERS_ATTRIBUTE, {}).get(attribute_name)
    if watchers:
        # getattr: a release without `_closing` keeps every watcher (the hooks test says
        # so) rather than failing every `watch` of the app.
        watchers[:] = [w for w in watchers if not getattr(w[0], "_closing", False)]
    _TEXTUAL_WATCH(self, obj, attribute_name, callback, init)


_TEXTUAL_WATCH = DOMNode.watch


def drop_closed_watchers() -> None:
    """Install `_watch_dropping_closed` as `DOMNode.watch` (idempotent; done on import).

    The Footer recomposes whenever the keys it shows change: the active screen's, at every
    phase of a session. Measured 2026-12-02, headless at 100x30 with a fake clock, six
    stretches of a full circuit of 40 engine steps each: FooterKeys alive 812 -> 13,
    resident memory 70.2 -> 58.6 MB. Figure 4b (one visit to the history) is unchanged.
    """
    DOMNode.watch = _watch_dropping_closed  # type: ignore[method-assign]


drop_closed_watchers()


# ---- escapes Textual has no API for: the window title and desktop notifications ----

_ST = "\x1b\\"


def osc_text(text: str, limit: int = 200) -> str:
    """Text safe inside an OSC string: no control code can end it early or start another.

    The text-safety policy (core/safe_text.py) removes every control character, bidi
    override and lone surrogate; what is left is made one line of at most `limit`.
    """
    return " ".join(clean_line(text).split())[:limit]


def tmux_passthrough(sequence: str) -> str:
    """Wrapped so tmux hands it to the outer terminal (needs `allow-passthrough on`)."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + _ST


def notification_protocol(env: Mapping[str, str]) -> str:
    """Which OSC the terminal understands for a notification: kitty 99, iTerm2 9, else 777.

    777 (rxvt's `notify`) is read by VTE terminals (GNOME Terminal, Tilix), foot, WezTerm,
    Ghostty and Konsole's newer versions; a terminal that knows none ignores it.
    """
    if env.get("KITTY_WINDOW_ID") or env.get("TERM") == "xterm-kitty":
        return "99"
    if env.get("TERM_PROGRAM") == "iTerm.app" or env.get("LC_TERMINAL") == "iTerm2":
        return "9"
    return "777"


def notification_escape(title: str, body: str, env: Mapping[str, str]) -> str:
    """The bytes that raise a desktop notification, wrapped for tmux when inside it."""
    title, body = osc_text(title).replace(";", ","), osc_text(body)
    protocol = notification_protocol(env)
    if protocol == "99":
        sequence = f"\x1b]99;i=1:d=0;{title}{_ST}\x1b]99;i=1:d=1:p=body;{body}{_ST}"
    elif protocol == "9":
        sequence = f"\x1b]9;{title}: {body}{_ST}"
    else:
        sequence = f"\x1b]777;notify;{title};{body}{_ST}"
    return tmux_passthrough(sequence) if env.get("TMUX") else sequence


def title_escape(title: str) -> str:
    """OSC 2: the window (and tmux pane) title."""
    return f"\x1b]2;{osc_text(title)}{_ST}"


def write_to_terminal(app: App[Any], data: str) -> bool:
    """Write escapes straight to the terminal; False when there is none (headless, tests)."""
    driver = app._driver  # Textual has no public way to write to the terminal
    if app.is_headless or driver is None:
        return False
    driver.write(data)
    driver.flush()
    return True


class WindowTitle:
    """Sets the terminal's title while a session runs, and gives the old one back after.

    Terminals keep a stack of titles (XTWINOPS 22/23); tmux does not, so inside tmux the
    pane's title is read first and written back.
    """

    def __init__(self, app: App[Any], env: Mapping[str, str] = os.environ) -> None:
        self._app = app
        self._env = env
        self._shown: str | None = None
        self._saved: str | None = None

    def show(self, title: str) -> None:
        if title == self._shown:
            return
        if self._shown is None:
            self._save()
        self._shown = title
        write_to_terminal(self._app, title_escape(title))

    def restore(self) -> None:
        if self._shown is None:
            return
        self._shown = None
        if self._saved is not None:
            write_to_terminal(self._app, title_escape(self._saved))
        else:
            write_to_terminal(self._app, "\x1b[23;2t")

    def _save(self) -> None:
        self._saved = _tmux_pane_title(self._env) if self._env.get("TMUX") else None
        if self._saved is None:
            write_to_terminal(self._app, "\x1b[22;2t")


def _tmux_pane_title(env: Mapping[str, str]) -> str | None:
    import subprocess

    command = ["tmux", "display-message", "-p"]
    if env.get("TMUX_PANE"):
        command += ["-t", env["TMUX_PANE"]]
    try:
        done = subprocess.run(
            [*command, "#{pane_title}"], capture_output=True, text=True, timeout=2, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.rstrip("\n") if done.returncode == 0 else None
