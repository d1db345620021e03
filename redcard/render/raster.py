"""PDF pages to PNG, with PDFium (Chrome's PDF engine): previews and phone images are the
PDF itself, drawn by the reader most people have."""

from __future__ import annotations

import io
import math
from pathlib import Path

from ..errors import RedcardError
from ..files import OutputBatch, read_bytes

MIN_DPI, MAX_DPI = 20, 1200
MAX_PDF_BYTES = 500_000_000
# Pixels of one rendered page: a Letter page at 1200 dpi is 135 million; 60 million (240 MB
# in memory) is a Legal page at 800 dpi, more than any look at a card needs.
MAX_PAGE_PIXELS = 60_000_000


class PreviewError(RedcardError):
    """A PDF to preview cannot be read."""


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


def png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def preview(pdf_path: Path, out_dir: Path, dpi: float = 100) -> tuple[Path, ...]:
    """Every page of any PDF (a build's sheets, a digital card) as `<name>-<page>.png`."""
    import pypdfium2 as pdfium
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise PreviewError(f"{dpi:g} dpi is outside {MIN_DPI}–{MAX_DPI}", setting="dpi",
                           fix="100 is enough to check a layout; 300 to check details")
    data = read_bytes(Path(pdf_path), PreviewError, MAX_PDF_BYTES, what="PDF")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PreviewError(f"cannot be read as a PDF ({exc})", file=str(pdf_path),
                           fix="give the path of a PDF made by redcard build") from None
    try:
        sizes = [document.get_page_size(index) for index in range(len(document))]
    finally:
        document.close()
    pages = len(sizes)
    for number, (width_pt, height_pt) in enumerate(sizes, start=1):
        pixels = math.ceil(width_pt * dpi / 72) * math.ceil(height_pt * dpi / 72)
        if pixels > MAX_PAGE_PIXELS:
            most = int(72 * math.sqrt(MAX_PAGE_PIXELS / (width_pt * height_pt)))
            raise PreviewError(f"page {number} at {dpi:g} dpi would be {pixels:,} pixels, "
                               f"more than {MAX_PAGE_PIXELS:,}", file=str(pdf_path),
                               setting="dpi", fix=f"use --dpi {max(most, 1)} or less")
    digits = len(str(pages))
    with OutputBatch() as batch:  # every page, or none
        return tuple(batch.write(out_dir / f"{Path(pdf_path).stem}-{index + 1:0{digits}d}.png",
                                 png_bytes(render_page(data, index, dpi=dpi)))
                     for index in range(pages))
