"""Bidi: levels against Unicode's conformance data, visual order against python-bidi."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from bidi import get_display
from texts import BIDI_CONTROLS, LANGUAGES, PHONE, sample, style_for

from redcard.text import layout_paragraph
from redcard.text.bidi import _all_level_zero, embedding_levels, full_embedding_levels

_MIRROR = str.maketrans("()[]{}«»<>“”", "||||||''||\"\"")


@pytest.mark.parametrize("code", LANGUAGES)
def test_visual_order_of_each_line_equals_the_bidi_display_order(library, registry, code):
    card = library.card(code)
    layout = layout_paragraph(sample(card), style_for(card, registry), 55.0)
    for line in layout.lines:
        ours = "".join(run.text[::-1] if run.rtl else run.text for run in line.runs)
        logical = layout.text[line.start:line.end]
        theirs = get_display(logical, base_dir="R" if card.is_rtl else "L")
        clean = [BIDI_CONTROLS.sub("", w).translate(_MIRROR) for w in ours.split()]
        expected = [BIDI_CONTROLS.sub("", w).translate(_MIRROR) for w in theirs.split()]
        assert clean == [w for w in expected if w], (code, line.text)


def test_phone_number_reads_left_to_right_inside_rtl_text(library, registry):
    for code in ("ar", "fa", "ur", "ps", "he"):
        card = library.card(code)
        layout = layout_paragraph(f"{card.front.title} {PHONE}", style_for(card, registry),
                                  80.0)
        (line,) = layout.lines
        number_runs = [run for run in line.runs if PHONE in run.text]
        assert len(number_runs) == 1 and not number_runs[0].rtl
        xs = [glyph.x_mm for glyph in number_runs[0].glyphs]
        assert xs == sorted(xs)  # digits left to right
        assert line.runs[0] is number_runs[0]  # at the end of the sentence: far left


def test_bidi_levels_pass_unicode_conformance(record_property):
    """Levels from our bidi stage against BidiCharacterTest.txt (Unicode 15)."""
    data = Path(__file__).parent.parent / "data" / "BidiCharacterTest.txt.gz"
    passed = total = 0
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split(";")
            direction = fields[1]
            if direction == "2":  # auto: not used by cards, which declare their direction
                continue
            text = "".join(chr(int(c, 16)) for c in fields[0].split())
            expected = fields[3].split()
            total += 1
            levels = embedding_levels(text, rtl=direction == "1")
            if all(e == "x" or int(e) == got for e, got in zip(expected, levels)):
                passed += 1
    rate = passed / total
    record_property("bidi_conformance", f"{passed}/{total}")
    print(f"BidiCharacterTest: {passed}/{total} = {rate:.5%}")
    assert total > 60000
    assert rate >= 0.9995


def _conformance_texts():
    data = Path(__file__).parent.parent / "data" / "BidiCharacterTest.txt.gz"
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                fields = line.split(";")
                yield "".join(chr(int(c, 16)) for c in fields[0].split())


def test_left_to_right_shortcut_gives_the_full_algorithms_levels(library):
    """Text the shortcut takes (a left-to-right paragraph without right-to-left or explicit
    characters) gets the levels the whole algorithm gives it: all 0. Over every conformance
    test string and every card text; and the shortcut does take the Latin cards' texts."""
    taken = 0
    texts = list(_conformance_texts())
    for code in library.languages:
        card = library.card(code)
        texts += [card.front.title, *card.front.points, sample(card)]
    for text in texts:
        if _all_level_zero(text):
            taken += 1
            assert full_embedding_levels(text, rtl=False) == [0] * len(text), text
    assert taken > 1000
    assert _all_level_zero(sample(library.card("es")))
    assert not _all_level_zero(sample(library.card("ar")))
    assert embedding_levels("abc \u05d0", rtl=False) == [0, 0, 0, 0, 1]
