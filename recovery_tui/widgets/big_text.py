"""Big letters for the floor: a FIGlet font's solid glyphs, scaled to the room there is.

The glyphs come from pyfiglet's `ansi_regular` (one cell per pixel, full blocks). They
are scaled in steps of half a glyph by drawing with quadrant blocks (each cell holds 2x2
pixels), so the same shapes are 3, 5, 8, 10, 13... rows tall, always as tall as the
space allows: the number grows with the terminal, and a phrase too wide for one line
goes on two.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from pyfiglet import Figlet

FONT = "ansi_regular"
LINE_GAP = 1
"""Pixels between two lines of big text."""

Grid = tuple[str, ...]
"""Rows of pixels: '#' on, ' ' off."""

QUADRANTS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
"""Index = top-left 1 | top-right 2 | bottom-left 4 | bottom-right 8."""


@lru_cache(maxsize=1)
def _figlet() -> Figlet:
    """The font, read once (about 1 ms a time), with the first big text, not at start-up."""
    import pyfiglet

    return pyfiglet.Figlet(font=FONT, width=10_000)


@lru_cache(maxsize=256)
def glyph_rows(text: str) -> Grid:
    """`text` in the font as pixel rows, with the font's blank rows below trimmed."""
    rows = _figlet().renderText(text).split("\n")
    rows = ["".join("#" if ch != " " else " " for ch in row) for row in rows]
    while rows and not rows[-1].strip():
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    return tuple(row.ljust(width) for row in rows)


def stack(lines: list[str]) -> Grid:
    """Several lines of big text, centred over each other with a gap between."""
    grids = [glyph_rows(line) for line in lines]
    width = max((len(g[0]) for g in grids if g), default=0)
    rows: list[str] = []
    for number, grid in enumerate(grids):
        if number:
            rows.extend([" " * width] * LINE_GAP)
        rows.extend(row.center(width) for row in grid)
    return tuple(rows)


def cells(pixels: int, scale: int) -> int:
    """Cells needed for `pixels` glyph pixels at `scale` (2 = the font's own size)."""
    return math.ceil(pixels * scale / 2)


CELL = {
    (tl, tr, bl, br): QUADRANTS[
        (tl == "#") | (tr == "#") << 1 | (bl == "#") << 2 | (br == "#") << 3
    ]
    for tl in " #"
    for tr in " #"
    for bl in " #"
    for br in " #"
}
"""Four pixels (top-left, top-right, bottom-left, bottom-right) -> the cell showing them."""


def draw(grid: Grid, scale: int) -> list[str]:
    """The grid drawn `scale` half-glyphs large: each cell shows 2x2 scaled pixels."""
    if not grid:
        return []
    width = cells(len(grid[0]), scale) * 2
    blank = " " * width
    pixels = ["".join(ch * scale for ch in row).ljust(width) for row in grid for _ in range(scale)]
    if len(pixels) % 2:
        pixels.append(blank)
    lines = []
    for top, bottom in zip(pixels[0::2], pixels[1::2], strict=True):
        quads = zip(top[0::2], top[1::2], bottom[0::2], bottom[1::2], strict=True)
        lines.append("".join(CELL[quad] for quad in quads).rstrip())
    return lines


def largest_scale(grid: Grid, width: int, height: int, most: int = 24) -> int:
    """The largest scale at which `grid` fits in width x height cells; 0 if none does."""
    if not grid:
        return 0
    fits = [
        s
        for s in range(1, most + 1)
        if cells(len(grid[0]), s) <= width and cells(len(grid), s) <= height
    ]
    return max(fits, default=0)


def layouts(text: str) -> list[list[str]]:
    """Ways to set `text` (lines split by newlines): as given, or a line's words apart."""
    choices = [[[line], line.split()] if " " in line else [[line]] for line in text.split("\n")]
    return [[part for pieces in combo for part in pieces] for combo in product(*choices)]


@lru_cache(maxsize=128)
def fit(text: str, width: int, height: int, template: str = "") -> tuple[list[str], int]:
    """`text` drawn as large as fits, and the scale used (0: it does not fit at all).

    `template` (the widest text this place shows, e.g. ``8:88``) fixes the scale, so
    the number does not change size from one second to the next.
    """
    best: tuple[int, list[str]] = (0, [])
    for lines in layouts(template or text):
        scale = largest_scale(stack(lines), width, height)
        if scale > best[0]:
            best = (scale, lines)
    scale = best[0]
    if scale == 0:
        return [], 0
    chosen = [text] if template else best[1]
    grid = stack(chosen)
    if template and largest_scale(grid, width, height) < scale:  # the text is wider
        return fit(text, width, height)
    return draw(grid, scale), scale


class BigText(Widget):
    """Text drawn in big letters, as large as the widget; plain bold text if none fit."""

    text: reactive[str] = reactive("")
    template: reactive[str] = reactive("")
    """The widest text shown here, to keep the scale steady (see `fit`)."""

    def render(self) -> Text:
        width, height = self.content_size
        lines, scale = fit(self.text, width, height, self.template)
        if scale == 0:  # too little room for big letters: say it in words
            words = Text(self.text.replace("\n", " · "), style="bold", justify="center")
            pad = max(0, (height - 1) // 2)
            return Text("\n" * pad) + words
        top = max(0, (height - len(lines)) // 2)
        widest = max((len(line) for line in lines), default=0)
        body = "\n".join(line.ljust(widest).center(width).rstrip() for line in lines)
        return Text("\n" * top + body, no_wrap=True, overflow="crop")
