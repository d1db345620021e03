"""Sheets on stock, card pages and plain paper, read back from the PDFs in millimetres: cells,
bleed, marks, partly used sheets and printer corrections."""

from __future__ import annotations

import pytest
from making import build
from pdfinspect import (
    CARD_TAG,
    MM_PER_PT,
    _operations,
    assert_rects,
    boxes_mm,
    flat,
    page_size_mm,
    pdftotext,
    placements,
    segments,
    trims,
)
from pypdf import PdfReader

TOLERANCE_MM = 0.01
INCH = 25.4

# The stocks' numbers, written out again here from the team notes (gLabels' database), so a
# wrong template file cannot agree with itself: page, card w x h, cols x rows, left, top,
# pitch x, pitch y (mm).
STOCKS = {
    "avery-5371": ((215.9, 279.4), (3.5 * INCH, 2 * INCH), (2, 5), 0.75 * INCH, 0.5 * INCH,
                   3.5 * INCH, 2 * INCH),
    "avery-8373": ((215.9, 279.4), (3.5 * INCH, 2 * INCH), (2, 4), 0.5 * INCH, 0.75 * INCH,
                   4 * INCH, 2.5 * INCH),
    "c32011": ((210.0, 297.0), (85.0, 54.0), (2, 5), 15.0, 13.5, 95.0, 54.0),
    "c32015": ((210.0, 297.0), (85.0, 54.0), (2, 4), 17.0, 31.5, 91.0, 60.0),
}


def expected_cells(stock: str) -> list[tuple[float, float, float, float]]:
    (page_w, page_h), (w, h), (cols, rows), left, top, pitch_x, pitch_y = STOCKS[stock]
    return [(left + col * pitch_x, page_h - top - row * pitch_y - h, w, h)
            for row in range(rows) for col in range(cols)]


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_stock_cards_sit_exactly_in_the_cells(library, tmp_path, stock):
    path, _ = build(library, tmp_path, "es", template=stock)
    reader = PdfReader(path)
    (page_w, page_h), *_ = STOCKS[stock]
    assert page_size_mm(reader) == pytest.approx((page_w, page_h), abs=TOLERANCE_MM)
    assert_rects(trims(reader, 0), expected_cells(stock))
    # long-edge flip: the back of each cell is the same cell seen from behind
    mirrored = [(page_w - x - w, y, w, h) for x, y, w, h in expected_cells(stock)]
    assert_rects(trims(reader, 1), mirrored)
    assert not segments(reader, 0), "perforated stock gets no crop marks by default"


# Colour beyond the cut (mm) left, right, below, above: the theme's 2 mm where there is a gap
# between cells (at most half of it), none where cells touch.
STOCK_BLEED = {"avery-5371": (0.0, 0.0, 0.0, 0.0), "avery-8373": (2.0, 2.0, 2.0, 2.0),
               "c32011": (2.0, 2.0, 0.0, 0.0), "c32015": (2.0, 2.0, 2.0, 2.0)}


def painted_backgrounds(reader: PdfReader, page: int) -> list[tuple[float, float, float,
                                                                     float]]:
    """Per card face on the page, in drawing order: the largest rectangle it fills, on the
    page in mm (left, bottom, right, top): the card's colour, bleed included."""
    found: list[tuple[float, float, float, float]] = []
    pending = None
    for operator, operands, ctm, card in _operations(reader, page):
        if operator == b"BDC" and str(operands[0]) == CARD_TAG:
            found.append((0.0, 0.0, 0.0, 0.0))
        elif operator == b"re" and card is not None:
            x, y, w, h = (float(v) for v in operands)
            a, b, c, d, e, f = ctm
            corners = [((a * u + c * v + e) * MM_PER_PT, (b * u + d * v + f) * MM_PER_PT)
                       for u, v in ((x, y), (x + w, y + h))]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            pending = (min(xs), min(ys), max(xs), max(ys))
        elif operator in (b"f", b"F", b"f*", b"B", b"B*") and pending is not None:
            left, bottom, right, top = found[-1]
            if (pending[2] - pending[0]) * (pending[3] - pending[1]) > (right - left) * (
                    top - bottom):
                found[-1] = pending
            pending = None
        elif operator != b"re":
            pending = None
    return found


