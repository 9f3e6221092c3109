"""One side's counter on the active-set view: LEFT 7 / 10-15."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class SideCounter(Static):
    """Done against target for one side; the stylesheet highlights `-active-side`."""

    done: reactive[int] = reactive(0)
    target: reactive[str] = reactive("")
    active: reactive[bool] = reactive(False)
    reached: reactive[bool] = reactive(False)

    def __init__(self, side: str, **kwargs: object) -> None:
        super().__init__(id=f"side-{side}", classes="side-counter", **kwargs)  # type: ignore[arg-type]
        self.side = side
        self.border_title = "BOTH LEGS" if side == "both" else side.upper()

    def render(self) -> Text:
        text = Text(str(self.done), style="bold")
        text.append(f" / {self.target}")
        if self.reached:
            text.append("  ✓")
        return text

    def watch_active(self, active: bool) -> None:
        self.set_class(active, "-active-side")
        marker = "▶ " if active else ""
        self.border_title = marker + ("BOTH LEGS" if self.side == "both" else self.side.upper())

    def watch_reached(self, reached: bool) -> None:
        self.set_class(reached, "-reached")
