"""The calibration sheet as a drawing list: rulers of 100 mm with millimetre ticks, targets
25 mm from the edges, and the back's scales behind them for either flip edge."""

from __future__ import annotations

import pytest

from redcard.design.calibration import RULER_MM, TARGET_INSET_MM, plan_calibration
from redcard.design.scene import Circle, Line, TextBlock
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


def _box(block: TextBlock) -> tuple[float, float, float, float]:
    """A one-line text block's line box (left, bottom, right, top): wider and taller than its
    ink, so a box that stays clear means the ink does."""
    line = block.layout.lines[0]
    top = block.top_mm - line.baseline_mm + line.ascent_mm
    bottom = block.top_mm - line.baseline_mm - line.descent_mm
    return block.left_mm, bottom, block.left_mm + line.width_mm, top


def _meets(box, line: Line) -> bool:
    left, bottom, right, top = box
    return (min(line.x1_mm, line.x2_mm) <= right and max(line.x1_mm, line.x2_mm) >= left
            and min(line.y1_mm, line.y2_mm) <= top and max(line.y1_mm, line.y2_mm) >= bottom)


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("duplex", ["long", "short"])
def test_scale_numbers_stay_off_ticks_each_other_and_the_reading_point(library, paper,
                                                                        duplex):
    page = library.catalog.papers[paper]
    back = sheet(library, page, duplex).back
    crossings = [((s.x1_mm + s.x2_mm) / 2, s.y1_mm) for s in back.find(Line)
                 if s.y1_mm == s.y2_mm and abs(s.x2_mm - s.x1_mm - 16.0) < 1e-9]
    numbers = [b for b in back.find(TextBlock) if len(b.layout.text) <= 3]
    assert sorted(b.layout.text for b in numbers) == sorted(
        ["+4", "+8", "–4", "–8"] * 2 * len(crossings))
    boxes = [_box(b) for b in numbers]
    for box in boxes:
        assert not any(_meets(box, line) for line in back.find(Line)), box
        for x, y in crossings:  # 1 mm around the reading point stays bare
            left, bottom, right, top = box
            assert right < x - 1 or left > x + 1 or top < y - 1 or bottom > y + 1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


@pytest.mark.parametrize("paper", ["letter", "a4", "legal"])
def test_commands_break_only_before_an_option(library, paper):
    """Typed from paper, a command broken at a hyphen ("--back-" / "reading") goes wrong."""
    front = sheet(library, library.catalog.papers[paper]).front
    lines = [line.text for block in front.find(TextBlock) for line in block.layout.lines]
    commands = [text for text in lines if text.startswith("redcard ")
                and not text.startswith("redcard calibration sheet")]
    assert len(commands) == 3
    full = "redcard printer set office --ruler-mm 99.6,100.2 --front-measured 25.4,24.8 " \
           "--back-reading 1.5,-0.5 --duplex long"
    start = lines.index(next(text for text in commands if text.startswith("redcard printer")))
    parts = [lines[start]]
    while " ".join(parts) != full:
        parts.append(lines[start + len(parts)])
        assert parts[-1].startswith("--"), parts
        assert len(parts) <= 5
    assert f"redcard calibrate --paper {paper} --duplex long --printer office" in lines


def test_sheet_text_uses_curly_quotes(library, a4):
    drawn = sheet(library, a4)
    texts = [b.layout.text for scene in (drawn.front, drawn.back) for b in scene.find(TextBlock)]
    assert not [t for t in texts if "'" in t or '"' in t]
    assert any("“fit to page”" in t for t in texts)
    assert any("A’s" in t for t in texts)
