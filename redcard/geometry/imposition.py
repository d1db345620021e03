"""Imposition: where each card goes on a printed sheet, front and back, in millimetres.

Pure geometry, no PDF. Coordinates follow PDF: origin at the page's bottom-left, x right, y up.
A card's own coordinates have their origin at its trim box's bottom-left, card landscape.
Backs are derived from fronts by composing transforms, so a back can never drift away from
its front, whichever edge the printer flips on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import FitError
from ..textsafety import shorten
from .affine import Affine, Rect
from .sizes import CardSize, PaperSize

# Slack for float arithmetic: a grid that fits exactly must not be rejected.
FIT_TOLERANCE_MM = 1e-9
# Cut lines closer than this are the same cut.
SAME_LINE_MM = 1e-6
# Crop ticks start this far beyond the bled grid so they never touch the colour.
MARK_OFFSET_MM = 1.0


DUPLEX_MODES = ("long", "short", "none")
MARK_STYLES = ("ticks", "lines", "none")


@dataclass(frozen=True)
class Placement:
    """One card on one side of the sheet."""

    slot: int  # 0-based, row-major from the top-left cell as the front is viewed
    transform: Affine  # card coordinates -> page coordinates (mm)
    trim: Rect  # the card's trim box on the page


@dataclass(frozen=True)
class SheetSpec:
    """What the user asked for: paper, card, bleed/gutter theme, duplex edge, margins."""

    paper: PaperSize
    card: CardSize
    bleed_mm: float  # colour extends this far beyond the trim (0 for white cards)
    gutter_mm: float  # gap between adjacent trims: 2*bleed (full colour) or 0 (cards abut)
    duplex: str  # long | short | none
    margin_mm: float = 6.35  # printer-safe margin: nothing printed closer to the paper edge
    mark_zone_mm: float = 4.0  # crop marks run from 1 mm to this far beyond the bled grid
    slug_band_mm: float = 3.5  # a mark-free band in the safe area for one line of instructions
    marks: str = "ticks"  # ticks outside the grid on every side; lines: ticks + cut lines; none


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

    page: PaperSize
    duplex: str
    # Colour drawn beyond each trim along the page's x (left and right) and y (below and
    # above): on stock, at most half the gap between cells, 0 where cells touch.
    bleed_x_mm: float
    bleed_y_mm: float
    cols: int
    rows: int
    rotated: bool  # cards turned 90 degrees CCW (card top toward the page's left edge)
    fronts: tuple[Placement, ...]
    backs: tuple[Placement, ...]  # backs[i] is the back of fronts[i], on the back page
    crop_marks: tuple[CropMark, ...]
    cut_lines: tuple[CropMark, ...]  # full-length guides through every cut, when asked for
    slug: SlugArea | None

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def bleed_mm(self) -> float:
        """The bleed every side has: a card face drawn with it never reaches a neighbour."""
        return min(self.bleed_x_mm, self.bleed_y_mm)


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


def _best_grid(spec: SheetSpec, page: PaperSize, card: CardSize) -> _Grid | None:
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


def _validate(spec: SheetSpec) -> tuple[PaperSize, CardSize]:
    _check_duplex_and_marks(spec.duplex, spec.marks)
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
    return spec.paper, spec.card.check()


def _check_duplex_and_marks(duplex: str, marks: str) -> None:
    if duplex not in DUPLEX_MODES:
        raise FitError(f"unknown duplex mode {shorten(duplex)}", setting="duplex",
                       fix=f"use one of: {', '.join(DUPLEX_MODES)}")
    if marks not in MARK_STYLES:
        raise FitError(f"unknown mark style {shorten(marks)}", setting="marks",
                       fix=f"use one of: {', '.join(MARK_STYLES)}")


def sheet_flip(duplex: str, page: PaperSize) -> Affine:
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
    """Plain paper: choose the grid that fits the most cards; place fronts, backs, marks, slug."""
    page, card = _validate(spec)
    grid = _best_grid(spec, page, card)
    if grid is None:
        raise FitError(
            f"a {card.name} card ({card.width_mm} x {card.height_mm} mm) with "
            f"{spec.bleed_mm} mm bleed, {spec.mark_zone_mm} mm crop-mark zone and "
            f"{spec.margin_mm} mm margin does not fit on {page.name} paper "
            f"({page.width_mm} x {page.height_mm} mm)",
            setting="card",
            fix="use a larger paper or a smaller card (or reduce the margin or bleed)",
        )

    w, h = ((card.height_mm, card.width_mm) if grid.rotated
            else (card.width_mm, card.height_mm))
    grid_w = _extent(grid.cols, w, spec.gutter_mm, spec.bleed_mm)
    grid_h = _extent(grid.rows, h, spec.gutter_mm, spec.bleed_mm)
    left = (page.width_mm - grid_w) / 2
    bottom = (page.height_mm - grid_h) / 2
    top = bottom + grid_h

    corners = [(left + spec.bleed_mm + col * (w + spec.gutter_mm),
                top - spec.bleed_mm - row * (h + spec.gutter_mm) - h)
               for row in range(grid.rows) for col in range(grid.cols)]
    fronts, backs = _place(corners, card, grid.rotated, spec.duplex, page)
    bled = Rect(left, bottom, grid_w, grid_h)
    marks = _crop_marks(fronts, bled, spec.mark_zone_mm) \
        if spec.marks != "none" and spec.mark_zone_mm > 0 else []
    cuts = _cut_lines(fronts, page, spec.margin_mm) if spec.marks == "lines" else []

    band = spec.slug_band_mm
    if grid.slug_rotation_deg == 0:
        slug_rect = Rect(left, bottom - spec.mark_zone_mm - band, grid_w, band)
    else:
        slug_rect = Rect(left - spec.mark_zone_mm - band, bottom, band, grid_h)

    return SheetLayout(page=page, duplex=spec.duplex, bleed_x_mm=spec.bleed_mm,
                       bleed_y_mm=spec.bleed_mm, cols=grid.cols, rows=grid.rows,
                       rotated=grid.rotated, fronts=fronts, backs=backs,
                       crop_marks=tuple(marks), cut_lines=tuple(cuts),
                       slug=SlugArea(slug_rect, grid.slug_rotation_deg))


@dataclass(frozen=True)
class StockSpec:
    """A pre-cut stock: fixed cells, the card centred in each cell."""

    page: PaperSize
    card: CardSize
    cols: int
    rows: int
    left_mm: float  # page's left edge to the first cell's left edge
    top_mm: float  # page's top edge to the first cell's top edge
    pitch_x_mm: float
    pitch_y_mm: float
    cell_width_mm: float
    cell_height_mm: float
    bleed_mm: float  # the theme's; reduced to what the gaps between cells allow
    duplex: str
    marks: str
    margin_mm: float = 6.35
    mark_zone_mm: float = 4.0
    slug_band_mm: float = 3.5


def plan_stock_sheet(spec: StockSpec) -> SheetLayout:
    """Pre-cut stock: cards go exactly where the stock's cells are, never anywhere else."""
    _check_duplex_and_marks(spec.duplex, spec.marks)
    page, card = spec.page, spec.card
    if card.width_mm > spec.cell_width_mm + FIT_TOLERANCE_MM \
            or card.height_mm > spec.cell_height_mm + FIT_TOLERANCE_MM:
        raise FitError(f"a {card.name} card does not fit the stock's "
                       f"{spec.cell_width_mm} x {spec.cell_height_mm} mm cells", setting="card",
                       fix="choose a stock whose cells hold the card")
    inset_x = (spec.cell_width_mm - card.width_mm) / 2
    inset_y = (spec.cell_height_mm - card.height_mm) / 2
    corners = [(spec.left_mm + col * spec.pitch_x_mm + inset_x,
                page.height_mm - spec.top_mm - row * spec.pitch_y_mm - inset_y - card.height_mm)
               for row in range(spec.rows) for col in range(spec.cols)]
    fronts, backs = _place(corners, card, False, spec.duplex, page)
    left = min(p.trim.x_mm for p in fronts)
    right = max(p.trim.right_mm for p in fronts)
    bottom = min(p.trim.y_mm for p in fronts)
    top = max(p.trim.top_mm for p in fronts)

    # Colour may run into the gap between cells (half of it each) and toward the page edge,
    # never onto a neighbouring card: on perforated stock that card is someone else's. Each
    # axis on its own: columns 10 mm apart bleed sideways even where rows touch.
    def bleed_along(count: int, pitch: float, card_mm: float, edges: list[float]) -> float:
        room = [*edges, (pitch - card_mm) / 2] if count > 1 else edges
        return max(0.0, min([spec.bleed_mm, *room]))

    bleed_x = bleed_along(spec.cols, spec.pitch_x_mm, card.width_mm,
                          [left, page.width_mm - right])
    bleed_y = bleed_along(spec.rows, spec.pitch_y_mm, card.height_mm,
                          [bottom, page.height_mm - top])

    bled = Rect(left - bleed_x, bottom - bleed_y, right - left + 2 * bleed_x,
                top - bottom + 2 * bleed_y)
    marks: list[CropMark] = []
    reserve = 0.0
    if spec.marks != "none":
        spare = min(bled.x_mm, page.width_mm - bled.right_mm, bled.y_mm,
                    page.height_mm - bled.top_mm) - spec.margin_mm
        zone = min(spec.mark_zone_mm, spare)
        if zone < MARK_OFFSET_MM + 1.0:
            raise FitError("this stock leaves no room outside its cards for crop marks",
                           setting="marks", fix="use --marks none (cut along the perforations)")
        marks = _crop_marks(fronts, bled, zone)
        reserve = zone
    cuts = _cut_lines(fronts, page, spec.margin_mm) if spec.marks == "lines" else []

    slug = None
    band = spec.slug_band_mm
    if bled.y_mm - reserve - spec.margin_mm >= band:
        slug = SlugArea(Rect(bled.x_mm, spec.margin_mm, bled.width_mm, band), 0)
    elif page.height_mm - bled.top_mm - reserve - spec.margin_mm >= band:
        slug = SlugArea(Rect(bled.x_mm, page.height_mm - spec.margin_mm - band,
                             bled.width_mm, band), 0)
    return SheetLayout(page=page, duplex=spec.duplex, bleed_x_mm=bleed_x, bleed_y_mm=bleed_y,
                       cols=spec.cols, rows=spec.rows, rotated=False, fronts=fronts, backs=backs,
                       crop_marks=tuple(marks), cut_lines=tuple(cuts), slug=slug)


