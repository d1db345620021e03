"""Printing: print settings resolved once into a job, then cards imposed on its sheets and
drawn into one PDF document.

Stages, in order: model (content, extras, settings) → design (card faces, sheet marks, slug)
→ geometry (imposition, slots, page boxes) → render (the PDF writer).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .collector import paused
from .design.card import CardDesigner, CardFace
from .design.scene import WHITE, Item, Rectangle, Scene, Tag
from .design.sheet import sheet_marks, slug, slug_text
from .design.themes import Theme, get_theme
from .errors import SettingsError
from .files import OutputBatch, write_atomically
from .geometry.correction import PageCorrection
from .geometry.imposition import SheetLayout, page_boxes
from .geometry.sizes import CardSize
from .geometry.slots import fill_slots, used_slots
from .geometry.templates import Catalog, Template
from .limits import check_card_counts
from .model.content import CardContent
from .model.extras import CardExtras
from .model.printers import PrinterProfile, get_profile, validate
from .model.settings import PrintSettings
from .render.pdf import Artwork, Document, Page, Placement, render_pdf, write_pdf
from .text.fonts import FontChain, FontRegistry


@dataclass(frozen=True)
class Job:
    """Print settings with every name looked up and every value checked: what all the sheets
    of a printout share."""

    settings: PrintSettings
    template: Template
    card: CardSize
    theme: Theme  # with the bleed the sheet has room for
    layout: SheetLayout
    used_on_first: frozenset[int]  # 0-based slots of the first sheet not to print on
    correction: PageCorrection

    @property
    def per_sheet(self) -> int:
        return len(self.layout.fronts)

    @property
    def free_on_first(self) -> int:
        return self.per_sheet - len(self.used_on_first)


def resolve_job(settings: PrintSettings, catalog: Catalog) -> Job:
    theme = get_theme(settings.theme)
    copies = settings.copies
    if copies is not None and (isinstance(copies, bool) or not isinstance(copies, int)
                               or copies < 1):
        raise SettingsError("must be at least 1", setting="copies",
                            fix="ask for 1 or more cards")
    if copies is not None:
        check_card_counts([copies])
    template = catalog.template(settings.template)
    card = catalog.card_for(template, settings.card)
    layout = template.plan(card, bleed_mm=theme.bleed_mm, gutter_mm=theme.gutter_mm,
                           duplex=settings.duplex, marks=settings.marks)
    # Faces carry the bleed every side has room for; design_faces adds the rest on the axis
    # that has more (stock whose columns have a gap between them but whose rows touch).
    theme = replace(theme, bleed_mm=layout.bleed_mm)
    used = used_slots(settings.start_slot, tuple(settings.skip_slots), len(layout.fronts),
                      template.name)
    return Job(settings, template, card, theme, layout, used, printer_correction(settings))


def printer_correction(settings: PrintSettings) -> PageCorrection:
    """The printer profile's correction, with any offsets or scale given directly instead."""
    printer = settings.printer
    if isinstance(printer, PrinterProfile):
        profile = printer
    elif printer:
        profile = get_profile(printer)
    else:
        profile = PrinterProfile("settings")
    profile = validate(PrinterProfile(
        profile.name, settings.offset_front or profile.front_offset_mm,
        settings.offset_back or profile.back_offset_mm,
        *(settings.scale or (profile.scale_x, profile.scale_y))))
    return profile.correction()


@dataclass(frozen=True)
class PdfFile:
    """A PDF ready to render: `pdf_bytes()` for the bytes, `write(path)` for a file."""

    document: Document

    def pdf_bytes(self) -> bytes:
        return render_pdf(self.document)

    def write(self, path: Path | str, batch: OutputBatch | None = None) -> Path:
        """Written whole or not at all (a temporary file renamed into place); with `batch`,
        renamed into place with the batch's other files, or not at all."""
        if batch is None:
            return write_atomically(Path(path), self._write_to)
        return batch.write(Path(path), self._write_to)

    def _write_to(self, stream: BinaryIO) -> None:
        """The PDF written straight into the file, page by page."""
        write_pdf(self.document, stream)


