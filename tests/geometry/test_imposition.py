"""Imposition geometry: counts, exact trims, centring, duplex backs, crop marks, slug."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from redcard.errors import FitError, SettingsError
from redcard.geometry.affine import Affine, Rect
from redcard.geometry.imposition import DUPLEX_MODES, SheetLayout, SheetSpec, plan_sheet
from redcard.geometry.sizes import CardSize, load_sizes
from redcard.geometry.slots import fill_slots

EPS = 1e-9
THEMES = {"full-colour": (2.0, 4.0), "abutting": (0.0, 0.0)}  # (bleed_mm, gutter_mm)
SIZES = load_sizes()


def spec_for(paper: str, card: str | CardSize, theme: str, duplex: str = "long",
             **kw: float) -> SheetSpec:
    bleed, gutter = THEMES[theme]
    return SheetSpec(paper=SIZES.papers[paper], card=SIZES.card(card), bleed_mm=bleed,
                     gutter_mm=gutter, duplex=duplex, **kw)


ALL_SPECS = [
    spec_for(paper, card, theme, duplex)
    for paper, card, theme, duplex in itertools.product(SIZES.papers, SIZES.cards, THEMES,
                                                        DUPLEX_MODES)
]


def cards_per_sheet(count: int, per_sheet: int) -> list[int]:
    return [sum(key is not None for key in sheet)
            for sheet in fill_slots([("x", count)], per_sheet)]


def spec_id(spec: SheetSpec) -> str:
    return f"{spec.paper.name}-{spec.card.name}-b{spec.bleed_mm:g}g{spec.gutter_mm:g}-" \
        f"{spec.duplex}"


def bled_grid(layout: SheetLayout) -> Rect:
    """The bled grid, recovered from the front trims."""
    b = layout.bleed_mm
    x0 = min(p.trim.x_mm for p in layout.fronts) - b
    y0 = min(p.trim.y_mm for p in layout.fronts) - b
    x1 = max(p.trim.right_mm for p in layout.fronts) + b
    y1 = max(p.trim.top_mm for p in layout.fronts) + b
    return Rect(x0, y0, x1 - x0, y1 - y0)


def sheet_flip(layout: SheetLayout) -> Affine:
    w, h = layout.page.width_mm, layout.page.height_mm
    if layout.duplex == "long":
        return Affine(-1.0, 0.0, 0.0, 1.0, w, 0.0)
    if layout.duplex == "short":
        return Affine(1.0, 0.0, 0.0, -1.0, 0.0, h)
    return Affine.identity()


# Available space, worked by hand. The bled grid plus a 4 mm mark zone on every side must fit
# inside the paper less the 6.35 mm margin, so the bled grid gets paper - 12.7 - 8:
#   Letter 215.9 x 279.4 -> 195.2 x 258.7      A4 210 x 297 -> 189.3 x 276.3
#   Legal  215.9 x 355.6 -> 195.2 x 334.9
# The grid is centred, so a 3.5 mm slug band on one side means 7 mm spare on that axis
# (the slack is split between the two sides): band at the bottom takes 7 mm off the height,
# band on the left takes 7 mm off the width.
# Bled length of n cards: n*w + (n-1)*gutter + 2*bleed, i.e. n*w (abutting) or n*(w+4)
# (full-colour, bleed 2 / gutter 4). ID-1 is 85.60 x 53.98, business 88.9 x 50.8.
COUNTS = [
    # Letter, ID-1, abutting. Unrotated: 2 cols (171.2 <= 195.2; 3 = 256.8), 4 rows
    # (215.92 + 7 <= 258.7; 5 = 269.9) = 8. Rotated (53.98 wide, 85.60 tall): 3 cols
    # (161.94 + 7 <= 195.2, band on the left), 3 rows (256.8 <= 258.7) = 9 -> 9 rotated 3x3.
    ("letter", "id1", "abutting", 3, 3, True, 90),
    # Letter, ID-1, full-colour. Unrotated: 2 cols (2*89.6 = 179.2 <= 195.2), 4 rows
    # (4*57.98 = 231.92 + 7 <= 258.7; 5 = 289.9) = 8. Rotated: 3 cols (3*57.98 = 173.94),
    # 2 rows (2*89.6 = 179.2; 3 = 268.8 > 258.7) = 6 -> 8 unrotated 2x4.
    ("letter", "id1", "full-colour", 2, 4, False, 0),
    # A4, ID-1, abutting. Unrotated: 2 cols (171.2 <= 189.3), 5 rows (269.9 <= 276.3; the
    # bottom band would need 276.9, so the band goes left: 171.2 + 7 <= 189.3) = 10.
    # Rotated: 3 cols (161.94), 3 rows (256.8; 4 = 342.4) = 9 -> 10 unrotated 2x5.
    ("a4", "id1", "abutting", 2, 5, False, 90),
    # A4, ID-1, full-colour. Unrotated: 2 cols (179.2; 3 = 268.8), 4 rows (231.92;
    # 5 = 289.9) = 8. Rotated: 3 cols (173.94 <= 189.3), 3 rows (268.8 + 7 = 275.8 <= 276.3,
    # bottom band) = 9 -> 9 rotated 3x3.
    ("a4", "id1", "full-colour", 3, 3, True, 0),
    # Letter, business, abutting. Unrotated: 2 cols (177.8; band on the left 184.8 <= 195.2),
    # 5 rows (254 <= 258.7; bottom band would need 261) = 10. Rotated: 3 cols (152.4),
    # 2 rows (177.8; 3 = 266.7) = 6 -> 10 unrotated 2x5 (the Avery 5371 layout).
    ("letter", "business", "abutting", 2, 5, False, 90),
    # Letter, business, full-colour. Unrotated: 2 cols (2*92.9 = 185.8), 4 rows
    # (4*54.8 = 219.2; 5 = 274) = 8. Rotated: 3 cols (164.4), 2 rows (185.8) = 6 -> 8.
    ("letter", "business", "full-colour", 2, 4, False, 0),
    # Legal, ID-1, abutting. Unrotated: 2 cols, 6 rows (323.88 + 7 <= 334.9) = 12.
    # Rotated: 3 cols, 3 rows (256.8; 4 = 342.4) = 9 -> 12 unrotated 2x6.
    ("legal", "id1", "abutting", 2, 6, False, 0),
    # Legal, ID-1, full-colour. Unrotated: 2 cols, 5 rows (289.9 + 7 <= 334.9; 6 = 347.88)
    # = 10. Rotated: 3 cols, 3 rows (268.8) = 9 -> 10 unrotated 2x5.
    ("legal", "id1", "full-colour", 2, 5, False, 0),
    # Legal, business, full-colour. Unrotated: 2 cols (185.8 + 7 <= 195.2, band left),
    # 6 rows (328.8 <= 334.9; bottom band would need 335.8) = 12. Rotated: 3 x 3 = 9.
    ("legal", "business", "full-colour", 2, 6, False, 90),
    # A4, business, full-colour. Unrotated: 2 cols (185.8 <= 189.3 but 192.8 with a left band
    # does not fit), so the band goes at the bottom: rows fit 276.3 - 7 = 269.3 -> 4 (219.2;
    # 5 = 274) = 8. Rotated: 3 cols (164.4), 2 rows (185.8; 3 = 278.7) = 6 -> 8 unrotated 2x4.
    ("a4", "business", "full-colour", 2, 4, False, 0),
]


@pytest.mark.parametrize(("paper", "card", "theme", "cols", "rows", "rotated", "slug_rot"),
                         COUNTS)
def test_counts(paper: str, card: str, theme: str, cols: int, rows: int, rotated: bool,
                slug_rot: int) -> None:
    layout = plan_sheet(spec_for(paper, card, theme))
    assert (layout.cols, layout.rows, layout.rotated) == (cols, rows, rotated)
    assert layout.per_sheet == cols * rows == len(layout.fronts) == len(layout.backs)
    assert layout.slug.rotation_deg == slug_rot


@pytest.mark.parametrize("spec", ALL_SPECS, ids=spec_id)
def test_trims_exact_and_inside_safe_area(spec: SheetSpec) -> None:
    layout = plan_sheet(spec)
    card, page = spec.card, spec.paper
    assert page.width_mm < page.height_mm and layout.page == page
    expected = ((card.height_mm, card.width_mm) if layout.rotated
                else (card.width_mm, card.height_mm))
    m, b = spec.margin_mm, spec.bleed_mm
    for placement in layout.fronts + layout.backs:
        t = placement.trim
        assert t.width_mm == pytest.approx(expected[0], abs=EPS)
        assert t.height_mm == pytest.approx(expected[1], abs=EPS)
        assert t.x_mm - b >= m - EPS and t.y_mm - b >= m - EPS
        assert t.right_mm + b <= page.width_mm - m + EPS
        assert t.top_mm + b <= page.height_mm - m + EPS


@pytest.mark.parametrize("spec", ALL_SPECS, ids=spec_id)
def test_bled_cards_do_not_overlap(spec: SheetSpec) -> None:
    layout = plan_sheet(spec)
    b = spec.bleed_mm
    for p, q in itertools.combinations(layout.fronts, 2):
        s, t = p.trim, q.trim
        apart_x = s.right_mm + b <= t.x_mm - b + EPS or t.right_mm + b <= s.x_mm - b + EPS
        apart_y = s.top_mm + b <= t.y_mm - b + EPS or t.top_mm + b <= s.y_mm - b + EPS
        assert apart_x or apart_y, (p.slot, q.slot)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=spec_id)
def test_grid_centred(spec: SheetSpec) -> None:
    layout = plan_sheet(spec)
    g = bled_grid(layout)
    assert g.x_mm == pytest.approx(layout.page.width_mm - g.right_mm, abs=EPS)
    assert g.y_mm == pytest.approx(layout.page.height_mm - g.top_mm, abs=EPS)


def test_slots_row_major_from_top_left() -> None:
    layout = plan_sheet(spec_for("letter", "id1", "full-colour"))  # 2 x 4
    trims = [p.trim for p in layout.fronts]
    assert [p.slot for p in layout.fronts] == list(range(8))
    assert trims[0].x_mm < trims[1].x_mm and trims[0].y_mm == pytest.approx(trims[1].y_mm)
    assert trims[2].x_mm == pytest.approx(trims[0].x_mm) and trims[2].y_mm < trims[0].y_mm
    assert trims[0].top_mm == max(t.top_mm for t in trims)
    assert trims[0].x_mm == min(t.x_mm for t in trims)


def test_rotated_card_top_faces_page_left() -> None:
    layout = plan_sheet(spec_for("letter", "id1", "abutting"))
    assert layout.rotated
    card = SIZES.cards["id1"]
    for p in layout.fronts:
        assert p.transform.determinant == pytest.approx(1.0)
        top_left = p.transform.apply(0.0, card.height_mm)
        top_right = p.transform.apply(card.width_mm, card.height_mm)
        assert top_left[0] == pytest.approx(p.trim.x_mm, abs=EPS)
        assert top_right[0] == pytest.approx(p.trim.x_mm, abs=EPS)
        # Reading direction (card x) runs up the page.
        assert top_right[1] > top_left[1]


@pytest.mark.parametrize("spec", [s for s in ALL_SPECS if s.duplex != "none"], ids=spec_id)
def test_backs_mirror_fronts(spec: SheetSpec) -> None:
    layout = plan_sheet(spec)
    page, card = layout.page, spec.card
    flip = sheet_flip(layout)
    for front, back in zip(layout.fronts, layout.backs, strict=True):
        f, k = front.trim, back.trim
        assert back.slot == front.slot
        if spec.duplex == "long":
            assert k.x_mm == pytest.approx(page.width_mm - f.x_mm - f.width_mm, abs=EPS)
            assert k.y_mm == pytest.approx(f.y_mm, abs=EPS)
        else:
            assert k.x_mm == pytest.approx(f.x_mm, abs=EPS)
            assert k.y_mm == pytest.approx(page.height_mm - f.y_mm - f.height_mm, abs=EPS)
        # A rotation plus translation, never a mirror: the back's text reads correctly.
        assert back.transform.determinant > 0
        assert back.transform.determinant == pytest.approx(1.0)
        # The front's card corner (0, 0) and the back's card corner (width, 0) are the same
        # physical point of the sheet: turning the sheet over (F) brings one onto the other.
        fx, fy = front.transform.apply(0.0, 0.0)
        bx, by = flip.apply(*back.transform.apply(card.width_mm, 0.0))
        assert (bx, by) == (pytest.approx(fx, abs=EPS), pytest.approx(fy, abs=EPS))
        # Card top stays card top on both sides (flipping about the card's vertical axis).
        ftx, fty = front.transform.apply(card.width_mm / 2, card.height_mm)
        btx, bty = flip.apply(*back.transform.apply(card.width_mm / 2, card.height_mm))
        assert (btx, bty) == (pytest.approx(ftx, abs=EPS), pytest.approx(fty, abs=EPS))


def test_long_edge_back_is_upright_for_unrotated_cards() -> None:
    # Long-edge flip with unrotated cards: the back needs no rotation at all.
    layout = plan_sheet(spec_for("letter", "id1", "full-colour", "long"))
    assert not layout.rotated
    for back in layout.backs:
        t = back.transform
        assert (t.a, t.b, t.c, t.d) == pytest.approx((1.0, 0.0, 0.0, 1.0))


def test_short_edge_back_is_half_turn_for_unrotated_cards() -> None:
    layout = plan_sheet(spec_for("a4", "id1", "abutting", "short"))
    assert not layout.rotated
    for back in layout.backs:
        t = back.transform
        assert (t.a, t.b, t.c, t.d) == pytest.approx((-1.0, 0.0, 0.0, -1.0))


def test_no_duplex_backs_equal_fronts() -> None:
    layout = plan_sheet(spec_for("letter", "id1", "full-colour", "none"))
    assert layout.backs == layout.fronts


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_partial_last_sheet_backs_behind_fronts(duplex: str) -> None:
    layout = plan_sheet(spec_for("letter", "id1", "full-colour", duplex))
    last = cards_per_sheet(19, layout.per_sheet)[-1]  # 19 cards on 8 per sheet: 8, 8, 3
    assert last == 3
    flip = sheet_flip(layout)
    for i in range(last):
        f = layout.fronts[i].trim
        k = layout.backs[i].trim
        # Turn the back's trim over onto the front page: it covers the front exactly.
        x0, y0 = flip.apply(k.x_mm, k.y_mm)
        x1, y1 = flip.apply(k.right_mm, k.top_mm)
        assert min(x0, x1) == pytest.approx(f.x_mm, abs=EPS)
        assert min(y0, y1) == pytest.approx(f.y_mm, abs=EPS)


def test_exact_fit_across_is_accepted() -> None:
    # Abutting ID-1: 2 cols = 171.2 mm + 2 * 4 mm marks = 179.2 mm; a margin of
    # (215.9 - 179.2) / 2 = 18.35 mm leaves exactly that much width on Letter.
    margin = (215.9 - 179.2) / 2
    layout = plan_sheet(spec_for("letter", "id1", "abutting", margin_mm=margin))
    assert (layout.cols, layout.rows, layout.rotated) == (2, 4, False)
    g = bled_grid(layout)
    assert g.x_mm - 4.0 == pytest.approx(margin, abs=EPS)
    # A hair more margin and two columns no longer fit unrotated.
    tighter = plan_sheet(spec_for("letter", "id1", "abutting", margin_mm=margin + 1e-6))
    assert (tighter.cols, tighter.rows, tighter.rotated) != (2, 4, False)


def test_exact_fit_with_slug_band_is_accepted() -> None:
    # Abutting ID-1 on A4, 5 rows = 269.9 mm + 2 * 4 mm marks + 2 * 3.5 mm (centred slug band)
    # = 284.9 mm; margin (297 - 284.9) / 2 = 6.05 mm makes the bottom band fit exactly.
    margin = (297.0 - 284.9) / 2
    layout = plan_sheet(spec_for("a4", "id1", "abutting", margin_mm=margin))
    assert (layout.cols, layout.rows, layout.slug.rotation_deg) == (2, 5, 0)
    assert layout.slug.rect.y_mm == pytest.approx(margin, abs=EPS)
    # With a hair more margin the band must move to the left side.
    tighter = plan_sheet(spec_for("a4", "id1", "abutting", margin_mm=margin + 1e-6))
    assert (tighter.cols, tighter.rows, tighter.slug.rotation_deg) == (2, 5, 90)


def test_card_too_big_raises_fit_error() -> None:
    with pytest.raises(FitError) as caught:
        plan_sheet(spec_for("letter", CardSize("poster", 300.0, 250.0), "abutting"))
    err = caught.value
    assert "poster" in err.what and "letter" in err.what
    assert err.fix is not None and "larger paper" in err.fix and "smaller card" in err.fix


def test_margin_leaving_no_room_raises_fit_error() -> None:
    # A4 less 2 * 80 mm margin and 2 * 4 mm marks leaves 42 mm across: narrower than 53.98.
    with pytest.raises(FitError):
        plan_sheet(spec_for("a4", "id1", "abutting", margin_mm=80.0))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"card": CardSize("flat", 85.0, 0.0)}, "card"),
        ({"duplex": "both"}, "duplex"),
        ({"marks": "dots"}, "marks"),
        ({"bleed_mm": -1.0}, "bleed_mm"),
        ({"gutter_mm": 1.0}, "gutter_mm"),  # bleed 2: a 1 mm gutter overlaps the bleeds
        ({"mark_zone_mm": 0.5}, "mark_zone_mm"),
    ],
)
def test_bad_spec_raises_naming_the_setting(changes: dict[str, object], field: str) -> None:
    with pytest.raises((FitError, SettingsError)) as caught:
        plan_sheet(replace(spec_for("letter", "id1", "full-colour"), **changes))
    assert (caught.value.setting or caught.value.field) == field and caught.value.fix


@pytest.mark.parametrize(
    ("count", "per_sheet", "expected"),
    [
        (18, 9, [9, 9]),  # exactly full: no extra blank sheet
        (19, 9, [9, 9, 1]),  # partial last sheet
        (9, 9, [9]),
        (1, 9, [1]),  # a single card still needs one sheet
        (5, 9, [5]),
    ],
)
def test_cards_per_sheet(count: int, per_sheet: int, expected: list[int]) -> None:
    assert cards_per_sheet(count, per_sheet) == expected


@pytest.mark.parametrize(("count", "per_sheet"), [(0, 9), (-1, 9), (5, 0)])
def test_fill_slots_rejects_nonsense(count: int, per_sheet: int) -> None:
    with pytest.raises(ValueError):
        fill_slots([("x", count)], per_sheet)


@pytest.mark.parametrize("spec", ALL_SPECS, ids=spec_id)
def test_crop_marks(spec: SheetSpec) -> None:
    layout = plan_sheet(spec)
    g = bled_grid(layout)
    page, m, zone = layout.page, spec.margin_mm, spec.mark_zone_mm
    cut_xs = {round(v, 6) for p in layout.fronts for v in (p.trim.x_mm, p.trim.right_mm)}
    cut_ys = {round(v, 6) for p in layout.fronts for v in (p.trim.y_mm, p.trim.top_mm)}
    # Full colour: two cuts per column/row; abutting: shared edges are one cut.
    if spec.gutter_mm > 0:
        assert len(cut_xs) == 2 * layout.cols and len(cut_ys) == 2 * layout.rows
    else:
        assert len(cut_xs) == layout.cols + 1 and len(cut_ys) == layout.rows + 1
    assert len(layout.crop_marks) == 2 * (len(cut_xs) + len(cut_ys))

    above, below, left, right = [], [], [], []
    for mark in layout.crop_marks:
        xs = sorted((mark.x1_mm, mark.x2_mm))
        ys = sorted((mark.y1_mm, mark.y2_mm))
        # Inside the safe area.
        assert xs[0] >= m - EPS and xs[1] <= page.width_mm - m + EPS
        assert ys[0] >= m - EPS and ys[1] <= page.height_mm - m + EPS
        if mark.x1_mm == mark.x2_mm:  # vertical tick
            if ys[0] >= g.top_mm:
                above.append(round(mark.x1_mm, 6))
                assert (ys[0] - g.top_mm, ys[1] - g.top_mm) == pytest.approx((1.0, zone))
            else:
                below.append(round(mark.x1_mm, 6))
                assert (g.y_mm - ys[1], g.y_mm - ys[0]) == pytest.approx((1.0, zone))
        else:
            assert mark.y1_mm == mark.y2_mm
            if xs[0] >= g.right_mm:
                right.append(round(mark.y1_mm, 6))
                assert (xs[0] - g.right_mm, xs[1] - g.right_mm) == pytest.approx((1.0, zone))
            else:
                left.append(round(mark.y1_mm, 6))
                assert (g.x_mm - xs[1], g.x_mm - xs[0]) == pytest.approx((1.0, zone))
    # Exactly one tick per cut line per side, none inside the grid.
    assert sorted(above) == sorted(below) == sorted(cut_xs)
    assert sorted(left) == sorted(right) == sorted(cut_ys)


def test_no_mark_zone_means_no_marks() -> None:
    layout = plan_sheet(spec_for("letter", "id1", "abutting", mark_zone_mm=0.0))
    assert layout.crop_marks == ()


@pytest.mark.parametrize("spec", ALL_SPECS, ids=spec_id)
def test_slug_band(spec: SheetSpec) -> None:
    layout = plan_sheet(spec)
    g = bled_grid(layout)
    r, page, m, zone = layout.slug.rect, layout.page, spec.margin_mm, spec.mark_zone_mm
    band = spec.slug_band_mm
    assert r.x_mm >= m - EPS and r.y_mm >= m - EPS
    assert r.right_mm <= page.width_mm - m + EPS and r.top_mm <= page.height_mm - m + EPS
    if layout.slug.rotation_deg == 0:
        assert r.height_mm == pytest.approx(band)
        assert (r.x_mm, r.width_mm) == (pytest.approx(g.x_mm), pytest.approx(g.width_mm))
        assert r.top_mm <= g.y_mm - zone + EPS  # below the mark zone
    else:
        assert layout.slug.rotation_deg == 90
        assert r.width_mm == pytest.approx(band)
        assert (r.y_mm, r.height_mm) == (pytest.approx(g.y_mm), pytest.approx(g.height_mm))
        assert r.right_mm <= g.x_mm - zone + EPS  # left of the mark zone


def test_affine_then_applies_self_first() -> None:
    move = Affine.translate(10.0, 0.0)
    turn = Affine.rotate90()
    # Move then turn: (1, 0) -> (11, 0) -> (0, 11).
    assert move.then(turn).apply(1.0, 0.0) == pytest.approx((0.0, 11.0))
    # Turn then move: (1, 0) -> (0, 1) -> (10, 1).
    assert turn.then(move).apply(1.0, 0.0) == pytest.approx((10.0, 1.0))
    assert Affine.rotate90(4) == Affine.identity()
    assert Affine.scale(-1.0, 1.0).determinant == -1.0
