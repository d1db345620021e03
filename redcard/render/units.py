"""The text layer's plan for one line: which characters each drawn glyph stands for, in which
order the glyphs go into the page, and the ActualText two of the five readers need.

What the readers do (measured on redcard's own PDFs; docs/text-layer.md has the evidence):
pdfminer and MuPDF 1.21 read glyphs in content-stream order through ToUnicode; pypdf also
reads stream order but reverses a run of one-character right-to-left mappings; PDFium sorts
each line by x, applies its own simple bidi and takes the innermost ActualText; poppler reads
only inline ActualText, as visual order, and reorders by a page-wide direction.

So each *unit* (a cluster of left-to-right text, a piece of a right-to-left word, a piece of
an embedded number or name) is drawn as one glyph, a composite of its HarfBuzz glyphs where
it has several, whose ToUnicode is the unit's text (at most 8 UTF-16 units, at least two
characters in right-to-left text). Units go into the page in logical order, with real space
glyphs. Ink-less helper glyphs bridge the jumps that logical order makes into and out of
embedded runs, and pad right-aligned lines to their box's left edge. Lines with
right-to-left text also carry, per unit, an inline ActualText for poppler and a named one,
shared by the line, for PDFium.
"""

from __future__ import annotations

import operator
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations, product

from bidi.mirror import MIRRORED

from ..geometry.units import MM_PER_PT
from ..text.fonts import LoadedFont
from ..text.itemize import BIDI_CONTROLS
from ..text.layout import Line, PlacedGlyph

RLM, LRM = "\u200f", "\u200e"
MAX_UTF16 = 8  # MuPDF 1.21 drops longer one-to-many ToUnicode mappings
EDGE_LEFT, EDGE_RIGHT = 1.25, 1.9  # PDFium joins lines after wider edge units (× pitch)
EPS_MM = 0.05 * MM_PER_PT


class Cluster:
    """Characters of a line drawn by some of its glyphs (a plain class: plan_line makes tens
    of thousands; its width, left edge and whether it is a space are worked out once)."""

    __slots__ = ("start", "text", "glyphs", "run", "rtl", "font", "is_space", "width_mm",
                 "left_mm")

    def __init__(self, start: int, text: str, glyphs: tuple[PlacedGlyph, ...], run: int,
                 rtl: bool, font: LoadedFont) -> None:
        self.start = start  # index into the paragraph's prepared text
        self.text = text  # its characters, bidi controls removed
        self.glyphs = glyphs  # left to right
        self.run = run  # index of its run in the line
        self.rtl = rtl
        self.font = font
        self.is_space = text.isspace()
        self.width_mm = sum([g.advance_mm for g in glyphs])
        # its leftmost glyph's position (offsets included)
        self.left_mm = min([g.x_mm for g in glyphs]) if len(glyphs) > 1 else glyphs[0].x_mm


@dataclass
class Unit:
    """What one drawn glyph stands for; `components` are (glyph, dx, dy) in font units."""

    text: str
    start: int
    font: LoadedFont
    rtl: bool
    left_mm: float  # pen position of the unit's left edge, from the paragraph box
    advance_mm: float
    components: tuple[tuple[int, int, int], ...]
    is_space: bool = False
    helper: Unit | None = None  # an ink-less glyph drawn just before this one
    actual_text: str | None = None  # poppler's piece, on lines with right-to-left text
    dy_mm: float = 0.0  # up from the line's baseline (a block beside it in a row)


@dataclass
class LinePlan:
    units: list[Unit]  # in drawing (logical) order
    pads: list[Unit]  # drawn after the units
    rtl_text: bool  # the line has right-to-left characters: it carries ActualText
    text: str  # the line as readers should return it


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


FIRST_RTL = "\u0590"  # no character before Hebrew is right to left (R or AL)


def is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _text(group: list[Cluster]) -> str:
    return "".join(c.text for c in group)


def _width(group: list[Cluster]) -> float:
    return sum(c.width_mm for c in group)


def _visual_left(group: list[Cluster]) -> float:
    return min([c.left_mm for c in group]) if len(group) > 1 else group[0].left_mm


def _pen(glyph: PlacedGlyph) -> float:
    return glyph.pen_mm


_NO_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))


