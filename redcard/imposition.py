"""Imposition: where each card goes on a printed sheet, front and back, in millimetres.

Pure geometry, no PDF. Coordinates follow PDF: origin at the page's bottom-left, x right, y up.
A card's own coordinates have their origin at its trim box's bottom-left, card landscape.
Backs are derived from fronts by composing transforms, so a back can never drift away from
its front, whichever edge the printer flips on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import FitError

# Slack for float arithmetic: a grid that fits exactly must not be rejected.
FIT_TOLERANCE_MM = 1e-9
# Cut lines closer than this are the same cut.
SAME_LINE_MM = 1e-6
# Crop ticks start this far beyond the bled grid so they never touch the colour.
MARK_OFFSET_MM = 1.0


@dataclass(frozen=True)
class Size:
    """A paper size, portrait."""

    width_mm: float
    height_mm: float


PAPERS: dict[str, Size] = {
    "letter": Size(215.9, 279.4),
    "a4": Size(210.0, 297.0),
    "legal": Size(215.9, 355.6),
}


@dataclass(frozen=True)
class CardSize:
    """A card's trim size, landscape, and the radius of its rounded corners."""

    name: str
    width_mm: float
    height_mm: float
    corner_radius_mm: float


CARD_SIZES: dict[str, CardSize] = {
    # ISO/IEC 7810 ID-1: fits any wallet's card slot.
    "id1": CardSize("id1", 85.60, 53.98, 3.18),
    # US business card, 3.5 x 2 in: the size ILRC's red cards are printed at.
    "business": CardSize("business", 88.9, 50.8, 0.0),
}

DUPLEX_MODES = ("long", "short", "none")


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

    def as_tuple(self) -> tuple[float, float, float, float, float, float]:
        """The six numbers in PDF `cm` order."""
        return (self.a, self.b, self.c, self.d, self.e, self.f)


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


@dataclass(frozen=True)
class Placement:
    """One card on one side of the sheet."""

    slot: int  # 0-based, row-major from the top-left cell as the front is viewed
    transform: Affine  # card coordinates -> page coordinates (mm)
    trim: Rect  # the card's trim box on the page


@dataclass(frozen=True)
class SheetSpec:
    """What the user asked for: paper, card, bleed/gutter theme, duplex edge, margins."""

    paper: str
    card: str
    bleed_mm: float  # colour extends this far beyond the trim (0 for white cards)
    gutter_mm: float  # gap between adjacent trims: 2*bleed (full colour) or 0 (cards abut)
    duplex: str  # long | short | none
    margin_mm: float = 6.35  # printer-safe margin: nothing printed closer to the paper edge
    mark_zone_mm: float = 4.0  # crop marks run from 1 mm to this far beyond the bled grid
    slug_band_mm: float = 3.5  # a mark-free band in the safe area for one line of instructions


@dataclass(frozen=True)
class CropMark:
    """A short line segment on the page."""

    x1_mm: float
    y1_mm: float
    x2_mm: float
    y2_mm: float


@dataclass(frozen=True)
class SlugArea:
    """Where the instruction line goes: 0 = left to right along the bottom, 90 = bottom to top."""

    rect: Rect
    rotation_deg: int


@dataclass(frozen=True)
class SheetLayout:
    """The full imposition of one sheet: fronts, backs, crop marks and the slug."""

    spec: SheetSpec
    page: Size
    cols: int
    rows: int
    rotated: bool  # cards turned 90 degrees CCW (card top toward the page's left edge)
    fronts: tuple[Placement, ...]
    backs: tuple[Placement, ...]  # backs[i] is the back of fronts[i], on the back page
    crop_marks: tuple[CropMark, ...]
    slug: SlugArea

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows


@dataclass(frozen=True)
class _Grid:
    cols: int
    rows: int
    rotated: bool
    slug_rotation_deg: int


def _count_along(space_mm: float, card_mm: float, gutter_mm: float, bleed_mm: float) -> int:
    """Most cards n with n*card + (n-1)*gutter + 2*bleed <= space (exact fits accepted)."""
    n = max(0, math.floor((space_mm + gutter_mm - 2 * bleed_mm + FIT_TOLERANCE_MM)
                          / (card_mm + gutter_mm)))
    # Guard the floor against rounding either way.
    while n > 0 and _extent(n, card_mm, gutter_mm, bleed_mm) > space_mm + FIT_TOLERANCE_MM:
        n -= 1
    while _extent(n + 1, card_mm, gutter_mm, bleed_mm) <= space_mm + FIT_TOLERANCE_MM:
        n += 1
    return n


