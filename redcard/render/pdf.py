"""The PDF writer: one for every output. Scenes drawn once as form XObjects and placed
where a page wants them (card faces on sheets), and items drawn on the page itself (marks,
the slug, the calibration sheet).

Millimetres until here; points only inside `redcard.render`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..design.scene import Item, Scene
from ..geometry.affine import Affine
from ..geometry.units import pt
from ..text.fonts import LoadedFont
from .glyphs import glyph_font
from .shapes import ScenePainter, pt_matrix

DUPLEX_PREFERENCE = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge",
                     "none": "Simplex"}
Corners = tuple[float, float, float, float]  # left, bottom, right, top in mm


@dataclass(frozen=True)
class Form:
    """A scene drawn once and placed many times; `bleed_mm` widens its bounding box."""

    name: str
    scene: Scene
    bleed_mm: float = 0.0


@dataclass(frozen=True)
class Placement:
    form: str
    transform: Affine  # form coordinates → page coordinates, mm


@dataclass(frozen=True)
class Page:
    placements: tuple[Placement, ...] = ()
    items: tuple[Item, ...] = ()  # drawn after the placements
    correction: Affine | None = None  # the printer's error undone, around everything
    trim_box: Corners | None = None
    bleed_box: Corners | None = None


@dataclass(frozen=True)
class Document:
    width_mm: float  # every page has this size
    height_mm: float
    title: str
    language: str  # BCP 47, for the PDF /Lang entry
    duplex: str  # how the printer should flip the sheet: long | short | none
    initial_font: LoadedFont  # the canvas's starting font, so no unembedded font appears
    pages: tuple[Page, ...]
    forms: tuple[Form, ...] = ()
    subject: str | None = None
    keywords: str | None = None


def render_pdf(document: Document) -> bytes:
    buffer = io.BytesIO()
    _render(document, buffer)
    return buffer.getvalue()


def _initial_font_name(loaded: LoadedFont) -> str:
    """A registered TrueType name for the canvas's initial font: ReportLab otherwise starts
    every page with Helvetica, a base-14 font that is never embedded. Nothing is drawn in
    it, so it adds nothing to the file."""
    font = glyph_font(loaded)
    if font.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
    return font.fontName


def _render(document: Document, stream) -> None:
    canvas = Canvas(stream, pagesize=(pt(document.width_mm), pt(document.height_mm)),
                    invariant=1, pageCompression=1,
                    initialFontName=_initial_font_name(document.initial_font),
                    lang=document.language)
    canvas.setTitle(document.title)
    if document.subject is not None:
        canvas.setSubject(document.subject)
    if document.keywords is not None:
        canvas.setKeywords(document.keywords)
    canvas.setCreator("redcard")
    canvas.setAuthor("redcard")
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("Duplex", DUPLEX_PREFERENCE[document.duplex])
    painter = ScenePainter(canvas)
    for form in document.forms:
        _define_form(canvas, painter, form)
    for page in document.pages:
        if page.trim_box is not None:
            canvas.setTrimBox(tuple(pt(v) for v in page.trim_box))
        if page.bleed_box is not None:
            canvas.setBleedBox(tuple(pt(v) for v in page.bleed_box))
        canvas.saveState()
        if page.correction is not None:
            canvas.transform(*pt_matrix(page.correction))
        for placement in page.placements:
            canvas.saveState()
            canvas.transform(*pt_matrix(placement.transform))
            canvas.doForm(placement.form)
            canvas.restoreState()
        painter.draw(page.items)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()


def _define_form(canvas: Canvas, painter: ScenePainter, form: Form) -> None:
    bleed, scene = form.bleed_mm, form.scene
    canvas.beginForm(form.name, pt(-bleed), pt(-bleed), pt(scene.width_mm + bleed),
                     pt(scene.height_mm + bleed))
    painter.draw(scene.items)
    canvas.endForm()
