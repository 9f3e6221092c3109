"""The Pilot helpers, one set for every app, screen and snapshot test.

Files to set up and read back, ways through the screens (start a session, answer its
questions, leave it, open the history or the settings), and a session driver: it moves
the fake clock straight to the engine's next deadline and ticks the active screen, so a
whole paced session runs in seconds instead of a quarter hour, and every count lands
exactly where the engine put it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import tomli_w
from rich.console import Console
from rich.text import Text
from textual.app import App
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from recovery_tui.core.journal import SessionLog
from recovery_tui.core.journal.record import SessionRecord
from recovery_tui.core.session.engine import Session
from recovery_tui.core.session.types import Phase
from recovery_tui.core.settings.paths import AppPaths
from recovery_tui.dialogs.choice import ChoiceDialog
from recovery_tui.dialogs.heel_check import HeelCheckDialog
from recovery_tui.dialogs.note import NoteDialog
from recovery_tui.dialogs.soreness import SorenessDialog
from recovery_tui.screens.active import ActiveSetScreen
from recovery_tui.screens.help import help_sections
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.screens.settings import SettingsScreen
from recovery_tui.widgets.plan_detail import PlanDetail
from recovery_tui.widgets.setting_field import SettingField

AppFactory = Callable[..., Any]
SIZE = (100, 30)
"""The size of the history, settings and help tests: wide enough to show them side by side."""
FLASH_SECONDS = 0.6
"""Longer than the screen flash (0.35 s), so a snapshot never catches it half-way."""


class Clock(Protocol):
    """What the driver needs of the tests' FakeClock."""

    def __call__(self) -> float: ...

    def advance(self, seconds: float) -> None: ...


TINY_PLAN = """\
name = "Tiny"
id = "tiny"

[[exercise]]
name = "Knee bends"
dose = "reps"
reps = 3

[[exercise]]
name = "Quad pump"
dose = "to_fatigue"
sets = 1
"""
"""A plan that runs to its end in a few steps: for tests that need a finished session."""


def write_settings(paths: AppPaths, **values: Any) -> None:
    """Write a settings.toml holding only `values`; the rest stay at their defaults."""
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(tomli_w.dumps(values), encoding="utf-8")


def write_plan(paths: AppPaths, file_name: str, text: str) -> Path:
    """Put a custom plan file into the plans folder the app reads."""
    paths.plans_dir.mkdir(parents=True, exist_ok=True)
    path = paths.plans_dir / file_name
    path.write_text(text, encoding="utf-8")
    return path


def logged(paths: AppPaths) -> list[SessionRecord]:
    """Every record in the log, as the user sees it (amendments laid over), checking each
    line is valid JSON first."""
    if not paths.log_file.exists():
        return []
    lines = paths.log_file.read_text(encoding="utf-8").splitlines()
    records = [SessionRecord.from_json(json.loads(line)) for line in lines if line.strip()]
    log = SessionLog(paths.log_file)
    return log.amended(records, log.amendments())


def unfinished_files(paths: AppPaths) -> list[Path]:
    folder = paths.data_dir / "unfinished"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


class Notified(NamedTuple):
    """One notify() call, as the app made it."""

    message: str
    title: str
    severity: str


def watch_notifications(app: App[Any]) -> list[Notified]:
    """Every notification the app shows from now on (call it before `run_test`).

    Recorded through the public `App.notify`, which screens and widgets call too.
    """
    seen: list[Notified] = []
    notify = app.notify

    def recording(
        message: str, *, title: str = "", severity: Any = "information", **rest: Any
    ) -> None:
        seen.append(Notified(message, title, severity))
        notify(message, title=title, severity=severity, **rest)

    app.notify = recording  # type: ignore[method-assign]
    return seen


def active_screen(app: App[Any]) -> ActiveSetScreen:
    screen = app.screen
    assert isinstance(screen, ActiveSetScreen), f"expected the active set, got {screen!r}"
    return screen


async def start_default_plan(
    pilot: Pilot[Any], *, heel: str = "escape", press_enter: bool = True
) -> ActiveSetScreen:
    """From the home screen, start the highlighted plan with enter, skipping the questions
    (with `press_enter=False`, wait for the app's own `start_now` to start one)."""
    await pilot.pause()
    if press_enter:
        await pilot.press("enter")
    await answer_questions(pilot, heel=heel)
    return active_screen(pilot.app)


async def answer_questions(pilot: Pilot[Any], *, heel: str = "escape", note: str = "") -> None:
    """Answer the heel-to-mat check and the note, when the app asks them (skip the quads).

    `heel` is the key to press (1-5, or escape to skip); an empty `note` is skipped.
    The summary at the end is closed too, as a runner would.
    """
    from recovery_tui.screens.summary import SummaryScreen

    for _ in range(5):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, SorenessDialog):
            await pilot.press("escape")
        elif isinstance(screen, HeelCheckDialog):
            await pilot.press(heel)
        elif isinstance(screen, NoteDialog):
            if note:
                screen.query_one(Input).value = note
                await pilot.press("enter")
            else:
                await pilot.press("escape")
        elif isinstance(screen, SummaryScreen):
            await pilot.press("enter")
        else:
            return


def steady_cursors(app: App[Any]) -> None:
    """Stop text cursors blinking (they do even headless), so a snapshot is the same every run."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


def tick_after(screen: ActiveSetScreen, clock: Clock, seconds: float) -> None:
    """Let `seconds` of session time pass, then tick as the screen's own timers would."""
    clock.advance(seconds)
    screen.tick()


async def step(pilot: Pilot[Any], screen: ActiveSetScreen, clock: Clock, seconds: float) -> None:
    """`tick_after`, then let the app settle so the screen shows the new state."""
    tick_after(screen, clock, seconds)
    await pilot.pause()


