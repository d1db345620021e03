"""The PDF writer: one for every output. Card faces are drawn where each page places them
(clipped to their bleed, in a marked-content sequence that names them), then the items of
the page itself (marks, the slug, the calibration sheet); the structure the tags describe
is added at the end (`structure.finish`).

Card faces are drawn in place rather than as form XObjects shared by all their copies: each
printed card is its own element of the structure (a screen reader reads one card at a
time), and text extraction without layout analysis of forms (pdfminer) keeps its lines.
A page is drawn in parts (the placed cards, then each of its items), and `finish` writes a
part once for all the pages that draw it: a long run of sheets stores its cards and marks
once, each sheet only its slug.

Millimetres until here; points only inside `redcard.render`.
"""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..design.scene import Item, Scene, TextBlock
from ..geometry.affine import Affine
from ..geometry.units import pt
from ..text.fonts import LoadedFont
from .glyphs import glyph_font
from .shapes import ScenePainter, pt_matrix
from .structure import CHUNK_MARK, StructureRecorder, finish
from .units import PageText, direction_balance

DUPLEX_PREFERENCE = {"long": "DuplexFlipLongEdge", "short": "DuplexFlipShortEdge",
                     "none": "Simplex"}
CARD_TAG = "RC_Card"  # marked content around each placed face, naming it (tests read it)
Corners = tuple[float, float, float, float]  # left, bottom, right, top in mm


@dataclass(frozen=True)
class Artwork:
    """A scene that pages place, once or many times; `bleed_mm` is how far it may draw
    beyond its own area (it is clipped there)."""

    name: str
    scene: Scene
    bleed_mm: float = 0.0


@dataclass(frozen=True)
class Placement:
    artwork: str
    transform: Affine  # artwork coordinates → page coordinates, mm
    element: str  # placements with the same element are one part of the structure (a card)
    title: str = ""  # that element's title, e.g. "Card 3 of sheet 1: Spanish"


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
    language: str  # BCP 47, for the PDF /Lang entry and the document's structure
    duplex: str  # how the printer should flip the sheet: long | short | none
    initial_font: LoadedFont  # the canvas's starting font, so no unembedded font appears
    pages: tuple[Page, ...]
    artworks: tuple[Artwork, ...] = ()
    subject: str | None = None
    keywords: str | None = None


def render_pdf(document: Document) -> bytes:
    buffer = io.BytesIO()
    with _binary_streams(), _collector_paused():
        structure = _render(document, buffer)
        return finish(buffer.getvalue(), structure, document.title, document.language)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a document is drawn: drawing makes many objects
    and few cycles, and the collector's passes over an ever larger heap made a run of
    1,000 sheets 40 % slower. Whatever cycles there are go at the next collection after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """ReportLab's compressed streams as bytes, not ASCII85 text: qpdf (`finish`) decodes
    ASCII85 and writes plain Flate anyway, so encoding it (and decoding it again) only cost
    time; the file is the same bytes. ReportLab's global setting, restored after."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _initial_font_name(loaded: LoadedFont) -> str:
    """A registered TrueType name for the canvas's initial font: ReportLab otherwise starts
    every page with Helvetica, a base-14 font that is never embedded. Nothing is drawn in
    it, so it adds nothing to the file."""
    font = glyph_font(loaded)
    if font.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
    return font.fontName


def _render(document: Document, stream) -> StructureRecorder:
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
    structure = StructureRecorder(document.language)
    painter = ScenePainter(canvas, structure)
    artworks = {artwork.name: artwork for artwork in document.artworks}
    balances = {name: direction_balance(_texts(artwork.scene.items))
                for name, artwork in artworks.items()}
    for index, page in enumerate(document.pages):
        if index:
            structure.next_page()
        balance = sum(balances[p.artwork] for p in page.placements) + \
            direction_balance(_texts(page.items))
        painter.text.page = PageText(rtl=balance < 0)
        if page.trim_box is not None:
            canvas.setTrimBox(tuple(pt(v) for v in page.trim_box))
        if page.bleed_box is not None:
            canvas.setBleedBox(tuple(pt(v) for v in page.bleed_box))
        # The placed cards, then each item of the page, as parts with their own graphics
        # state: `finish` writes a part once for every page that has it (the cards and the
        # marks of every full sheet), so a page of a long run adds little more than its slug
        parts = [page.placements, *page.items] if page.placements else list(page.items)
        for number, part in enumerate(parts):
            if number:
                canvas.addLiteral(CHUNK_MARK)
            canvas.saveState()
            if page.correction is not None:
                canvas.transform(*pt_matrix(page.correction))
            if part is page.placements:
                for placement in page.placements:
                    _place(canvas, painter, structure, artworks[placement.artwork],
                           placement)
            else:
                painter.draw((part,))
            canvas.restoreState()
        canvas.showPage()
        structure.properties.append(painter.text.page.named)
    canvas.save()
    return structure


def _texts(items: tuple[Item, ...]) -> list[str]:
    """Every text the items show, for poppler's page-wide reading direction."""
    return [block.layout.text for block in Scene(0.0, 0.0, items).find(TextBlock)]


def _place(canvas: Canvas, painter: ScenePainter, structure: StructureRecorder,
           artwork: Artwork, placement: Placement) -> None:
    bleed, scene = artwork.bleed_mm, artwork.scene
    canvas.addLiteral(f"/{CARD_TAG} <</Name ({artwork.name})>> BDC")
    canvas.saveState()
    canvas.transform(*pt_matrix(placement.transform))
    clip = canvas.beginPath()
    clip.rect(pt(-bleed), pt(-bleed), pt(scene.width_mm + 2 * bleed),
              pt(scene.height_mm + 2 * bleed))
    canvas.clipPath(clip, stroke=0, fill=0)
    structure.open_group(placement.element, placement.title)
    painter.draw_repeated(artwork.name, scene.items)
    structure.close()
    canvas.restoreState()
    canvas.addLiteral("EMC")
