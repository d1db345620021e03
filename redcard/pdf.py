"""The PDF edge: card faces as form XObjects placed on imposed sheets, written atomically.

Millimetres until here; points only inside this module and redcard.text.draw.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .face import BLACK, CardFace
from .fonts import FontChain
from .imposition import Placement, SheetLayout
from .pdfshapes import draw_shapes
from .text import TextStyle, layout_paragraph
from .text.draw import TextPainter
from .text.layout import PT_MM

MARK_LINE_PT = 0.3
SLUG_PT = 5.5
DUPLEX_PREFERENCE = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge",
                     "none": "Simplex"}


@dataclass(frozen=True)
class Sheet:
    """One physical sheet: how many cards it carries, front and back."""

    cards: int


@dataclass(frozen=True)
class Document:
    title: str
    subject: str
    language: str  # BCP 47, for the PDF /Lang entry
    keywords: str
    front: CardFace
    back: CardFace
    layout: SheetLayout
    sheets: tuple[Sheet, ...]
    slug: str
    slug_chain: FontChain


def _pt(mm: float) -> float:
    return mm / PT_MM


@functools.cache
def _no_builtin_font(path: str) -> str:
    """A registered TrueType name for the canvas's initial font: ReportLab otherwise starts
    every page with Helvetica, a base-14 font that is never embedded."""
    name = "RC-Initial"
    pdfmetrics.registerFont(TTFont(name, path))
    return name


def write_pdf(document: Document, path: Path) -> None:
    """Write the PDF next to `path` and rename it into place: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                         dir=path.parent)
    os.close(handle)
    try:
        _render(document, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _render(document: Document, filename: str) -> None:
    page = document.layout.page
    initial = _no_builtin_font(str(document.slug_chain.primary.path))
    canvas = Canvas(filename, pagesize=(_pt(page.width_mm), _pt(page.height_mm)),
                    invariant=1, pageCompression=1, initialFontName=initial,
                    lang=document.language)
    canvas.setTitle(document.title)
    canvas.setSubject(document.subject)
    canvas.setKeywords(document.keywords)
    canvas.setCreator("redcard")
    canvas.setAuthor("redcard")
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("Duplex", DUPLEX_PREFERENCE[document.layout.spec.duplex])
    painter = TextPainter(canvas)
    front_form = _define_form(canvas, painter, document.front)
    back_form = _define_form(canvas, painter, document.back)
    slug = layout_paragraph(document.slug, TextStyle(document.slug_chain, SLUG_PT, "en", "Latn",
                                                     False), document.layout.slug.rect.width_mm
                            if document.layout.slug.rotation_deg == 0
                            else document.layout.slug.rect.height_mm)
    for sheet in document.sheets:
        for form, placements in ((front_form, document.layout.fronts),
                                 (back_form, document.layout.backs)):
            _set_boxes(canvas, document.layout, document.front.bleed_mm)
            for placement in placements[:sheet.cards]:
                _place(canvas, form, placement)
            _crop_marks(canvas, document.layout)
            _slug(canvas, painter, document.layout, slug)
            canvas.showPage()
    canvas.save()


def _define_form(canvas: Canvas, painter: TextPainter, face: CardFace) -> str:
    bleed = face.bleed_mm
    canvas.beginForm(face.name, _pt(-bleed), _pt(-bleed), _pt(face.width_mm + bleed),
                     _pt(face.height_mm + bleed))
    if face.background != (1.0, 1.0, 1.0):
        canvas.setFillColorRGB(*face.background)
        canvas.rect(_pt(-bleed), _pt(-bleed), _pt(face.width_mm + 2 * bleed),
                    _pt(face.height_mm + 2 * bleed), stroke=0, fill=1)
    if face.frame is not None:
        frame = face.frame
        canvas.setStrokeColorRGB(*frame.colour)
        canvas.setLineWidth(_pt(frame.line_mm))
        canvas.roundRect(_pt(frame.inset_mm), _pt(frame.inset_mm),
                         _pt(face.width_mm - 2 * frame.inset_mm),
                         _pt(face.height_mm - 2 * frame.inset_mm), _pt(frame.radius_mm),
                         stroke=1, fill=0)
    draw_shapes(canvas, face)
    for dot in face.dots:
        canvas.setFillColorRGB(*dot.colour)
        canvas.circle(_pt(dot.x_mm), _pt(dot.y_mm), _pt(dot.radius_mm), stroke=0, fill=1)
    for block in face.texts:
        canvas.setFillColorRGB(*block.colour)
        painter.draw(block.layout, block.left_mm, block.top_mm)
    canvas.endForm()
    return face.name


def _place(canvas: Canvas, form: str, placement: Placement) -> None:
    t = placement.transform
    canvas.saveState()
    canvas.transform(t.a, t.b, t.c, t.d, _pt(t.e), _pt(t.f))
    canvas.doForm(form)
    canvas.restoreState()


def _set_boxes(canvas: Canvas, layout: SheetLayout, bleed_mm: float) -> None:
    trims = [p.trim for p in layout.fronts]
    left = min(r.x_mm for r in trims)
    bottom = min(r.y_mm for r in trims)
    right = max(r.x_mm + r.width_mm for r in trims)
    top = max(r.y_mm + r.height_mm for r in trims)
    canvas.setTrimBox((_pt(left), _pt(bottom), _pt(right), _pt(top)))
    canvas.setBleedBox((_pt(left - bleed_mm), _pt(bottom - bleed_mm), _pt(right + bleed_mm),
                        _pt(top + bleed_mm)))


def _crop_marks(canvas: Canvas, layout: SheetLayout) -> None:
    canvas.setStrokeColorRGB(*BLACK)
    canvas.setLineWidth(MARK_LINE_PT)
    for mark in layout.crop_marks:
        canvas.line(_pt(mark.x1_mm), _pt(mark.y1_mm), _pt(mark.x2_mm), _pt(mark.y2_mm))


def _slug(canvas: Canvas, painter: TextPainter, layout: SheetLayout, slug) -> None:
    area = layout.slug
    canvas.saveState()
    canvas.setFillColorRGB(*BLACK)
    rect = area.rect
    if area.rotation_deg == 0:
        painter.draw(slug, rect.x_mm, rect.y_mm + rect.height_mm)
    else:
        # text runs bottom to top; its top edge faces the left side of the sheet
        canvas.translate(_pt(rect.x_mm), _pt(rect.y_mm))
        canvas.rotate(90)
        painter.draw(slug, 0.0, 0.0)
    canvas.restoreState()


# --- Single-card documents (digital cards) -------------------------------------------------
# Self-contained on purpose: page = the card's trim, page 1 the front and page 2 the back,
# both upright, no marks, drawn by the same _define_form as the sheets.


def render_card_pdf(front: CardFace, back: CardFace, *, title: str, language: str,
                    chain: FontChain) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(_pt(front.width_mm), _pt(front.height_mm)),
                    invariant=1, pageCompression=1,
                    initialFontName=_no_builtin_font(str(chain.primary.path)), lang=language)
    canvas.setTitle(title)
    canvas.setCreator("redcard")
    canvas.setAuthor("redcard")
    painter = TextPainter(canvas)
    forms = [_define_form(canvas, painter, face) for face in (front, back)]
    for form in forms:
        canvas.doForm(form)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_bytes_atomically(data: bytes, path: Path) -> None:
    """Write next to `path` and rename into place: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
