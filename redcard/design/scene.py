"""The drawing list: what a card face, a sheet's margins or the calibration sheet show, in
millimetres (origin bottom-left, y up), as plain data a renderer draws in order.

Colours and line widths follow SVG's rule: an item sets what it gives and inherits what it
leaves as None from the enclosing `Group`; an `isolated` group (or rectangle) keeps its
settings to itself. Nothing here knows about PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the drawing list does not need the text engine to load
    from ..geometry.affine import Affine
    from ..text import ParagraphLayout
    from .qr import QrSymbol

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Stroke:
    width_mm: float | None = None  # None: the group's
    colour: RGB | None = None  # None: the group's


@dataclass(frozen=True)
class Rectangle:
    """A rectangle with optionally rounded corners: a background, a frame, the hotline band,
    the light patch behind a QR code or logo."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    radius_mm: float = 0.0
    fill: RGB | None = None  # None: not filled
    stroke: Stroke | None = None  # None: not stroked
    isolated: bool = False

    def contains(self, left: float, bottom: float, right: float, top: float) -> bool:
        eps = 1e-6
        return (self.x_mm - eps <= left and right <= self.x_mm + self.width_mm + eps and
                self.y_mm - eps <= bottom and top <= self.y_mm + self.height_mm + eps)


@dataclass(frozen=True)
class Circle:
    x_mm: float
    y_mm: float
    radius_mm: float
    fill: RGB | None = None
    stroke: Stroke | None = None


@dataclass(frozen=True)
class Line:
    x1_mm: float
    y1_mm: float
    x2_mm: float
    y2_mm: float
    stroke: Stroke = Stroke()


@dataclass(frozen=True)
class TextBlock:
    """A laid-out paragraph with its box's top-left corner at (left_mm, top_mm)."""

    layout: ParagraphLayout
    left_mm: float
    top_mm: float
    colour: RGB | None = None  # None: the group's fill colour


@dataclass(frozen=True)
class TextRow:
    """One-line text blocks side by side on one baseline (a footer and a name at its right),
    read as one line, left to right: readers that order blocks by position would otherwise
    disagree about which comes first."""

    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True)
class QrCode:
    """A QR symbol: (x_mm, y_mm) is the bottom-left corner of its modules (the quiet zone lies
    outside, on the light Rectangle drawn before it)."""

    x_mm: float
    y_mm: float
    module_mm: float
    symbol: QrSymbol
    colour: RGB

    def rects(self) -> list[tuple[float, float, float, float]]:
        """One rectangle (x, y, width, height in mm) per run of dark modules in a row."""
        m = self.module_mm
        top = self.y_mm + self.symbol.modules * m
        return [(self.x_mm + column * m, top - (row + 1) * m, length * m, m)
                for row, column, length in self.symbol.runs]


@dataclass(frozen=True)
class Picture:
    """The organisation's logo, scaled into (x, y, width, height) with its aspect kept."""

    path: Path
    kind: str  # raster | svg
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class Group:
    """Items drawn with shared settings; `transforms` apply in order before the items."""

    items: tuple[Item, ...]
    fill: RGB | None = None
    stroke: RGB | None = None
    line_mm: float | None = None
    transforms: tuple[Affine, ...] = ()
    isolated: bool = False


@dataclass(frozen=True)
class Tag:
    """Items that make one element of the document's structure, for screen readers and text
    extraction (PDF/UA tags): a section, a heading, a list, a list item's body, a paragraph,
    a figure; or an `Artifact`, which a reader skips (backgrounds, bullets, crop marks).

    A tag whose items are all drawing items holds its content directly; a tag of tags only
    groups them. `lang` is the language of the element's text (BCP 47), `alt` says what a
    figure shows, `actual_text` replaces what the element says out loud."""

    role: str  # Sect, H1, L, LI, LBody, P, Figure, Artifact (see STRUCTURE_ROLES)
    items: tuple[Item, ...]
    lang: str | None = None
    alt: str | None = None
    actual_text: str | None = None
    artifact: str | None = None  # Artifact only: Layout, Page (cut marks), Background
    list_numbering: str | None = None  # L only: Disc, Decimal, ...


STRUCTURE_ROLES = ("Sect", "H1", "L", "LI", "LBody", "P", "Figure", "Artifact")

Item = Rectangle | Circle | Line | TextBlock | TextRow | QrCode | Picture | Group | Tag


@dataclass(frozen=True)
class Scene:
    """Items in drawing order on an area of width × height mm."""

    width_mm: float
    height_mm: float
    items: tuple[Item, ...]

    def find(self, kind: type) -> tuple:
        """Every item of one kind, in drawing order, inside groups and tags too."""
        return tuple(_walk(self.items, kind))


def _walk(items: tuple[Item, ...], kind: type):
    for item in items:
        if isinstance(item, kind):
            yield item
        if isinstance(item, (Group, Tag)):
            yield from _walk(item.items, kind)
        if isinstance(item, TextRow):
            yield from _walk(item.blocks, kind)