@pytest.mark.parametrize("stock", sorted(STOCK_BLEED))
def test_stock_bleed_per_side_never_reaches_a_neighbour(library, tmp_path, stock):
    reader = PdfReader(build(library, tmp_path, "es", template=stock)[0])
    left, right, below, above = STOCK_BLEED[stock]
    for page in (0, 1):  # fronts, and backs mirrored behind them
        box = boxes_mm(reader, page)
        assert [box["trim"][0] - box["bleed"][0], box["bleed"][2] - box["trim"][2],
                box["trim"][1] - box["bleed"][1], box["bleed"][3] - box["trim"][3]] == \
            pytest.approx([left, right, below, above], abs=TOLERANCE_MM)
        cards = trims(reader, page)
        painted = painted_backgrounds(reader, page)
        assert len(painted) == len(cards)
        for (x, y, w, h), colour in zip(cards, painted):
            assert [x - colour[0], colour[2] - (x + w), y - colour[1], colour[3] - (y + h)] \
                == pytest.approx([left, right, below, above], abs=TOLERANCE_MM)
            for ox, oy, ow, oh in cards:  # no colour on another card
                if (ox, oy) != (x, y):
                    assert (colour[2] <= ox + TOLERANCE_MM or colour[0] >= ox + ow - TOLERANCE_MM
                            or colour[3] <= oy + TOLERANCE_MM
                            or colour[1] >= oy + oh - TOLERANCE_MM)


def test_card_printer_page_is_the_card(library, tmp_path):
    reader = PdfReader(build(library, tmp_path, "es", template="cr80")[0])
    assert len(reader.pages) == 2  # front, then back
    for page in (0, 1):
        assert page_size_mm(reader, page) == pytest.approx((85.60, 53.98), abs=TOLERANCE_MM)
        assert_rects(trims(reader, page), [(0.0, 0.0, 85.60, 53.98)])


@pytest.mark.parametrize("theme, bleed", [("red", 3.0), ("economy", 0.0)])
def test_print_shop_pages_have_trim_and_bleed_boxes(library, tmp_path, theme,
                                                    bleed):
    path, _ = build(library, tmp_path, "es", template="print-shop", card="business",
                    theme=theme, copies=3)
    reader = PdfReader(path)
    assert len(reader.pages) == 6  # one card per page, front and back
    w, h = 88.9, 50.8
    for page in range(6):
        box = boxes_mm(reader, page)
        assert box["media"] == pytest.approx((0, 0, w + 2 * bleed, h + 2 * bleed),
                                             abs=TOLERANCE_MM)
        assert box["trim"] == pytest.approx((bleed, bleed, bleed + w, bleed + h),
                                            abs=TOLERANCE_MM)
        assert box["bleed"] == pytest.approx(box["media"], abs=TOLERANCE_MM)
        assert_rects(trims(reader, page), [(bleed, bleed, w, h)])


def test_crop_ticks_on_all_four_sides_and_optional_cut_lines(library, tmp_path):
    ticks = PdfReader(build(library, tmp_path / "t", "es", template="letter")[0])
    lines = PdfReader(build(library, tmp_path / "l", "es", template="letter",
                            marks="lines")[0])
    none = PdfReader(build(library, tmp_path / "n", "es", template="letter",
                           marks="none")[0])
    cards = trims(ticks, 0)
    xs = sorted({round(v, 3) for x, _, w, _ in cards for v in (x, x + w)})
    ys = sorted({round(v, 3) for _, y, _, h in cards for v in (y, y + h)})
    grid = (min(xs), min(ys), max(xs), max(ys))
    marks = segments(ticks, 0)
    assert len(marks) == 2 * len(xs) + 2 * len(ys)
    for x in xs:  # every vertical cut has a tick above and below the grid
        near = [m for m in marks if abs(m.x1 - x) < 1e-3 and abs(m.x2 - x) < 1e-3]
        assert any(m.y1 > grid[3] for m in near) and any(m.y1 < grid[1] for m in near)
    for y in ys:  # every horizontal cut has a tick left and right of the grid
        near = [m for m in marks if abs(m.y1 - y) < 1e-3 and abs(m.y2 - y) < 1e-3]
        assert any(m.x1 < grid[0] for m in near) and any(m.x1 > grid[2] for m in near)
    for mark in marks:  # ticks stay off the cards (and their 2 mm of bleed)
        assert mark.length == pytest.approx(3.0, abs=TOLERANCE_MM)
        for x, y, w, h in cards:
            assert not (x - 2 < mark.x1 < x + w + 2 and y - 2 < mark.y1 < y + h + 2)
    long_lines = [s for s in segments(lines, 0) if s.length > 200]
    assert len(long_lines) == len(xs) + len(ys)
    assert not segments(none, 0)


