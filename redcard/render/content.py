"""A page part's content stream: PDF operators in points, formatted as ReportLab's canvas
formats them (its number formatting and its path geometry, the same bytes), without the
canvas and the document machinery behind it, whose import alone took a twentieth of a build
of every language.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.pathobject import PDFPathObject

# the painting operator for (stroke, fill), with the even-odd rule for fills
_PAINT = {(0, 0): "n", (1, 0): "S", (0, 1): "f*", (1, 1): "B*"}


class Content:
    """Operators appended in drawing order; `ops` joined by newlines is the stream."""

    def __init__(self) -> None:
        self.ops: list[str] = []

    def literal(self, operators: str) -> None:
        self.ops.append(operators)

    def save(self) -> None:
        self.ops.append("q")

    def restore(self) -> None:
        self.ops.append("Q")

    def transform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        """Concatenate a matrix; two in a row become one `cm` (as ReportLab writes them)."""
        ops = self.ops
        if ops and ops[-1].endswith(" cm"):
            words = ops[-1].split()
            a0, b0, c0, d0, e0, f0 = map(float, words[-7:-1])
            head = " ".join(words[:-7]) + " " if len(words) > 7 else ""
            ops[-1] = head + fp_str(a0 * a + c0 * b, b0 * a + d0 * b, a0 * c + c0 * d,
                                    b0 * c + d0 * d, a0 * e + c0 * f + e0,
                                    b0 * e + d0 * f + f0) + " cm"
        else:
            ops.append(fp_str(a, b, c, d, e, f) + " cm")

    def fill_colour(self, rgb: Iterable[float]) -> None:
        self.ops.append(fp_str(tuple(rgb)) + " rg")

    def stroke_colour(self, rgb: Iterable[float]) -> None:
        self.ops.append(fp_str(tuple(rgb)) + " RG")

    def line_width(self, width: float) -> None:
        self.ops.append(fp_str(width) + " w")

    def rect(self, x: float, y: float, width: float, height: float, stroke: int,
             fill: int) -> None:
        self.ops.append(f"n {fp_str(x, y, width, height)} re {_PAINT[stroke, fill]}")

    def round_rect(self, x: float, y: float, width: float, height: float, radius: float,
                   stroke: int, fill: int) -> None:
        PDFPathObject(code=self.ops).roundRect(x, y, width, height, radius)
        self.ops.append(_PAINT[stroke, fill])

    def circle(self, x: float, y: float, radius: float, stroke: int, fill: int) -> None:
        left, bottom, right, top = x - radius, y - radius, x + radius, y + radius
        PDFPathObject(code=self.ops).ellipse(left, bottom, right - left, top - bottom)
        self.ops.append(_PAINT[stroke, fill])

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.ops.append(f"n {fp_str(x1, y1)} m {fp_str(x2, y2)} l S")

    def clip_rect(self, x: float, y: float, width: float, height: float) -> None:
        """Clip to a rectangle (even-odd), painting nothing."""
        self.ops.append(f"n {fp_str((x, y, width, height))} re W* n")

    def fill_rects(self, rects: Iterable[tuple[float, float, float, float]]) -> None:
        """Rectangles filled as one path (no seams between them where they touch)."""
        path = PDFPathObject()
        for x, y, width, height in rects:
            path.rect(x, y, width, height)
        self.ops.append(path.getCode())
        self.ops.append(_PAINT[0, 1])
