"""The text layer: what pdftotext reads back from glyphs drawn by the text painter."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pdfinspect import pdftotext
from reportlab.pdfgen.canvas import Canvas
from texts import BIDI_CONTROLS, LANGUAGES, PHONE, style_for

from redcard.render.glyphs import TextPainter
from redcard.text import layout_paragraph


def _extract_paragraphs(tmp_path: Path, card, registry) -> str:
    path = tmp_path / f"{card.code}.pdf"
    canvas = Canvas(str(path), pagesize=(300, 500), invariant=1)
    painter = TextPainter(canvas)
    top = 170.0
    for text in (card.front.title, *card.front.points, f"{card.front.points[0]} {PHONE}."):
        layout = layout_paragraph(text, style_for(card, registry), 78.0)
        painter.draw(layout, 5.0, top)
        top -= layout.height_mm + 3
    canvas.showPage()
    canvas.save()
    return pdftotext(path)


# Scripts written without spaces between words: a line break in the PDF is not a space.
UNSPACED = ("th", "km", "ja", "zh-Hans", "zh-Hant")


def _normalise(text: str, code: str) -> str:
    words = BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", text)).split()
    return ("" if code in UNSPACED else " ").join(words)


@pytest.mark.parametrize("code", LANGUAGES + ["en"])
def test_pdftotext_returns_the_source_text(tmp_path, library, registry, code):
    card = library.card(code)
    extracted = _extract_paragraphs(tmp_path, card, registry)
    expected = " ".join((card.front.title, *card.front.points,
                         f"{card.front.points[0]} {PHONE}."))
    assert "\ufffd" not in extracted
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in extracted)
    assert _normalise(extracted, code) == _normalise(expected, code)
