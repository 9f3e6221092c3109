"""Plan selection, the home screen: the plans, the selected plan's detail, today's line.

No Header: the app's name is the plan list's border title, drawn with its border, where
a Header is three more widgets to style and lay out before the first frame.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.insight.adherence import recovery_window
from ..core.insight.next_due import due_by_settings
from ..core.insight.stats import format_today, today_summary
from ..core.safe_text import clean
from ..widgets.calendar_strip import CalendarStrip
from ..widgets.key_footer import KeyFooter
from ..widgets.plan_detail import PlanDetail
from .coach_screen import CoachScreen

NOT_LOADED = "not-loaded:"
"""Option ids of plan files that failed; a plan id never holds a colon."""


class HomeScreen(CoachScreen):
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("h", "app.history", "History"),
        Binding("s", "app.settings", "Settings"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="today")
        yield Static(id="next-due")
        yield CalendarStrip(id="recovery-strip")
        with Horizontal(id="home-body"):
            plans = OptionList(*self._options(), id="plan-list")
            plans.border_title = self.app.title
            yield plans
            yield PlanDetail(id="plan-detail")
        yield KeyFooter()

    def _options(self) -> list[Option]:
        options = []
        for plan in self.coach.catalog.plans:
            label = Text(clean(plan.name))
            if not plan.builtin:
                label.append("  (custom)", style="dim")
            options.append(Option(label, id=plan.id))
        for number, failure in enumerate(self.coach.catalog.failures):
            name = failure.path.name if failure.path else "plans folder"
            label = Text(f"⚠ {clean(name)}", style="bold")
            label.append("  (not loaded)", style="dim")
            options.append(Option(label, id=f"{NOT_LOADED}{number}"))
        return options

    def _failure(self, option_id: str | None) -> str | None:
        """The located message of a failed plan file's option, None for a plan."""
        if not option_id or not option_id.startswith(NOT_LOADED):
            return None
        return self.coach.catalog.failures[int(option_id.removeprefix(NOT_LOADED))].message

    def _highlighted_id(self) -> str | None:
        plans = self.query_one("#plan-list", OptionList)
        if plans.highlighted is None:
            return None
        return plans.get_option_at_index(plans.highlighted).id

    def on_mount(self) -> None:
        plans = self.query_one("#plan-list", OptionList)
        default = self.coach.settings.default_plan
        ids = [p.id for p in self.coach.catalog.plans]
        plans.highlighted = ids.index(default) if default in ids else 0
        plans.focus()
        self.subscribe_to(self.coach.records_changed_signal, lambda _record: self.show_today())
        self.subscribe_to(self.coach.settings_changed_signal, lambda _settings: self.show_today())
        self.show_today()

    @on(OptionList.OptionHighlighted, "#plan-list")
    def show_plan(self, event: OptionList.OptionHighlighted) -> None:
        failure = self._failure(event.option.id)
        if failure is not None:
            self.query_one(PlanDetail).show_failure(failure)
        else:
            self.query_one(PlanDetail).show(self.coach.plan(event.option.id or ""))
        self.refresh_bindings()  # "Start" only for a plan that can start

    @on(OptionList.OptionSelected, "#plan-list")
    def start_selected(self, event: OptionList.OptionSelected) -> None:
        if self._failure(event.option.id) is None:
            self.coach.start_session(event.option.id or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No "Start" on a plan file that was not loaded: enter does nothing there."""
        if action == "start":
            return self._failure(self._highlighted_id()) is None
        return True

    def action_start(self) -> None:
        plan_id = self._highlighted_id()
        if plan_id is not None and self._failure(plan_id) is None:
            self.coach.start_session(plan_id)

    def show_today(self) -> None:
        """Draw the today line and the recovery strip from the app's recent records."""
        coach = self.coach
        settings = coach.settings
        summary = today_summary(
            coach.recent,
            race_date=settings.race_date,
            target=settings.sessions_per_day,
            now=coach.now(),
        )
        line = format_today(summary, window_days=settings.recovery_window_days)
        self.query_one("#today", Static).update(Text(clean(line)))
        due = due_by_settings(coach.recent, settings, coach.now())
        self.query_one("#next-due", Static).update(Text(due.sentence))
        strip = self.query_one(CalendarStrip)
        strip.display = settings.race_date is not None
        if settings.race_date is not None:
            strip.window = recovery_window(
                coach.recent,
                race_date=settings.race_date,
                window_days=settings.recovery_window_days,
                target=settings.sessions_per_day,
                now=coach.now(),
            )
