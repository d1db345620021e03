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
from .imposition import Affine, Placement, Rect, SheetLayout
from .pdfshapes import draw_shapes
from .text import TextStyle, layout_paragraph
from .text.draw import TextPainter
from .text.layout import PT_MM

MARK_LINE_PT = 0.3
SLUG_PT = 5.5
CUT_LINE_PT = 0.25
CUT_LINE_GREY = (0.45, 0.45, 0.45)  # visible on white and on red, light enough to cut through
DUPLEX_PREFERENCE = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge",
                     "none": "Simplex"}


@dataclass(frozen=True)
class CardArt:
    """Both faces of one card design; `key` names it in a sheet's slots."""

    key: str
    front: CardFace
    back: CardFace


@dataclass(frozen=True)
class Sheet:
    """One physical sheet: which design each slot carries (None: left blank) and its slug."""

    slots: tuple[str | None, ...]
    slug: str


@dataclass(frozen=True)
class PageCorrection:
    """A printer's measured error, undone: scale about the page centre, then shift.

    Offsets are in mm as each side is viewed when printed (x right, y up).
    """

    front_offset_mm: tuple[float, float] = (0.0, 0.0)
    back_offset_mm: tuple[float, float] = (0.0, 0.0)
    scale_x: float = 1.0
    scale_y: float = 1.0

    def page_transform(self, width_mm: float, height_mm: float, back: bool) -> Affine:
        dx, dy = self.back_offset_mm if back else self.front_offset_mm
        cx, cy = width_mm / 2, height_mm / 2
        return (Affine.translate(-cx, -cy)
                .then(Affine.scale(self.scale_x, self.scale_y))
                .then(Affine.translate(cx + dx, cy + dy)))

    @property
    def is_identity(self) -> bool:
        return self == PageCorrection()


@dataclass(frozen=True)
class Document:
    title: str
    subject: str
    language: str  # BCP 47, for the PDF /Lang entry
    keywords: str
    arts: tuple[CardArt, ...]
    layout: SheetLayout
    sheets: tuple[Sheet, ...]
    slug_chain: FontChain
    correction: PageCorrection = PageCorrection()


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
    """Render in memory, then write next to `path` and rename: never a partial file."""
    write_bytes_atomically(render_pdf(document), path)


def render_pdf(document: Document) -> bytes:
    buffer = io.BytesIO()
    _render(document, buffer)
    return buffer.getvalue()


def _render(document: Document, filename) -> None:
    layout = document.layout
    page = layout.page
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
    canvas.setViewerPreference("Duplex", DUPLEX_PREFERENCE[layout.duplex])
    painter = TextPainter(canvas)
    forms = {}
    for art in document.arts:
        forms[art.key] = (_define_form(canvas, painter, art.front),
                          _define_form(canvas, painter, art.back))
    bleed = document.arts[0].front.bleed_mm
    for sheet in document.sheets:
        slug = _slug_layout(document, sheet.slug) if layout.slug is not None else None
        for side, placements in ((0, layout.fronts), (1, layout.backs)):
            correction = document.correction.page_transform(page.width_mm, page.height_mm,
                                                             back=side == 1)
            _set_boxes(canvas, layout, bleed, correction)
            canvas.saveState()
            if not document.correction.is_identity:
                canvas.transform(*_pt_matrix(correction))
            for key, placement in zip(sheet.slots, placements):
                if key is not None:
                    _place(canvas, forms[key][side], placement)
            _crop_marks(canvas, layout)
            if slug is not None:
                _slug(canvas, painter, layout, slug)
            canvas.restoreState()
            canvas.showPage()
    canvas.save()