def test_marks_on_perforated_stock_on_request(library, tmp_path):
    reader = PdfReader(build(library, tmp_path, "es", template="avery-5371",
                             marks="ticks")[0])
    assert len(segments(reader, 0)) == 2 * 3 + 2 * 6  # 3 vertical cuts, 6 horizontal


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("template", ["avery-5371", "c32015", "letter"])
def test_skipped_slots_and_partial_sheets_stay_duplex_true(library, tmp_path,
                                                           duplex, template):
    full = PdfReader(build(library, tmp_path / "full", "es", template=template,
                           duplex=duplex)[0])
    all_fronts, all_backs = trims(full, 0), trims(full, 1)
    per_sheet = len(all_fronts)
    path, printout = build(library, tmp_path / "part", "es", template=template,
                           duplex=duplex, start_slot=2, skip_slots=(4,), copies=per_sheet)
    reader = PdfReader(path)
    assert printout.sheets == 2 and len(reader.pages) == 4
    used = {0, 3}  # slot 1 (before --start-slot 2) and slot 4
    assert_rects(trims(reader, 0), [r for i, r in enumerate(all_fronts) if i not in used])
    assert_rects(trims(reader, 1), [r for i, r in enumerate(all_backs) if i not in used])
    assert_rects(trims(reader, 2), all_fronts[:2])  # the rest on a fresh sheet
    assert_rects(trims(reader, 3), all_backs[:2])
    w, h = page_size_mm(reader)
    for (x, y, cw, ch), (bx, by, _, _) in zip(trims(reader, 0), trims(reader, 1)):
        if duplex == "long":
            assert (bx, by) == pytest.approx((w - x - cw, y), abs=TOLERANCE_MM)
        else:
            assert (bx, by) == pytest.approx((x, h - y - ch), abs=TOLERANCE_MM)
    text = pdftotext(path)
    assert "slots 1, 4 already used" in " ".join(text.split())


def test_offsets_shift_exactly_the_pages_they_should(library, tmp_path):
    plain = PdfReader(build(library, tmp_path / "a", "es", copies=10)[0])
    front, back = (1.2, -0.7), (-2.0, 0.5)
    moved = PdfReader(build(library, tmp_path / "b", "es", copies=10, offset_front=front,
                            offset_back=back)[0])
    assert len(moved.pages) == 4
    for page in range(4):
        dx, dy = back if page % 2 else front
        want = [(x + dx, y + dy, w, h) for x, y, w, h in trims(plain, page)]
        assert_rects(trims(moved, page), want)
        shifted = [(s.x1 + dx, s.y1 + dy) for s in segments(plain, page)]
        assert shifted, "the crop marks move with the cards"
        assert flat((s.x1, s.y1) for s in segments(moved, page)) == pytest.approx(
            flat(shifted), abs=1e-6)


def test_scale_correction_is_about_the_page_centre(library, tmp_path):
    plain = PdfReader(build(library, tmp_path / "a", "es")[0])
    scaled = PdfReader(build(library, tmp_path / "b", "es", scale=(1.01, 0.99))[0])
    w, h = page_size_mm(plain)
    want = [(w / 2 + (x - w / 2) * 1.01, h / 2 + (y - h / 2) * 0.99, cw * 1.01, ch * 0.99)
            for x, y, cw, ch in trims(plain, 0)]
    # the bleed is taken off in card units, before the page's matrix scales it
    assert_rects([p.rect_mm(2.0) for p in placements(scaled, 0)], want)


