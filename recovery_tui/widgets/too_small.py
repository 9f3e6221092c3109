"""The message shown instead of a cramped layout when the terminal is below 80x24."""

from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


class TooSmall(Static):
    """Shown by the stylesheet only when the screen carries `-narrow` or `-short`."""

    def __init__(self) -> None:
        super().__init__(
            f"Make the terminal larger: recovery-tui needs {MIN_WIDTH}x{MIN_HEIGHT}.",
            markup=False,
        )