@dataclass(frozen=True)
class LanguageCount:
    code: str
    cards: int
    sheets: int  # sheets that carry this language (a shared sheet counts for each)


@dataclass(frozen=True)
class Printout(PdfFile):
    """Cards imposed on sheets: the PDF and what it holds."""

    template: str
    languages: tuple[LanguageCount, ...]
    sheets: int
    per_sheet: int
    blanks: int  # free slots left empty (skipped, already-used slots are not counted)
    body_pt: float  # smallest text size chosen on any front
    drafts: tuple[str, ...]  # codes of unreviewed translations in this file

    @property
    def cards(self) -> int:
        return sum(language.cards for language in self.languages)

    def rendered(self) -> RenderedPrintout:
        """The PDF made now, kept with what it holds, without the document (small enough to
        send back from a worker process)."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields["document"] = None
        return RenderedPrintout(**fields, data=self.pdf_bytes())


@dataclass(frozen=True)
class RenderedPrintout(Printout):
    """A printout whose PDF is made already (`Printout.rendered`); `document` is None."""

    data: bytes = b""

    def pdf_bytes(self) -> bytes:
        return self.data

    def _write_to(self, stream: BinaryIO) -> None:
        stream.write(self.data)


def design_faces(cards: Sequence[CardContent], job: Job, extras: CardExtras,
                 fonts: FontRegistry) -> dict[str, tuple[CardFace, CardFace]]:
    """Each card's front and back as the job prints them: where a card does not fit, the
    FitError comes from here, before anything is drawn or written."""
    designer = CardDesigner(job.card, job.theme, fonts)
    with paused():
        return {card.code: (_bled(designer.front(card, extras), job),
                            _bled(designer.back(card, extras), job))
                for card in cards}


def _bled(face: CardFace, job: Job) -> CardFace:
    """The face with its background run out to the sheet's bleed on each axis, where one
    axis has more room than the bleed the face was drawn with (which every side has)."""
    layout, theme = job.layout, job.theme
    across, up = layout.bleed_x_mm, layout.bleed_y_mm
    if layout.rotated:  # the card's own x runs along the page's y
        across, up = up, across
    if theme.background == WHITE or max(across, up) <= face.bleed_mm:
        return face
    scene = face.scene
    background = Tag("Artifact", (Rectangle(-across, -up, scene.width_mm + 2 * across,
                                            scene.height_mm + 2 * up,
                                            fill=theme.background),), artifact="Layout")
    return replace(face, scene=Scene(scene.width_mm, scene.height_mm,
                                     (background, *scene.items)),
                   bleed_mm=max(across, up))


def impose(items: Sequence[tuple[CardContent, int]], job: Job, extras: CardExtras,
           fonts: FontRegistry,
           faces: Mapping[str, tuple[CardFace, CardFace]] | None = None) -> Printout:
    """Cards in order onto the fewest sheets of the job, several languages sharing sheets
    (`faces`: the cards already designed, by `design_faces`)."""
    if faces is None:
        faces = design_faces([card for card, _ in items], job, extras, fonts)
    faces = {card.code: faces[card.code] for card, _ in items}
    counts = [(card.code, count) for card, count in items]
    slots = fill_slots(counts, job.per_sheet, job.used_on_first)
    cards = {card.code: card for card, _ in items}
    total = len(slots)
    names = ", ".join(f"{card.name} ({card.endonym})" for card in cards.values())
    document = sheet_document(
        cards, faces, job.layout, slots, job.correction, fonts, template=job.template.name,
        used_on_first=job.used_on_first,
        title=f"Know-your-rights red cards — {names}",
        subject=f"{sum(c for _, c in counts)} wallet cards, {job.card.name}, "
                f"{job.template.name}, theme {job.theme.name}",
        language=items[0][0].code if len(cards) == 1 else "en",
        keywords="red card, " + ", ".join(f"{card.code} version {card.version}"
                                          for card in cards.values()))
    per_language = tuple(
        LanguageCount(code, count, sum(code in sheet for sheet in slots))
        for code, count in counts)
    free = total * job.per_sheet - len(job.used_on_first)
    return Printout(document=document, template=job.template.name, languages=per_language,
                    sheets=total, per_sheet=job.per_sheet,
                    blanks=free - sum(c for _, c in counts),
                    body_pt=min(front.body_pt for front, _ in faces.values()),
                    drafts=tuple(card.code for card in cards.values() if card.is_draft))


def sheet_document(cards: Mapping[str, CardContent],
                   faces: Mapping[str, tuple[CardFace, CardFace]], layout: SheetLayout,
                   slots: Sequence[tuple[str | None, ...]], correction: PageCorrection,
                   fonts: FontRegistry, *, template: str | None,
                   used_on_first: frozenset[int] = frozenset(), title: str, subject: str,
                   language: str, keywords: str) -> Document:
    """Each sheet as a front page and a back page: the faces in their slots, then the marks
    and the slug (none without a `template`), all inside the printer's correction. Each
    printed card, front and back, is one element of the document's structure."""
    latin = fonts.chain("en", "Latn", "regular")
    artworks = tuple(Artwork(face.name, face.scene, face.bleed_mm)
                     for pair in faces.values() for face in pair)
    pages = SheetPages(cards, faces, layout, tuple(slots), correction, sheet_marks(layout),
                       latin, template, used_on_first)
    return Document(layout.page.width_mm, layout.page.height_mm, title=title,
                    language=language, duplex=layout.duplex, initial_font=latin.primary,
                    pages=pages, artworks=artworks, subject=subject, keywords=keywords)


