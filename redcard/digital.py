"""Digital cards: one card as a PDF of its own (the page is the card), and PNGs rendered from
that same PDF with PDFium, so a phone image is the printed card."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .design.card import CardDesigner
from .design.themes import Theme, get_theme
from .errors import SettingsError
from .files import OutputBatch
from .geometry.correction import PageCorrection
from .geometry.imposition import plan_card_page
from .geometry.sizes import CardSize
from .model.content import CardContent
from .model.extras import CardExtras
from .printing import PdfFile, sheet_document
from .render.raster import png_bytes, render_page
from .text.fonts import FontRegistry
from .textsafety import shorten

FORMATS = ("png", "pdf")
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
        return _png(self.pdf_bytes(), side, width_px)

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
                                 _png(data, side, width_px)) for side in SIDES)


def _png(data: bytes, side: str, width_px: int) -> bytes:
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
        [(card.code,)], [("", "")],
        PageCorrection(), fonts,
        title=f"Know-your-rights card — {card.name} ({card.endonym}) · {card.version}",
        subject=f"one wallet card, {size.name}, theme {theme.name}", language=card.code,
        keywords=f"red card, {card.code} version {card.version}")
    return DigitalCard(document=document, code=card.code, body_pt=front.body_pt,
                       is_draft=card.is_draft)
