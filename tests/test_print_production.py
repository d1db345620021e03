"""Issue 6: templates, marks, partial stock, orders, calibration and printer offsets — checked
on the real PDFs, in millimetres."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pdfinspect import boxes_mm, page_size_mm, pdftotext, placements, segments
from pypdf import PdfReader

from redcard.build import BuildOptions, build_card, prepare
from redcard.calibrate import RULER_MM, TARGET_INSET_MM, measurements_to_profile
from redcard.cli import cli
from redcard.errors import FitError
from redcard.imposition import fill_slots
from redcard.pdf import PageCorrection
from redcard.printers import (
    PrinterError,
    PrinterProfile,
    get_profile,
    load_profiles,
    save_profile,
)
from redcard.template import TEMPLATES_DIR, TemplateError, load_templates

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


def trims(reader: PdfReader, page: int) -> list[tuple[float, float, float, float]]:
    """Card trim rectangles on a page: form bbox less the bleed the page's boxes declare."""
    box = boxes_mm(reader, page)
    bleed = box["trim"][0] - box["bleed"][0]
    return [p.rect_mm(bleed) for p in placements(reader, page)]


def expected_cells(stock: str) -> list[tuple[float, float, float, float]]:
    (page_w, page_h), (w, h), (cols, rows), left, top, pitch_x, pitch_y = STOCKS[stock]
    return [(left + col * pitch_x, page_h - top - row * pitch_y - h, w, h)
            for row in range(rows) for col in range(cols)]


def assert_rects(found, expected) -> None:
    assert len(found) == len(expected)
    for rect, want in zip(found, expected):
        assert rect == pytest.approx(want, abs=TOLERANCE_MM)


def flat(points) -> list[float]:
    return [value for point in points for value in point]


def build(library, registry, out: Path, code: str = "es", **options):
    return build_card(library.cards[code], BuildOptions(**options), out, registry)


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_stock_cards_sit_exactly_in_the_cells(library, registry, tmp_path, stock):
    result = build(library, registry, tmp_path, template=stock)
    reader = PdfReader(result.path)
    (page_w, page_h), *_ = STOCKS[stock]
    assert page_size_mm(reader) == pytest.approx((page_w, page_h), abs=TOLERANCE_MM)
    assert_rects(trims(reader, 0), expected_cells(stock))
    # long-edge flip: the back of each cell is the same cell seen from behind
    mirrored = [(page_w - x - w, y, w, h) for x, y, w, h in expected_cells(stock)]
    assert_rects(trims(reader, 1), mirrored)
    assert not segments(reader, 0), "perforated stock gets no crop marks by default"


@pytest.mark.parametrize("stock, bleed", [("avery-5371", 0.0), ("avery-8373", 2.0),
                                          ("c32011", 0.0), ("c32015", 2.0)])
def test_stock_bleed_never_reaches_a_neighbour(library, registry, tmp_path, stock, bleed):
    reader = PdfReader(build(library, registry, tmp_path, template=stock).path)
    box = boxes_mm(reader, 0)
    assert box["trim"][0] - box["bleed"][0] == pytest.approx(bleed, abs=TOLERANCE_MM)
    for placed in placements(reader, 0):
        x0, y0, x1, y1 = placed.bbox_pt
        assert (x1 - x0) * 25.4 / 72 == pytest.approx(STOCKS[stock][1][0] + 2 * bleed,
                                                      abs=TOLERANCE_MM)


def test_card_printer_page_is_the_card(library, registry, tmp_path):
    reader = PdfReader(build(library, registry, tmp_path, template="cr80").path)
    assert len(reader.pages) == 2  # front, then back
    for page in (0, 1):
        assert page_size_mm(reader, page) == pytest.approx((85.60, 53.98), abs=TOLERANCE_MM)
        assert_rects(trims(reader, page), [(0.0, 0.0, 85.60, 53.98)])


