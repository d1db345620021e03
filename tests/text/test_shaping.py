"""Shaping: every glyph drawn is the glyph HarfBuzz gives for the run's text."""

from __future__ import annotations

import pytest
import uharfbuzz as hb
from fontTools import unicodedata as ud
from texts import LANGUAGES, sample, style_for

from redcard.geometry.units import mm
from redcard.text import layout_paragraph


@pytest.mark.parametrize("code", LANGUAGES)
def test_drawn_glyphs_equal_harfbuzz_output_for_each_run(library, registry, code):
    """Each run's text shaped on its own by HarfBuzz, in the direction the bidi stage gave
    it and in the script Unicode gives its first letter (digits and punctuation: the script
    of the text around them, UAX #24), invisible controls removed: the same glyphs and
    advances as were laid out."""
    card = library.card(code)
    style = style_for(card, registry)
    layout = layout_paragraph(sample(card), style, 60.0)
    assert len(layout.lines) > 1
    for line in layout.lines:
        for run in line.runs:
            buffer = hb.Buffer()
            buffer.add_str(run.text)
            buffer.guess_segment_properties()
            buffer.direction = "rtl" if run.rtl else "ltr"
            buffer.script = _context_script(layout.text, run.start, card.script)
            buffer.language = code
            buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
            hb.shape(hb.Font(hb.Face(run.font.path.read_bytes())), buffer, {})
            expected = [(info.codepoint, pos.x_advance)
                        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions)]
            scale = mm(style.size_pt) / run.font.upem
            drawn = [(glyph.gid, round(glyph.advance_mm / scale)) for glyph in run.glyphs]
            assert drawn == expected, (code, run.text)


def _context_script(text: str, start: int, default: str) -> str:
    """The script of the run's first letter, or for digits and punctuation the script of the
    text before them (else after them)."""
    neutral = ("Zyyy", "Zinh", "Zzzz")
    if ud.script(text[start]) not in neutral:
        return ud.script(text[start])
    before = [ud.script(c) for c in reversed(text[:start]) if ud.script(c) not in neutral]
    after = [ud.script(c) for c in text[start:] if ud.script(c) not in neutral]
    return (before or after or [default])[0]
