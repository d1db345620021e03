"""Digital cards (PNG and single-card PDF) and `redcard preview`, through the command line."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp
from click.testing import CliRunner
from pdfinspect import fonts, page_size_mm, pdftotext, placements
from PIL import Image, ImageChops
from pypdf import PdfReader

from redcard.cli import cli
from redcard.geometry.sizes import load_sizes
from redcard.render.raster import scale_for_width

URL = "https://example.org/rights"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def digital_ar(tmp_path_factory):
    """Arabic with every extra: the PNGs at 1080 px and the single-card PDF."""
    out = tmp_path_factory.mktemp("digital")
    common = ["--lang", "ar", "--hotline", "la-county", "--org", "Example Legal Aid", "--qr",
              URL, "--out", str(out)]
    for args in (["--format", "png"], ["--format", "pdf"]):
        result = run("digital", *common, *args)
        assert result.exit_code == 0, result.output
    return out


def test_card_pdf_is_the_card_front_then_back_upright(digital_ar):
    path = digital_ar / "ar-card.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    for index, side in enumerate(("front", "back")):
        width, height = page_size_mm(reader, index)
        assert (width, height) == pytest.approx((85.60, 53.98), abs=0.01)
        (placed,) = placements(reader, index)
        assert side in placed.name
        assert placed.matrix == (1, 0, 0, 1, 0, 0)  # upright, at the page's origin
    front = pdftotext(path, "-f", "1", "-l", "1")
    assert "888-624-4752" in front
    for font in fonts(reader):
        assert font["subtype"] == "/TrueType" and font["embedded"], font


@pytest.mark.parametrize("side, page", [("front", 0), ("back", 1)])
def test_png_has_the_width_and_equals_a_pdfium_render_of_the_pdf(digital_ar, side, page):
    png = Image.open(digital_ar / f"ar-{side}.png").convert("RGB")
    assert png.width == 1080
    assert png.height == pytest.approx(1080 * 53.98 / 85.60, abs=1)
    document = pdfium.PdfDocument(str(digital_ar / "ar-card.pdf"))
    pdf_page = document[page]
    reference = pdf_page.render(scale=scale_for_width(pdf_page.get_width(), 1080)).to_pil()
    document.close()
    assert reference.size == png.size
    assert ImageChops.difference(png, reference.convert("RGB")).getbbox() is None


def test_phone_image_qr_decodes(digital_ar):
    image = Image.open(digital_ar / "ar-back.png")
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in found] == [URL]


@pytest.mark.parametrize("width", [200, 333, 1080, 1441])
def test_png_width_is_exact_for_any_width(tmp_path, width):
    result = run("digital", "--lang", "en", "--card", "business", "--width", str(width),
                 "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert Image.open(tmp_path / "en-front.png").width == width
    assert Image.open(tmp_path / "en-back.png").width == width


def test_scale_for_width_never_rounds_up():
    for size in load_sizes().cards.values():
        width_pt = size.width_mm / 25.4 * 72
        for width in range(200, 3000, 7):
            scale = scale_for_width(width_pt, width)
            assert -(-width_pt * scale // 1) == width


def test_digital_refuses_a_bad_width(tmp_path):
    result = run("digital", "--lang", "en", "--width", "50", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert not any(tmp_path.iterdir())


def test_preview_renders_every_page_of_a_build(tmp_path):
    assert run("build", "--lang", "es", "--copies", "9", "--out", str(tmp_path)).exit_code == 0
    result = run("preview", str(tmp_path / "es.pdf"), "--dpi", "50", "--out",
                 str(tmp_path / "look"))
    assert result.exit_code == 0, result.output
    pages = len(PdfReader(tmp_path / "es.pdf").pages)
    images = sorted((tmp_path / "look").glob("es-*.png"))
    assert len(images) == pages == 4
    width = Image.open(images[0]).width
    assert width == pytest.approx(215.9 / 25.4 * 50, abs=1)  # Letter at 50 dpi


def test_preview_of_a_missing_or_broken_file_is_a_one_line_error(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nonsense")
    for path in (tmp_path / "missing.pdf", broken):
        result = run("preview", str(path), "--out", str(tmp_path))
        assert result.exit_code == 2
        (line,) = result.output.strip().splitlines()
        assert line.startswith(f"redcard: error: {path}:")