@pytest.mark.parametrize("theme, bleed", [("red", 3.0), ("economy", 0.0)])
def test_print_shop_pages_have_trim_and_bleed_boxes(library, registry, tmp_path, theme,
                                                    bleed):
    result = build(library, registry, tmp_path, template="print-shop", card="business",
                   theme=theme, copies=3)
    reader = PdfReader(result.path)
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


def test_card_that_does_not_fit_the_stock_names_stocks_that_do():
    with pytest.raises(TemplateError) as caught:
        prepare(BuildOptions(template="avery-5371", card="id1"))
    message = caught.value.one_line()
    assert "does not fit avery-5371" in message
    assert "letter" in message and "cr80" in message and "c32011" not in message.split("fix")[1]


def test_grid_that_fits_the_page_exactly_is_accepted(tmp_path):
    # 2 x 5 business cards with no margin at all on a 177.8 x 254 mm page: exactly full
    (tmp_path / "exact.yaml").write_text(yaml.safe_dump({
        "title": "exact", "kind": "stock", "page": "letter", "card": "business",
        "grid": {"cols": 2, "rows": 5, "left_mm": 215.9 - 2 * 88.9, "top_mm": 279.4 - 254.0,
                 "pitch_x_mm": 88.9, "pitch_y_mm": 50.8}}))
    (tmp_path / "over.yaml").write_text(yaml.safe_dump({
        "title": "over", "kind": "stock", "page": "letter", "card": "business",
        "grid": {"cols": 2, "rows": 5, "left_mm": 215.9 - 2 * 88.9 + 0.01, "top_mm": 0.0,
                 "pitch_x_mm": 88.9, "pitch_y_mm": 50.8}}))
    with pytest.raises(TemplateError, match="over.yaml: grid: cells run off the page"):
        load_templates(tmp_path)
    (tmp_path / "over.yaml").unlink()
    assert load_templates(tmp_path)["exact"].slots == 10


def test_every_shipped_template_loads_and_lists(library):
    found = load_templates()
    assert {"letter", "a4", "legal", "avery-5371", "avery-8373", "c32011", "c32015", "cr80",
            "print-shop"} <= set(found)
    assert all(t.path.parent == TEMPLATES_DIR for t in found.values())
    result = CliRunner().invoke(cli, ["templates"])
    assert result.exit_code == 0
    for name in found:
        assert name in result.output
    assert "Avery 8371" in result.output


def test_crop_ticks_on_all_four_sides_and_optional_cut_lines(library, registry, tmp_path):
    ticks = PdfReader(build(library, registry, tmp_path / "t", template="letter").path)
    lines = PdfReader(build(library, registry, tmp_path / "l", template="letter",
                            marks="lines").path)
    none = PdfReader(build(library, registry, tmp_path / "n", template="letter",
                           marks="none").path)
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


def test_marks_on_perforated_stock_on_request(library, registry, tmp_path):
    reader = PdfReader(build(library, registry, tmp_path, template="avery-5371",
                             marks="ticks").path)
    assert len(segments(reader, 0)) == 2 * 3 + 2 * 6  # 3 vertical cuts, 6 horizontal


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("template", ["avery-5371", "c32015", "letter"])
def test_skipped_slots_and_partial_sheets_stay_duplex_true(library, registry, tmp_path,
                                                           duplex, template):
    full = PdfReader(build(library, registry, tmp_path / "full", template=template,
                           duplex=duplex).path)
    all_fronts, all_backs = trims(full, 0), trims(full, 1)
    per_sheet = len(all_fronts)
    result = build(library, registry, tmp_path / "part", template=template, duplex=duplex,
                   start_slot=2, skip_slots=(4,), copies=per_sheet)
    reader = PdfReader(result.path)
    assert result.sheets == 2 and len(reader.pages) == 4
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
    text = pdftotext(result.path)
    assert "slots 1, 4 already used" in " ".join(text.split())


def test_slot_numbers_outside_the_sheet_are_refused():
    with pytest.raises(FitError, match="slot 11 does not exist: avery-5371 has slots 1 to 10"):
        prepare(BuildOptions(template="avery-5371", skip_slots=(11,)))
    with pytest.raises(FitError, match="every slot of the first sheet"):
        prepare(BuildOptions(template="avery-5371", start_slot=10, skip_slots=(10,)))


