"""The back's organisation name, logo and QR code: on the face, and read back from real PDFs."""

from __future__ import annotations

import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import segno
import zxingcpp
from conftest import LOGO_BLUE
from making import build
from pdfinspect import MM_PER_PT, fonts, form, marked_rects, pdftotext, placements
from PIL import Image
from pypdf import PdfReader

from redcard import THEMES, CardExtras, Extras
from redcard.design.card import CardDesign, CardDesigner
from redcard.design.qr import MIN_MODULE_MM, QUIET_ZONE_MODULES
from redcard.design.scene import Picture, QrCode
from redcard.errors import FitError
from redcard.model.extras import ExtrasError, hotline_line
from redcard.model.logo import LogoError
from redcard.render.shapes import QR_TAG

TODAY = datetime.date(2026, 11, 22)
DESIGN = CardDesign()
SIZES = ("business", "eu", "id1")
URL = "https://example.org/know-your-rights/los-angeles"
ORG = "Example Legal Aid Society"
DPI = 300


@pytest.fixture(scope="session")
def back_sheets(library, logo_png, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """es cards (one per PDF) with every extra, for each theme and card size."""
    out = tmp_path_factory.mktemp("backs")
    extras = CardExtras(hotline=hotline_line(library.hotlines.get("la-county")), org=ORG,
                        logo=logo_png, qr_url=URL)
    built = {}
    for theme in THEMES:
        for size in SIZES:
            built[(theme, size)] = build(library, out / f"{theme}-{size}", "es", theme=theme,
                                         card=size, copies=1, extras=extras)[0]
    return built


def render(path: Path, page: int, dpi: int = DPI) -> Image.Image:
    document = pdfium.PdfDocument(str(path))
    try:
        return document[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("size", SIZES)
def test_qr_code_decodes_to_the_url(back_sheets, theme, size):
    image = render(back_sheets[(theme, size)], 1)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in found] == [URL]


def test_qr_has_a_light_quiet_zone_of_four_modules(back_sheets):
    """On the red card: the four modules around the symbol are white, as rendered."""
    path = back_sheets[("red", "id1")]
    image = render(path, 1).convert("L")
    (code,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    points = [code.position.top_left, code.position.top_right, code.position.bottom_left,
              code.position.bottom_right]
    x0, x1 = min(p.x for p in points), max(p.x for p in points)
    y0, y1 = min(p.y for p in points), max(p.y for p in points)
    symbol = segno.make_qr(URL, error="m", boost_error=True).symbol_size(border=0)[0]
    module_px = (x1 - x0 + 1) / symbol
    ring = int(QUIET_ZONE_MODULES * module_px) - 2  # anti-aliased edges aside
    for dx in range(2, ring):
        for y in range(y0, y1, 3):
            assert image.getpixel((x0 - dx, y)) > 200 and image.getpixel((x1 + dx, y)) > 200
        for x in range(x0, x1, 3):
            assert image.getpixel((x, y0 - dx)) > 200 and image.getpixel((x, y1 + dx)) > 200


@pytest.mark.parametrize("size", SIZES)
def test_qr_modules_measured_in_the_pdf_are_at_least_a_third_of_a_mm(back_sheets, size):
    path = back_sheets[("red", size)]
    reader = PdfReader(path)
    rects = marked_rects(form(reader, 1, "back-"), QR_TAG)
    assert rects, "no QR drawing found"
    heights = {round(h, 4) for _, _, _, h in rects}
    assert len(heights) == 1  # one rectangle per run of dark modules in a row
    module_mm = heights.pop() * MM_PER_PT
    assert module_mm >= MIN_MODULE_MM
    # the drawing is exactly segno's matrix: rebuild it from the rectangles
    matrix = segno.make_qr(URL, error="m", boost_error=True).matrix
    n = len(matrix)
    left = min(x for x, _, _, _ in rects)
    top = max(y + h for _, y, _, h in rects)
    drawn = [[0] * n for _ in range(n)]
    module_pt = module_mm / MM_PER_PT
    for x, y, w, h in rects:
        row = round((top - y - h) / module_pt)
        first = round((x - left) / module_pt)
        for column in range(first, first + round(w / module_pt)):
            drawn[row][column] = 1
    left_column = min(next(i for i, v in enumerate(r) if v) for r in matrix if any(r))
    assert left_column == 0
    assert drawn == [list(row) for row in matrix]
    # fewer rectangles than dark modules: runs are merged
    assert len(rects) < sum(map(sum, matrix))


def test_over_long_url_is_refused(library, tmp_path):
    url = "https://example.org/" + "a" * 200
    extras = CardExtras(qr_url=url)
    with pytest.raises(FitError) as caught:
        build(library, tmp_path, "en", extras=extras)
    assert caught.value.setting == "qr"
    assert f"{MIN_MODULE_MM} mm" in caught.value.what
    assert not any(tmp_path.iterdir())


def test_longest_accepted_url_still_has_large_enough_modules(library):
    """Grow the address until it is refused: every accepted one has modules ≥ 0.33 mm."""
    accepted = None
    for length in range(20, 200, 4):
        url = "https://example.org/" + "x" * length
        try:
            face = CardDesigner(library.catalog.cards["id1"], THEMES["red"],
                                library.fonts).back(library.card("en"), CardExtras(qr_url=url))
        except FitError:
            break
        (mark,) = face.scene.find(QrCode)
        assert mark.module_mm >= MIN_MODULE_MM
        accepted = url
    assert accepted is not None and len(accepted) > 60


def test_url_and_org_print_on_the_back_only(back_sheets):
    path = back_sheets[("red", "id1")]
    back = " ".join(pdftotext(path, "-f", "2", "-l", "2").split())
    front = " ".join(pdftotext(path, "-f", "1", "-l", "1").split())
    assert ORG in back and ORG not in front
    assert "example.org" in back and "example.org" not in front


def test_logo_keeps_its_aspect_inside_its_area(library, logo_png):
    id1 = library.catalog.cards["id1"]
    face = CardDesigner(id1, THEMES["red"], library.fonts).back(library.card("es"),
                                                                 CardExtras(logo=logo_png))
    (picture,) = face.scene.find(Picture)
    assert picture.width_mm / picture.height_mm == pytest.approx(2.0, abs=1e-9)
    assert picture.width_mm <= DESIGN.column_mm - 2 * DESIGN.logo_pad_mm + 1e-9
    assert picture.height_mm <= DESIGN.logo_mm - 2 * DESIGN.logo_pad_mm + 1e-9
    right_edge = id1.width_mm - DESIGN.inset_mm
    assert picture.x_mm >= right_edge - DESIGN.column_mm - 1e-9
    assert picture.x_mm + picture.width_mm <= right_edge + 1e-9


def test_logo_is_printed_in_the_top_right_of_the_back(back_sheets):
    path = back_sheets[("red", "id1")]  # Letter, red: cards upright
    reader = PdfReader(path)
    (placed,) = placements(reader, 1)
    assert placed.matrix[:4] == (1, 0, 0, 1)
    x, y, w, h = placed.rect_mm(THEMES["red"].bleed_mm)
    image = render(path, 1, dpi=150)
    px = 150 / 25.4
    page_h = image.height
    blue = [(i, j) for i in range(int(x * px), int((x + w) * px))
            for j in range(int(page_h - (y + h) * px), int(page_h - y * px))
            if all(abs(a - b) < 30 for a, b in zip(image.getpixel((i, j)), LOGO_BLUE))]
    assert blue
    # every blue pixel is in the right column and the top third of the card
    assert min(i for i, _ in blue) > (x + w * 0.7) * px
    assert max(j for _, j in blue) < page_h - (y + h * 0.66) * px


def test_every_font_still_embedded_with_all_extras(back_sheets):
    for path in back_sheets.values():
        for font in fonts(PdfReader(path)):
            assert font["subtype"] == "/TrueType" and font["embedded"] and \
                font["to_unicode"], font


def test_svg_logo(library, tmp_path):
    pytest.importorskip("svglib")
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
                   '<rect width="200" height="100" fill="#143ca0"/>'
                   '<circle cx="50" cy="50" r="40" fill="#e67800"/></svg>', encoding="utf-8")
    path, _ = build(library, tmp_path, "en", theme="economy", copies=1,
                    extras=CardExtras(logo=svg))
    for font in fonts(PdfReader(path)):
        assert font["subtype"] == "/TrueType" and font["embedded"], font
    image = render(path, 1, dpi=100)
    assert any(all(abs(a - b) < 30 for a, b in zip(image.getpixel((i, j)), LOGO_BLUE))
               for i in range(0, image.width, 2) for j in range(0, image.height // 2, 2))


def test_svg_with_text_is_refused(library, tmp_path):
    pytest.importorskip("svglib")
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
                   '<text x="10" y="50">Legal Aid</text></svg>', encoding="utf-8")
    with pytest.raises(LogoError) as caught:
        library.extras(Extras(logo=svg), TODAY)
    assert "outlines" in caught.value.fix


@pytest.mark.parametrize("content, message", [
    (b"not an image", "not a readable image"),
    (None, "no such file"),
])
def test_bad_logo_files(library, tmp_path, content, message):
    path = tmp_path / "logo.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LogoError) as caught:
        library.extras(Extras(logo=path), TODAY)
    assert message in caught.value.what and caught.value.setting == "logo"


def test_qr_needs_a_web_address(library):
    with pytest.raises(ExtrasError) as caught:
        library.extras(Extras(qr="example.org"), TODAY)
    assert caught.value.setting == "qr" and "https://" in caught.value.fix


def test_builds_with_every_extra_are_byte_identical(library, logo_png, tmp_path):
    extras = CardExtras(hotline=hotline_line(library.hotlines.get("la-county")), org=ORG,
                        logo=logo_png, qr_url=URL)
    first, second = (build(library, tmp_path / name, "fa", extras=extras)[0]
                     for name in ("one", "two"))
    assert first.read_bytes() == second.read_bytes()
