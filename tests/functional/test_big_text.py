"""Big letters: as large as the room allows, steady in size, wrapped when too wide."""

from __future__ import annotations

import pytest

from recovery_tui.widgets.big_text import QUADRANTS, draw, fit, glyph_rows, largest_scale, stack


def test_the_font_gives_solid_glyphs_five_pixels_tall() -> None:
    rows = glyph_rows("0:05")
    assert len(rows) == 5 and {ch for row in rows for ch in row} == {"#", " "}


@pytest.mark.parametrize(
    ("width", "height", "at_least"),
    [(45, 6, 5), (57, 14, 8), (117, 35, 15)],
)
def test_the_number_grows_with_the_room(width: int, height: int, at_least: int) -> None:
    lines, scale = fit("45", width, height, template="88")
    assert scale > 0 and at_least <= len(lines) <= height
    assert max(len(line) for line in lines) <= width
    assert set("".join(lines)) <= set(QUADRANTS)


def test_the_template_keeps_the_size_from_ten_to_nine() -> None:
    _, ten = fit("10", 40, 20, template="88")
    _, nine = fit("9", 40, 20, template="88")
    assert ten == nine


def test_a_phrase_too_wide_for_one_line_goes_on_two() -> None:
    assert largest_scale(stack(["SWITCH SIDES"]), 40, 14) == 0
    lines, scale = fit("SWITCH SIDES", 40, 14)
    assert scale > 0 and max(len(line) for line in lines) <= 40
    assert len(lines) == len(draw(stack(["SWITCH", "SIDES"]), scale))


def test_no_room_means_no_big_letters() -> None:
    assert fit("GET READY", 10, 2) == ([], 0)