def write_drawing(pages: tuple, page_width_mm: float, page_height_mm: float, title: str,
                  duplex: str, chain: FontChain, correction: PageCorrection, path: Path) -> None:
    """Line-art pages (the calibration sheet), with the same atomic write and corrections."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(_pt(page_width_mm), _pt(page_height_mm)),
                    invariant=1, pageCompression=1,
                    initialFontName=_no_builtin_font(str(chain.primary.path)), lang="en")
    canvas.setTitle(title)
    canvas.setCreator("redcard")
    canvas.setAuthor("redcard")
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("Duplex", DUPLEX_PREFERENCE[duplex])
    painter = TextPainter(canvas)
    for page in pages:
        canvas.saveState()
        if not correction.is_identity:
            canvas.transform(*_pt_matrix(correction.page_transform(
                page_width_mm, page_height_mm, back=page.back)))
        canvas.setStrokeColorRGB(*BLACK)
        canvas.setFillColorRGB(*BLACK)
        for line in page.lines:
            canvas.setLineWidth(_pt(line.width_mm))
            canvas.line(_pt(line.x1_mm), _pt(line.y1_mm), _pt(line.x2_mm), _pt(line.y2_mm))
        for circle in page.circles:
            canvas.setLineWidth(_pt(circle.width_mm))
            canvas.circle(_pt(circle.x_mm), _pt(circle.y_mm), _pt(circle.radius_mm),
                          stroke=1, fill=0)
        for label in page.labels:
            painter.draw(label.layout, label.left_mm, label.top_mm)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    write_bytes_atomically(buffer.getvalue(), path)


def _slug_layout(document: Document, text: str):
    area = document.layout.slug
    width = area.rect.width_mm if area.rotation_deg == 0 else area.rect.height_mm
    return layout_paragraph(text, TextStyle(document.slug_chain, SLUG_PT, "en", "Latn", False),
                            width)


def _pt_matrix(transform: Affine) -> tuple[float, ...]:
    t = transform
    return (t.a, t.b, t.c, t.d, _pt(t.e), _pt(t.f))


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


def _set_boxes(canvas: Canvas, layout: SheetLayout, bleed_mm: float,
               correction: Affine) -> None:
    """TrimBox around the cards, BleedBox around their colour, where the printer puts them."""
    trims = [p.trim for p in layout.fronts]
    left = min(r.x_mm for r in trims)
    bottom = min(r.y_mm for r in trims)
    right = max(r.right_mm for r in trims)
    top = max(r.top_mm for r in trims)
    trim = _moved(Rect(left, bottom, right - left, top - bottom), correction)
    bled = _moved(Rect(left - bleed_mm, bottom - bleed_mm, right - left + 2 * bleed_mm,
                       top - bottom + 2 * bleed_mm), correction)
    page = layout.page
    for box, setter in ((trim, canvas.setTrimBox), (bled, canvas.setBleedBox)):
        # boxes may not leave the MediaBox
        x0, y0 = max(box.x_mm, 0.0), max(box.y_mm, 0.0)
        x1, y1 = min(box.right_mm, page.width_mm), min(box.top_mm, page.height_mm)
        setter((_pt(x0), _pt(y0), _pt(x1), _pt(y1)))


def _moved(rect: Rect, transform: Affine) -> Rect:
    x0, y0 = transform.apply(rect.x_mm, rect.y_mm)
    x1, y1 = transform.apply(rect.right_mm, rect.top_mm)
    return Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))


def _crop_marks(canvas: Canvas, layout: SheetLayout) -> None:
    canvas.setStrokeColorRGB(*BLACK)
    canvas.setLineWidth(MARK_LINE_PT)
    for mark in layout.crop_marks:
        canvas.line(_pt(mark.x1_mm), _pt(mark.y1_mm), _pt(mark.x2_mm), _pt(mark.y2_mm))
    if layout.cut_lines:
        canvas.setStrokeColorRGB(*CUT_LINE_GREY)
        canvas.setLineWidth(CUT_LINE_PT)
        for line in layout.cut_lines:
            canvas.line(_pt(line.x1_mm), _pt(line.y1_mm), _pt(line.x2_mm), _pt(line.y2_mm))


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
