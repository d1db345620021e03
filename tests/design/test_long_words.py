"""A word wider than a line is never broken between its letters on a card: it is refused by
name. Scripts written without spaces (Thai, Khmer, Japanese) break where ICU allows, and a
web address under the QR code may break anywhere."""

from __future__ import annotations

from dataclasses import replace

import pytest

from redcard import THEMES, CardExtras
from redcard.design.card import CardDesigner
from redcard.design.scene import TextBlock
from redcard.errors import FitError
from redcard.text import TextStyle, layout_paragraph


def designer(library) -> CardDesigner:
    return CardDesigner(library.catalog.cards["id1"], THEMES["red"], library.fonts)


def with_front(card, **changes):
    return replace(card, front=replace(card.front, **changes))


def test_a_word_wider_than_any_line_is_refused_by_name(library):
    card = with_front(library.card("fr"), title="Anticonstitutionnellement" * 3)
    with pytest.raises(FitError) as caught:
        designer(library).front(card)
    line = caught.value.one_line()
    assert line.endswith("fr.yaml: front.title: the word 'Anticonstitutionnell…' (75 "
                         "characters) is wider than a line of a id1 card even at 7.5 pt "
                         "(fix: break it with a space or a hyphen)")


def test_a_long_word_in_a_point_is_refused_by_its_field(library):
    points = list(library.card("en").front.points)
    points[2] = "Do " + "x" * 120 + " sign"
    with pytest.raises(FitError, match=r"front\.points\[2\]: the word 'xxxx"):
        designer(library).front(with_front(library.card("en"), points=tuple(points)))


def test_a_word_that_fits_only_smaller_makes_the_text_smaller_not_split(library):
    card = library.card("en")
    # 48 letters: wider than the title's line at the usual size, not at 6.7 pt
    word = "Rechtsschutzversicherungsgesellschaftenabcdefghi"
    face = designer(library).front(with_front(card, title=word))
    normal = designer(library).front(card)
    assert face.body_pt < normal.body_pt
    blocks = list(face.scene.find(TextBlock))
    assert any(block.layout.text == word and len(block.layout.lines) == 1 for block in blocks)
    assert not any(block.layout.split_word for block in blocks)


def test_layout_reports_the_split_word_and_where_breaks_are_allowed(library):
    chain = library.fonts.chain("en", "Latn", "regular")
    style = TextStyle(chain, 8, "en", "Latn", False)
    assert layout_paragraph("short words only", style, 30).split_word == ""
    split = layout_paragraph("a " + "y" * 60 + " b", style, 30)
    assert split.split_word == "y" * 60 and not split.overflow
    thai = library.fonts.chain("th", "Thai", "regular")
    text = library.card("th").front.points[0]
    layout = layout_paragraph(text, TextStyle(thai, 8, "th", "Thai", False), 40)
    assert len(layout.lines) > 1 and layout.split_word == ""


def test_a_long_address_under_the_qr_code_may_break_anywhere(library):
    url = "https://example.org/" + "a" * 40
    face = designer(library).back(library.card("en"), CardExtras(qr_url=url))
    (address,) = [block for block in face.scene.find(TextBlock) if "example.org" in
                  block.layout.text]
    assert address.layout.split_word and not address.layout.overflow
    assert "".join(line.text for line in address.layout.lines) == url
