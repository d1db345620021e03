"""Themes. Every text colour against what it is printed on (WCAG 2.x), found from the faces'
drawing lists, and the mono theme really is black and white in the PDF."""

from __future__ import annotations

import pytest
from making import build
from pdfinspect import form
from pypdf import PdfReader

from redcard import THEMES, CardExtras
from redcard.design.card import CardDesigner, CardFace
from redcard.design.scene import QrCode, Rectangle, TextBlock
from redcard.model.extras import HotlineLine, hotline_line
from redcard.model.hotlines import load_directory

WCAG_AA = 4.5


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag_examples():
    assert contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    # #767676 on white is the classic just-passing grey (4.54:1)
    grey = (0x76 / 255,) * 3
    assert contrast(grey, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def background(face: CardFace, block: TextBlock):
    """What the block is printed on: the last filled box drawn under all of it, else the
    card. Found from the geometry, not from what the designer meant."""
    layout = block.layout
    left, right = block.left_mm, block.left_mm + layout.width_mm
    top, bottom = block.top_mm, block.top_mm - layout.height_mm
    colour, boxed = card_colour(face), False
    for shape in boxes(face):
        if shape.fill is not None and shape.contains(left, bottom, right, top):
            colour, boxed = shape.fill, True
        elif shape.fill is not None:
            # a box that only partly covers the text would make the background ambiguous
            overlap = not (shape.x_mm >= right or shape.x_mm + shape.width_mm <= left or
                           shape.y_mm >= top or shape.y_mm + shape.height_mm <= bottom)
            assert not overlap, (face.name, layout.text, shape)
    return colour, boxed


def card_colour(face: CardFace):
    """The card's own colour: its background rectangle (which covers the bleed), else
    white."""
    width, height = face.width_mm, face.height_mm
    full = [r for r in face.scene.find(Rectangle) if r.fill is not None and
            r.contains(0.0, 0.0, width, height)]
    return full[0].fill if full else (1.0, 1.0, 1.0)


def boxes(face: CardFace) -> list[Rectangle]:
    """Filled rectangles drawn on the card: the band and the patches behind logo and QR."""
    width, height = face.width_mm, face.height_mm
    return [r for r in face.scene.find(Rectangle) if r.fill is not None and
            not r.contains(0.0, 0.0, width, height)]


def faces_with_everything(library, theme, logo):
    extras = CardExtras(hotline=hotline_line(load_directory().get("la-county")),
                        org="Example Legal Aid", logo=logo, qr_url="https://example.org/k")
    # a name too long to sit beside the footer goes inside the band: test both placements
    long_name = CardExtras(hotline=HotlineLine("555-010-0199",
                                               "Pasadena Community Rapid Response Team"))
    for code in ("en", "ar", "ja"):
        card = library.card(code)
        for size in library.catalog.cards.values():
            designer = CardDesigner(size, THEMES[theme], library.fonts)
            yield designer.front(card, extras)
            yield designer.front(card, long_name)
            yield designer.front(card)
            yield designer.back(card, extras)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_colour_contrasts_with_its_background(library, theme, logo_png):
    seen = set()
    in_band = 0
    for face in faces_with_everything(library, theme, logo_png):
        for block in face.texts:
            back, boxed = background(face, block)
            ratio = contrast(block.colour, back)
            assert ratio >= WCAG_AA, (theme, face.name, block.layout.text, ratio)
            seen.add((block.colour, back))
            in_band += boxed
        for shape in face.scene.find(QrCode):  # dark modules on their light quiet zone
            (patch,) = [s for s in boxes(face)
                        if s.contains(shape.x_mm, shape.y_mm, shape.x_mm + 1, shape.y_mm + 1)]
            assert contrast(shape.colour, patch.fill) >= WCAG_AA
    assert in_band > 0  # the hotline band's own colours were checked


def test_hotline_band_contrasts_with_the_card_itself(library):
    """The band must stand out: its fill differs clearly from the card (or it has a border)."""
    hotline = CardExtras(hotline=hotline_line(load_directory().get("la-county")))
    for theme in THEMES.values():
        designer = CardDesigner(library.catalog.cards["id1"], theme, library.fonts)
        face = designer.front(library.card("en"), hotline)
        (band,) = boxes(face)
        card = card_colour(face)
        assert contrast(band.fill, card) >= 3.0 or \
            (band.stroke is not None and contrast(band.stroke.colour, card) >= 3.0)


def _colours(ops: list[tuple]) -> set[tuple[float, ...]]:
    found = set()
    for operands, operator in ops:
        if operator in (b"rg", b"RG"):
            found.add(tuple(round(float(v), 4) for v in operands))
        assert operator not in (b"k", b"K", b"sc", b"scn"), operator
    return found


def test_mono_is_black_on_white_without_bleed(library, tmp_path):
    mono = THEMES["mono"]
    assert mono.bleed_mm == 0 and mono.frame == (0.0, 0.0, 0.0)
    extras = CardExtras(hotline=hotline_line(load_directory().get("la-county")),
                        org="Example Legal Aid", qr_url="https://example.org/k")
    path, printout = build(library, tmp_path, "ar", theme="mono", extras=extras)
    assert printout.per_sheet == 9  # like economy: cards abut, no bleed
    reader = PdfReader(path)
    page = reader.pages[0]
    assert float(page.bleedbox.width) == pytest.approx(float(page.trimbox.width))
    colours = _colours(form(reader, 0, "front-")) | _colours(form(reader, 1, "back-"))
    assert colours and colours <= {(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)}
