"""The calibration sheet as a drawing list: rulers of 100 mm with millimetre ticks, targets
25 mm from the edges, and the back's scales behind them for either flip edge."""

from __future__ import annotations

import pytest

from redcard.design.calibration import RULER_MM, TARGET_INSET_MM, plan_calibration
from redcard.design.scene import Circle, Line
from redcard.errors import FitError


@pytest.fixture(scope="module")
def a4(library):
    return library.catalog.papers["a4"]


def sheet(library, page, duplex="long"):
    return plan_calibration(page, duplex, library.fonts.chain("en", "Latn", "regular"))


def test_rulers_are_100_mm_with_101_ticks(library, a4):
    lines = sheet(library, a4).front.find(Line)
    horizontal = [s for s in lines if s.y1_mm == s.y2_mm and s.x2_mm - s.x1_mm > 50]
    vertical = [s for s in lines if s.x1_mm == s.x2_mm and abs(s.y2_mm - s.y1_mm) > 50]
    assert [round(s.x2_mm - s.x1_mm, 9) for s in horizontal] == [RULER_MM]
    assert [round(s.y2_mm - s.y1_mm, 9) for s in vertical] == [RULER_MM]
    rule = horizontal[0]
    ticks = sorted(s.x1_mm for s in lines if s.x1_mm == s.x2_mm and s.y1_mm == rule.y1_mm
                   and s.y2_mm < rule.y1_mm)
    assert len(ticks) == 101 and ticks[-1] - ticks[0] == pytest.approx(RULER_MM)


def test_targets_are_25_mm_from_the_nearest_edges(library, a4):
    centres = sorted((c.x_mm, c.y_mm) for c in sheet(library, a4).front.find(Circle))
    w, h, inset = a4.width_mm, a4.height_mm, TARGET_INSET_MM
    assert centres == sorted([(inset, inset), (inset, h - inset), (w - inset, inset),
                              (w - inset, h - inset)])


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_back_scales_cross_behind_the_front_targets(library, a4, duplex):
    drawn = sheet(library, a4, duplex)
    w, h = a4.width_mm, a4.height_mm
    behind = sorted((w - c.x_mm, c.y_mm) if duplex == "long" else (c.x_mm, h - c.y_mm)
                    for c in drawn.front.find(Circle))
    crossings = sorted(((s.x1_mm + s.x2_mm) / 2, s.y1_mm) for s in drawn.back.find(Line)
                       if s.y1_mm == s.y2_mm and abs(s.x2_mm - s.x1_mm - 16.0) < 1e-9)
    assert [v for point in crossings for v in point] == pytest.approx(
        [v for point in behind for v in point])


def test_calibration_needs_a_flip_edge(library, a4):
    with pytest.raises(FitError) as caught:
        sheet(library, a4, "none")
    assert caught.value.setting == "duplex"