async def drive(
    pilot: Pilot[Any],
    screen: ActiveSetScreen,
    clock: Clock,
    until: Callable[[Session], bool] = lambda session: False,
    *,
    set_seconds: float = 30.0,
    max_steps: int = 5000,
) -> Session:
    """Run the session hands-off until `until` holds or it finishes.

    Countdowns and paced reps run out on their own; a set to fatigue is the only thing
    the runner ends, with enter, after `set_seconds`. Ticks do not wait for the screen
    to redraw in between (that would make a whole session take a minute); the app
    settles once at the end.
    """
    session = screen.session
    for _ in range(max_steps):
        if session.finished or until(session):
            await pilot.pause()
            return session
        if session.phase is Phase.OPEN_SET:
            clock.advance(set_seconds)
            await pilot.press("enter")
            continue
        deadline = session.next_deadline()
        assert deadline is not None, f"nothing to wait for in phase {session.phase}"
        tick_after(screen, clock, deadline - clock())
    raise AssertionError("the session did not get there")


async def paced_reps_in(pilot: Pilot[Any], clock: Clock, reps: int) -> ActiveSetScreen:
    """Start the default plan (the full circuit) and let `reps` knee bends be paced."""
    screen = await start_default_plan(pilot)
    await drive(pilot, screen, clock, lambda session: session.count("both") == reps)
    return screen


async def leave(pilot: Pilot[Any]) -> None:
    """Escape, then the dialog's default answer (leave and save as partial), then the questions."""
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press("enter")
    await pilot.pause()
    await answer_questions(pilot)


def text_of(where: Static | PlanDetail | App[Any], selector: str = "") -> str:
    """What a Static (or the plan detail) shows, as plain text: the widget itself, or the
    one `selector` finds on the app's current screen (markup in it would have been parsed
    away)."""
    widget = where.screen.query_one(selector) if isinstance(where, App) else where
    assert isinstance(widget, Static | PlanDetail), widget
    content = widget.content
    if isinstance(content, Text):
        return content.plain
    if isinstance(content, str):
        return content
    console = Console(width=200, no_color=True, file=io.StringIO())
    with console.capture() as capture:
        console.print(content)
    return capture.get()


async def pause_until(pilot: Pilot[Any], ready: Callable[[], object], rounds: int = 200) -> None:
    """Let the app run until `ready()` holds: a loaded machine may need more than one pause."""
    for _ in range(rounds):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"the app never got ready: {ready}")


async def click_on(pilot: Pilot[Any], selector: str) -> None:
    """Click `selector` on the current screen once it is drawn there, under the pointer.

    A dialog that has just been pushed may not be laid out yet on a loaded machine, and
    Pilot then clicks wherever the widget's empty region is; waiting for the widget to be
    the one found where the click will land makes it land, and the assert says if it did not.
    """

    def under_the_pointer() -> bool:
        screen = pilot.app.screen
        found = screen.query(selector)
        if not found:
            return False
        widget = found.first()
        if not widget.region:
            return False
        try:  # where Pilot's click lands: the widget's top-left cell
            hit, _ = screen.get_widget_at(widget.region.x, widget.region.y)
        except NoWidget:
            return False
        return hit is widget

    await pause_until(pilot, under_the_pointer)
    assert await pilot.click(selector), f"the click missed {selector}"


# ---- the history, settings and help screens ----------------------------------


async def footer_keys(pilot: Pilot[Any]) -> list[str]:
    """Each key in the current screen's footer as it reads: key, then what it does."""
    await pilot.pause()
    await pilot.pause()  # the footer lists the keys once the screen has said what they are
    footer = pilot.app.screen.query_one(Footer)
    return [" ".join(str(key.render()).split()) for key in footer.query("FooterKey")]


def seed(paths: AppPaths, records: list[SessionRecord]) -> None:
    for record in records:
        SessionLog(paths.log_file).append(record)


async def open_history(pilot: Pilot[Any]) -> HistoryScreen:
    await pilot.pause()
    await pilot.press("h")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def open_settings(pilot: Pilot[Any]) -> SettingsScreen:
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def row_texts(table: DataTable[Any], row: int) -> list[str]:
    return [cell.plain for cell in table.get_row_at(row)]


def field(screen: SettingsScreen, name: str) -> SettingField:
    return screen.query_one(f"#setting-{name}", SettingField)


async def type_into(pilot: Pilot[Any], name: str, text: str) -> None:
    """Focus the field's input, clear it and type, as a user would."""
    control = pilot.app.screen.query_one(f"#field-{name}", Input)
    control.focus()
    control.value = ""
    await pilot.press(*text)
    await pilot.pause()


SIDEWAYS = {"scroll_left", "scroll_right", "page_left", "page_right"}
"""Scrolling across, which a widget that never overflows sideways does not do."""


def keys_shown(keys: str) -> set[str]:
    """The single keys of a help row (``↑ / ↓  pgup / pgdn``: four)."""
    return {key for group in keys.split("  ") for key in group.split(" / ") if key.strip()}


def unlisted_keys(screen: Screen[Any]) -> list[str]:
    """The keys `screen` answers to now (its focused widget's, its own, the app's) that
    neither its footer shows nor the help lists under "Everywhere" or the screen."""
    app = screen.app
    sections = [s for s in help_sections(app) if s.screen in (None, type(screen))]
    in_help = {key for s in sections for keys, _ in s.keys for key in keys_shown(keys)}
    return [
        key
        for key, active in screen.active_bindings.items()
        if not active.binding.system
        and not (active.binding.action in SIDEWAYS and active.node.styles.overflow_x == "hidden")
        and not (active.binding.show and active.binding.description)
        and app.get_key_display(active.binding) not in in_help
    ]
