"""Issue 4: the text engine against independent oracles — HarfBuzz, python-bidi, ICU, poppler."""

from __future__ import annotations

import gzip
import re
import unicodedata
from pathlib import Path

import pytest
import uharfbuzz as hb
from bidi import get_display
from pdfinspect import pdftotext
from reportlab.pdfgen.canvas import Canvas

from redcard.text import TextStyle, layout_paragraph
from redcard.text.bidi import embedding_levels
from redcard.text.breaks import grapheme_boundaries, line_break_opportunities
from redcard.text.draw import TextPainter
from redcard.text.layout import PT_MM

PHONE = "888-624-4752"
LANGUAGES = ["ar", "fa", "ur", "he", "hi", "pa", "th", "km", "am", "hy", "vi", "ru", "ko", "ja",
             "zh-Hans", "zh-Hant", "ps", "ti", "es"]
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def sample(card) -> str:
    """A real sentence from the card with a phone number in it."""
    return f"{card.front.points[0]} {PHONE} {card.front.points[2]}"


def style_for(card, registry, size_pt: float = 8.0) -> TextStyle:
    return TextStyle(registry.chain(card.code, card.script, "regular"), size_pt, card.code,
                     card.script, card.is_rtl)


@pytest.mark.parametrize("code", LANGUAGES)
def test_drawn_glyphs_equal_harfbuzz_output_for_each_run(library, registry, code):
    card = library.cards[code]
    style = style_for(card, registry)
    layout = layout_paragraph(sample(card), style, 60.0)
    codepoints = [ord(c) for c in layout.text]
    assert len(layout.lines) > 1
    for line in layout.lines:
        for run in line.runs:
            face = hb.Face(Path(run.font.path).read_bytes())
            font = hb.Font(face)
            buffer = hb.Buffer()
            buffer.add_codepoints(codepoints, run.start, run.end - run.start)
            buffer.direction = "rtl" if run.rtl else "ltr"
            buffer.script = _context_script(layout.text, run.start, card.script)
            buffer.language = code
            flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
            if run.start == 0:
                flags |= hb.BufferFlags.BOT
            if run.end == len(codepoints):
                flags |= hb.BufferFlags.EOT
            buffer.flags = flags
            hb.shape(font, buffer, {})
            expected = [(info.codepoint, pos.x_advance)
                        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions)]
            scale = style.size_pt * PT_MM / face.upem
            drawn = [(glyph.gid, round(glyph.advance_mm / scale)) for glyph in run.glyphs]
            assert drawn == expected, (code, run.text)


def _context_script(text: str, start: int, default: str) -> str:
    """The script a run is shaped in: its own, or for digits and punctuation the script of
    the text before them (else after them)."""
    from fontTools import unicodedata as ud
    neutral = ("Zyyy", "Zinh", "Zzzz")
    if ud.script(text[start]) not in neutral:
        return ud.script(text[start])
    before = [ud.script(c) for c in reversed(text[:start]) if ud.script(c) not in neutral]
    after = [ud.script(c) for c in text[start:] if ud.script(c) not in neutral]
    return (before or after or [default])[0]


_MIRROR = str.maketrans("()[]{}«»<>“”", "||||||''||\"\"")


@pytest.mark.parametrize("code", LANGUAGES)
def test_visual_order_of_each_line_equals_the_bidi_display_order(library, registry, code):
    card = library.cards[code]
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
        card = library.cards[code]
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
    data = Path(__file__).parent / "data" / "BidiCharacterTest.txt.gz"
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


@pytest.mark.parametrize("code, width_mm", [("th", 22.0), ("km", 22.0), ("ja", 20.0),
                                            ("hi", 25.0), ("ar", 25.0), ("en", 25.0)])
def test_breaks_only_at_icu_opportunities_and_lines_fit(library, registry, code, width_mm):
    card = library.cards[code]
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
    card = library.cards["ja"]
    style = style_for(card, registry)
    starts = [line.text[0] for point in card.front.points
              for line in layout_paragraph(point, style, width_mm).lines]
    assert len(starts) > 12
    assert not [c for c in starts if c in SMALL_KANA or c in "。、」）"], starts


def test_thai_words_are_not_split(library, registry):
    """Every Thai line ends where ICU's dictionary finds a word boundary."""
    card = library.cards["th"]
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
    card = library.cards[code]
    extracted = _extract_paragraphs(tmp_path, card, registry)
    expected = " ".join((card.front.title, *card.front.points,
                         f"{card.front.points[0]} {PHONE}."))
    assert "\ufffd" not in extracted
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in extracted)
    assert _normalise(extracted, code) == _normalise(expected, code)
