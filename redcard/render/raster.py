"""PDF pages to PNG, with PDFium (Chrome's PDF engine): previews and phone images are the
PDF itself, drawn by the reader most people have."""

from __future__ import annotations

import io
import math
from pathlib import Path

from ..errors import RedcardError
from ..files import write_atomically

MIN_DPI, MAX_DPI = 20, 1200


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
        write_atomically(path, png_bytes(render_page(data, index, dpi=dpi)))
        paths.append(path)
    return tuple(paths)
