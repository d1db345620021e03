"""Issue 13's typography, measured on the laid-out cards: no orphans, even line pitch, a title
1.4x the body, CJK punctuation set half-width where two meet, and the total-fit breaker's
choices on paragraphs where the greedy one goes wrong."""

from __future__ import annotations

import datetime
import unicodedata

import pytest

from redcard.fit import LEGIBLE_BODY_PT, PITCH_TOLERANCE_PT
from redcard.text import TextStyle, layout_paragraph
from redcard.text.layout import is_orphan

TODAY = datetime.date(2026, 12, 3)
# Below the 6.8 pt aim on ID-1 with the LA band (measured 2026-12-03, `redcard fit`): the
# longest translations. The test fails when one of them reaches 6.8 pt (take it off) or
# another falls below (a regression), so the list stays the truth.
SMALL_ON_ID1: set[str] = set()


@pytest.fixture(scope="module")
def id1_report(library):
    return library.fit(cards=("id1",), hotline="la-county", today=TODAY)


def test_every_side_fits_without_orphans_and_with_even_lines(id1_report):
    assert len(id1_report) == 2 * len(id1_report) // 2 >= 2 * 38
    for line in id1_report:
        assert not line.error, line
        assert line.orphans == (), f"{line.language} {line.side}: {line.orphans}"
        assert line.uneven == (), f"{line.language} {line.side}: {line.uneven}"


def test_title_is_at_least_1_4_times_the_body(id1_report):
    for line in id1_report:
        assert line.title_ratio >= 1.4 - 0.01, (line.language, line.side, line.title_ratio)


def test_body_sizes_on_id1_with_the_band(id1_report):
    fronts = {line.language: line for line in id1_report if line.side == "front"}
    small = {code for code, line in fronts.items() if not line.legible}
    assert small == SMALL_ON_ID1, {code: fronts[code].body_pt for code in small ^ SMALL_ON_ID1}
    assert min(line.body_pt for line in fronts.values()) >= 6.0
    assert all(line.body_pt >= LEGIBLE_BODY_PT for line in id1_report if line.side == "back")


def test_line_pitch_is_equal_within_every_paragraph(library):
    """Khmer's lines used to follow each line's own ink (9.3 to 11.0 pt apart)."""
    for code in ("km", "hi", "pa", "ur", "th", "en"):
        face = library.fit([code], ("id1",), "la-county", TODAY)[0]
        assert face.uneven == ()
    from redcard.design.card import CardDesigner
    from redcard.design.themes import THEMES
    designer = CardDesigner(library.catalog.sizes.card("id1"), THEMES["red"], library.fonts)
    face = designer.front(library.card("km"))
    for block in face.fitted:
        pitches = [(b.baseline_mm - a.baseline_mm) * 72 / 25.4
                   for a, b in zip(block.layout.lines, block.layout.lines[1:])]
        if pitches:
            assert max(pitches) - min(pitches) <= PITCH_TOLERANCE_PT


def _style(registry, language, script, size=7.0):
    return TextStyle(registry.chain(language, script, "regular"), size, language, script,
                     False)


def test_total_fit_keeps_a_short_last_word_company(registry):
    text = "You have the right to remain silent and you do not have to answer any question now."
    style = _style(registry, "en", "Latn")
    for width in range(40, 90, 3):
        layout = layout_paragraph(text, style, float(width))
        if len(layout.lines) > 1:
            assert not is_orphan(layout.lines[-1].text, False), (width, layout.lines[-1].text)
        assert all(line.width_mm <= width + 1e-6 for line in layout.lines)
        assert "".join(line.text for line in layout.lines).replace(" ", "") == \
            text.replace(" ", "")


def test_no_line_ends_in_a_lone_i_on_the_english_back(library):
    for size in ("id1", "business", "eu"):
        face = library.fit(["es"], (size,))[1]
        assert face.side == "back"
    from redcard.design.card import CardDesigner
    from redcard.design.themes import THEMES
    for size in ("id1", "business"):
        designer = CardDesigner(library.catalog.sizes.card(size), THEMES["red"], library.fonts)
        for block in designer.back(library.card("es")).fitted:
            for line in block.layout.lines[:-1]:
                assert not line.text.rstrip().endswith((" I", " a")), line.text


def test_fewest_lines_as_greedy_would(registry):
    """Total fit never takes a line more than filling each line as far as it goes."""
    text = ("Do not sign anything before you speak with a lawyer. You have the right to speak "
            "with one, and to ask for time to find one.")
    style = _style(registry, "en", "Latn")
    for width in (30.0, 45.0, 60.0):
        layout = layout_paragraph(text, style, width)
        words = text.split()
        lines, current = 1, ""
        for word in words:  # a greedy count by measuring each candidate line
            trial = f"{current} {word}".strip()
            if layout_paragraph(trial, style, 10_000).lines[0].width_mm > width + 1e-6:
                lines, current = lines + 1, word
            else:
                current = trial
        assert len(layout.lines) == lines


@pytest.mark.parametrize("code", ["ja", "zh-Hans", "zh-Hant"])
def test_adjacent_full_width_punctuation_leaves_no_em_hole(library, code):
    from redcard.design.card import CardDesigner
    from redcard.design.themes import THEMES
    designer = CardDesigner(library.catalog.sizes.card("id1"), THEMES["red"], library.fonts)
    pairs = 0
    for face in (designer.front(library.card(code)),):
        for block in face.fitted:
            text = block.layout.text
            for line in block.layout.lines:
                for run in line.runs:
                    per_em = run.size_pt * 25.4 / 72
                    advances = {}
                    for glyph in run.glyphs:
                        advances[glyph.cluster] = advances.get(glyph.cluster, 0) + \
                            glyph.advance_mm / per_em
                    for cluster, advance in advances.items():
                        nxt = cluster + 1
                        if nxt in advances and all(
                                unicodedata.east_asian_width(text[i]) in "WFA" and
                                unicodedata.category(text[i]).startswith("P")
                                for i in (cluster, nxt)):
                            pairs += 1
                            assert advance + advances[nxt] <= 1.5 + 1e-6, \
                                (code, text[cluster:nxt + 1], advance, advances[nxt])
    assert pairs > 0  # the cards have such pairs (。「, 」、 …): the test measures something


def test_cjk_breaks_prefer_word_boundaries(registry):
    """Over many widths, total fit breaks inside ICU's words (令|状, 弁護|士) far less often
    than filling each line, without taking more lines."""
    from redcard.geometry.units import MM_PER_PT
    from redcard.text.breaks import word_boundaries
    from redcard.text.layout import _greedy, _prepare
    text = "弁護士と話すまで、何にも署名しないでください。弁護士と話す権利があります。"
    style = TextStyle(registry.chain("ja", "Jpan", "regular"), 7.0, "ja", "Jpan", False)
    words = set(word_boundaries(text, "ja"))
    prepared = _prepare(text, style.chain, "ja", "Jpan", False)
    fitted = greedy = 0
    for width in range(20, 60, 2):
        layout = layout_paragraph(text, style, float(width))
        fitted += sum(1 for line in layout.lines[:-1] if line.end not in words)
        filled = _greedy(prepared, style, float(width), 7.0 * MM_PER_PT)
        greedy += sum(1 for end, _, _ in filled[:-1] if end not in words)
        assert len(layout.lines) == len(filled)
    assert fitted * 3 <= greedy, (fitted, greedy)
