"""Line breaking: only where ICU allows, never splitting a word or a grapheme."""

from __future__ import annotations

import unicodedata

import pytest
from texts import style_for

from redcard.text import TextStyle, layout_paragraph
from redcard.text.breaks import grapheme_boundaries, line_break_opportunities


@pytest.mark.parametrize("code, width_mm", [("th", 22.0), ("km", 22.0), ("ja", 20.0),
                                            ("hi", 25.0), ("ar", 25.0), ("en", 25.0)])
def test_breaks_only_at_icu_opportunities_and_lines_fit(library, registry, code, width_mm):
    card = library.card(code)
    text = " ".join(card.front.points)
    layout = layout_paragraph(text, style_for(card, registry), width_mm)
    assert not layout.overflow
    opportunities = set(line_break_opportunities(layout.text, code))
    graphemes = set(grapheme_boundaries(layout.text, code))
    assert len(layout.lines) > 5
    for line in layout.lines:
        assert line.width_mm <= width_mm + 1e-6
        assert line.start == 0 or line.start in opportunities, (code, line.text)
        assert line.start in graphemes or line.start == 0
        drawn_right = max(g.x_mm + g.advance_mm for run in line.runs for g in run.glyphs)
        assert drawn_right <= width_mm + 1e-6


SMALL_KANA = "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー"


@pytest.mark.parametrize("width_mm", [18.0, 20.0, 23.0, 27.0, 31.0, 40.0])
def test_japanese_lines_never_start_with_a_small_kana_or_closing_mark(library, registry,
                                                                      width_mm):
    card = library.card("ja")
    style = style_for(card, registry)
    starts = [line.text[0] for point in card.front.points
              for line in layout_paragraph(point, style, width_mm).lines]
    assert len(starts) > 12
    assert not [c for c in starts if c in SMALL_KANA or c in "。、」）"], starts


def test_thai_words_are_not_split(library, registry):
    """Every Thai line ends where ICU's dictionary finds a word boundary."""
    card = library.card("th")
    layout = layout_paragraph(card.front.points[1], style_for(card, registry), 18.0)
    words = set(line_break_opportunities(layout.text, "th"))
    assert all(line.start in words for line in layout.lines[1:])
    assert "".join(line.text for line in layout.lines).replace(" ", "") == \
        unicodedata.normalize("NFC", card.front.points[1]).replace(" ", "")


def test_word_wider_than_the_line_breaks_at_grapheme_boundaries(registry):
    chain = registry.chain("hi", "Deva", "regular")
    word = "अनुच्छेदोंकीव्याख्याक्षत्रिय" * 2
    layout = layout_paragraph(word, TextStyle(chain, 8, "hi", "Deva", False), 12.0)
    graphemes = set(grapheme_boundaries(layout.text, "hi"))
    assert len(layout.lines) > 2
    assert all(line.start in graphemes for line in layout.lines[1:])
    assert not layout.overflow


@pytest.mark.parametrize("code", ["en", "ru", "ar", "ja", "th", "km", "hi", "ko"])
def test_pruned_total_fit_chooses_the_breaks_of_the_full_search(library, registry, code):
    """The total fit skips lines that cannot win (see layout._fewest_lines_breaks); its
    breaks are those of the search that costs every line, at many widths and sizes."""
    import dataclasses
    import random

    from redcard.geometry.units import MM_PER_PT
    from redcard.text.layout import _cheapest_breaks, _prepare

    card = library.card(code)
    chain = registry.chain(card.text_language, card.script, "regular")
    rng = random.Random(code)
    compared = 0
    for text in (card.front.title, *card.front.points, " ".join(card.front.points)):
        pruned = _prepare(text, chain, card.text_language, card.script, card.is_rtl)
        if not pruned.prunable:  # a long CJK paragraph: too many nodes to prune
            continue
        compared += 1
        full = dataclasses.replace(pruned, prunable=False)
        for _ in range(40):
            width = rng.uniform(5.0, 120.0)
            limit = width - rng.choice((0.0, 0.0, 0.1, 0.5, 2.0))
            scale = rng.choice((4.0, 5.5, 6.0, 7.3, 8.0, 9.0, 12.0, 20.0)) * MM_PER_PT
            assert _cheapest_breaks(pruned, width, limit, scale) == \
                _cheapest_breaks(full, width, limit, scale)
    assert compared > len(card.front.points) / 2
