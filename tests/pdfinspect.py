"""Reading back what redcard wrote: placements of card forms, fonts, text, in millimetres."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class PlacedForm:
    name: str
    matrix: tuple[float, ...]  # PDF matrix in points
    bbox_pt: tuple[float, float, float, float]

    def rect_mm(self, bleed_mm: float) -> tuple[float, float, float, float]:
        """The card's trim box on the page: (x, y, width, height) in mm."""
        bleed = bleed_mm / MM_PER_PT
        x0, y0, x1, y1 = self.bbox_pt
        a, b, c, d, e, f = self.matrix
        corners = [((a * x + c * y + e) * MM_PER_PT, (b * x + d * y + f) * MM_PER_PT)
                   for x, y in ((x0 + bleed, y0 + bleed), (x1 - bleed, y0 + bleed),
                                (x1 - bleed, y1 - bleed), (x0 + bleed, y1 - bleed))]
        xs = [p[0] for p in corners]
        ys = [p[1] for p in corners]
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _operations(reader: PdfReader, page_index: int):
    """The page's operators with the matrix in force at each (q/Q/cm applied)."""
    page = reader.pages[page_index]
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    stack = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        else:
            yield operator, operands, ctm


def placements(reader: PdfReader, page_index: int) -> list[PlacedForm]:
    """Every form XObject drawn on the page, with the matrix in force when it was drawn."""
    xobjects = reader.pages[page_index]["/Resources"]["/XObject"]
    found = []
    for operator, operands, ctm in _operations(reader, page_index):
        if operator == b"Do":
            form = xobjects[operands[0]].get_object()
            bbox = tuple(float(v) for v in form["/BBox"])
            found.append(PlacedForm(str(operands[0]), ctm, bbox))
    return found


@dataclass(frozen=True)
class Segment:
    """A straight line drawn in the page's own content (not inside a form), in mm."""

    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def length(self) -> float:
        return ((self.x2 - self.x1) ** 2 + (self.y2 - self.y1) ** 2) ** 0.5


def segments(reader: PdfReader, page_index: int) -> list[Segment]:
    """Every `m … l` line segment on the page, with the matrix in force applied."""
    found = []
    current = None
    for operator, operands, ctm in _operations(reader, page_index):
        if operator not in (b"m", b"l"):
            continue
        a, b, c, d, e, f = ctm
        x, y = float(operands[0]), float(operands[1])
        point = ((a * x + c * y + e) * MM_PER_PT, (b * x + d * y + f) * MM_PER_PT)
        if operator == b"l" and current is not None:
            found.append(Segment(*current, *point))
        current = point
    return found


def boxes_mm(reader: PdfReader, page_index: int) -> dict[str, tuple[float, ...]]:
    page = reader.pages[page_index]
    return {name: tuple(float(v) * MM_PER_PT for v in box)
            for name, box in (("media", page.mediabox), ("trim", page.trimbox),
                              ("bleed", page.bleedbox))}


def page_size_mm(reader: PdfReader, page_index: int = 0) -> tuple[float, float]:
    box = reader.pages[page_index].mediabox
    return float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT


def fonts(reader: PdfReader) -> list[dict]:
    """Every font dictionary reachable from pages and forms, with how it is embedded."""
    seen = {}

    def visit(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            seen[str(font.get("/BaseFont"))] = {
                "subtype": str(font.get("/Subtype")),
                "embedded": any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                          "/FontFile3")),
                "to_unicode": "/ToUnicode" in font,
            }
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return [{"name": name, **info} for name, info in sorted(seen.items())]


def pdftotext(path: Path, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext (poppler-utils) is needed for extraction tests")
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def form(reader: PdfReader, page_index: int, prefix: str):
    """The first form XObject on the page whose name contains `prefix` (e.g. "back-")."""
    xobjects = reader.pages[page_index]["/Resources"]["/XObject"]
    for name in xobjects:
        if prefix in str(name):
            return xobjects[name].get_object()
    raise LookupError(f"no form {prefix!r} on page {page_index + 1}")


def marked_rects(reader: PdfReader, form_object, tag: str) -> list[tuple[float, ...]]:
    """(x, y, w, h) in points of every `re` inside the marked-content sequence `/tag BMC`."""
    inside = False
    rects = []
    for operands, operator in ContentStream(form_object, reader).operations:
        if operator == b"BMC" and str(operands[0]) == f"/{tag}":
            inside = True
        elif operator == b"EMC":
            inside = False
        elif inside and operator == b"re":
            rects.append(tuple(float(v) for v in operands))
    return rects


@dataclass(frozen=True)
class TextBox:
    text: str
    x0: float  # points, from the page's top-left corner (pdftotext -bbox)
    y0: float
    x1: float
    y1: float


def text_boxes(path: Path, page_index: int = 0) -> list[TextBox]:
    """Lines of text with their boxes, as pdftotext extracts them (one per ActualText span)."""
    import html
    import re
    page = str(page_index + 1)
    out = pdftotext(path, "-bbox", "-f", page, "-l", page)
    return [TextBox(html.unescape(m.group(5)), *(float(m.group(i)) for i in range(1, 5)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                 r'yMax="([\d.]+)">(.*?)</word>', out)]


def trims(reader: PdfReader, page: int) -> list[tuple[float, float, float, float]]:
    """Card trim rectangles on a page: form bbox less the bleed the page's boxes declare."""
    box = boxes_mm(reader, page)
    bleed = box["trim"][0] - box["bleed"][0]
    return [p.rect_mm(bleed) for p in placements(reader, page)]


def assert_rects(found, expected, tolerance_mm: float = 0.01) -> None:
    import pytest
    assert len(found) == len(expected)
    for rect, want in zip(found, expected):
        assert rect == pytest.approx(want, abs=tolerance_mm)


def flat(points) -> list[float]:
    return [value for point in points for value in point]
