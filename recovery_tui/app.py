"""The Textual app: holds settings, plans and the log, and moves between screens."""

from __future__ import annotations

import dataclasses
import signal
import time
from collections.abc import Callable, Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.signal import Signal

from .core.errors import UserError
from .core.journal import SessionLog
from .core.plans.catalog import PlanCatalog, load_catalog
from .core.safe_text import clean, clean_line
from .core.settings.fields import Settings
from .core.settings.file import LoadedSettings, load_settings, save_settings
from .core.settings.themes import unknown_theme
from .dialogs.guard import KEY_GUARD_SECONDS, KeyGuard
from .screens.home import HomeScreen
from .styles import stylesheet
from .terminal import exit_on_signals

if TYPE_CHECKING:  # the engine, resume files and dialogs load when a session starts
    from textual.command import Provider
    from textual.driver import Driver
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from .core.journal.record import SessionRecord
    from .core.plans.model import Plan
    from .core.session.cues import CueCall
    from .core.session.engine import Session, WallClock
    from .core.session.unfinished import Claim
    from .core.settings.paths import AppPaths
    from .cue_output import CueOutput, CueSink
    from .prompts.before_session import Opening

CSS_FILES = ("app.tcss", "home.tcss")
"""Parsed at start-up; every other screen and dialog names its own in `CSS_PATH`."""


def local_now() -> datetime:
    return datetime.now().astimezone()


def app_commands_provider() -> type[Provider]:
    """The app's palette entries (loaded when the palette first opens)."""
    from .palette import AppCommands

    return AppCommands