def _extent(n: int, card_mm: float, gutter_mm: float, bleed_mm: float) -> float:
    """Length of the bled grid for n cards in a line."""
    return n * card_mm + (n - 1) * gutter_mm + 2 * bleed_mm


def _best_grid(spec: SheetSpec, page: Size, card: CardSize) -> _Grid | None:
    """Largest grid over both orientations and both slug positions; ties favour unrotated.

    The grid is centred, so the slack on the slug's axis is split between two sides: the band
    fits only if that axis keeps 2 * slug_band_mm spare.
    """
    inner_w = page.width_mm - 2 * spec.margin_mm - 2 * spec.mark_zone_mm
    inner_h = page.height_mm - 2 * spec.margin_mm - 2 * spec.mark_zone_mm
    band2 = 2 * spec.slug_band_mm
    best: _Grid | None = None
    for rotated in (False, True):
        w, h = (card.height_mm, card.width_mm) if rotated else (card.width_mm, card.height_mm)
        options = (
            (_count_along(inner_w, w, spec.gutter_mm, spec.bleed_mm),
             _count_along(inner_h - band2, h, spec.gutter_mm, spec.bleed_mm), 0),
            (_count_along(inner_w - band2, w, spec.gutter_mm, spec.bleed_mm),
             _count_along(inner_h, h, spec.gutter_mm, spec.bleed_mm), 90),
        )
        for cols, rows, slug_rotation in options:
            if cols < 1 or rows < 1:
                continue
            if best is None or cols * rows > best.cols * best.rows:
                best = _Grid(cols, rows, rotated, slug_rotation)
    return best


def _validate(spec: SheetSpec) -> tuple[Size, CardSize]:
    if spec.paper not in PAPERS:
        raise FitError(f"unknown paper {spec.paper!r}", field="paper",
                       fix=f"use one of: {', '.join(PAPERS)}")
    if spec.card not in CARD_SIZES:
        raise FitError(f"unknown card size {spec.card!r}", field="card",
                       fix=f"use one of: {', '.join(CARD_SIZES)}")
    if spec.duplex not in DUPLEX_MODES:
        raise FitError(f"unknown duplex mode {spec.duplex!r}", field="duplex",
                       fix=f"use one of: {', '.join(DUPLEX_MODES)}")
    for name in ("bleed_mm", "gutter_mm", "margin_mm", "mark_zone_mm", "slug_band_mm"):
        value = getattr(spec, name)
        if not math.isfinite(value) or value < 0:
            raise FitError(f"{name} is {value}, it must be a finite number >= 0", field=name,
                           fix=f"set {name} to 0 or more")
    if 0 < spec.mark_zone_mm < MARK_OFFSET_MM:
        raise FitError(f"mark zone {spec.mark_zone_mm} mm leaves no room for crop marks, which "
                       f"start {MARK_OFFSET_MM} mm beyond the bleed", field="mark_zone_mm",
                       fix=f"set mark_zone_mm to 0 (no marks) or more than {MARK_OFFSET_MM}")
    if 0 < spec.gutter_mm < 2 * spec.bleed_mm - SAME_LINE_MM:
        raise FitError(f"a gutter of {spec.gutter_mm} mm is narrower than two bleeds "
                       f"({2 * spec.bleed_mm} mm): neighbouring cards' colour would overlap",
                       field="gutter_mm",
                       fix="use gutter = 2 x bleed for full-colour cards, or 0 for cards that abut")
    return PAPERS[spec.paper], CARD_SIZES[spec.card]


def _sheet_flip(duplex: str, page: Size) -> Affine:
    """Where a point of the front page lands on the back page when the sheet is turned over."""
    if duplex == "long":
        return Affine.scale(-1.0, 1.0).then(Affine.translate(page.width_mm, 0.0))
    if duplex == "short":
        return Affine.scale(1.0, -1.0).then(Affine.translate(0.0, page.height_mm))
    return Affine.identity()


def _card_flip(card: CardSize) -> Affine:
    """Turning the card over about its own vertical axis, like a business card."""
    return Affine.scale(-1.0, 1.0).then(Affine.translate(card.width_mm, 0.0))