def plan_card_page(card: CardSize, bleed_mm: float) -> SheetLayout:
    """One card per page, the page its trim plus bleed: for card printers and print shops.

    The back is the next page, upright: card printers and print shops turn it themselves.
    """
    if not math.isfinite(bleed_mm) or bleed_mm < 0:
        raise FitError(f"bleed {bleed_mm} mm must be a finite number >= 0", field="bleed_mm",
                       fix="set the bleed to 0 or more")
    page = PaperSize(f"{card.name} card page", card.width_mm + 2 * bleed_mm,
                     card.height_mm + 2 * bleed_mm)
    fronts, backs = _place([(bleed_mm, bleed_mm)], card, False, "none", page)
    return SheetLayout(page=page, duplex="none", bleed_x_mm=bleed_mm, bleed_y_mm=bleed_mm,
                       cols=1, rows=1,
                       rotated=False, fronts=fronts, backs=backs, crop_marks=(), cut_lines=(),
                       slug=None)


def _place(corners: list[tuple[float, float]], card: CardSize, rotated: bool, duplex: str,
           page: PaperSize) -> tuple[tuple[Placement, ...], tuple[Placement, ...]]:
    """Fronts at the given trim corners (bottom-left, slot order) and the backs behind them."""
    # Card coordinates -> on-sheet orientation with the card's bottom-left at the origin.
    orient = (Affine.rotate90().then(Affine.translate(card.height_mm, 0.0)) if rotated
              else Affine.identity())
    flip = sheet_flip(duplex, page)
    turn = _card_flip(card)
    fronts: list[Placement] = []
    backs: list[Placement] = []
    for slot, (x, y) in enumerate(corners):
        front_t = orient.then(Affine.translate(x, y))
        front = Placement(slot, front_t, _bounding_rect(front_t, card))
        fronts.append(front)
        if duplex == "none":
            backs.append(front)
        else:
            back_t = turn.then(front_t).then(flip)
            backs.append(Placement(slot, back_t, _bounding_rect(back_t, card)))
    return tuple(fronts), tuple(backs)