@pytest.mark.parametrize("counts, per_sheet, used, sheets", [
    ([("es", 20)], 10, set(), 2),  # exactly full: no blank third sheet
    ([("es", 15), ("ko", 5)], 10, set(), 2),  # exactly full across languages
    ([("es", 8)], 10, {0, 1}, 1),  # exactly fills the partly used sheet
    ([("es", 9)], 10, {0, 1}, 2),
    ([("es", 305), ("ko", 85)], 8, set(), 49),
])
def test_fill_slots_uses_the_fewest_sheets(counts, per_sheet, used, sheets):
    filled = fill_slots(counts, per_sheet, frozenset(used))
    assert len(filled) == sheets == math.ceil((sum(c for _, c in counts) + len(used))
                                              / per_sheet)
    for key, count in counts:
        assert sum(sheet.count(key) for sheet in filled) == count
    assert all(filled[0][slot] is None for slot in used)
    assert any(key is not None for key in filled[-1])


def write_order(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_order_totals_and_summary(library, tmp_path):
    order = write_order(tmp_path / "library.csv",
                        ["language,quantity,template,theme", "es,300,,", "ko,80,,", "es,5,,",
                         "fa,20,avery-5371,economy"])
    result = CliRunner().invoke(cli, ["order", str(order), "--json", "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{"):result.output.rindex("}") + 1])
    by_code = {lang["code"]: (lang["cards"], f["sheets"], f["per_sheet"], f["blanks"])
               for f in summary["files"] for lang in f["languages"]}
    assert by_code == {"es": (305, 39, 8, 7), "ko": (80, 10, 8, 0), "fa": (20, 2, 10, 0)}
    assert summary["cards"] == 405 and summary["sheets"] == 51 and summary["blanks"] == 7
    for entry in summary["files"]:
        reader = PdfReader(entry["path"])
        assert len(reader.pages) == 2 * entry["sheets"]
        placed = sum(len(placements(reader, i)) for i in range(0, len(reader.pages), 2))
        assert placed == sum(lang["cards"] for lang in entry["languages"])


