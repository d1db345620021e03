"""The embedded font subsets, with the composite glyphs the text layer adds, are sound fonts:
fontTools reads every glyph, every composite points at glyphs of the subset and has ink, the
counts and widths agree. (That composites draw what HarfBuzz placed is seen in renders:
docs/text-layer.md.)"""

from __future__ import annotations

import io

import pikepdf
import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from making import build

from redcard import CardExtras
from redcard.model.extras import hotline_line


@pytest.mark.parametrize("code", ["ur", "hi", "km", "ar", "ja"])
def test_every_subset_is_a_sound_truetype_font(library, tmp_path, code):
    extras = CardExtras(hotline=hotline_line(library.hotlines.get("la-county")))
    path, _ = build(library, tmp_path, code, template="cr80", extras=extras)
    composites = 0
    with pikepdf.open(path) as pdf:
        fonts = {font.FontDescriptor.objgen: font for page in pdf.pages
                 for font in page.Resources.Font.values()}
        for font in fonts.values():
            data = font.FontDescriptor.FontFile2.read_bytes()
            tt = TTFont(io.BytesIO(data))
            order = tt.getGlyphOrder()
            assert tt["maxp"].numGlyphs == len(order)
            assert len(font.Widths) == int(font.LastChar) + 1
            glyf = tt["glyf"]
            for name in order:
                glyph = glyf[name]
                if glyph.isComposite():
                    composites += 1
                    assert all(c.glyphName in glyf for c in glyph.components)
                    pen = BoundsPen(tt.getGlyphSet())
                    tt.getGlyphSet()[name].draw(pen)
                    assert pen.bounds is not None, name  # composites carry ink
            widths = [tt["hmtx"][name][0] for name in order]
            assert all(width >= 0 for width in widths)
    assert composites > 0 or code == "ja"  # the complex scripts draw units as composites
