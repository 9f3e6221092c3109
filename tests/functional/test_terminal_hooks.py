"""terminal.py leans on private parts of Textual: fail loudly if they move.

`HangupSafeDriver` overrides `LinuxDriver`'s signal handlers and wraps its output file
(see recovery_tui/terminal.py for the Textual bug this works around), and
`lazy_strip_caches` takes over `Strip.__init__` and its cache slots, and
`drop_closed_watchers` prunes the watcher lists Textual keeps. pyproject pins
Textual to the range this was checked on; these tests say what to re-check before
widening it.
"""

from __future__ import annotations

import ast
import gc
import inspect
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from recovery_tui.terminal import (
    LINUX_DRIVER_INTERNALS,
    STRIP_CACHES,
    STRIP_FIELDS,
    WATCHERS_ATTRIBUTE,
    lazy_strip_caches,
)

linux_only = pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver only")
ROOT = Path(__file__).resolve().parents[2]


def textual_requirement() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return next(r for r in map(Requirement, project["dependencies"]) if r.name == "textual")


def test_textual_is_pinned_below_the_next_major_and_installed_within_the_pin() -> None:
    pin = textual_requirement().specifier
    installed = version("textual")
    assert pin.contains(installed), f"Textual {installed} is outside the tested range {pin}"
    assert not pin.contains("9.0.0"), "a new major Textual must be checked against terminal.py"


@linux_only
def test_the_linux_driver_still_has_every_private_part_we_use() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    source = inspect.getsource(LinuxDriver)
    installed = version("textual")
    for name in LINUX_DRIVER_INTERNALS:
        assert f"self.{name}" in source, (
            f"Textual {installed}'s LinuxDriver no longer has {name}: "
            "re-check recovery_tui/terminal.py (HangupSafeDriver) before using this version"
        )


@linux_only
def test_the_signal_handlers_we_override_are_the_ones_it_installs() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    source = inspect.getsource(LinuxDriver)
    assert "signal.signal(signal.SIGTSTP, self._sigtstp_application)" in source
    assert "signal.signal(signal.SIGCONT, self._sigcont_application)" in source
    init = inspect.getsource(LinuxDriver.__init__)
    assert "self._file = " in init  # the output file HangupSafeDriver wraps


def textual_strip_init() -> dict[str, str]:
    """What Textual's own `Strip.__init__` (as in its source file) puts in each slot."""
    from textual.strip import Strip

    tree = ast.parse(inspect.getsource(Strip))
    init = next(
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "__init__"
    )
    assigned = {}
    for node in init.body:
        assert isinstance(node, ast.Assign | ast.AnnAssign), ast.unparse(node)
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        assert isinstance(target, ast.Attribute) and node.value is not None, ast.unparse(node)
        assigned[target.attr] = ast.unparse(node.value)
    return assigned


def test_strip_init_fills_exactly_the_slots_and_caches_we_make_lazily() -> None:
    from textual.strip import Strip

    installed = version("textual")
    expected = {
        **{name: f"FIFOCache({size})" for name, size in STRIP_CACHES.items()},
        **STRIP_FIELDS,
    }
    assert textual_strip_init() == expected, (
        f"Textual {installed}'s Strip.__init__ changed: re-check STRIP_CACHES, STRIP_FIELDS "
        "and _lean_strip_init in recovery_tui/terminal.py before using this version"
    )
    assert set(Strip.__slots__) == set(expected), f"Textual {installed}'s Strip slots changed"
    assert "__getattr__" not in vars(Strip) and "__getattribute__" not in vars(Strip)


def held_caches(strip: object) -> list[str]:
    from textual.cache import FIFOCache

    return sorted(repr(o) for o in gc.get_referents(strip) if isinstance(o, FIFOCache))


def test_a_strip_gets_each_cache_when_first_used_and_keeps_it() -> None:
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    assert lazy_strip_caches(), "Strip is not as checked: the caches are eager again"
    strip = Strip([Segment("hello "), Segment("world", Style(bold=True))])
    assert held_caches(strip) == []
    assert strip.crop(0, 5).text == "hello" and strip.crop(0, 5) is strip.crop(0, 5)
    assert held_caches(strip) == ["<FIFOCache maxsize=16 hits=2 misses=1>"]
    assert strip.apply_style(Style(italic=True)).text == "hello world"
    assert strip.divide([3, 11])[1].text == "lo world"
    assert len(held_caches(strip)) == 3
    assert strip.cell_length == 11 and strip.text == "hello world"


def test_the_app_has_the_workarounds_from_its_first_import() -> None:
    """app.py imports terminal.py: Strips are lean, and watchers pruned, before any screen."""
    check = (
        "import gc, recovery_tui.app; from rich.segment import Segment;"
        "from textual.cache import FIFOCache; from textual.strip import Strip;"
        "strip = Strip([Segment('x')]);"
        "assert not [o for o in gc.get_referents(strip) if isinstance(o, FIFOCache)];"
        "from textual.dom import DOMNode;"
        "assert DOMNode.watch.__module__ == 'recovery_tui.terminal'"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_textual_keeps_watchers_where_we_prune_them_and_prunes_them_alike() -> None:
    from textual import reactive
    from textual.dom import DOMNode

    installed = version("textual")
    where = f"Textual {installed} moved its watchers: re-check recovery_tui/terminal.py"
    watch = inspect.getsource(reactive._watch)
    assert f'setattr(obj, "{WATCHERS_ATTRIBUTE}", {{}})' in watch, where
    assert "watcher_list.append((node, callback))" in watch, where
    assert "if not reactable._closing" in inspect.getsource(reactive.Reactive._check_watchers)
    dom_node = inspect.getsource(DOMNode)  # Textual's own text, not the method we install
    assert "def watch(" in dom_node, where
    assert "_watch(self, obj, attribute_name, callback, init=init)" in dom_node, where


class Left(Static, can_focus=True):
    BINDINGS = [("l", "bell", "Left")]


class Right(Static, can_focus=True):
    BINDINGS = [("r", "bell", "Right"), ("t", "bell", "Twice")]


class FocusMoves(App[None]):
    def compose(self) -> ComposeResult:
        yield Left("left")
        yield Right("right")
        yield Footer()


async def test_a_footer_that_recomposes_keeps_only_its_own_keys() -> None:
    """Each focus change shows other keys: the Footer's old keys are let go, not kept.

    The keys are found by their type's name, "FooterKey" (a CSS type selector), not by
    importing Textual's private module."""
    app = FocusMoves()
    async with app.run_test() as pilot:
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
        gc.collect()
        shown = len(app.screen.query("FooterKey"))
        alive = sum(type(o).__name__ == "FooterKey" for o in gc.get_objects())
    assert shown >= 2
    assert alive <= 2 * shown, f"{alive} FooterKeys alive for {shown} shown"
