"""One setting on the settings screen: its name, what it is for, a control and its error.

The control is chosen from the setting's `FieldSpec`, and typed text is checked with the
same `parse_field_text` the settings file uses, so the screen and the file agree on
what is allowed.
"""

from __future__ import annotations

import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, Switch

from ..core.safe_text import clean
from ..core.settings.fields import FieldSpec, parse_field_text

Options = list[tuple[Text, str]]


class SpecValidator(Validator):
    """Marks an Input invalid (Textual's own `-invalid` style) by the field's rules."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_field_text(self.spec, value)
        except ValueError as error:
            return self.failure(str(error))
        return self.success()


def field_text(value: object) -> str:
    """A setting's value as the user would type it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def choice_options(spec: FieldSpec) -> Options:
    return [(Text(choice), choice) for choice in spec.choices]


class SettingField(Vertical):
    """Edits one setting; `value()` is the parsed value or raises ValueError."""

    class Checked(Message):
        """The field's value was checked (valid or not): the form may update its message."""

    def __init__(
        self,
        spec: FieldSpec,
        value: object,
        options: Options | None = None,
        *,
        problem: str | None = None,
    ) -> None:
        """`problem` is what was wrong with this key in the file; shown until it is edited."""
        super().__init__(id=f"setting-{spec.name}")
        self.spec = spec
        self.options = options
        self.start_value = value
        self.problem = problem
        self.control = self._make_control()
        self.start_raw: object = self._start_raw()

    def _make_control(self) -> Widget:
        name, value = f"field-{self.spec.name}", self.start_value
        if self.spec.kind == "bool":
            return Switch(value=bool(value), id=name)
        if self.options is not None:
            known = {option_value for _, option_value in self.options}
            options = list(self.options)
            if isinstance(value, str) and value not in known:
                options.append((Text(f"{clean(value)} (not available)"), value))
            return Select(options, value=value, allow_blank=False, id=name, compact=True)
        return Input(
            field_text(value),
            id=name,
            validators=[SpecValidator(self.spec)],
            compact=True,
            placeholder="none" if self.spec.kind == "date" else "",
        )

    def compose(self) -> ComposeResult:
        with Horizontal(classes="setting-row"):
            yield Label(Text(self.spec.name), classes="setting-name")
            yield self.control
            if isinstance(self.control, Switch):
                yield Label(_on_off(self.control.value), classes="switch-state")
        help_text = self.spec.help
        if isinstance(self.control, Input):
            help_text += f" Allowed: {self.spec.allowed()}."
        yield Static(Text(help_text), classes="setting-help")
        yield Static(Text(clean(self.problem or "")), classes="-problem")
        yield Static(id=f"error-{self.spec.name}", classes="-error", markup=False)

    def on_mount(self) -> None:
        self.set_class(self.problem is not None, "-file-problem")

    @on(Switch.Changed)
    def _switched(self, event: Switch.Changed) -> None:
        self.query_one(".switch-state", Label).update(_on_off(event.value))
        self._edited()

    @on(Select.Changed)
    def _selected(self) -> None:
        self._edited()

    def _edited(self) -> None:
        """The file's complaint about this key no longer describes what the form holds."""
        self.set_class(self.problem is not None and not self.dirty, "-file-problem")

    def _start_raw(self) -> object:
        """What `raw()` returns before any edit (a Select has no value until mounted)."""
        if isinstance(self.control, Input):
            return field_text(self.start_value)
        return bool(self.start_value) if isinstance(self.control, Switch) else self.start_value

    def raw(self) -> object:
        """What the control holds now: text, a bool or the selected option."""
        control = self.control
        if isinstance(control, Switch | Input | Select):
            return control.value
        return None

    def value(self) -> object:
        raw = self.raw()
        if isinstance(raw, bool):
            return raw
        if isinstance(self.control, Select):
            if not isinstance(raw, str):
                raise ValueError("must be chosen from the list")
            return raw
        return parse_field_text(self.spec, str(raw))

    @property
    def dirty(self) -> bool:
        return self.raw() != self.start_raw

    def check(self) -> bool:
        """Show or clear the inline error; True when the field is valid."""
        try:
            self.value()
        except ValueError as error:
            message = f"{self.spec.name} {error}"
        else:
            message = ""
        self.query_one(f"#error-{self.spec.name}", Static).update(message)
        self.set_class(bool(message), "-invalid")
        self.post_message(self.Checked())
        return not message

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.check()
        self._edited()


def _on_off(value: bool) -> str:
    """A switch's state in words, so it reads without colour."""
    return "On" if value else "Off"