def clusters(layout_text: str, line: Line) -> list[Cluster]:
    """The line's clusters in logical order; a cluster of only zero-advance glyphs (a mark
    HarfBuzz put in a cluster of its own) joins its logical predecessor in the same run."""
    found: list[Cluster] = []
    for index, run in enumerate(line.runs):
        by_cluster: dict[int, list] = {}
        for glyph in run.glyphs:
            same = by_cluster.get(glyph.cluster)
            if same is None:
                by_cluster[glyph.cluster] = [glyph]
            else:
                same.append(glyph)
        starts = sorted(by_cluster)
        ends = starts[1:] + [run.end]
        rtl, font = run.rtl, run.font
        for start, end in zip(starts, ends):
            glyphs = by_cluster[start]
            if len(glyphs) > 1:
                glyphs.sort(key=_pen)
            text = layout_text[start:end].translate(_NO_CONTROLS)
            found.append(Cluster(start, text, tuple(glyphs), index, rtl, font))
    if len(line.runs) > 1:
        found.sort(key=lambda c: c.start)
    merged: list[Cluster] = []
    previous = None
    for cluster in found:
        if previous is not None and previous.run == cluster.run and not cluster.is_space \
                and not previous.is_space and cluster.width_mm == 0:
            previous = merged[-1] = Cluster(previous.start, previous.text + cluster.text,
                                            tuple(sorted(previous.glyphs + cluster.glyphs,
                                                         key=_pen)),
                                            previous.run, previous.rtl, previous.font)
        else:
            merged.append(cluster)
            previous = cluster
    return [c for c in merged if c.text]


def _split_greedy(group: list[Cluster]) -> list[list[Cluster]]:
    """Consecutive clusters in chunks of at most MAX_UTF16 units; no chunk of one character
    (pypdf reverses those) where a neighbour can give or take one."""
    out: list[list[Cluster]] = []
    current: list[Cluster] = []
    for cluster in group:
        if current and _u16(_text(current + [cluster])) > MAX_UTF16:
            out.append(current)
            current = []
        current.append(cluster)
    if current:
        out.append(current)
    i = 0
    while i < len(out):
        if len(_text(out[i])) == 1 and len(out) > 1:
            j = i - 1 if i > 0 else i + 1
            first, second = (out[j], out[i]) if j < i else (out[i], out[j])
            if _u16(_text(first + second)) <= MAX_UTF16:
                out[min(i, j):max(i, j) + 1] = [first + second]
                continue
            neighbour = out[j]
            if len(neighbour) > 1:
                if j < i and len(_text(neighbour[:-1])) >= 2:
                    out[j], out[i] = neighbour[:-1], [neighbour[-1]] + out[i]
                elif j > i and len(_text(neighbour[1:])) >= 2:
                    out[i], out[j] = out[i] + [neighbour[0]], neighbour[1:]
        i += 1
    return out


def _split_edge(group: list[Cluster], limit_mm: float, right: bool) -> list[list[Cluster]]:
    """The group split at a cluster boundary so that its piece at the line's left (or right)
    edge is as wide as fits `limit_mm`; right-to-left pieces keep two characters."""
    ordered = sorted(group, key=lambda c: c.left_mm, reverse=right)
    rtl = any(is_rtl_char(ch) for ch in _text(group))
    best = None
    for k in range(1, len(ordered)):
        edge, rest = ordered[:k], ordered[k:]
        if _width(edge) > limit_mm:
            break
        if rtl and (len(_text(edge)) < 2 or len(_text(rest)) < 2):
            continue
        best = (edge, rest)
    if best is None:
        return [group]
    pieces = [sorted(piece, key=lambda c: c.start) for piece in best]
    return sorted(pieces, key=lambda piece: piece[0].start)


def _fix_edges(groups: list[list[Cluster]], pitch_mm: float) -> list[list[Cluster]]:
    """PDFium compares the units at a line's ends (and the first in stream order) with the
    line pitch when it looks for line breaks: keep them narrow."""
    left_limit, right_limit = EDGE_LEFT * pitch_mm, EDGE_RIGHT * pitch_mm
    for _ in range(4):
        if not groups:
            break
        before = groups[:]
        lefts = [_visual_left(group) for group in groups]
        leftmost = min(range(len(groups)), key=lefts.__getitem__)
        if len(groups[leftmost]) > 1 and _width(groups[leftmost]) > left_limit:
            groups[leftmost:leftmost + 1] = _split_edge(groups[leftmost], left_limit, False)
            lefts = [_visual_left(group) for group in groups]
        rightmost = max(range(len(groups)), key=lefts.__getitem__)
        if len(groups[rightmost]) > 1 and _width(groups[rightmost]) > right_limit:
            groups[rightmost:rightmost + 1] = _split_edge(groups[rightmost], right_limit,
                                                          True)
        groups.sort(key=_first_start)
        first = groups[0]
        if len(first) > 1 and _width(first) > right_limit:
            piece: list[Cluster] = []
            for cluster in first:
                if piece and _width(piece + [cluster]) > right_limit:
                    break
                piece.append(cluster)
            if len(piece) < len(first):
                groups[0:1] = [piece, first[len(piece):]]
        if len(groups) == len(before) and all(map(operator.is_, groups, before)):
            break  # nothing moved: the next round would do the same again
    groups.sort(key=_first_start)
    return groups


