"""Reading back what redcard wrote: placements of card forms, fonts, text, in millimetres."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pypdf import PdfReader

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


CARD_TAG = "/RC_Card"  # redcard's marked content around each placed card face


@functools.lru_cache(maxsize=16)
def _pikepdf(reader: PdfReader) -> pikepdf.Pdf:
    """The same file opened with pikepdf, whose (qpdf's) content-stream parser is fast."""
    reader.stream.seek(0)
    return pikepdf.open(io.BytesIO(reader.stream.read()))


def _operations(reader: PdfReader, page_index: int):
    """The page's operators (as bytes) with the matrix in force at each (q/Q/cm applied), and
    the name of the card face being drawn (None outside the cards)."""
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    stack = []
    marked: list[str | None] = []  # per open marked-content sequence: a card's name or None
    for instruction in pikepdf.parse_content_stream(_pikepdf(reader).pages[page_index]):
        operator = instruction.operator.unparse()
        operands = list(instruction.operands)
        card = next((name for name in reversed(marked) if name is not None), None)
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif operator in (b"BDC", b"BMC"):
            is_card = operator == b"BDC" and str(operands[0]) == CARD_TAG
            marked.append(str(operands[1]["/Name"]) if is_card else None)
            yield operator, operands, ctm, card
        elif operator == b"EMC":
            marked.pop()
            yield operator, operands, ctm, card
        else:
            yield operator, operands, ctm, card


def placements(reader: PdfReader, page_index: int) -> list[PlacedForm]:
    """Every card face drawn on the page: its name, the matrix in force and the rectangle it
    is clipped to (its bleed box, in its own coordinates), the face's first `re`."""
    found = []
    starting = None  # a card whose clip rectangle comes next
    for operator, operands, ctm, _ in _operations(reader, page_index):
        if operator == b"BDC" and str(operands[0]) == CARD_TAG:
            starting = str(operands[1]["/Name"])
        elif operator == b"re" and starting is not None:
            x, y, w, h = (float(v) for v in operands)
            found.append(PlacedForm(starting, ctm, (x, y, x + w, y + h)))
            starting = None
    return found


@dataclass(frozen=True)
class Segment:
    """A straight line drawn in the page's own content (not on a card), in mm."""

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
    for operator, operands, ctm, card in _operations(reader, page_index):
        if card is not None or operator not in (b"m", b"l"):
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


def form(reader: PdfReader, page_index: int, prefix: str) -> list[tuple]:
    """The (operands, operator) pairs that draw the first card face on the page whose name
    contains `prefix` (e.g. "back-"), in the face's own coordinates."""
    ops: list[tuple] = []
    for operator, operands, _, card in _operations(reader, page_index):
        if card is not None and prefix in card:
            ops.append((operands, operator))
        elif ops:
            return ops
    if not ops:
        raise LookupError(f"no card face {prefix!r} on page {page_index + 1}")
    return ops


def marked_rects(ops: list[tuple], tag: str) -> list[tuple[float, ...]]:
    """(x, y, w, h) in points of every `re` inside the marked-content sequence `/tag BMC`."""
    inside = False
    rects = []
    for operands, operator in ops:
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
