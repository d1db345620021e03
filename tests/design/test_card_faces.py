"""Card faces as drawing lists, without a PDF: what is on each face, where, and at what
size, in card millimetres."""

from __future__ import annotations

import re

import pytest

from redcard import THEMES, CardExtras
from redcard.design.card import CardDesign, CardDesigner
from redcard.design.scene import Circle, Rectangle, TextBlock
from redcard.model.extras import hotline_line
from redcard.paths import cards_dir

DESIGN = CardDesign()


def designer(library, theme: str = "red", size: str = "id1") -> CardDesigner:
    return CardDesigner(library.catalog.cards[size], THEMES[theme], library.fonts)


def text_boxes(face):
    """(left, bottom, right, top) of every laid-out line's box, in card mm."""
    for block in face.scene.find(TextBlock):
        for line in block.layout.lines:
            left = block.left_mm
            top = block.top_mm - line.baseline_mm + line.ascent_mm
            bottom = block.top_mm - line.baseline_mm - line.descent_mm
            yield block, (left, bottom, left + block.layout.width_mm, top)


@pytest.mark.parametrize("code", ["en", "ar", "ja", "hy", "ur", "km"])
@pytest.mark.parametrize("size", ["id1", "business", "eu"])
def test_every_line_sits_inside_the_card_inset(library, code, size):
    card = library.card(code)
    for face in (designer(library, size=size).front(card), designer(library, size=size)
                 .back(card)):
        width, height = face.width_mm, face.height_mm
        for block, (left, bottom, right, top) in text_boxes(face):
            assert left >= DESIGN.inset_mm - 1e-6 and right <= width - DESIGN.inset_mm + 1e-6
            assert bottom >= 0 and top <= height - DESIGN.inset_mm + 0.5, block.layout.text
        assert DESIGN.min_body_pt <= face.body_pt <= DESIGN.body_pt


def test_a_bullet_per_point_on_the_reading_side(library):
    for code in ("es", "ar"):
        card = library.card(code)
        face = designer(library).front(card)
        dots = face.scene.find(Circle)
        assert len(dots) == len(card.front.points)
        middle = face.width_mm / 2
        assert all((dot.x_mm > middle) == card.is_rtl for dot in dots)  # Arabic: at the right


def test_red_background_covers_the_bleed_and_white_themes_draw_a_frame(library):
    card = library.card("en")
    red = designer(library, "red").front(card)
    background = red.scene.find(Rectangle)[0]
    bleed = THEMES["red"].bleed_mm
    assert isinstance(background, Rectangle) and background.fill == THEMES["red"].background
    assert (background.x_mm, background.y_mm) == (-bleed, -bleed)
    assert background.width_mm == pytest.approx(red.width_mm + 2 * bleed)
    for theme in ("economy", "mono"):
        frame = designer(library, theme).front(card).scene.find(Rectangle)[0]
        assert frame.fill is None and frame.stroke.colour == THEMES[theme].frame


@pytest.mark.parametrize("code", sorted(path.stem for path in cards_dir().glob("*.yaml")))
def test_hotline_band_sits_between_the_points_and_the_footer(library, code):
    card = library.card(code)
    extras = CardExtras(hotline=hotline_line(library.hotlines.get("la-county")))
    face = designer(library).front(card, extras)
    (band,) = [r for r in face.scene.find(Rectangle) if r.isolated]
    points = [b for b in face.scene.find(TextBlock) if b.layout.text.strip()
              and b.top_mm > band.y_mm + band.height_mm - 1e-6]
    assert len(points) == 1 + len(card.front.points)  # the title and every point
    lowest_point = min(b.top_mm - b.layout.height_mm for b in points)
    assert lowest_point >= band.y_mm + band.height_mm
    footer = [b for b in face.scene.find(TextBlock) if b.layout.text.startswith(code)][0]
    assert footer.top_mm <= band.y_mm + 1e-6
    plain = designer(library).front(card)
    assert face.body_pt <= plain.body_pt  # the band took room from the points


def test_a_larger_design_fits_less_and_says_so(library):
    big = CardDesign(body_pt=20.0, min_body_pt=14.0)
    with pytest.raises(Exception, match="does not fit a id1 card even at 14 pt"):
        CardDesigner(library.catalog.cards["id1"], THEMES["red"], library.fonts,
                     big).front(library.card("ru"))


def test_text_too_long_says_by_how_much_and_which_point(library):
    """`check` and `build` name the longest point and how far over the text is."""
    from dataclasses import replace as changed

    from redcard.errors import FitError
    card = library.card("ru")
    points = card.front.points
    longer = changed(card, front=changed(card.front, points=(
        *points, *points[1:3], " ".join((points[0], points[2], points[5])))))
    designer = CardDesigner(library.catalog.cards["business"], THEMES["red"], library.fonts)
    with pytest.raises(FitError) as caught:
        designer.front(longer)
    line = caught.value.one_line()
    match = re.search(r"even at 6 pt: (\d+\.\d) mm too long \(about (\d+) lines?\); "
                      r"longest: points\[(\d+)\], (\d+) lines", line)
    assert match, line
    assert float(match[1]) > 0 and int(match[2]) >= 1
    assert int(match[3]) == len(longer.front.points) - 1  # the added, longest point
    assert len(line) < 300