def _first_start(group: list[Cluster]) -> int:
    return group[0].start


def _groups(found: list[Cluster], line_rtl: bool) -> list[list[Cluster]]:
    """An embedded run (the other direction: a number in Arabic) is one group; a
    right-to-left word is one group; every other cluster is its own."""
    groups: list[list[Cluster]] = []
    for cluster in found:
        last = groups[-1][-1] if groups else None
        embedded = cluster.rtl != line_rtl
        if last is not None and last.run == cluster.run:
            if embedded:
                groups[-1].append(cluster)
                continue
            if cluster.rtl and not cluster.is_space and not last.is_space:
                groups[-1].append(cluster)
                continue
        groups.append([cluster])
    return groups


def _merge_lone_rtl_letters(groups: list[list[Cluster]]) -> list[list[Cluster]]:
    """A one-letter right-to-left word (or mark, as the closing ״ after a full stop) takes
    the space after it, else the space before it: pypdf turns its reading direction on a
    one-character right-to-left mapping and reverses what follows. A lone one that is left
    (the closing ״ after a full stop from another font) maps with an RLM: glyphs._mapped_text."""
    merged: list[list[Cluster]] = []
    i = 0
    while i < len(groups):
        group = groups[i]
        # one character: one cluster (no cluster is empty)
        text = group[0].text
        if len(group) == 1 and len(text) == 1 and text >= FIRST_RTL and is_rtl_char(text) \
                and not group[0].is_space:
            following = groups[i + 1] if i + 1 < len(groups) else None
            if following and following[0].is_space and following[0].run == group[0].run:
                merged.append(group + following)
                i += 2
                continue
            if merged and merged[-1][-1].is_space and merged[-1][-1].run == group[0].run:
                merged[-1] = merged[-1] + group
                i += 1
                continue
        merged.append(group)
        i += 1
    return merged


def plan_line(layout_text: str, line: Line, line_rtl: bool, size_pt: float,
              pitch_mm: float, line_left_mm: float) -> LinePlan:
    """Units, helpers and padding for one laid-out line (positions from the box's left)."""
    found = clusters(layout_text, line)
    split: list[list[Cluster]] = []
    for group in _groups(found, line_rtl):
        split += _split_greedy(group) if len(group) > 1 else [group]
    groups = _merge_lone_rtl_letters(_fix_edges(split, pitch_mm))
    units = []
    scale_mm = size_pt * MM_PER_PT
    for group in groups:
        first = group[0]
        font = first.font
        per_mm = font.upem / scale_mm
        if len(group) == 1:  # its glyphs are in pen order already
            glyphs, text, advance = first.glyphs, first.text, first.width_mm
            is_space = first.is_space
        else:
            glyphs = sorted([g for c in group for g in c.glyphs], key=_pen)
            text, advance = _text(group), sum([g.advance_mm for g in glyphs])
            is_space = all(c.is_space for c in group)
        left = glyphs[0].pen_mm  # the smallest: they are in pen order
        components = tuple([(g.gid, round((g.x_mm - left) * per_mm), round(g.y_mm * per_mm))
                            for g in glyphs])
        units.append(Unit(text, first.start, font, first.rtl, left, advance, components,
                          is_space=is_space))
    units.sort(key=_unit_start)
    _add_helpers(units, line_rtl)
    pads = []
    if line_left_mm > EPS_MM and units:  # pdfminer sorts boxes partly by their left edge
        last = units[-1]
        pads.append(Unit(RLM if line_rtl else LRM, last.start + 1, last.font, line_rtl,
                         0.0, line_left_mm, ()))
    text = "".join([u.text for u in units])
    return LinePlan(units, pads, _has_rtl(text), text)


def _unit_start(unit: Unit) -> int:
    return unit.start


def _has_rtl(text: str) -> bool:
    return not text.isascii() and any(is_rtl_char(c) for c in text)


