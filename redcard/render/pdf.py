"""The PDF writer: one for every output. Card faces are drawn where each page places them
(clipped to their bleed, in a marked-content sequence that names them), then the items of
the page itself (marks, the slug, the calibration sheet), and each page is written out as
soon as it is drawn, with its part of the structure (`structure`).

Card faces are drawn in place rather than as form XObjects shared by all their copies: each
printed card is its own element of the structure (a screen reader reads one card at a
time), and text extraction without layout analysis of forms (pdfminer) keeps its lines.
A page is drawn in parts (the placed cards, then each of its items), and a part is written
once for all the pages that draw it: a long run of sheets stores its cards and marks once,
each sheet only its slug. Every page shares one resource dictionary.

Millimetres until here; points only inside `redcard.render`.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as xml_escape
from typing import BinaryIO

from ..collector import paused
from ..design.scene import Item, Scene, TextBlock
from ..geometry.affine import Affine
from ..geometry.units import pt
from ..text.fonts import LoadedFont
from .content import Content
from .glyphs import DocumentFonts
from .images import ImageStore
from .shapes import ScenePainter, pt_matrix
from .structure import StructureWriter
from .units import PageText, direction_balance
from .writer import PdfWriter, numbers, ref, text_string

_DRAWN_KEPT = 64  # items remembered as drawn (the marks of every sheet, a sheet's slug)
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
    initial_font: LoadedFont  # what an SVG logo's drawing starts in (never a base-14 font)
    pages: Sequence[Page]  # iterated once, in order (a run of sheets makes them as asked)
    artworks: tuple[Artwork, ...] = ()
    subject: str | None = None
    keywords: str | None = None


def render_pdf(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_pdf(document, buffer)
    return buffer.getvalue()


def write_pdf(document: Document, out: BinaryIO) -> None:
    """The document as a PDF, written to `out` page by page."""
    with paused():
        _Renderer(document, PdfWriter(out)).render()


class _Renderer:
    """One document: each part's operators drawn into `content`; the writer takes each
    part, page and structure element as it is done."""

    def __init__(self, document: Document, writer: PdfWriter) -> None:
        self.document = document
        self.writer = writer
        self.content = Content()  # the operators of the part being drawn
        self.fonts = DocumentFonts()
        self.structure = StructureWriter(writer, document.language)
        self.images = ImageStore(writer)
        self.painter = ScenePainter(self.content, self.structure, self.fonts, self.images,
                                    document.initial_font)
        self.named: dict[str, str] = {}  # ActualText → property list name, for every page
        self.parts: dict[bytes, int] = {}  # a part's digest → its stream
        # Parts drawn already, so that a page of a long run draws only what is its own:
        # the cards of a sheet as they were placed (a later sheet that places the same
        # cards the same way is a repeat), and items without structure (marks, a slug
        # that front and back share) → (the item, its stream, PDFium's state after it)
        self.placed: set[tuple] = set()
        self.repeats: dict[tuple, tuple[int, str]] = {}
        self.drawn: dict[tuple, tuple[Item, int, str]] = {}
        self.pages_root = writer.reserve()
        self.resources = writer.reserve()
        self.page_objects: list[int] = []

    def render(self) -> None:
        document = self.document
        artworks = {artwork.name: artwork for artwork in document.artworks}
        balances = {name: direction_balance(_texts(artwork.scene.items))
                     for name, artwork in artworks.items()}
        previous: set[str] = set()
        for page in document.pages:
            balance = sum(balances[p.artwork] for p in page.placements) + \
                direction_balance(_texts(page.items))
            self._page(page, artworks, balance < 0)
            # a card's element goes on over the next page (its back) or is complete
            elements = {placement.element for placement in page.placements}
            for element in sorted(previous - elements):
                self.structure.release_group(element)
            previous = elements
        self._finish()

    def _page(self, page: Page, artworks: dict[str, Artwork], rtl: bool) -> None:
        writer = self.writer
        page_object = writer.reserve()
        self.page_objects.append(page_object)
        self.structure.begin_page(page_object)
        self.painter.text.page = PageText(rtl=rtl, named=self.named)
        # The placed cards, then each item of the page, as parts with their own graphics
        # state: a part that many pages draw (the cards and marks of every full sheet) is
        # one stream, so a page of a long run adds little more than its slug
        contents = []
        if page.placements:
            contents.append(ref(self._cards(page, artworks, rtl)))
        for item in page.items:
            key = (id(item), page.correction, rtl, self.painter.text.page.previous_carrier,
                   self.structure.marks_on_page)
            done = self.drawn.get(key)
            if done is not None and done[0] is item:
                self.painter.text.page.previous_carrier = done[2]
                contents.append(ref(done[1]))
                continue
            marks = self.structure.marks_on_page
            stream = self._part(page, lambda item=item: self.painter.draw((item,)))
            if self.structure.marks_on_page == marks:  # nothing of it in the structure
                if len(self.drawn) >= _DRAWN_KEPT:  # a sheet's slug is not seen again
                    self.drawn.clear()
                self.drawn[key] = (item, stream, self.painter.text.page.previous_carrier)
            contents.append(ref(stream))
        entries = [f"<</Type/Page/Parent {ref(self.pages_root)}"
                   f"/Resources {ref(self.resources)}/Contents[{' '.join(contents)}]"]
        for key, box in (("TrimBox", page.trim_box), ("BleedBox", page.bleed_box)):
            if box is not None:
                entries.append(f"/{key}{numbers(pt(v) for v in box)}")
        struct_parents = self.structure.end_page()
        if struct_parents is not None:
            entries.append(f"/StructParents {struct_parents}")
        entries.append("/Tabs/S>>")
        writer.pack(page_object, "".join(entries))

    def _cards(self, page: Page, artworks: dict[str, Artwork], rtl: bool) -> int:
        """The stream of the page's placed cards. Each card of a sheet is its own element of
        the structure; a sheet that places the same cards the same way as an earlier one
        (the second sheet of a run onwards) is a repeat: its cards are artifacts, which a
        screen reader skips rather than reading the same cards once for every sheet."""
        key = (tuple((p.artwork, p.transform) for p in page.placements), page.correction,
               rtl)
        if key not in self.placed:
            self.placed.add(key)
            return self._part(page, lambda: self._place_all(page, artworks), unique=True)
        done = self.repeats.get(key)
        if done is None:
            self.painter.repeat = True
            try:
                stream = self._part(page, lambda: self._place_all(page, artworks),
                                    unique=True)
            finally:
                self.painter.repeat = False
            done = self.repeats[key] = (stream, self.painter.text.page.previous_carrier)
        self.painter.text.page.previous_carrier = done[1]
        return done[0]

    def _part(self, page: Page, draw, unique: bool = False) -> int:
        """One part of the page drawn in its own graphics state, inside the printer's
        correction; its stream (the same stream for the same operators, unless the part is
        known to be `unique`: a sheet's cards, which are cached by how they are placed)."""
        content = self.content
        content.ops = []
        content.save()
        if page.correction is not None:
            content.transform(*pt_matrix(page.correction))
        draw()
        content.restore()
        data = "\n".join(content.ops).encode("latin-1")
        if unique:
            return self.writer.new_stream(data)
        key = hashlib.sha1(data, usedforsecurity=False).digest()
        stream = self.parts.get(key)
        if stream is None:
            stream = self.parts[key] = self.writer.new_stream(data)
        return stream

    def _place_all(self, page: Page, artworks: dict[str, Artwork]) -> None:
        for placement in page.placements:
            self._place(artworks[placement.artwork], placement)

    def _place(self, artwork: Artwork, placement: Placement) -> None:
        content, bleed, scene = self.content, artwork.bleed_mm, artwork.scene
        content.literal(f"/{CARD_TAG} <</Name ({artwork.name})>> BDC")
        content.save()
        content.transform(*pt_matrix(placement.transform))
        content.clip_rect(pt(-bleed), pt(-bleed), pt(scene.width_mm + 2 * bleed),
                          pt(scene.height_mm + 2 * bleed))
        if self.painter.repeat:
            self.painter.draw_repeated(artwork.name, scene.items)
        else:
            self.structure.open_group(placement.element, placement.title)
            self.painter.draw_repeated(artwork.name, scene.items)
            self.structure.close_group()
        content.restore()
        content.literal("EMC")

    def _finish(self) -> None:
        document, writer = self.document, self.writer
        fonts = self.fonts.write(writer)
        properties = "".join(f"/{name}<</ActualText{text_string(text)}>>"
                             for text, name in self.named.items())
        writer.pack(self.resources, f"<</Font<<{fonts}>>/XObject<<{self.images.entries()}>>"
                                    f"/Properties<<{properties}>>>>")
        writer.pack(self.pages_root, (
            f"<</Type/Pages/Count {len(self.page_objects)}"
            f"/MediaBox{numbers((0, 0, pt(document.width_mm), pt(document.height_mm)))}"
            f"/Kids[{' '.join(ref(n) for n in self.page_objects)}]>>"))
        tree = self.structure.finish()
        info = writer.reserve()
        writer.pack(info, "<<" + "".join(
            f"/{key}{text_string(value)}" for key, value in _info(document)) + ">>")
        metadata = writer.new_stream(_xmp(document).encode("utf-8"),
                                     "/Type/Metadata/Subtype/XML", compress=False)
        catalog = writer.reserve()
        writer.pack(catalog, (
            f"<</Type/Catalog/Pages {ref(self.pages_root)}/Lang{text_string(document.language)}"
            f"/StructTreeRoot {ref(tree)}/MarkInfo<</Marked true>>/Metadata {ref(metadata)}"
            f"/ViewerPreferences<</PrintScaling/None"
            f"/Duplex/{DUPLEX_PREFERENCE[document.duplex]}/DisplayDocTitle true>>>>"))
        writer.close(catalog, info)


def _info(document: Document) -> list[tuple[str, str]]:
    entries = [("Title", document.title), ("Author", "redcard"), ("Creator", "redcard"),
               ("Producer", "redcard")]
    if document.subject is not None:
        entries.append(("Subject", document.subject))
    if document.keywords is not None:
        entries.append(("Keywords", document.keywords))
    return entries


def _xmp(document: Document) -> str:
    """The XMP packet: what the document information says, and its language."""
    def esc(text: str) -> str:
        return xml_escape(text)  # & < > " ' as XML entities
    subject = f"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" \
              f"{esc(document.subject)}</rdf:li></rdf:Alt></dc:description>" \
        if document.subject is not None else ""
    keywords = f"<pdf:Keywords>{esc(document.keywords)}</pdf:Keywords>" \
        if document.keywords is not None else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{esc(document.title)}</rdf:li>'
        '</rdf:Alt></dc:title>'
        '<dc:creator><rdf:Seq><rdf:li>redcard</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:language><rdf:Bag><rdf:li>{esc(document.language)}</rdf:li></rdf:Bag>'
        f'</dc:language>{subject}{keywords}<pdf:Producer>redcard</pdf:Producer>'
        '<xmp:CreatorTool>redcard</xmp:CreatorTool>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>')


def _texts(items: tuple[Item, ...]) -> list[str]:
    """Every text the items show, for poppler's page-wide reading direction."""
    return [block.layout.text for block in Scene(0.0, 0.0, items).find(TextBlock)]
