"""Digital cards and previews: one card as a PDF of its own (page = the card), and PNGs
rendered from that same PDF drawing with PDFium, so a phone image is the printed card."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from pathlib import Path

from .build import BuildOptions
from .content import CardContent
from .errors import FitError, RedcardError
from .face import THEMES, design_back, design_front
from .fonts import FontRegistry
from .imposition import CARD_SIZES, plan_card_page
from .pdf import CardArt, Document, Sheet, render_pdf, write_bytes_atomically

FORMATS = ("png", "pdf")
MIN_WIDTH_PX, MAX_WIDTH_PX = 200, 8000
MIN_DPI, MAX_DPI = 20, 1200
SIDES = ("front", "back")


class PreviewError(RedcardError):
    """A PDF to preview cannot be read."""


@dataclass(frozen=True)
class DigitalResult:
    code: str
    paths: tuple[Path, ...]
    body_pt: float
    is_draft: bool


def card_pdf(card: CardContent, options: BuildOptions,
             registry: FontRegistry) -> tuple[bytes, float]:
    """One card as a two-page PDF: page 1 the front, page 2 the back, both upright, the page
    exactly the card's trim size (no bleed, no marks). Also the front's text size."""
    if options.theme not in THEMES:
        raise FitError(f"unknown theme {options.theme!r}", field="--theme",
                       fix=f"use one of: {', '.join(THEMES)}")
    size = CARD_SIZES[options.card or "id1"]
    theme = replace(THEMES[options.theme], bleed_mm=0.0)  # the page is the card's trim
    front = design_front(card, size, theme, registry, options.extras)
    back = design_back(card, size, theme, registry, options.extras)
    document = Document(
        title=f"Know-your-rights card — {card.name} ({card.endonym}) · {card.version}",
        subject=f"one wallet card, {size.name}, theme {theme.name}", language=card.code,
        keywords=f"red card, {card.code} version {card.version}",
        arts=(CardArt(card.code, front, back),), layout=plan_card_page(size, 0.0),
        sheets=(Sheet((card.code,), ""),), slug_chain=registry.chain("en", "Latn", "regular"))
    return render_pdf(document), front.body_pt


def build_digital(card: CardContent, options: BuildOptions, out_dir: Path,
                  registry: FontRegistry, fmt: str = "png",
                  width_px: int = 1080) -> DigitalResult:
    """`<code>-card.pdf`, or `<code>-front.png` and `<code>-back.png` `width_px` wide."""
    if fmt not in FORMATS:
        raise FitError(f"unknown format {fmt!r}", field="--format",
                       fix=f"use one of: {', '.join(FORMATS)}")
    if not MIN_WIDTH_PX <= width_px <= MAX_WIDTH_PX:
        raise FitError(f"{width_px} px is outside {MIN_WIDTH_PX}–{MAX_WIDTH_PX}",
                       field="--width", fix="1080 suits most phones")
    data, body_pt = card_pdf(card, options, registry)
    if fmt == "pdf":
        path = out_dir / f"{card.code}-card.pdf"
        write_bytes_atomically(data, path)
        paths: tuple[Path, ...] = (path,)
    else:
        paths = ()
        for index, side in enumerate(SIDES):
            path = out_dir / f"{card.code}-{side}.png"
            write_bytes_atomically(_png(render_page(data, index, width_px=width_px)), path)
            paths += (path,)
    return DigitalResult(card.code, paths, body_pt, card.is_draft)


def scale_for_width(page_width_pt: float, width_px: int) -> float:
    """The scale at which PDFium renders a page exactly `width_px` wide (it rounds up)."""
    scale = width_px / page_width_pt
    while math.ceil(page_width_pt * scale) > width_px:
        scale = math.nextafter(scale, 0.0)
    return scale


def render_page(data: bytes, index: int, *, width_px: int | None = None,
                dpi: float | None = None):
    """Page `index` of a PDF as a PIL image, `width_px` wide or at `dpi`."""
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        scale = scale_for_width(page.get_width(), width_px) if width_px else dpi / 72
        return page.render(scale=scale).to_pil()
    finally:
        document.close()


def preview(pdf_path: Path, out_dir: Path, dpi: float = 100) -> tuple[Path, ...]:
    """Every page of any PDF (a build's sheets, a digital card) as `<name>-<page>.png`."""
    import pypdfium2 as pdfium
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise PreviewError(f"{dpi:g} dpi is outside {MIN_DPI}–{MAX_DPI}", field="--dpi",
                           fix="100 is enough to check a layout; 300 to check details")
    try:
        data = Path(pdf_path).read_bytes()
        pages = len(pdfium.PdfDocument(data))
    except FileNotFoundError:
        raise PreviewError("no such file", file=str(pdf_path),
                           fix="give the path of a PDF made by redcard build") from None
    except (pdfium.PdfiumError, IsADirectoryError, PermissionError) as exc:
        raise PreviewError(f"cannot be read as a PDF ({exc.__class__.__name__})",
                           file=str(pdf_path), fix="give the path of a PDF file") from None
    digits = len(str(pages))
    paths = []
    for index in range(pages):
        path = out_dir / f"{Path(pdf_path).stem}-{index + 1:0{digits}d}.png"
        write_bytes_atomically(_png(render_page(data, index, dpi=dpi)), path)
        paths.append(path)
    return tuple(paths)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