def _add_helpers(units: list[Unit], line_rtl: bool) -> None:
    """Ink-less glyphs over the jumps logical order makes (into and out of embedded runs):
    pdfminer then keeps the line together and adds no space, and MuPDF starts no new line.
    In a right-to-left line the helper is an RLM ending where an embedded run starts; in a
    left-to-right line an LRM filling the forward gap."""
    for a, b in zip(units, units[1:]):
        a0, a1 = a.left_mm, a.left_mm + a.advance_mm
        b0, b1 = b.left_mm, b.left_mm + b.advance_mm
        leaving_ltr = line_rtl and not a.rtl and b.rtl
        if b0 >= a1 - EPS_MM:  # forward jump
            g0, g1 = a1, b0
        elif b1 <= a0 + EPS_MM:  # backward jump
            g0, g1 = b1, a0
            if line_rtl and not b.rtl:  # into an LTR run: end at the run's start
                g0, g1 = b0 - (a0 - b0), b0
        else:
            continue
        if g1 - g0 > EPS_MM or leaving_ltr:
            b.helper = Unit(RLM if line_rtl else LRM, b.start, b.font, line_rtl, g0,
                            g1 - g0, ())


# poppler: reads inline ActualText as visual order and reorders with a page-wide direction


_POPPLER_CLASSES: dict[str, str] = {}  # per character, worked out once


def poppler_class(char: str) -> str:
    """R, LN (letter or number to poppler) or N. Poppler counts , - . : / + and the Arabic
    comma as numbers, and marks and quotation marks as neutral."""
    kind = _POPPLER_CLASSES.get(char)
    if kind is None:
        if len(_POPPLER_CLASSES) >= 65536:
            _POPPLER_CLASSES.clear()
        kind = _POPPLER_CLASSES[char] = _poppler_class(char)
    return kind


def _poppler_class(char: str) -> str:
    if char == RLM:
        return "R"
    if char == LRM:
        return "LN"
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN", "AN") or char in ",-.:/+\u060c":
        return "LN"
    return "N"


def poppler_reorder(visual: str, page_ltr: bool) -> str:
    """What poppler's reorderText makes of a visual-order string (its marks left out)."""
    if page_ltr and visual.isascii():  # nothing reads right to left: nothing moves
        return visual
    known = _POPPLER_CLASSES.get
    kinds = [known(c) or poppler_class(c) for c in visual]
    out = []
    n = len(visual)
    if page_ltr:
        i = 0
        while i < n:
            j = i
            while j < n and kinds[j] != "R":
                j += 1
            out.append(visual[i:j])
            i = j
            while j < n and kinds[j] != "LN":
                j += 1
            out.append(visual[i:j][::-1])
            i = j
    else:
        i = n - 1
        while i >= 0:
            j = i
            while j >= 0 and kinds[j] != "LN":
                j -= 1
            out.append(visual[j + 1:i + 1][::-1])
            i = j
            while j >= 0 and kinds[j] != "R":
                j -= 1
            out.append(visual[j + 1:i + 1])
            i = j
    return "".join(out)


_MARKS = dict.fromkeys(map(ord, RLM + LRM))


def _trailing_neutrals(chars: list[str]) -> list[str]:
    """Removes and returns the neutral characters at the end of `chars`."""
    trail: list[str] = []
    while chars and poppler_class(chars[-1]) == "N":
        trail.insert(0, chars.pop())
    return trail


def poppler_visual(text: str, page_rtl: bool) -> str:
    """A whole line's ActualText for poppler: the visual-order string its reordering turns
    into `text`, with an RLM/LRM only where a neutral would be carried to the wrong side
    (after a number or a Latin run), never inside a word."""
    kinds = [poppler_class(c) for c in text]
    sections: list[tuple[str, list[str]]] = []
    mark, strong, weak = (RLM, "R", "LN") if page_rtl else (LRM, "LN", "R")
    # page RTL: sections alternate R (no LN) and T (no R, ends with LN); LTR: mirror image
    kind, current = (strong, [])
    for char, char_kind in zip(text, kinds):
        if kind == strong:
            if char_kind == weak:
                sections.append((strong, current))
                kind, current = weak, [char]
            else:
                current.append(char)
        elif char_kind == strong:
            trail = _trailing_neutrals(current)
            sections.append((weak, current))
            kind, current = strong, ([mark] if trail else []) + trail + [char]
        else:
            current.append(char)
    if kind == weak:
        trail = _trailing_neutrals(current)
        sections.append((weak, current))
        if trail:
            sections.append((strong, [mark] + trail))
    else:
        sections.append((strong, current))
    if page_rtl:
        visual = "".join("".join(s) if k == "LN" else "".join(reversed(s))
                         for k, s in reversed(sections))
    else:
        visual = "".join("".join(s) if k == "LN" else "".join(reversed(s))
                         for k, s in sections)
    if poppler_reorder(visual, not page_rtl).translate(_MARKS) != text:
        raise ValueError(f"no ActualText for poppler gives {text!r}")
    return visual


