"""The active set: the big countdown, per-side counters, cues, and what comes next.

The engine does the coaching; this screen ticks it, shows it, rings the bell on its
events and saves its state after every change so a crash never loses a rep.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Footer, Static

from ..core.journal.record import SessionRecord
from ..core.safe_text import shorten
from ..core.scale import score
from ..core.session.coaching import next_change
from ..core.session.cues import cue_for, opening_cue
from ..core.session.engine import STOPPED, Session
from ..core.session.saved import session_to_state
from ..core.session.types import Event, EventKind, Phase
from ..core.session.unfinished import Claim
from ..core.session.window_title import session_title
from ..dialogs.choice import ChoiceDialog
from ..dialogs.heel_check import HeelCheckDialog
from ..dialogs.note import NoteDialog
from ..styles import stylesheet
from ..terminal import WindowTitle, times_continued
from ..widgets.set_view import SetView
from ..widgets.too_small import MIN_HEIGHT, MIN_WIDTH
from .coach_screen import CoachScreen

SAVE_EVENTS = {
    EventKind.REP_COUNTED,
    EventKind.SET_ENDED,
    EventKind.SIDE_SWITCHED,
    EventKind.EXERCISE_FINISHED,
    EventKind.ROUND_FINISHED,
}


OVERLAY = "overlay"
"""Pause reason: a screen is over the session (help, a dialog, settings, the palette)."""
FLOOR_ROOMY = 30
"""Rows from which the cues are shown in full beside a big number."""
TOO_SMALL = "too small"
"""Pause reason: the terminal is too small to show the session."""


class ActiveSetScreen(CoachScreen):
    CSS_PATH = stylesheet("active.tcss")
    BINDINGS = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("enter", "done('rep')", "Count rep"),
        Binding("enter", "done('set')", "End set"),
        Binding("enter", "done('wait')", "Start now"),
        Binding("enter", "done('rest')", "End rest"),
        Binding("n", "next", "Next"),
        Binding("b", "back", "Back"),
        Binding("x", "skip", "Skip"),
        Binding("u", "undo", "Undo"),
        Binding("w", "why", "Why"),
        Binding("escape", "leave", "Leave"),
    ]
    LONGEST_SLEEP = 1.0
    """Seconds the screen sleeps at most while the session runs, so the time it was last
    seen running (where a stop found later pauses it, `Session.last_seen`) is recent."""

    def __init__(
        self,
        session: Session,
        claim: Claim,
        *,
        check_before: int | None = None,
        quad_soreness: int | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.claim = claim
        # a resumed session keeps the answers given before it
        self.check_before = check_before or _saved_score(claim, "check_before")
        self.quad_soreness = quad_soreness or _saved_score(claim, "quad_soreness")
        self._wake_timer: Timer | None = None
        self._ended = False
        self._phase_class = ""
        self._keys: tuple[object, ...] = ()
        self._state_warned = False
        self._pending: SessionRecord | None = None
        """The finished session while the closing questions are asked."""
        self._title = WindowTitle(self.app)

    def compose(self) -> ComposeResult:
        yield SetView()
        yield Static("PAUSED — space to resume", id="paused-banner")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._watch_stops()
        self._save_state()
        self.coach.play_cue(opening_cue(self.session))
        self.tick()

    # ---- pauses: nothing runs on behind something else ----------------------

    def _watch_stops(self) -> None:
        """Time the process did not run is not exercise: pause for ctrl+z and SIGCONT.

        ctrl+z publishes the suspend signal just before the process stops (immediate:
        a posted message would run only after it continues). A SIGCONT is counted in its
        signal handler, so the engine sees it on its very next update, before any tick or
        key could catch up; the resume signal then only redraws the pause.
        """
        self.subscribe_to(self.app.app_suspend_signal, self._was_stopped, immediate=True)
        self.subscribe_to(self.app.app_resume_signal, self._was_stopped)
        self.session.watch_stops(times_continued)

    def _was_stopped(self, _app: object) -> None:
        self.react(self.session.stopped())

    def on_screen_suspend(self) -> None:
        """Another screen is on top: the session must not pace on unseen."""
        self.react(self.session.pause(OVERLAY, runner_lifts=False))

    def on_screen_resume(self) -> None:
        """Back on top: run on after the engine's count-in (a no-op on first show)."""
        self.react(self.session.resume(OVERLAY))

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.set_class(height < FLOOR_ROOMY, "-floor-short")
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            self.react(self.session.pause(TOO_SMALL, runner_lifts=False))
        else:
            self.react(self.session.resume(TOO_SMALL))

    def on_unmount(self) -> None:
        self._title.restore()

    # ---- the clock ---------------------------------------------------------

    def tick(self) -> None:
        """Advance the engine, react to what happened, redraw, plan the next wake-up."""
        self.react(self.session.update())

    def react(self, events: list[Event], *, command: bool = False) -> None:
        """Ring, save, redraw. A tick saves when its events count something; a `command`
        (a key) always changed the session, so it saves once, whatever its events."""
        if self._ended:
            return
        kinds = {event.kind for event in events}
        call = cue_for(events, self.session)
        if call is not None:
            self.coach.play_cue(call)
        if command or kinds & SAVE_EVENTS:
            self._save_state()
        self.show()
        self._schedule_wake()
        if EventKind.SESSION_FINISHED in kinds:
            self.finish()

    def _schedule_wake(self) -> None:
        """Sleep until the session has something to do or show: exactly at its next
        deadline or the next second of the big number, at most `LONGEST_SLEEP` while it
        runs; while it is paused or done, until a key (nothing changes by itself)."""
        if self._wake_timer is not None:
            self._wake_timer.stop()
            self._wake_timer = None
        session = self.session
        if session.paused or session.finished:
            return
        now = self.coach.clock()
        due = [now + self.LONGEST_SLEEP, session.next_deadline(), next_change(session)]
        wake = min(at for at in due if at is not None)
        self._wake_timer = self.set_timer(max(0.0, wake - now), self.tick)

    def _save_state(self) -> str | None:
        """Save the state for resuming; what went wrong (said once), or None."""
        try:
            answers = {"check_before": self.check_before, "quad_soreness": self.quad_soreness}
            self.claim.save({**session_to_state(self.session), **answers})
        except OSError as error:
            if not self._state_warned:  # once is enough: it would repeat on every rep
                self._state_warned = True
                self.notify(
                    f"Could not save the session state: {error}", severity="warning", markup=False
                )
            return str(error)
        return None

    # ---- drawing -----------------------------------------------------------

    def show(self) -> None:
        """Draw the session; the phase and pause become classes the stylesheet reads."""
        session = self.session
        self.query_one(SetView).show(session)
        self._title.show(session_title(session))
        self.set_class(session.paused, "-paused")
        if session.paused:
            self._show_banner(session.pause_reasons)
        self._refresh_keys()
        phase_class = f"-phase-{session.phase.value.replace('_', '-')}"
        if phase_class != self._phase_class:
            if self._phase_class:
                self.remove_class(self._phase_class)
            self.add_class(phase_class)
            self._phase_class = phase_class

    def _show_banner(self, reasons: frozenset[str]) -> None:
        """Space resumes only the runner's own pause; say so only then."""
        held = {OVERLAY, TOO_SMALL}
        words = "PAUSED — space to resume" if reasons - held else "PAUSED"
        if STOPPED in reasons:
            words = "PAUSED while the app was stopped — space to resume"
        banner = self.query_one("#paused-banner", Static)
        if str(banner.content) != words:
            banner.update(words)

    # ---- commands ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show (and run) only what a key would do in this state: the footer never
        offers "Done" while reps pace themselves, nor "Pause" while paused."""
        session = self.session
        if action == "pause":
            return not session.runner_paused
        if action == "resume":
            return session.runner_paused
        if action == "done":
            return session.enter_does() in parameters
        if action == "back":
            return session.can_go_back()
        if action == "undo":
            return session.can_undo()
        if action in ("next", "skip"):
            return not session.finished
        return True

    def _refresh_keys(self) -> None:
        """Ask the footer to look again when what the keys do has changed."""
        session = self.session
        keys = (
            session.runner_paused,
            session.enter_does(),
            session.can_go_back(),
            session.can_undo(),
            session.finished,
        )
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    def action_pause(self) -> None:
        self.react(self.session.toggle_pause())

    def action_resume(self) -> None:
        self.react(self.session.toggle_pause())

    def action_done(self, what: str = "") -> None:
        """Enter: what it does (`what`) depends on the phase; the binding says which."""
        self.react(self.session.done(), command=True)

    def on_click(self, event: events.Click) -> None:
        """A set to fatigue ends with a click anywhere on the set view: no aim needed."""
        view = self.query_one(SetView)
        on_view = event.widget is view or (
            event.widget is not None and view in event.widget.ancestors
        )
        if on_view and self.session.phase is Phase.OPEN_SET and not self.session.paused:
            self.action_done()

    def action_next(self) -> None:
        self.react(self.session.next(), command=True)

    def action_back(self) -> None:
        self.react(self.session.back(), command=True)

    def action_skip(self) -> None:
        self.react(self.session.skip(), command=True)

    def action_undo(self) -> None:
        self.react(self.session.undo(), command=True)

    def action_why(self) -> None:
        """The exercise's why and caution (pausing, as every overlay does)."""
        from ..dialogs.why import WhyDialog

        self.app.push_screen(WhyDialog(self.session.exercise))

    def action_leave(self) -> None:
        if self._anything_counted():
            question = (
                "Leave this session? What you did so far is saved to your history as partial."
            )
            answers = [("leave", "Leave and save"), ("stay", "Keep going")]
        else:
            question = "Nothing has been counted yet, so nothing will be saved. Leave?"
            answers = [("leave", "Leave"), ("stay", "Keep going")]
        dialog = ChoiceDialog(question, answers, title="Leave the session")
        self.app.push_screen(dialog, self._after_leave)

    def _anything_counted(self) -> bool:
        return self.session.anything_done()

    def _after_leave(self, answer: str | None) -> None:
        if answer == "leave":
            self.finish()

    def ask_quit(self) -> None:
        if self._pending is not None:  # logged already; only the closing questions were left
            self.app.exit(0)
            return
        dialog = ChoiceDialog(
            "A session is running. Keep it to resume next time, or save it as partial?",
            [("keep", "Keep to resume"), ("save", "Save as partial"), ("cancel", "Cancel")],
            title="Quit recovery-tui",
        )
        self.app.push_screen(dialog, self._after_quit)

    def _after_quit(self, answer: str | None) -> None:
        if answer == "keep":
            problem = self._save_state()
            if problem is not None:  # quitting now would lose it: stay, and say why
                self.notify(
                    f"Could not keep the session to resume: {problem}. It goes on here; "
                    "quit with Save as partial to keep it in memory, or fix the disk.",
                    title="Session not kept",
                    severity="error",
                    timeout=30,
                    markup=False,
                )
                return
            self._ended = True
            self.claim.release()
            self.app.exit(0)
        elif answer == "save":
            self.finish(then_exit=True)

    # ---- the end -----------------------------------------------------------

    def finish(self, *, then_exit: bool = False) -> None:
        """Log the session at once, then ask the closing questions (not when quitting).

        The after-session check and the note are added to the logged record afterwards
        (`RecoveryApp.amend_record`), so another terminal's `status` counts the session
        the moment it ends, and a crash at a dialog loses nothing and asks nothing.
        """
        if self._ended:
            return
        self._ended = True
        if not self._anything_counted():  # an empty session is not a session: log nothing
            self.claim.discard()
            self._leave(then_exit=then_exit)
            return
        record = self.session.to_record()
        record.check_before = self.check_before
        record.quad_soreness = self.quad_soreness
        if self.coach.save_record(record):
            self.claim.discard()
        if then_exit:
            self._leave(then_exit=True)
            return
        self._pending = record
        if self.coach.settings.heel_check:
            self.app.push_screen(HeelCheckDialog("after"), self._checked_after)
        else:
            self._ask_note()

    def _checked_after(self, check: int | None) -> None:
        if self._pending is not None:
            if check is not None:
                self.coach.amend_record(self._pending, check_after=check)
            self._ask_note()

    def _ask_note(self) -> None:
        self.app.push_screen(NoteDialog(guard=True), self._noted)

    def _noted(self, note: str | None) -> None:
        record, self._pending = self._pending, None
        if record is None:
            return
        if note:
            self.coach.amend_record(record, note=note)
        if not self.coach.is_unsaved(record):
            words = "completed" if record.status == "completed" else "saved as partial"
            name = shorten(self.session.plan.name, 60)
            self.notify(f"{name}: {words}.", title="Session logged", markup=False)
        self._leave(then_exit=False)
        if not self.coach.is_unsaved(record):
            self._show_summary(record)

    def _show_summary(self, record: SessionRecord) -> None:
        """What was done, over plan selection, until the runner closes it."""
        from ..core.insight.next_due import due_by_settings
        from ..core.session.summary import summarize
        from .summary import SummaryScreen

        coach = self.coach
        # the log's copy: the check after and the note are amendments to it
        record = next((r for r in coach.recent if r.id == record.id), record)
        due = due_by_settings(coach.recent, coach.settings, coach.now())
        coach.push_screen(SummaryScreen(summarize(record, due.sentence)))

    def _leave(self, *, then_exit: bool) -> None:
        """Back to plan selection, or out of the app; never out while a record is unsaved."""
        if then_exit and not self.coach.unsaved:
            self.app.exit(0)
            return
        if self.app.screen is self:
            self.dismiss()
        else:
            self.app.pop_screen()
        if then_exit:
            from ..prompts.quitting import ask_about_unsaved

            ask_about_unsaved(self.coach)


def _saved_score(claim: Claim, key: str) -> int | None:
    """A 1-5 answer kept in an unfinished session's state, if it is one."""
    return score(claim.state.get(key))
