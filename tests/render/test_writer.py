"""The PDF writer on a hand-made scene: every kind of item lands where the scene says, in
millimetres, rendered by PDFium and read back by pypdf; the tags become the structure."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from pdfinspect import page_size_mm, pdftotext, placements, segments
from pypdf import PdfReader
from pypdf.generic import ContentStream

from redcard.design.scene import (
    BLACK,
    Circle,
    Group,
    Line,
    Rectangle,
    Scene,
    Stroke,
    Tag,
    TextBlock,
)
from redcard.geometry.affine import Affine
from redcard.render.pdf import Artwork, Document, Page, Placement, render_pdf
from redcard.render.shapes import UntaggedContent
from redcard.text import TextStyle, layout_paragraph

RED, BLUE = (0.8, 0.0, 0.0), (0.0, 0.0, 0.8)
DPI = 144
W, H = 100.0, 60.0


def document(library) -> bytes:
    latin = library.fonts.chain("en", "Latn", "regular")
    label = layout_paragraph("Hand made", TextStyle(latin, 12, "en", "Latn", False), 60.0)
    stamp = Scene(20.0, 10.0, (Tag("Figure", (Rectangle(0.0, 0.0, 20.0, 10.0, fill=BLUE),),
                                   alt="a blue stamp"),))
    page = Page(
        placements=(Placement("stamp", Affine.translate(70.0, 5.0), element="one"),
                    Placement("stamp", Affine.rotate90().then(Affine.translate(95.0, 30.0)),
                              element="two")),
        items=(Tag("Artifact", (
                   Rectangle(10.0, 10.0, 20.0, 10.0, fill=RED),
                   Circle(50.0, 15.0, 5.0, fill=BLUE),
                   Group((Line(5.0, 50.0, 45.0, 50.0), Line(5.0, 45.0, 5.0, 55.0)),
                         stroke=BLACK, line_mm=0.5),
                   Rectangle(40.0, 30.0, 20.0, 10.0, radius_mm=2.0, stroke=Stroke(0.4, RED),
                             isolated=True))),
               Tag("P", (TextBlock(label, 10.0, 58.0, BLACK),), lang="en")),
        trim_box=(0.0, 0.0, W, H), bleed_box=(0.0, 0.0, W, H))
    return render_pdf(Document(W, H, title="writer test", language="en", duplex="none",
                               initial_font=latin.primary, pages=(page,),
                               artworks=(Artwork("stamp", stamp),)))


def pixel(image, x_mm: float, y_mm: float):
    scale = DPI / 25.4
    return image.getpixel((round(x_mm * scale), round(image.height - y_mm * scale)))


@pytest.fixture(scope="module")
def written(library, tmp_path_factory):
    path = tmp_path_factory.mktemp("writer") / "scene.pdf"
    path.write_bytes(document(library))
    pdf = pdfium.PdfDocument(str(path))
    image = pdf[0].render(scale=DPI / 72).to_pil().convert("RGB")
    pdf.close()
    return path, image


def test_page_size_and_boxes(written):
    reader = PdfReader(written[0])
    assert page_size_mm(reader) == pytest.approx((W, H), abs=0.01)
    assert [float(v) * 25.4 / 72 for v in reader.pages[0].trimbox] == pytest.approx(
        [0, 0, W, H], abs=0.01)


def test_filled_shapes_land_where_the_scene_puts_them(written):
    _, image = written
    assert pixel(image, 20.0, 15.0) == pytest.approx((204, 0, 0), abs=2)  # red rectangle
    assert pixel(image, 32.0, 15.0) == (255, 255, 255)  # just right of it
    assert pixel(image, 50.0, 15.0) == pytest.approx((0, 0, 204), abs=2)  # circle's centre
    assert pixel(image, 50.0, 21.0) == (255, 255, 255)  # outside its 5 mm radius
    assert pixel(image, 50.0, 35.0) == (255, 255, 255)  # inside a stroked-only rectangle


def test_forms_are_drawn_once_and_placed_where_asked(written):
    path, image = written
    placed = placements(PdfReader(path), 0)
    assert [p.name for p in placed] == ["stamp"] * 2
    assert placed[0].rect_mm(0.0) == pytest.approx((70.0, 5.0, 20.0, 10.0), abs=0.01)
    assert placed[1].rect_mm(0.0) == pytest.approx((85.0, 30.0, 10.0, 20.0), abs=0.01)
    assert pixel(image, 80.0, 10.0) == pytest.approx((0, 0, 204), abs=2)
    assert pixel(image, 90.0, 45.0) == pytest.approx((0, 0, 204), abs=2)  # turned a quarter


def test_lines_have_the_group_width_and_text_reads_back(written):
    path, _ = written
    reader = PdfReader(path)
    found = {(round(s.x1, 3), round(s.y1, 3), round(s.x2, 3), round(s.y2, 3))
             for s in segments(reader, 0)}
    assert {(5.0, 50.0, 45.0, 50.0), (5.0, 45.0, 5.0, 55.0)} <= found
    widths = [round(float(operands[0]) * 25.4 / 72, 3) for operands, operator in
              ContentStream(reader.pages[0].get_contents(), reader).operations
              if operator == b"w"]
    assert widths == [0.5, 0.4]  # the group's, then the framed rectangle's own
    assert "Hand made" in pdftotext(path)


def test_structure_has_the_tags_in_drawing_order(written):
    import pikepdf
    with pikepdf.open(written[0]) as pdf:
        document = pdf.Root.StructTreeRoot.K
        assert document.S == "/Document" and document.Lang == "en"
        cards = list(document.K)
        assert [str(c.S) for c in cards[:2]] == ["/Sect", "/Sect"]  # one per placement
        assert all(c.K.S == "/Figure" and str(c.K.Alt) == "a blue stamp" for c in cards[:2])
        paragraph = cards[2]
        assert paragraph.S == "/P" and paragraph.Lang == "en"
        assert pdf.Root.MarkInfo.Marked is True and pdf.pdf_version == "1.7"


def test_untagged_text_is_refused(library):
    latin = library.fonts.chain("en", "Latn", "regular")
    label = layout_paragraph("Loose", TextStyle(latin, 12, "en", "Latn", False), 60.0)
    page = Page(items=(TextBlock(label, 10.0, 58.0, BLACK),))
    with pytest.raises(UntaggedContent):
        render_pdf(Document(W, H, title="t", language="en", duplex="none",
                            initial_font=latin.primary, pages=(page,)))
