"""Sheets as PDFs, parsed back: sizes in mm, duplex placement, counts, fonts, determinism."""

from __future__ import annotations

import re

import pytest
from making import build
from pdfinspect import fonts, page_size_mm, pdftotext, placements
from pypdf import PdfReader

from redcard import THEMES

TOLERANCE_MM = 0.01


@pytest.mark.parametrize("paper", ["letter", "a4", "legal"])
@pytest.mark.parametrize("theme", ["red", "economy"])
def test_page_and_card_sizes_are_exact(library, tmp_path, paper, theme):
    path, _ = build(library, tmp_path, paper=paper, theme=theme)
    reader = PdfReader(path)
    width, height = page_size_mm(reader)
    assert width == pytest.approx(library.catalog.papers[paper].width_mm, abs=TOLERANCE_MM)
    assert height == pytest.approx(library.catalog.papers[paper].height_mm, abs=TOLERANCE_MM)
    bleed = THEMES[theme].bleed_mm
    for page_index in range(len(reader.pages)):
        for placed in placements(reader, page_index):
            _, _, w, h = placed.rect_mm(bleed)
            assert sorted((w, h)) == pytest.approx(sorted((85.60, 53.98)), abs=TOLERANCE_MM)


def test_business_card_size(library, tmp_path):
    path, _ = build(library, tmp_path, card="business", theme="economy")
    for placed in placements(PdfReader(path), 0):
        _, _, w, h = placed.rect_mm(0.0)
        assert sorted((w, h)) == pytest.approx(sorted((88.90, 50.80)), abs=TOLERANCE_MM)


# Cards per sheet follow the rule in redcard.geometry.imposition: inside a 6.35 mm
# printer-safe margin, the bled grid plus 4 mm of crop-mark zone on every side, plus a 3.5 mm
# slug band (twice, as the grid is centred). Full-colour (red) cards need 2 mm bleed and a
# 4 mm gutter; economy cards abut. Letter red: 2×4 upright (3 rotated rows would need
# 268.8 + 8 > 266.7 mm). Letter economy: 3×3 rotated (3 × 85.6 = 256.8 mm + 8 mm marks
# fits 266.7 mm; upright gives only 2×4). A4 red: 3×3 rotated (3 × 85.6 + 2 × 4 + 4 =
# 268.8 + 8 ≤ 284.3 mm; upright 2×4). A4 economy: 2×5 upright (5 × 53.98 = 269.9 + 8 ≤ 284.3 mm).
@pytest.mark.parametrize("paper, theme, expected", [
    ("letter", "red", 8), ("letter", "economy", 9), ("a4", "red", 9), ("a4", "economy", 10)])
def test_cards_per_sheet(library, tmp_path, paper, theme, expected):
    path, result = build(library, tmp_path, paper=paper, theme=theme)
    assert result.per_sheet == expected
    reader = PdfReader(path)
    assert len(placements(reader, 0)) == expected
    assert len(placements(reader, 1)) == expected


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("paper, theme", [("letter", "red"), ("letter", "economy")])
def test_backs_land_behind_fronts(library, tmp_path, duplex, paper, theme):
    per_sheet = {"red": 8, "economy": 9}[theme]
    path, _ = build(library, tmp_path, paper=paper, theme=theme, duplex=duplex,
                    copies=per_sheet + 3)  # a partial second sheet
    reader = PdfReader(path)
    page_w, page_h = page_size_mm(reader)
    bleed = THEMES[theme].bleed_mm
    for front_page, back_page in ((0, 1), (2, 3)):
        fronts = [p.rect_mm(bleed) for p in placements(reader, front_page)]
        backs = [p.rect_mm(bleed) for p in placements(reader, back_page)]
        assert len(fronts) == len(backs)
        for (x, y, w, h), (bx, by, _, _) in zip(fronts, backs):
            if duplex == "long":
                assert bx == pytest.approx(page_w - x - w, abs=TOLERANCE_MM)
                assert by == pytest.approx(y, abs=TOLERANCE_MM)
            else:
                assert bx == pytest.approx(x, abs=TOLERANCE_MM)
                assert by == pytest.approx(page_h - y - h, abs=TOLERANCE_MM)
    assert len(placements(reader, 2)) == 3


@pytest.mark.parametrize("copies, pages, last_sheet_cards", [(8, 2, 8), (16, 4, 8), (17, 6, 1),
                                                             (1, 2, 1)])
def test_page_counts_full_and_partial_sheets(library, tmp_path, copies, pages,
                                             last_sheet_cards):
    path, result = build(library, tmp_path, copies=copies)  # letter red: 8 a sheet
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    assert result.sheets == pages // 2
    assert len(placements(reader, pages - 2)) == last_sheet_cards
    assert len(placements(reader, pages - 1)) == last_sheet_cards


def test_every_font_embedded_and_subset_never_type3(library, tmp_path):
    path, _ = build(library, tmp_path, code="es")
    found = fonts(PdfReader(path))
    assert found, "no fonts found"
    for font in found:
        assert font["subtype"] == "/TrueType", font
        assert font["embedded"], font
        assert font["to_unicode"], font
        assert re.match(r"/[A-Z]{6}\+", font["name"]), font  # subset tag


def test_viewer_preferences_metadata_and_boxes(library, tmp_path):
    path, _ = build(library, tmp_path, code="es", duplex="short")
    reader = PdfReader(path)
    prefs = reader.trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"
    assert prefs["/Duplex"] == "/DuplexFlipShortEdge"
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert "Spanish" in reader.metadata.title
    page = reader.pages[0]
    assert float(page.trimbox.width) < float(page.mediabox.width)
    assert float(page.bleedbox.width) > float(page.trimbox.width)


def test_two_builds_are_byte_identical(library, tmp_path):
    first, _ = build(library, tmp_path / "one", code="fa")
    second, _ = build(library, tmp_path / "two", code="fa")
    assert first.read_bytes() == second.read_bytes()


def test_sheet_text_extracts(library, tmp_path):
    path, _ = build(library, tmp_path, code="es", copies=1)
    text = " ".join(pdftotext(path).split())
    spanish = library.card("es")
    assert " ".join(spanish.front.title.split()) in text
    for point in spanish.back.points:
        assert " ".join(point.split()) in text
    assert "Print at 100 % (actual size)" in text
    assert "flip on long edge" in text