def _crop_marks(fronts: tuple[Placement, ...], bled: Rect, zone_mm: float) -> list[CropMark]:
    """Ticks on all four sides of the grid, so every cut still has its marks after the first."""
    near, far = MARK_OFFSET_MM, zone_mm
    xs = _unique([v for p in fronts for v in (p.trim.x_mm, p.trim.right_mm)])
    ys = _unique([v for p in fronts for v in (p.trim.y_mm, p.trim.top_mm)])
    marks: list[CropMark] = []
    for cx in xs:
        marks.append(CropMark(cx, bled.top_mm + near, cx, bled.top_mm + far))
        marks.append(CropMark(cx, bled.y_mm - near, cx, bled.y_mm - far))
    for cy in ys:
        marks.append(CropMark(bled.x_mm - near, cy, bled.x_mm - far, cy))
        marks.append(CropMark(bled.right_mm + near, cy, bled.right_mm + far, cy))
    return marks


def _cut_lines(fronts: tuple[Placement, ...], page: PaperSize,
               margin_mm: float) -> list[CropMark]:
    """Full-length guides through every cut, margin to margin, for a guillotine or a ruler."""
    xs = _unique([v for p in fronts for v in (p.trim.x_mm, p.trim.right_mm)])
    ys = _unique([v for p in fronts for v in (p.trim.y_mm, p.trim.top_mm)])
    return ([CropMark(x, margin_mm, x, page.height_mm - margin_mm) for x in xs]
            + [CropMark(margin_mm, y, page.width_mm - margin_mm, y) for y in ys])


def page_boxes(layout: SheetLayout, correction: Affine) -> tuple[tuple[float, ...], ...]:
    """TrimBox around the cards and BleedBox around their colour, where the printer puts them
    once `correction` is applied, as (left, bottom, right, top) inside the page."""
    trims = [p.trim for p in layout.fronts]
    left = min(r.x_mm for r in trims)
    bottom = min(r.y_mm for r in trims)
    right = max(r.right_mm for r in trims)
    top = max(r.top_mm for r in trims)
    bleed_x, bleed_y = layout.bleed_x_mm, layout.bleed_y_mm
    trim = Rect(left, bottom, right - left, top - bottom).moved(correction)
    bled = Rect(left - bleed_x, bottom - bleed_y, right - left + 2 * bleed_x,
                top - bottom + 2 * bleed_y).moved(correction)
    page = layout.page
    return (trim.clipped_corners(page.width_mm, page.height_mm),
            bled.clipped_corners(page.width_mm, page.height_mm))
