"""The text layer away from the card layout: paragraphs in a box of another width, with a
phone number inside the text, written by the PDF writer and read back by all five readers."""

from __future__ import annotations

import pytest
from readers import READERS, UNSPACED, extract, first_difference, normalise
from texts import LANGUAGES, PHONE, style_for

from redcard.design.scene import BLACK, Tag, TextBlock
from redcard.render.pdf import Document, Page, render_pdf
from redcard.text import layout_paragraph

WIDTH_MM = 78.0  # not a card's: other line breaks, other units at the lines' ends
# Exact except for a space PDFium drops between two Tigrinya words in this layout (a real
# space glyph, mapped to U+0020, that its text page leaves out; not yet understood). The test
# holds it to that one difference, and fails once it reads exactly, so the entry is removed.
KNOWN_GAPS = {("ti", "pdfium"): "ከእትውዎ ሕተትዎም"}


def texts(card) -> list[str]:
    return [card.front.title, *card.front.points, f"{card.front.points[0]} {PHONE}."]


@pytest.fixture(scope="module")
def written(library, tmp_path_factory):
    """One page per language: each text a paragraph, 3 mm apart, tagged in the language."""
    out = tmp_path_factory.mktemp("paragraphs")
    made = {}
    for code in LANGUAGES + ["en"]:
        card = library.card(code)
        top, blocks = 170.0, []
        for text in texts(card):
            layout = layout_paragraph(text, style_for(card, library.fonts), WIDTH_MM)
            blocks.append(Tag("P", (TextBlock(layout, 5.0, top, BLACK),)))
            top -= layout.height_mm + 3
        page = Page(items=(Tag("Sect", tuple(blocks), lang=code),))
        latin = library.fonts.chain("en", "Latn", "regular")
        path = out / f"{code}.pdf"
        path.write_bytes(render_pdf(Document(
            105.0, 180.0, title=f"{code} paragraphs", language=code, duplex="none",
            initial_font=latin.primary, pages=(page,))))
        made[code] = path
    return made


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code", LANGUAGES + ["en"])
def test_every_reader_returns_the_source_text(written, library, code, reader):
    got = extract(reader, written[code], 0)
    assert "\ufffd" not in got and not any(0xE000 <= ord(c) <= 0xF8FF for c in got)
    unspaced = code in UNSPACED
    want = normalise(" ".join(texts(library.card(code))), unspaced)
    got = normalise(got, unspaced)
    gap = KNOWN_GAPS.get((code, reader))
    if gap is not None:
        assert got != want, f"{reader} now reads {code} exactly: drop it from KNOWN_GAPS"
        want = want.replace(gap, gap.replace(" ", ""))
    assert got == want, f"{reader} reading {code}: " + first_difference(got, want)