def join_row(plans: list[tuple[LinePlan, float, float]]) -> LinePlan:
    """Left-to-right lines side by side as one line: (plan, x of its box, baseline), the
    positions made relative to the first; the gap between two is a space for readers."""
    first_x, first_baseline = plans[0][1], plans[0][2]
    units: list[Unit] = []
    pads: list[Unit] = []
    for plan, x, baseline in plans:
        shifted = _shifted(plan, x - first_x, baseline - first_baseline)
        if units and shifted:
            end = units[-1].left_mm + units[-1].advance_mm
            units.append(Unit(" ", units[-1].start + 1, units[-1].font, False, end,
                              max(shifted[0].left_mm - end, 0.0), (), is_space=True))
        units += shifted
        pads += plan.pads if not pads else []
    text = "".join(u.text for u in units)
    return LinePlan(units, pads, any(is_rtl_char(c) for c in text), text)


_SHIFTED: dict[tuple[int, float, float], tuple[LinePlan, list[Unit]]] = {}
_SHIFTED_KEPT = 256


def _shifted(plan: LinePlan, dx: float, dy: float) -> list[Unit]:
    """The plan's units moved by (dx, dy): the same units for the same plan and move (the
    slug's shared words, in the row of every sheet), so the drawing can reuse their
    operators."""
    if dx == 0.0 and dy == 0.0:
        return plan.units
    key = (id(plan), dx, dy)
    kept = _SHIFTED.get(key)
    if kept is not None and kept[0] is plan:
        return kept[1]
    shifted = [_moved(u, dx, dy, u.helper and _moved(u.helper, dx, dy, u.helper.helper))
               for u in plan.units]
    if len(_SHIFTED) >= _SHIFTED_KEPT:
        _SHIFTED.clear()
    _SHIFTED[key] = (plan, shifted)
    return shifted


def _moved(unit: Unit, dx: float, dy: float, helper: Unit | None) -> Unit:
    """`replace(unit, left_mm=unit.left_mm + dx, dy_mm=dy, helper=helper)`, made directly."""
    return Unit(unit.text, unit.start, unit.font, unit.rtl, unit.left_mm + dx,
                unit.advance_mm, unit.components, unit.is_space, helper, unit.actual_text, dy)


def distribute(visual: str, units_left_to_right: list[Unit]) -> list[str]:
    """A whole line's visual string spread over its units, left to right, each taking as
    many characters as it has (the last takes the rest, marks included)."""
    pieces, start = [], 0
    for index, unit in enumerate(units_left_to_right):
        end = len(visual) if index == len(units_left_to_right) - 1 else \
            min(start + len(unit.text), len(visual))
        pieces.append(visual[start:end])
        start = end
    return pieces


def poppler_reads(line_text: str, units_left_to_right: list[Unit], page_rtl: bool) -> bool:
    """Whether poppler gets the line right from the glyphs alone: a left-to-right line on a
    right-to-left page loses its closing parenthesis without ActualText."""
    plain = "".join(u.text for u in units_left_to_right)
    return poppler_reorder(plain, not page_rtl).translate(_MARKS) == line_text


def poppler_pieces(line_text: str, units_left_to_right: list[Unit], page_rtl: bool
                   ) -> list[str]:
    """One ActualText per unit (left to right): its characters in display order, with an
    RLM (right-to-left page) or LRM at the fewest unit boundaries poppler needs."""
    pieces = [u.text[::-1] if u.rtl else u.text for u in units_left_to_right]

    def right(candidate: list[str]) -> bool:
        return poppler_reorder("".join(candidate), not page_rtl).translate(_MARKS) == \
            line_text

    if right(pieces):
        return pieces
    mark = RLM if page_rtl else LRM
    boundaries = [i for i in range(1, len(pieces)) if poppler_class(pieces[i - 1][-1]) != "R"
                  or poppler_class(pieces[i][0]) != "R"]

    def marked(chosen) -> list[str]:
        return [mark + p if i in chosen else p for i, p in enumerate(pieces)]

    if right(marked(set(boundaries))):
        keep = set(boundaries)
        for i in boundaries:
            if right(marked(keep - {i})):
                keep -= {i}
        return marked(keep)
    for count in range(1, min(len(boundaries), 4) + 1):
        for chosen in combinations(boundaries, count):
            if right(marked(set(chosen))):
                return marked(set(chosen))
    raise ValueError(f"no ActualText for poppler gives {line_text!r}")