class RecoveryApp(App[int]):
    """recovery-tui. Clock and wall clock are injectable so tests can freeze time.

    Screens never get called to refresh: they subscribe to `records_changed_signal` (a
    session reached the log) and `settings_changed_signal` (new settings are in force).
    """

    TITLE = "recovery-tui"
    CSS_PATH = [stylesheet(name) for name in CSS_FILES]
    COMMANDS = App.COMMANDS | {app_commands_provider}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+c", "quit", "Quit", show=False),
        Binding("ctrl+z", "suspend_process", "Suspend", show=False),
    ]

    def __init__(
        self,
        paths: AppPaths,
        *,
        start_plan: str | None = None,
        start_now: bool = False,
        clock: Callable[[], float] = time.monotonic,
        now: WallClock = local_now,
        driver_class: type[Driver] | None = None,
        key_guard_seconds: float = KEY_GUARD_SECONDS,
        cue_sink: CueSink | None = None,
    ) -> None:
        super().__init__(driver_class=driver_class)
        self._cue_sink = cue_sink
        """Where cues go instead of the bells, voice and notifications (for tests)."""
        self._cue_output: CueOutput | None = None
        self.paths = paths
        self.clock = clock
        self.key_guard_seconds = key_guard_seconds
        """How long a dialog the app opened by itself ignores keys (see `KeyGuard`)."""
        self.now = now
        self.start_plan = start_plan
        self.start_now = start_now
        self.loaded_settings: LoadedSettings = load_settings(paths.config_file)
        self.catalog: PlanCatalog = load_catalog(paths.plans_dir)
        self.journal = SessionLog(paths.log_file)
        """The session journal: every read and write of the log goes through it."""
        self.journal_error = ""
        """Why the log could not be read at start, for a notification."""
        self.recent: list[SessionRecord] = self._read_recent()
        self.unsaved: list[SessionRecord] = []
        """Sessions that ended but could not be logged: kept here until saved or discarded."""
        self.unsaved_error = ""
        """Why the last of them could not be saved."""
        self.records_changed_signal: Signal[SessionRecord] = Signal(self, "records-changed")
        self.settings_changed_signal: Signal[Settings] = Signal(self, "settings-changed")

    @property
    def settings(self) -> Settings:
        return self.loaded_settings.settings

    # ---- start-up ----------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """Plan selection, at the bottom: composed with the app, so in its first frame.

        (Pushed from `on_mount`, it was drawn inside Textual's start-up batch, thrown away.)
        """
        self._apply_theme(self.settings.theme)  # before any screen is styled
        return HomeScreen()

    def on_mount(self) -> None:
        self._report_settings()
        self._report_plans()
        if self.journal_error:
            self.notify(
                clean(self.journal_error),
                title="Session log not read",
                severity="error",
                timeout=30,
                markup=False,
            )
        # The terminal is gone (SIGHUP) or we are asked to stop: the session state is
        # already on disk after every count, so leaving at once loses nothing.
        exit_on_signals((signal.SIGHUP, signal.SIGTERM), self._leave_at_once)
        self.call_after_refresh(self._after_start)

    def _report_settings(self) -> None:
        """Every mistake in settings.toml, in one notification (the file is never touched)."""
        loaded = self.loaded_settings
        if loaded.error:
            body = f"{loaded.error}\nRunning on the defaults; the file is untouched."
            title = "Settings not loaded"
        elif loaded.problems:
            count = len(loaded.problems)
            title = "1 setting not used" if count == 1 else f"{count} settings not used"
            body = "\n".join(loaded.messages) + "\nThe other settings are in use (s to see them)."
        else:
            return
        self.notify(clean(body), title=title, severity="error", timeout=30, markup=False)

    def _report_plans(self) -> None:
        """One summary for the plan files that failed; each one's message is in the plan list."""
        count = len(self.catalog.failures)
        if count:
            plans = "1 plan not loaded" if count == 1 else f"{count} plans not loaded"
            self.notify(
                f"{plans} — see the plan list (marked ⚠) for what is wrong with each.",
                title="Plans",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def on_unmount(self) -> None:
        if self._cue_output is not None:
            self._cue_output.close()

    def _after_start(self) -> None:
        from .prompts.resume import offer_resume

        if offer_resume(self):
            return
        if self.start_now:
            self.start_session(self.start_plan or self.settings.default_plan)

    def _apply_theme(self, theme: str) -> None:
        problem = unknown_theme(self.paths.config_file, theme, self.available_themes)
        if problem is None:
            self.theme = theme
        else:
            self.notify(
                problem,
                title="Unknown theme",
                severity="warning",
                timeout=20,
                markup=False,
            )

    # ---- plans and sessions ------------------------------------------------

    def plan(self, plan_id: str) -> Plan | None:
        return self.catalog.get(plan_id)

    def new_session(self, plan: Plan) -> Session:
        from .core.session.engine import Session
        from .core.session.types import EngineConfig

        config = EngineConfig.from_settings(self.settings)
        return Session(plan, config, self.clock, self.now)

    def start_session(
        self, plan_id: str, session: Session | None = None, claim: Claim | None = None
    ) -> None:
        from .core.session.unfinished import claim_new
        from .prompts.before_session import BeforeSession
        from .screens.active import ActiveSetScreen

        if any(isinstance(s, ActiveSetScreen) for s in self.screen_stack):
            self.notify(
                "A session is running: leave it first (escape).", severity="warning", markup=False
            )
            return
        plan = self.plan(plan_id)
        if plan is None:
            known = ", ".join(p.id for p in self.catalog.plans)
            self.notify(
                f"No plan '{plan_id}'. Known plans: {known}", severity="error", markup=False
            )
            return
        if session is None:
            BeforeSession(self, plan, self._start_opened).ask()
            return
        session = session or self.new_session(plan)
        claim = claim or claim_new(self.paths.data_dir, session.id)
        self.push_screen(ActiveSetScreen(session, claim))

    def _start_opened(self, opening: Opening) -> None:
        """A new session after the questions before it (each may have been skipped)."""
        from .core.session.unfinished import claim_new
        from .screens.active import ActiveSetScreen

        session = self.new_session(opening.plan)
        session.leave_out(opening.leave_out)
        claim = claim_new(self.paths.data_dir, session.id)
        screen = ActiveSetScreen(
            session,
            claim,
            check_before=opening.check_before,
            quad_soreness=opening.quad_soreness,
        )
        self.push_screen(screen)

    def save_record(self, record: SessionRecord) -> bool:
        """Append to the log; on failure keep it in memory to retry, and say why."""
        try:
            self.journal.append(record)  # False when already logged: then it is saved too
        except UserError as error:
            if record not in self.unsaved:
                self.unsaved.append(record)
            self.unsaved_error = str(error)
            self.notify(
                f"{error}\nThe session is kept in memory: use 'Save sessions again' "
                "in the command palette (ctrl+p) once the disk is fixed.",
                title="Session not saved",
                severity="error",
                timeout=30,
                markup=False,
            )
            return False
        from .core.session.unfinished import discard_unfinished

        if record in self.unsaved:
            self.unsaved.remove(record)
        discard_unfinished(self.paths.data_dir, record.id)  # logged now: never offer a resume
        self.recent = [r for r in self.recent if r.id != record.id] + [record]
        self.records_changed_signal.publish(record)
        return True

    def amend_record(
        self, record: SessionRecord, *, note: str | None = None, check_after: int | None = None
    ) -> None:
        """Add the after-session check or a note to a session that has ended.

        A logged session gets an amendment (notes.jsonl); one kept in memory (the disk was
        full) is changed in place and saved whole later.
        """
        from .core.journal import UNSET

        changes: dict[str, Any] = {"note": note} if note is not None else {}
        if check_after is not None:
            changes["check_after"] = check_after
        if self.is_unsaved(record):
            for name, value in changes.items():
                setattr(record, name, value)
        else:
            check = UNSET if check_after is None else check_after
            try:
                self.journal.amend(record.id, self.now(), note=note, check_after=check)
            except UserError as error:
                self.notify(str(error), title="Not saved", severity="error", markup=False)
                return
        self.recent = [
            dataclasses.replace(r, **changes) if r.id == record.id else r for r in self.recent
        ]
        self.records_changed_signal.publish(record)

    def is_unsaved(self, record: SessionRecord) -> bool:
        """Whether the session is only in memory: the log could not be written."""
        return any(r.id == record.id for r in self.unsaved)

    def retry_unsaved(self) -> None:
        for record in list(self.unsaved):
            if self.save_record(record):
                self.notify("Saved the session to the log.", markup=False)

    def _read_recent(self) -> list[SessionRecord]:
        """The last days, and the recovery window's (see `SessionLog.recent`)."""
        from .core.insight.adherence import reading_spans

        settings = self.settings
        spans = reading_spans(
            settings.race_date, self.now(), window_days=settings.recovery_window_days
        )
        try:
            return self.journal.recent(spans)
        except UserError as error:
            self.journal_error = str(error)
            return []

    # ---- settings ----------------------------------------------------------

    def update_settings(self, settings: Settings, *, also: Collection[str] = ()) -> None:
        """Save what changed (and `also` these keys), apply, keep what was saved.

        Raises UserError when it cannot save. Problems with keys not written stay in
        the file, so they are still reported.
        """
        loaded = self.loaded_settings
        fingerprint = save_settings(
            self.paths.config_file,
            settings,
            expected=loaded.fingerprint,
            had_error=loaded.error is not None,
            also=also,
        )
        self.loaded_settings = load_settings(self.paths.config_file)
        if self.loaded_settings.fingerprint != fingerprint:  # changed again since: keep ours
            self.loaded_settings = LoadedSettings(settings, None, fingerprint)
        window = (settings.race_date, settings.recovery_window_days)
        if window != (loaded.settings.race_date, loaded.settings.recovery_window_days):
            self.recent = self._read_recent()
        self._apply_theme(settings.theme)
        self.settings_changed_signal.publish(settings)

    def reload_settings(self) -> None:
        """Read settings.toml again (it may have been fixed or changed by hand)."""
        before = self.settings
        self.loaded_settings = load_settings(self.paths.config_file)
        if self.loaded_settings.error is None:
            self._apply_theme(self.settings.theme)
        if self.settings != before:
            self.settings_changed_signal.publish(self.settings)

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme and self.loaded_settings.error is None:
            try:
                self.update_settings(dataclasses.replace(self.settings, theme=theme))
            except UserError as error:
                self.notify(str(error), title="Theme not saved", severity="warning", markup=False)

    # ---- sound and sight ---------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text: messages quote plan names, file text and errors.

        Callers pass ``markup=False`` as well; this is the net under them (and under
        Textual's own `Widget.notify`, which defaults to markup): the text is cleaned by
        the one text-safety policy and never read as markup, so clicking a toast runs nothing.
        """
        super().notify(
            clean(message),
            title=clean_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def play_cue(self, call: CueCall) -> None:
        """Bells, words and (when hidden) a notification; the screen flashes but for a rep."""
        from .core.session.cues import CueName

        if self._cue_sink is not None:
            self._cue_sink(call)
        else:
            self.cue_output()(call)
        if call.cue.name is not CueName.REP:
            self.flash()

    def cue_output(self) -> CueOutput:
        """The bells, voice and notifications, made when the first cue is played."""
        if self._cue_output is None:
            from .cue_output import CueOutput

            self._cue_output = CueOutput(self)
        return self._cue_output

    def flash(self) -> None:
        """Flash the screen, for whoever glances at it."""
        screen = self.screen
        screen.add_class("-flash")
        self.set_timer(0.35, lambda: screen.remove_class("-flash"))

    # ---- commands and keys -------------------------------------------------

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Push as Textual does; a guarded dialog notes when it opened (see `KeyGuard`)."""
        if isinstance(screen, KeyGuard):
            screen.opened_at = self.clock()
        return super().push_screen(screen, *args, **kwargs)

    async def on_event(self, event: events.Event) -> None:
        """Drop a key that reaches a guarded dialog in its first moments: it was meant for
        what was on the screen before (the last rep), not for the question."""
        # object, not Screen | None: mypy (2.4) finds no Screen[Any] | None that is a KeyGuard
        screen: object = self.screen_stack[-1] if self.screen_stack else None
        if (
            isinstance(event, events.Key)
            and isinstance(screen, KeyGuard)
            and screen.keys_too_soon(self.clock(), self.key_guard_seconds)
        ):
            event.stop()
            return
        await super().on_event(event)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_home(self) -> None:
        from .screens.active import ActiveSetScreen

        if any(isinstance(s, ActiveSetScreen) for s in self.screen_stack):
            self.notify("Leave the session first (escape).", severity="warning", markup=False)
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_report(self) -> None:
        from .screens.report import ReportScreen

        if not isinstance(self.screen, ReportScreen):
            self.push_screen(ReportScreen())

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.reload_settings()  # show the file as it is now, hand edits included
            self.push_screen(SettingsScreen())

    async def action_quit(self) -> None:
        """q, ctrl+c, ctrl+q and the palette: never leave a session behind silently."""
        from .prompts.quitting import ask_about_unsaved
        from .screens.active import ActiveSetScreen

        active = next((s for s in self.screen_stack if isinstance(s, ActiveSetScreen)), None)
        if active is not None:
            active.ask_quit()
        elif self.unsaved:
            ask_about_unsaved(self)
        else:
            self.exit(0)

    def _leave_at_once(self) -> None:
        """A hang-up or SIGTERM: nobody to ask, so keep what is only in memory if we can."""
        if self.unsaved:
            from .prompts.quitting import keep_unsaved

            keep_unsaved(self)
        self.exit(0)
