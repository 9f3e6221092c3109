"""Every setting of settings.toml as a form, checked as the user types.

Saving goes through the app, which refuses to overwrite a file that changed on disk or
that failed to load; those refusals are shown here, never raised, so a hand-edited file
is never lost to a click.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from ..core.errors import UserError
from ..core.safe_text import clean
from ..core.settings.fields import FIELDS, FieldSpec, Settings
from ..dialogs.choice import confirm
from ..styles import stylesheet
from ..widgets.setting_field import Options, SettingField, choice_options
from .coach_screen import CoachScreen

BROKEN_ADVICE = (
    "Saving is disabled until the file is fixed, so it is never overwritten. "
    "Correct it (or delete it to start from the defaults), then open the settings again. "
    "Until then the app runs on the defaults."
)


class SettingsScreen(CoachScreen):
    CSS_PATH = stylesheet("settings.tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def compose(self) -> ComposeResult:
        coach = self.coach
        yield Header()
        if coach.loaded_settings.error:
            text = Text(clean(coach.loaded_settings.error) + "\n", style="bold")
            text.append(BROKEN_ADVICE)
            yield Static(text, id="settings-broken")
        yield Static(Text(f"Settings file: {coach.paths.config_file}"), id="settings-path")
        with VerticalScroll(id="settings-form"):
            loaded = coach.loaded_settings
            unknown = [p.message for p in loaded.problems if not p.known]
            if unknown:
                yield Static(Text(clean("\n".join(unknown))), id="settings-unknown")
            for spec in FIELDS:
                value = getattr(coach.settings, spec.name)
                problem = loaded.problem_for(spec.name)
                yield SettingField(spec, value, self._options(spec), problem=problem)
        yield Static(id="settings-message", markup=False)
        with Horizontal(id="settings-buttons"):
            broken = coach.loaded_settings.error is not None
            yield Button(
                "Save (ctrl+s)", id="save", variant="primary", disabled=broken, compact=True
            )
            yield Button("Back (esc)", id="back", compact=True)
        yield Footer()

    def _options(self, spec: FieldSpec) -> Options | None:
        """The choices for a Select, or None for a free-text or on/off setting."""
        if spec.name == "theme":
            return [(Text(name), name) for name in sorted(self.app.available_themes)]
        if spec.name == "default_plan":
            plans = self.coach.catalog.plans
            return [(Text(f"{clean(p.name)} ({clean(p.id)})"), p.id) for p in plans]
        return choice_options(spec) if spec.kind == "choice" else None

    _message_until_valid = False

    def on_mount(self) -> None:
        self.query(SettingField).first().control.focus()

    @property
    def fields(self) -> list[SettingField]:
        return list(self.query(SettingField))

    @property
    def dirty(self) -> bool:
        return any(field.dirty for field in self.fields)

    # ---- saving ------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_leave()

    def action_save(self) -> None:
        coach = self.coach
        if coach.loaded_settings.error:
            self._refuse(f"Not saved: {coach.paths.config_file} must be fixed first (see above).")
            return
        settings = self._collect()
        if settings is None:
            return
        touched = [field.spec.name for field in self.fields if field.dirty]
        try:
            coach.update_settings(settings, also=touched)
        except UserError as error:
            self._refuse(str(error))
            return
        self._clear_message()
        self.notify(f"Saved to {coach.paths.config_file}", title="Settings saved", markup=False)
        self.dismiss()

    def _collect(self) -> Settings | None:
        """The settings in the form, or None (errors shown) when a field is invalid."""
        invalid = [field for field in self.fields if not field.check()]
        if invalid:
            names = ", ".join(field.spec.name for field in invalid)
            self._refuse(f"Not saved: fix {names} first.", until_valid=True)
            invalid[0].control.focus()
            return None
        return Settings(**{field.spec.name: field.value() for field in self.fields})  # type: ignore[arg-type]

    def _refuse(self, message: str, *, until_valid: bool = False) -> None:
        """Show why nothing was saved; `until_valid`: the reason goes once all fields are valid."""
        self._message_until_valid = until_valid
        note = self.query_one("#settings-message", Static)
        note.update(message)
        note.add_class("-shown")
        self.notify(message, title="Settings not saved", severity="error", timeout=15, markup=False)

    def _clear_message(self) -> None:
        self._message_until_valid = False
        note = self.query_one("#settings-message", Static)
        note.update("")
        note.remove_class("-shown")

    @on(SettingField.Checked)
    def _field_checked(self) -> None:
        """Once every field is valid, "Not saved: fix ... first" is no longer true."""
        if self._message_until_valid and not any(f.has_class("-invalid") for f in self.fields):
            self._clear_message()

    # ---- leaving -----------------------------------------------------------

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss()
            return
        question = confirm("Discard your changes to the settings?", "Discard", "Keep editing")
        self.app.push_screen(question, self._discard_answer)

    def _discard_answer(self, answer: str | None) -> None:
        if answer == "yes" and self.is_current:
            self.dismiss()