@dataclass(frozen=True)
class SheetPages(Sequence[Page]):
    """The pages of a run of sheets, each sheet's two made when the writer comes to them:
    a run of 1,250 sheets never holds its 2,500 pages (and their slugs) at once."""

    cards: Mapping[str, CardContent]
    faces: Mapping[str, tuple[CardFace, CardFace]]
    layout: SheetLayout
    slots: tuple[tuple[str | None, ...], ...]
    correction: PageCorrection
    marks: tuple[Item, ...]
    latin: FontChain
    template: str | None  # named in the slug; no slug without it
    used_on_first: frozenset[int]

    def __len__(self) -> int:
        return 2 * len(self.slots)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self.sheet(index % len(self) // 2)[index % 2]

    def __iter__(self) -> Iterator[Page]:
        for number in range(len(self.slots)):
            yield from self.sheet(number)

    def sheet(self, number: int) -> tuple[Page, Page]:
        """The front and back page of sheet `number` (from 0)."""
        layout, correction = self.layout, self.correction
        sheet_slots = self.slots[number]
        texts = ["" if self.template is None else
                 slug_text(number + 1, len(self.slots), sheet_slots,
                           self.used_on_first if number == 0 else frozenset(), self.cards,
                           self.template, layout.duplex, side) for side in (0, 1)]
        # front and back share one slug where it reads the same (the writer draws it once)
        both = self.marks + slug(layout, texts[0], self.latin) \
            if texts[0] == texts[1] else None
        pages = []
        for side, placements in ((0, layout.fronts), (1, layout.backs)):
            items = both or self.marks + slug(layout, texts[side], self.latin)
            transform = correction.page_transform(layout.page.width_mm,
                                                  layout.page.height_mm, back=side == 1)
            trim, bleed = page_boxes(layout, transform)
            pages.append(Page(
                placements=tuple(
                    Placement(self.faces[key][side].name, placement.transform,
                              element=f"sheet {number + 1} slot {placement.slot + 1}",
                              title=f"Card {placement.slot + 1} of sheet {number + 1}: "
                                    f"{self.cards[key].name}")
                    for key, placement in zip(sheet_slots, placements) if key is not None),
                items=items, correction=None if correction.is_identity else transform,
                trim_box=trim, bleed_box=bleed))
        return pages[0], pages[1]