# PDFium: takes the innermost ActualText; reverses it when the line's leftmost object reads
# right to left; then applies its own segment bidi to the line


def _pdfium_kind(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "L"
    if kind in ("AN", "EN", "NSM", "CS", "ES", "ET", "BN"):
        return "W"
    return "R" if kind in ("R", "AL") else "N"


def _segments(text: str) -> list[list]:
    segments: list[list] = []
    for char in text:
        kind = _pdfium_kind(char)
        if segments and segments[-1][0] == kind:
            segments[-1][1].append(char)
        else:
            segments.append([kind, [char]])
    return segments


def pdfium_line_map(text: str) -> str:
    """What PDFium makes of a line's characters: direction segments, reversed when
    right-to-left segments outnumber left-to-right ones, right-to-left (and neutral, while
    the direction is right to left) characters mirrored; segments keep their inner order."""
    segments = _segments(text)
    rtl = sum(k == "R" for k, _ in segments) > sum(k == "L" for k, _ in segments)
    current = "R" if rtl else "L"
    out = []
    for kind, chars in reversed(segments) if rtl else segments:
        if kind == "R" or kind == "N" and current == "R":
            current = "R" if kind == "R" else current
            out.append("".join(MIRRORED.get(c, c) for c in chars))
        else:
            current = "L" if kind == "L" else current
            out.append("".join(chars))
    return "".join(out)


def pdfium_unmap(text: str) -> str:
    """A string PDFium turns into `text`."""
    candidate = pdfium_line_map(text)
    if pdfium_line_map(candidate) == text:
        return candidate
    segments = _segments(candidate)
    mirrorable = [i for i, (_, cs) in enumerate(segments) if any(c in MIRRORED for c in cs)]
    for flips in product((False, True), repeat=min(len(mirrorable), 10)):
        chars = [list(cs) for _, cs in segments]
        for i, flip in zip(mirrorable, flips):
            if flip:
                chars[i] = [MIRRORED.get(c, c) for c in chars[i]]
        trial = "".join("".join(c) for c in chars)
        if pdfium_line_map(trial) == text:
            return trial
    return candidate


def _carrier_kind(text: str) -> str:
    if not text:
        return "N"
    kind = unicodedata.bidirectional(text[0])
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else "N"


@dataclass
class PageText:
    """What the text layer needs to know about the page it draws on."""

    rtl: bool  # poppler's direction for the page: more right-to-left letters than not
    previous_carrier: str = "N"  # PDFium: how the last ActualText line began
    # /Properties: each ActualText → its name; one dictionary for the whole document, so a
    # line drawn on many pages names the same property list on each
    named: dict[str, str] = field(default_factory=dict)

    def pdfium_text(self, plan: LinePlan) -> str:
        """The named ActualText for PDFium, registered on the page; returns its name. PDFium
        reverses an ActualText whose line's leftmost object starts with a strong
        right-to-left letter, or, when it starts with a neutral or a digit, whose previous
        ActualText line's did."""
        leftmost = min(plan.units, key=lambda u: u.left_mm)
        kind = _carrier_kind(leftmost.text)
        reverse = kind == "R" or kind == "N" and self.previous_carrier == "R"
        self.previous_carrier = kind
        text = pdfium_unmap(plan.text)
        if reverse:
            text = text[::-1]
        name = self.named.get(text)
        if name is None:
            name = self.named[text] = f"RC{len(self.named)}"
        return name


def direction_balance(texts: list[str]) -> int:
    """Strong left-to-right letters less strong right-to-left ones: poppler reads a page
    right to left where this is below zero."""
    balance = 0
    for text in texts:
        for char in text:
            kind = unicodedata.bidirectional(char)
            balance += 1 if kind == "L" else -1 if kind in ("R", "AL") else 0
    return balance


def page_is_rtl(texts: list[str]) -> bool:
    """Poppler's page direction: more strong right-to-left letters than left-to-right."""
    return direction_balance(texts) < 0