def _bounding_rect(transform: Affine, card: CardSize) -> Rect:
    corners = [transform.apply(u, v) for u in (0.0, card.width_mm) for v in (0.0, card.height_mm)]
    xs = [x for x, _ in corners]
    ys = [y for _, y in corners]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _unique(values: list[float]) -> list[float]:
    """Sorted values with near-coincident ones merged (one cut serves two abutting cards)."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SAME_LINE_MM:
            out.append(value)
    return out


def plan_sheet(spec: SheetSpec) -> SheetLayout:
    """Choose the grid that fits the most cards and place fronts, backs, marks and slug."""
    page, card = _validate(spec)
    grid = _best_grid(spec, page, card)
    if grid is None:
        raise FitError(
            f"a {card.name} card ({card.width_mm} x {card.height_mm} mm) with "
            f"{spec.bleed_mm} mm bleed, {spec.mark_zone_mm} mm crop-mark zone and "
            f"{spec.margin_mm} mm margin does not fit on {spec.paper} paper "
            f"({page.width_mm} x {page.height_mm} mm)",
            field="card",
            fix="use a larger paper or a smaller card (or reduce the margin or bleed)",
        )

    w, h = ((card.height_mm, card.width_mm) if grid.rotated
            else (card.width_mm, card.height_mm))
    grid_w = _extent(grid.cols, w, spec.gutter_mm, spec.bleed_mm)
    grid_h = _extent(grid.rows, h, spec.gutter_mm, spec.bleed_mm)
    left = (page.width_mm - grid_w) / 2
    bottom = (page.height_mm - grid_h) / 2
    top = bottom + grid_h
    right = left + grid_w

    # Card coordinates -> on-sheet orientation with the card's bottom-left at the origin.
    orient = (Affine.rotate90().then(Affine.translate(card.height_mm, 0.0)) if grid.rotated
              else Affine.identity())
    flip = _sheet_flip(spec.duplex, page)
    turn = _card_flip(card)

    fronts: list[Placement] = []
    backs: list[Placement] = []
    for slot in range(grid.cols * grid.rows):
        row, col = divmod(slot, grid.cols)
        x = left + spec.bleed_mm + col * (w + spec.gutter_mm)
        y = top - spec.bleed_mm - row * (h + spec.gutter_mm) - h
        front_t = orient.then(Affine.translate(x, y))
        front = Placement(slot, front_t, _bounding_rect(front_t, card))
        fronts.append(front)
        if spec.duplex == "none":
            backs.append(front)
        else:
            back_t = turn.then(front_t).then(flip)
            backs.append(Placement(slot, back_t, _bounding_rect(back_t, card)))

    marks: list[CropMark] = []
    if spec.mark_zone_mm > 0:
        near, far = MARK_OFFSET_MM, spec.mark_zone_mm
        xs = _unique([v for p in fronts for v in (p.trim.x_mm, p.trim.right_mm)])
        ys = _unique([v for p in fronts for v in (p.trim.y_mm, p.trim.top_mm)])
        for cx in xs:
            marks.append(CropMark(cx, top + near, cx, top + far))
            marks.append(CropMark(cx, bottom - near, cx, bottom - far))
        for cy in ys:
            marks.append(CropMark(left - near, cy, left - far, cy))
            marks.append(CropMark(right + near, cy, right + far, cy))

    band = spec.slug_band_mm
    if grid.slug_rotation_deg == 0:
        slug_rect = Rect(left, bottom - spec.mark_zone_mm - band, grid_w, band)
    else:
        slug_rect = Rect(left - spec.mark_zone_mm - band, bottom, band, grid_h)

    return SheetLayout(
        spec=spec,
        page=page,
        cols=grid.cols,
        rows=grid.rows,
        rotated=grid.rotated,
        fronts=tuple(fronts),
        backs=tuple(backs),
        crop_marks=tuple(marks),
        slug=SlugArea(slug_rect, grid.slug_rotation_deg),
    )


def sheets_needed(card_count: int, per_sheet: int) -> list[int]:
    """Cards on each sheet, in order; only the last may be partial (never an empty sheet)."""
    if card_count < 1:
        raise ValueError(f"card_count must be >= 1, got {card_count}")
    if per_sheet < 1:
        raise ValueError(f"per_sheet must be >= 1, got {per_sheet}")
    full, rest = divmod(card_count, per_sheet)
    return [per_sheet] * full + ([rest] if rest else [])