def test_combined_order_shares_sheets_and_says_what_each_holds(library, tmp_path):
    order = tmp_path / "order.yaml"
    order.write_text(yaml.safe_dump({"template": "avery-5371", "cards": [
        {"language": "es", "quantity": 13}, {"language": "ko", "quantity": 7}]}))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["order", str(order), "--combined", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "total: 20 cards on 2 sheet(s), 0 blank slot(s)" in result.output
    reader = PdfReader(out / "order.pdf")
    assert len(reader.pages) == 4  # exactly full: no blank sheet
    names = [[p.name for p in placements(reader, page)] for page in range(4)]
    assert len(names[0]) == 10 and all("front-es" in n for n in names[0])
    assert sum("front-ko" in n for n in names[2]) == 7
    assert sum("back-ko" in n for n in names[3]) == 7
    text = " ".join(pdftotext(out / "order.pdf").split())
    assert "Sheet 1 of 2" in text and "Sheet 2 of 2" in text
    assert "ko " in text and "×7 (slots 4–10)" in text


def test_order_file_mistakes_are_one_line(tmp_path):
    bad = write_order(tmp_path / "bad.csv", ["language,quantity", "es,lots"])
    result = CliRunner().invoke(cli, ["order", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"redcard: error: {bad}: line 2: quantity: quantity 'lots' is not a whole number from "
        "1 to 100000 (fix: give how many cards to print, e.g. 300)")
    unknown = write_order(tmp_path / "unknown.csv", ["language,quantity", "xx,3"])
    result = CliRunner().invoke(cli, ["order", str(unknown)])
    assert result.exit_code == 2 and "unknown language 'xx'" in result.output


def test_skip_slots_with_many_languages_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--lang", "es", "--lang", "ko", "--skip-slots",
                                      "1", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "describe one partly used sheet" in result.output
    assert not list(tmp_path.iterdir())


def test_calibration_rulers_measure_100_mm(tmp_path):
    out = tmp_path / "cal.pdf"
    result = CliRunner().invoke(cli, ["calibrate", "--paper", "a4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert page_size_mm(reader) == pytest.approx((210.0, 297.0), abs=TOLERANCE_MM)
    lines = segments(reader, 0)
    horizontal = [s for s in lines if abs(s.y1 - s.y2) < 1e-6 and s.length > 50]
    vertical = [s for s in lines if abs(s.x1 - s.x2) < 1e-6 and s.length > 50]
    assert [round(s.length, 2) for s in horizontal] == [RULER_MM]
    assert [round(s.length, 2) for s in vertical] == [RULER_MM]
    rule = horizontal[0]
    ticks = sorted(s.x1 for s in lines if abs(s.x1 - s.x2) < 1e-6 and s.length < 6
                   and min(s.y1, s.y2) < rule.y1 - 1 and max(s.y1, s.y2) == pytest.approx(
                       rule.y1, abs=1e-6))
    assert len(ticks) == 101
    assert ticks[-1] - ticks[0] == pytest.approx(100.0, abs=TOLERANCE_MM)
    assert all(b - a == pytest.approx(1.0, abs=TOLERANCE_MM) for a, b in zip(ticks, ticks[1:]))
    text = " ".join(pdftotext(out).split())
    assert "100 mm" in text and "hold the sheet against a window" in text


def crosses(reader: PdfReader, page: int) -> list[tuple[float, float]]:
    """Centres of the calibration targets/scales: where a 16 mm horizontal and vertical cross."""
    lines = segments(reader, page)
    horizontal = [s for s in lines if abs(s.y1 - s.y2) < 1e-6 and abs(s.length - 16) < 1e-3]
    return sorted(((s.x1 + s.x2) / 2, s.y1) for s in horizontal)


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_back_scales_sit_behind_front_targets(tmp_path, duplex):
    out = tmp_path / "cal.pdf"
    CliRunner().invoke(cli, ["calibrate", "--duplex", duplex, "--out", str(out)])
    reader = PdfReader(out)
    w, h = page_size_mm(reader)
    fronts = crosses(reader, 0)
    assert flat(fronts) == pytest.approx(flat(sorted([(25, 25), (25, h - 25), (w - 25, 25),
                                                      (w - 25, h - 25)])), abs=TOLERANCE_MM)
    flipped = sorted((w - x, y) if duplex == "long" else (x, h - y) for x, y in fronts)
    assert flat(crosses(reader, 1)) == pytest.approx(flat(flipped), abs=TOLERANCE_MM)


def test_measurements_become_the_right_corrections():
    # printed 0.4 mm too far right and 0.2 mm too high; back reads +1.5, -0.5
    profile = measurements_to_profile("p", duplex="long", ruler_mm=(99.5, 100.25),
                                      front_measured_mm=(TARGET_INSET_MM + 0.4,
                                                         TARGET_INSET_MM - 0.2),
                                      back_reading_mm=(1.5, -0.5))
    assert profile.front_offset_mm == pytest.approx((-0.4, -0.2))
    # the corrected front moves 0.4 mm left as seen from the front = right from the back
    assert profile.back_offset_mm == pytest.approx((1.5 + 0.4, -0.5 - 0.2))
    assert (profile.scale_x, profile.scale_y) == pytest.approx((100 / 99.5, 100 / 100.25),
                                                               abs=1e-5)


def test_offsets_shift_exactly_the_pages_they_should(library, registry, tmp_path):
    plain = PdfReader(build(library, registry, tmp_path / "a", copies=10).path)
    correction = PageCorrection(front_offset_mm=(1.2, -0.7), back_offset_mm=(-2.0, 0.5))
    moved = PdfReader(build(library, registry, tmp_path / "b", copies=10,
                            correction=correction).path)
    assert len(moved.pages) == 4
    for page in range(4):
        dx, dy = correction.back_offset_mm if page % 2 else correction.front_offset_mm
        want = [(x + dx, y + dy, w, h) for x, y, w, h in trims(plain, page)]
        assert_rects(trims(moved, page), want)
        shifted = [(s.x1 + dx, s.y1 + dy) for s in segments(plain, page)]
        assert shifted, "the crop marks move with the cards"
        assert flat((s.x1, s.y1) for s in segments(moved, page)) == pytest.approx(
            flat(shifted), abs=1e-6)


def test_scale_correction_is_about_the_page_centre(library, registry, tmp_path):
    plain = PdfReader(build(library, registry, tmp_path / "a").path)
    scaled = PdfReader(build(library, registry, tmp_path / "b",
                             correction=PageCorrection(scale_x=1.01, scale_y=0.99)).path)
    w, h = page_size_mm(plain)
    want = [(w / 2 + (x - w / 2) * 1.01, h / 2 + (y - h / 2) * 0.99, cw * 1.01, ch * 0.99)
            for x, y, cw, ch in trims(plain, 0)]
    # the bleed is taken off in card units, before the page's matrix scales it
    assert_rects([p.rect_mm(2.0) for p in placements(scaled, 0)], want)


def test_printer_profiles_round_trip_and_apply(tmp_path, monkeypatch, library):
    monkeypatch.setenv("REDCARD_CONFIG_DIR", str(tmp_path / "config"))
    runner = CliRunner()
    result = runner.invoke(cli, ["printer", "set", "office", "--back-reading", "1.5,-0.5",
                                 "--ruler-mm", "99.8,100"])
    assert result.exit_code == 0, result.output
    profile = get_profile("office")
    assert profile.back_offset_mm == (1.5, -0.5)
    assert profile.scale_x == pytest.approx(100 / 99.8, abs=1e-5)
    assert (tmp_path / "config" / "printers.yaml").exists()
    assert "office" in runner.invoke(cli, ["printer"]).output
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", "--lang", "es", "--printer", "office", "--scale", "1",
                               "--out", str(out)]).exit_code == 0
    reference = tmp_path / "ref"
    runner.invoke(cli, ["build", "--lang", "es", "--out", str(reference)])
    plain, moved = PdfReader(reference / "es.pdf"), PdfReader(out / "es.pdf")
    assert_rects(trims(moved, 0), trims(plain, 0))  # fronts untouched
    assert_rects(trims(moved, 1), [(x + 1.5, y - 0.5, w, h) for x, y, w, h in trims(plain, 1)])
    missing = runner.invoke(cli, ["build", "--lang", "es", "--printer", "nope", "--out",
                                  str(out)])
    assert missing.exit_code == 2 and "no printer profile named 'nope'" in missing.output
    assert runner.invoke(cli, ["printer", "remove", "office"]).exit_code == 0
    assert load_profiles() == {}


def test_out_of_range_profiles_are_refused(tmp_path):
    with pytest.raises(PrinterError, match="outside 0.9"):
        save_profile(PrinterProfile("x", scale_x=0.5), tmp_path / "p.yaml")
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.parametrize("change, field", [
    ({"colour": "red"}, "colour: unknown field 'colour'"),
    ({"kind": "sticker"}, "kind: unknown kind 'sticker'"),
    ({"grid": {"cols": 0, "rows": 5, "left_mm": 0, "top_mm": 0, "pitch_x_mm": 1,
               "pitch_y_mm": 1}}, "grid.cols: must be a whole number >= 1"),
    ({"corner_radius_mm": 40}, "corner_radius_mm: must be a number from 0"),
])
def test_template_file_mistakes_name_file_and_field(tmp_path, change, field):
    data = yaml.safe_load((TEMPLATES_DIR / "avery-5371.yaml").read_text()) | change
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(TemplateError) as caught:
        load_templates(tmp_path)
    assert caught.value.one_line().startswith(f"{tmp_path / 'mine.yaml'}: {field}")
