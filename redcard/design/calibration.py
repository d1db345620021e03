"""The calibration sheet: 100 mm rulers and front/back registration targets, in millimetres.

Print it once per printer (and paper weight). The rulers show whether the printer scales the
page; the front targets' distance from the paper edges gives the front offset; seen against a
light, each front target falls on a scale printed on the back, which reads the back offset
directly. `redcard printer set` turns the measurements into a profile (see measurements_to_profile).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import FitError
from ..geometry.imposition import sheet_flip
from ..geometry.sizes import PaperSize
from ..geometry.units import MM_PER_PT
from ..model.printers import PrinterProfile, validate
from ..text import ParagraphLayout, TextStyle, layout_paragraph
from ..text.fonts import FontChain
from .scene import BLACK, Circle, Group, Line, Scene, Stroke, Tag, TextBlock

RULER_MM = 100.0
TARGET_INSET_MM = 25.0  # target centres from the two nearest paper edges
TARGET_RADIUS_MM = 4.0
SCALE_HALF_MM = 8.0  # the back's reading scales run from -8 to +8 mm
THIN_MM = 0.12
RULE_MM = 0.2
SCALE_LABEL_PT = 5.0
SCALE_TICK_MM = 1.6  # the reading scales' longest ticks reach this far from their line
LABEL_GAP_MM = 0.8  # a scale's numbers stay this far from any tick
FIGURE_HEIGHT_EM = 0.714  # Noto Sans figures' height, to centre a number's ink on a point
COMMAND_INDENT_MM = 4.0  # a command's continuation lines, so they read as one command
UNBOUNDED_MM = 10_000.0  # a box no line of the sheet fills: a command line never breaks
EN_DASH = "\u2013"  # minus on the scales: the vendored Latin subset has no U+2212


@dataclass(frozen=True)
class CalibrationSheet:
    paper: PaperSize
    duplex: str
    front: Scene
    back: Scene  # as the back is seen, printed behind the front for the flip edge


def _page(page: PaperSize, lines: list[Line], circles: list[Circle], labels: list[TextBlock],
          steps: list[tuple[TextBlock, ...]]) -> Scene:
    """Everything black, each line and circle with its own width. The rulers, targets and
    their labels are artifacts; the steps are read, the first as the heading (a step of
    several blocks is one paragraph: a command set on several lines)."""
    tagged = (Tag("Artifact", tuple(lines + circles + labels), artifact="Layout"),
              *(Tag("H1" if index == 0 and len(steps) > 1 else "P", step)
                for index, step in enumerate(steps)))
    return Scene(page.width_mm, page.height_mm,
                 (Group((Tag("Sect", tagged, lang="en"),), fill=BLACK, stroke=BLACK),))


def _line(x1: float, y1: float, x2: float, y2: float, width_mm: float) -> Line:
    return Line(x1, y1, x2, y2, Stroke(width_mm))


def plan_calibration(page: PaperSize, duplex: str, chain: FontChain) -> CalibrationSheet:
    if duplex not in ("long", "short"):
        raise FitError("calibration needs a duplex flip edge", setting="duplex",
                       fix="use --duplex long or --duplex short, as your printer flips")
    paper = page.name
    w, h = page.width_mm, page.height_mm
    inset = TARGET_INSET_MM
    targets = (("A", inset, h - inset), ("B", w - inset, h - inset),
               ("C", inset, inset), ("D", w - inset, inset))

    def text(words: str, size_pt: float, width_mm: float) -> ParagraphLayout:
        return layout_paragraph(words, TextStyle(chain, size_pt, "en", "Latn", False), width_mm)

    lines: list[Line] = []
    circles: list[Circle] = []
    labels: list[TextBlock] = []
    for name, x, y in targets:
        circles.append(Circle(x, y, TARGET_RADIUS_MM, stroke=Stroke(RULE_MM)))
        lines.append(_line(x - 2 * TARGET_RADIUS_MM, y, x + 2 * TARGET_RADIUS_MM, y, THIN_MM))
        lines.append(_line(x, y - 2 * TARGET_RADIUS_MM, x, y + 2 * TARGET_RADIUS_MM, THIN_MM))
        side = 1 if x < w / 2 else -1
        label = text(name, 9, 6)
        labels.append(TextBlock(label, x + side * 6 - (0 if side > 0 else 4), y + 9))

    ruler_x0, ruler_y = (w - RULER_MM) / 2, h - 48.0
    lines += _ruler(ruler_x0, ruler_y, horizontal=True)
    labels += _ruler_numbers(ruler_x0, ruler_y, True, text)
    vertical_x, vertical_y0 = w - 40.0, h - 170.0
    lines += _ruler(vertical_x, vertical_y0, horizontal=False)
    labels += _ruler_numbers(vertical_x, vertical_y0, False, text)

    flip_words = "long" if duplex == "long" else "short"
    # Steps are prose; commands (tuples) are typed as they stand, so they break only at spaces.
    steps: list[str | tuple[str]] = [
        f"redcard calibration sheet · {paper} · duplex, flip on {flip_words} edge",
        "1. Print this page two-sided at 100 % (actual size, no “fit to page”), on the "
        "paper you will print cards on.",
        "2. Scale: measure the two 100 mm rulers from 0 to 100. Write down what they measure "
        "(for example 99.6,100.2).",
        f"3. Front offset: measure from the centre of target A to the left edge of the paper "
        f"and to the top edge. Both should be {inset:.1f} mm.",
        "4. Back offset: hold the sheet against a window or lamp and look at the back. The "
        "centre of each front target shows through onto a scale. Read where it falls on the "
        "horizontal and the vertical scale (millimetres, + is right and up as you look at the "
        "back). Use target A’s reading.",
        "5. Save a profile, then use it for every build:",
        ("redcard printer set office --ruler-mm 99.6,100.2 --front-measured 25.4,24.8 "
         f"--back-reading 1.5,-0.5 --duplex {duplex}",),
        ("redcard build --printer office",),
        "6. Check the profile: print this sheet again with the command below. The rulers "
        "should then measure 100 mm and every reading should be 0.",
        (f"redcard calibrate --paper {paper} --duplex {duplex} --printer office",),
    ]
    top = h - 62.0
    width = w - 2 * inset - 45
    step_blocks: list[tuple[TextBlock, ...]] = []
    for index, step in enumerate(steps):
        if isinstance(step, tuple):
            blocks = _command(step[0], width, lambda words, room: text(words, 8, room),
                              inset, top)
        else:
            blocks = (TextBlock(text(step, 9.5 if index == 0 else 8, width), inset, top),)
        step_blocks.append(blocks)
        top = blocks[-1].top_mm - blocks[-1].layout.height_mm - 2.2
    front = _page(page, lines, circles, labels, step_blocks)

    flip = sheet_flip(duplex, page)
    back_lines: list[Line] = []
    back_labels: list[TextBlock] = []
    for name, x, y in targets:
        bx, by = flip.apply(x, y)
        back_lines += _reading_scale(bx, by)
        back_labels += _scale_numbers(bx, by, lambda words: text(words, SCALE_LABEL_PT, 6))
        back_labels.append(TextBlock(text(f"{name} (back)", 7, 20),
                                     bx + (-20 if bx > w / 2 else 5), by + 12))
    note = text("Back of the calibration sheet. Hold it against a light: each front "
                "target’s centre falls on these scales. The reading (mm, + right and up as "
                "you look at this side) is the back offset to enter.", 8, w - 2 * inset - 30)
    back = _page(page, back_lines, [], back_labels,
                 [(TextBlock(note, inset + 15, h / 2 + 10),)])
    return CalibrationSheet(page, duplex, front, back)


def _ruler(x0: float, y0: float, horizontal: bool) -> list[Line]:
    """A 100 mm rule with millimetre ticks; ticks hang below (or left of) the rule."""
    def seg(a: float, b: float, c: float, d: float, width: float) -> Line:
        return _line(x0 + a, y0 + b, x0 + c, y0 + d, width) if horizontal \
            else _line(x0 + b, y0 + a, x0 + d, y0 + c, width)

    out = [seg(0.0, 0.0, RULER_MM, 0.0, RULE_MM)]
    for mm in range(int(RULER_MM) + 1):
        length = 5.0 if mm % 10 == 0 else 3.0 if mm % 5 == 0 else 1.8
        out.append(seg(float(mm), 0.0, float(mm), -length, THIN_MM))
    return out


def _ruler_numbers(x0: float, y0: float, horizontal: bool, text) -> list[TextBlock]:
    labels = []
    for mm in range(0, int(RULER_MM) + 1, 10):
        layout = text(str(mm), 5.5, 8)
        if horizontal:
            labels.append(TextBlock(layout, x0 + mm - 0.6 * len(str(mm)), y0 - 5.6))
        else:
            labels.append(TextBlock(layout, x0 - 5.6 - 1.2 * len(str(mm)), y0 + mm + 1.0))
    caption = text("100 mm", 6, 20)
    if horizontal:
        labels.append(TextBlock(caption, x0 + RULER_MM + 2, y0 + 1.2))
    else:
        labels.append(TextBlock(caption, x0 - 6, y0 + RULER_MM + 4.5))
    return labels


def _reading_scale(x: float, y: float) -> list[Line]:
    """Crossed millimetre scales centred where the front target should show through."""
    out = [_line(x - SCALE_HALF_MM, y, x + SCALE_HALF_MM, y, THIN_MM),
           _line(x, y - SCALE_HALF_MM, x, y + SCALE_HALF_MM, THIN_MM)]
    for step in range(-int(SCALE_HALF_MM * 2), int(SCALE_HALF_MM * 2) + 1):
        value = step / 2
        length = 1.6 if value % 2 == 0 else 1.0 if value.is_integer() else 0.5
        out.append(_line(x + value, y - length, x + value, y + length, THIN_MM))
        out.append(_line(x - length, y + value, x + length, y + value, THIN_MM))
    return out


def _scale_numbers(x: float, y: float, text) -> list[TextBlock]:
    """The reading scales' numbers, each scale's sign on its own side of the other scale, so
    no number meets a tick, another number or the reading point (the scales' crossing).

    Horizontal: + below the line to the right, – above it to the left; vertical: + right
    of the line going up, – left of it going down. The crossing itself stays bare: it
    reads 0. An en dash stands for minus (the vendored Latin font has no U+2212)."""
    reach = SCALE_TICK_MM + LABEL_GAP_MM
    out = []
    for value in range(4, int(SCALE_HALF_MM) + 1, 4):
        for sign in (1, -1):
            layout = text(f"{'+' if sign > 0 else EN_DASH}{value}")
            label_w = layout.lines[0].width_mm
            half_h = FIGURE_HEIGHT_EM * SCALE_LABEL_PT * MM_PER_PT / 2
            # horizontal scale: centred on its tick, beyond the ticks' reach
            out.append(_centred(layout, x + sign * value, y - sign * (reach + half_h)))
            # vertical scale: level with its tick, beyond the ticks' reach
            out.append(_centred(layout, x + sign * (reach + label_w / 2), y + sign * value))
    return out


def _centred(layout: ParagraphLayout, cx: float, cy: float) -> TextBlock:
    """A one-line number placed with the middle of its figures' ink at (cx, cy)."""
    line = layout.lines[0]
    size_pt = line.runs[0].size_pt
    figure_mm = FIGURE_HEIGHT_EM * size_pt * MM_PER_PT
    return TextBlock(layout, cx - line.width_mm / 2, cy - figure_mm / 2 + line.baseline_mm)


def _command(command: str, width_mm: float, text, left_mm: float,
             top_mm: float) -> tuple[TextBlock, ...]:
    """A command on as few lines as fit, broken only at the spaces before its options (never
    after a hyphen of --back-reading, where a reader would type the break, nor between an
    option and its value), continuation lines indented. Each line is laid out unbounded, so
    nothing inside it can break."""
    words = re.split(r" (?=--)", command)
    blocks: list[TextBlock] = []
    while words:
        indent = COMMAND_INDENT_MM if blocks else 0.0
        taken = 1
        while taken < len(words) and text(" ".join(words[:taken + 1]), UNBOUNDED_MM) \
                .lines[0].width_mm <= width_mm - indent:
            taken += 1
        layout = text(" ".join(words[:taken]), UNBOUNDED_MM)
        blocks.append(TextBlock(layout, left_mm + indent, top_mm))
        top_mm -= layout.height_mm
        words = words[taken:]
    return tuple(blocks)


def measurements_to_profile(name: str, *, duplex: str,
                            ruler_mm: tuple[float, float] = (RULER_MM, RULER_MM),
                            front_measured_mm: tuple[float, float] | None = None,
                            back_reading_mm: tuple[float, float] = (0.0, 0.0)) -> PrinterProfile:
    """A profile from what the user read off a printed calibration sheet.

    front_measured_mm: target A's centre from the left and from the top paper edge.
    back_reading_mm: where target A shows through on the back's scales.
    The back must line up with where the front will be once corrected, so the front
    correction, seen from the back, is added to the reading.
    """
    if duplex not in ("long", "short"):
        raise FitError("the flip edge the calibration sheet was printed with is needed",
                       setting="duplex", fix="use --duplex long or --duplex short")
    for value in ruler_mm:
        if not value > 0:
            raise FitError(f"a ruler cannot measure {value} mm", setting="ruler_mm",
                           fix="give both ruler lengths in mm, e.g. 99.6,100.2")
    scale_x, scale_y = RULER_MM / ruler_mm[0], RULER_MM / ruler_mm[1]
    front = (0.0, 0.0)
    if front_measured_mm is not None:
        left, top = front_measured_mm
        # printed too far right (left > inset) -> move left; too low (top > inset) -> move up
        front = (TARGET_INSET_MM - left, top - TARGET_INSET_MM)
    seen_x, seen_y = (-front[0], front[1]) if duplex == "long" else (front[0], -front[1])
    back = (back_reading_mm[0] + seen_x, back_reading_mm[1] + seen_y)
    return validate(PrinterProfile(name, (round(front[0], 3), round(front[1], 3)),
                                   (round(back[0], 3), round(back[1], 3)),
                                   round(scale_x, 5), round(scale_y, 5)))
