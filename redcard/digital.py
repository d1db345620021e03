"""Digital cards: one card as a PDF of its own (the page is the card), and PNGs rendered from
that same PDF with PDFium, so a phone image is the printed card."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .design.card import CardDesigner, CardFace
from .design.lockscreen import LockScreenLayout, Screen, lockscreen_layout
from .design.scene import Rectangle, Scene, Tag
from .design.themes import Theme, get_theme
from .errors import SettingsError
from .files import OutputBatch
from .geometry.affine import Affine
from .geometry.correction import PageCorrection
from .geometry.imposition import plan_card_page
from .geometry.sizes import CardSize
from .model.content import CardContent
from .model.extras import CardExtras
from .printing import PdfFile, sheet_document
from .render.pdf import Artwork, Document, Page, Placement
from .render.raster import png_bytes, render_page
from .text.fonts import FontRegistry
from .textsafety import shorten

FORMATS = ("png", "pdf")  # DigitalCard.save; the command adds "lockscreen"
MIN_WIDTH_PX, MAX_WIDTH_PX = 200, 8000
SIDES = ("front", "back")


@dataclass(frozen=True)
class DigitalCard(PdfFile):
    """One card: a two-page PDF (front, back), each page exactly the card's trim size, and
    PNGs of its pages."""

    code: str
    body_pt: float
    is_draft: bool

    def png(self, side: str, width_px: int = 1080) -> bytes:
        """One side, `width_px` wide (the height follows the card's shape)."""
        return card_png(self.pdf_bytes(), side, width_px)

    def save(self, out_dir: Path, fmt: str = "png", width_px: int = 1080,
             batch: OutputBatch | None = None) -> tuple[Path, ...]:
        """`<code>-card.pdf`, or `<code>-front.png` and `<code>-back.png`: all of them or
        none (with `batch`, together with the batch's other files)."""
        if fmt not in FORMATS:
            raise SettingsError(f"unknown format {shorten(fmt)}", setting="format",
                                fix=f"use one of: {', '.join(FORMATS)}")
        if batch is None:
            with OutputBatch() as own:
                return self.save(out_dir, fmt, width_px, own)
        if fmt == "pdf":
            return (self.write(out_dir / f"{self.code}-card.pdf", batch),)
        data = self.pdf_bytes()
        return tuple(batch.write(out_dir / f"{self.code}-{side}.png",
                                 card_png(data, side, width_px)) for side in SIDES)


def card_png(data: bytes, side: str, width_px: int) -> bytes:
    """One side of a digital card's PDF bytes as a PNG `width_px` wide."""
    if side not in SIDES:
        raise SettingsError(f"unknown side {shorten(side)}", setting="side",
                            fix="use front or back")
    if not MIN_WIDTH_PX <= width_px <= MAX_WIDTH_PX:
        raise SettingsError(f"{width_px} px is outside {MIN_WIDTH_PX}–{MAX_WIDTH_PX}",
                            setting="width", fix="1080 suits most phones")
    return png_bytes(render_page(data, SIDES.index(side), width_px=width_px))


def digital_card(card: CardContent, size: CardSize, theme: str | Theme, extras: CardExtras,
                 fonts: FontRegistry) -> DigitalCard:
    """Page 1 the front, page 2 the back, both upright, no bleed and no marks."""
    theme = replace(get_theme(theme), bleed_mm=0.0)  # the page is the card's trim
    designer = CardDesigner(size, theme, fonts)
    front, back = designer.front(card, extras), designer.back(card, extras)
    document = sheet_document(
        {card.code: card}, {card.code: (front, back)}, plan_card_page(size, 0.0),
        [(card.code,)], PageCorrection(), fonts, template=None,
        title=f"Know-your-rights card — {card.name} ({card.endonym}) · {card.version}",
        subject=f"one wallet card, {size.name}, theme {theme.name}", language=card.code,
        keywords=f"red card, {card.code} version {card.version}")
    return DigitalCard(document=document, code=card.code, body_pt=front.body_pt,
                       is_draft=card.is_draft)


@dataclass(frozen=True)
class LockScreen(PdfFile):
    """A lock-screen image of one side: one PDF page the shape of the phone's screen (the
    clock's band left free), rendered to a PNG of the screen's exact pixel size."""

    code: str
    screen: Screen
    side: str
    body_pt: float
    is_draft: bool

    @property
    def file_name(self) -> str:
        side = "" if self.side == "front" else f"-{self.side}"
        return f"{self.code}-lockscreen{side}-{self.screen.name}.png"

    def png(self) -> bytes:
        image = render_page(self.pdf_bytes(), 0, width_px=self.screen.width_px)
        size = (self.screen.width_px, self.screen.height_px)
        if image.size != size:  # PDFium rounds the height up: at most a pixel of background
            image = image.crop((0, 0, *size))
        return png_bytes(image)

    def save(self, out_dir: Path, batch: OutputBatch) -> Path:
        return batch.write(out_dir / self.file_name, self.png())


def placed_document(faces: tuple[tuple[CardFace, tuple[float, float], str], ...],
                    width_mm: float, height_mm: float, background: Rectangle | None,
                    fonts: FontRegistry, *, title: str, subject: str, language: str,
                    keywords: str) -> Document:
    """One page holding faces at (x, y) mm, each its own element of the structure (titled),
    over an optional background."""
    latin = fonts.chain("en", "Latn", "regular")
    placements = tuple(Placement(face.name, Affine.translate(*at), element=face.name,
                                 title=element_title)
                       for face, at, element_title in faces)
    page = Page(placements=placements)
    artworks = tuple(Artwork(face.name, face.scene, 0.0) for face, _, _ in faces)
    if background is not None:
        # A page's own items draw after its placements: the background is an artwork of its
        # own, placed first.
        back_art = Artwork("background", Scene(width_mm, height_mm, (
            Tag("Artifact", (background,), artifact="Background"),)), 0.0)
        artworks = (back_art,) + artworks
        page = Page(placements=(Placement("background", Affine.identity(),
                                          element="background"),) + placements)
    return Document(width_mm, height_mm, title=title, language=language, duplex="none",
                    initial_font=latin.primary, pages=(page,), artworks=artworks,
                    subject=subject, keywords=keywords)


def lock_screen(card: CardContent, screen: Screen, side: str, theme: str | Theme,
                extras: CardExtras, fonts: FontRegistry) -> LockScreen:
    """One side of the card laid out for one phone screen (see design.lockscreen)."""
    theme = replace(get_theme(theme), bleed_mm=0.0)
    layout: LockScreenLayout = lockscreen_layout(card, extras, screen, side, theme, fonts)
    what = f"Front, in {card.name}" if side == "front" else "Back, in English, to the officer"
    document = placed_document(
        ((layout.face, layout.face_at, what),), layout.width_mm, layout.height_mm,
        Rectangle(0.0, 0.0, layout.width_mm, layout.height_mm, fill=theme.background),
        fonts, title=f"Know-your-rights lock screen ({side}) — {card.name} ({card.endonym})"
                     f" · {card.version}",
        subject=f"lock-screen image {screen.width_px} × {screen.height_px}",
        language=card.code if side == "front" else "en",
        keywords=f"red card, {card.code} version {card.version}")
    return LockScreen(document=document, code=card.code, screen=screen, side=side,
                      body_pt=layout.face.body_pt, is_draft=card.is_draft)
