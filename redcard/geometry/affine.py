"""Placement arithmetic in millimetres: affine transforms and axis-aligned rectangles."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Affine:
    """A PDF matrix [a b c d e f] in mm: x' = a*x + c*y + e ; y' = b*x + d*y + f."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    @classmethod
    def identity(cls) -> Affine:
        return cls(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    @classmethod
    def translate(cls, dx_mm: float, dy_mm: float) -> Affine:
        return cls(1.0, 0.0, 0.0, 1.0, dx_mm, dy_mm)

    @classmethod
    def scale(cls, sx: float, sy: float) -> Affine:
        """Scaling about the origin; a negative factor mirrors."""
        return cls(sx, 0.0, 0.0, sy, 0.0, 0.0)

    @classmethod
    def rotate90(cls, quarter_turns: int = 1) -> Affine:
        """Counter-clockwise rotation by whole quarter turns, exact (no trigonometry)."""
        cos, sin = ((1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0))[quarter_turns % 4]
        return cls(cos, sin, -sin, cos, 0.0, 0.0)

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)

    def then(self, other: Affine) -> Affine:
        """The transform that applies self first, then other."""
        return Affine(
            a=other.a * self.a + other.c * self.b,
            b=other.b * self.a + other.d * self.b,
            c=other.a * self.c + other.c * self.d,
            d=other.b * self.c + other.d * self.d,
            e=other.a * self.e + other.c * self.f + other.e,
            f=other.b * self.e + other.d * self.f + other.f,
        )

    @property
    def determinant(self) -> float:
        """Negative means the transform mirrors: a card back must never be mirrored."""
        return self.a * self.d - self.b * self.c


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle on the page."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float

    @property
    def right_mm(self) -> float:
        return self.x_mm + self.width_mm

    @property
    def top_mm(self) -> float:
        return self.y_mm + self.height_mm

    def moved(self, transform: Affine) -> Rect:
        """The bounding rectangle of this one after `transform` (an axis-aligned one)."""
        x0, y0 = transform.apply(self.x_mm, self.y_mm)
        x1, y1 = transform.apply(self.right_mm, self.top_mm)
        return Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))

    def clipped_corners(self, width_mm: float,
                        height_mm: float) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of this rectangle cut to the page: a PDF page box may
        not leave the MediaBox."""
        return (max(self.x_mm, 0.0), max(self.y_mm, 0.0), min(self.right_mm, width_mm),
                min(self.top_mm, height_mm))
