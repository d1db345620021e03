"""Paragraph layout: shaped text broken into lines at ICU opportunities and positioned.

Shaping happens once per paragraph to measure (advances scale linearly with size), and again
per line so that what is drawn is exactly HarfBuzz's output for the line's runs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import accumulate

from ..geometry.units import MM_PER_PT
from .bidi import embedding_levels, visual_order
from .breaks import grapheme_boundaries, line_break_opportunities
from .fonts import FontChain, LoadedFont
from .itemize import Run, itemize, prepare, strip_bidi_controls
from .shaping import ShapedGlyph, shape

# Line boxes: at least Noto Sans's ascent and descent (so Latin lines are evenly spaced), more
# where the ink of a line needs it (Nastaliq, stacked marks), never the tall fonts' full
# hhea extents, which would make Urdu lines twice as far apart as they need to be.
NOMINAL_ASCENT_EM = 1.069
NOMINAL_DESCENT_EM = 0.293
INK_CLEARANCE_EM = 0.06
_EPSILON_MM = 1e-6


@dataclass(frozen=True)
class TextStyle:
    chain: FontChain
    size_pt: float
    language: str
    script: str
    rtl: bool
    align: str = "start"  # start | end | center, relative to the paragraph direction
    line_spacing: float = 1.0


@dataclass(frozen=True)
class PlacedGlyph:
    gid: int
    x_mm: float  # from the left edge of the paragraph box (pen position plus the offset)
    y_mm: float  # up from the line's baseline (mark offsets)
    advance_mm: float
    cluster: int
    pen_mm: float  # the pen position: where this glyph's advance starts


@dataclass(frozen=True)
class GlyphRun:
    """Glyphs of one font and direction on one line, in visual order."""

    font: LoadedFont
    size_pt: float
    rtl: bool
    start: int
    end: int
    text: str  # the run's characters in logical order, as a reader would copy them
    glyphs: tuple[PlacedGlyph, ...]


@dataclass(frozen=True)
class Line:
    runs: tuple[GlyphRun, ...]  # left to right on the page
    start: int
    end: int
    text: str
    width_mm: float
    baseline_mm: float  # down from the top of the paragraph
    ascent_mm: float
    descent_mm: float


@dataclass(frozen=True)
class ParagraphLayout:
    text: str  # the prepared text the runs index into
    rtl: bool
    lines: tuple[Line, ...]
    width_mm: float
    height_mm: float
    overflow: bool  # some grapheme is wider than the box: the caller must not draw this
    # The first word wider than the box, broken between two of its characters to fit;
    # "" when every line ends where the language allows. Card text refuses it, a web
    # address under a QR code accepts it.
    split_word: str = ""


@dataclass(frozen=True)
class _Prepared:
    """Size-independent analysis of a paragraph, cached across auto-fit attempts."""

    text: str
    codepoints: tuple[int, ...]
    runs: tuple[Run, ...]
    prefix_em: tuple[float, ...]  # prefix sums of advances per character, in em
    breaks: tuple[int, ...]
    graphemes: tuple[int, ...]


@functools.lru_cache(maxsize=2048)
def _prepare(raw_text: str, chain: FontChain, language: str, script: str,
             rtl: bool) -> _Prepared:
    text = prepare(raw_text)
    codepoints = tuple(ord(c) for c in text)
    levels = embedding_levels(text, rtl)
    runs = tuple(itemize(text, levels, chain, script))
    advance_em = [0.0] * len(text)
    for run in runs:
        for glyph in shape(codepoints, run.start, run.end, run, language):
            advance_em[glyph.cluster] += glyph.x_advance / run.font.upem
    return _Prepared(text, codepoints, runs, (0.0, *accumulate(advance_em)),
                     tuple(line_break_opportunities(text, language)),
                     tuple(grapheme_boundaries(text, language)))


def layout_paragraph(raw_text: str, style: TextStyle, width_mm: float) -> ParagraphLayout:
    prepared = _prepare(raw_text, style.chain, style.language, style.script, style.rtl)
    scale_mm = style.size_pt * MM_PER_PT
    text = prepared.text
    lines: list[Line] = []
    overflow = False
    split_word = ""
    breaks = set(prepared.breaks)
    start = 0
    top_mm = 0.0
    while start < len(text):
        end, line_runs, width = _fill_line(prepared, start, style, width_mm, scale_mm)
        if width > width_mm + _EPSILON_MM:
            overflow = True
        if end not in breaks and not split_word:
            word_end = min(b for b in prepared.breaks if b > start)
            word_start = max((b for b in prepared.breaks if b <= start), default=0)
            split_word = strip_bidi_controls(text[word_start:word_end]).strip()
        visible_end = _trim_trailing_space(text, start, end)
        ink_top, ink_bottom = _ink_extent_em(line_runs)
        ascent = max(NOMINAL_ASCENT_EM * style.line_spacing, ink_top + INK_CLEARANCE_EM) * scale_mm
        descent = max(NOMINAL_DESCENT_EM * style.line_spacing,
                      ink_bottom + INK_CLEARANCE_EM) * scale_mm
        baseline = top_mm + ascent
        lines.append(_position_line(prepared, line_runs, start, visible_end, width, width_mm,
                                    baseline, ascent, descent, style))
        top_mm = baseline + descent
        start = end
    return ParagraphLayout(text=text, rtl=style.rtl, lines=tuple(lines), width_mm=width_mm,
                           height_mm=top_mm, overflow=overflow, split_word=split_word)


def _ink_extent_em(pieces: list) -> tuple[float, float]:
    """Highest and lowest ink of a line's glyphs, in em (both positive away from baseline)."""
    top = bottom = 0.0
    for run, _, _, glyphs in pieces:
        for glyph in glyphs:
            glyph_top, glyph_bottom = _glyph_ink(run.font, glyph.gid)
            top = max(top, (glyph_top + glyph.y_offset) / run.font.upem)
            bottom = max(bottom, -(glyph_bottom + glyph.y_offset) / run.font.upem)
    return top, bottom


@functools.lru_cache(maxsize=65536)
def _glyph_ink(font: LoadedFont, gid: int) -> tuple[int, int]:
    extents = font.hb_font.get_glyph_extents(gid)
    if extents is None:
        return 0, 0
    return extents.y_bearing, extents.y_bearing + extents.height


def _trim_trailing_space(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] == "\u200b"):
        end -= 1
    return end


def _estimate_mm(prepared: _Prepared, start: int, end: int, scale_mm: float) -> float:
    end = _trim_trailing_space(prepared.text, start, end)
    return (prepared.prefix_em[end] - prepared.prefix_em[start]) * scale_mm


def _fill_line(prepared: _Prepared, start: int, style: TextStyle, width_mm: float,
               scale_mm: float) -> tuple[int, list[tuple[Run, int, int, tuple[ShapedGlyph, ...]]],
                                         float]:
    """Longest line from `start` that fits: at a break opportunity, else at a grapheme
    boundary (a word wider than the line), else one grapheme (reported as overflow)."""
    candidates = [b for b in prepared.breaks if b > start]
    fitting = [b for b in candidates if _estimate_mm(prepared, start, b, scale_mm)
               <= width_mm + _EPSILON_MM]
    if not fitting:
        graphemes = [g for g in prepared.graphemes if g > start and g <= candidates[0]]
        fitting = [g for g in graphemes if _estimate_mm(prepared, start, g, scale_mm)
                   <= width_mm + _EPSILON_MM] or graphemes[:1]
    for end in reversed(fitting):
        shaped = _shape_line(prepared, start, end, style)
        width = sum(g.x_advance / run.font.upem for run, _, _, glyphs in shaped
                    for g in glyphs) * scale_mm
        if width <= width_mm + _EPSILON_MM or end == fitting[0]:
            return end, shaped, width
    raise AssertionError("unreachable: the last candidate is always returned")


def _shape_line(prepared: _Prepared, start: int, end: int, style: TextStyle
                ) -> list[tuple[Run, int, int, tuple[ShapedGlyph, ...]]]:
    visible_end = _trim_trailing_space(prepared.text, start, end)
    pieces = []
    for run in prepared.runs:
        lo, hi = max(run.start, start), min(run.end, visible_end)
        if lo < hi:
            glyphs = shape(prepared.codepoints, lo, hi, run, style.language)
            if glyphs:  # a lone bidi control shapes to nothing and is no run on the page
                pieces.append((run, lo, hi, glyphs))
    return pieces


def _position_line(prepared: _Prepared, pieces: list, start: int, end: int, width_mm: float,
                   box_mm: float, baseline: float, ascent: float, descent: float,
                   style: TextStyle) -> Line:
    scale_mm = style.size_pt * MM_PER_PT
    align = style.align
    if align == "start":
        align = "right" if style.rtl else "left"
    elif align == "end":
        align = "left" if style.rtl else "right"
    x = {"left": 0.0, "right": box_mm - width_mm,
         "center": (box_mm - width_mm) / 2}[align]
    runs = []
    for index in visual_order([run.level for run, _, _, _ in pieces]):
        run, lo, hi, shaped = pieces[index]
        per_unit = scale_mm / run.font.upem
        placed = []
        for glyph in shaped:
            placed.append(PlacedGlyph(glyph.gid, x + glyph.x_offset * per_unit,
                                      glyph.y_offset * per_unit, glyph.x_advance * per_unit,
                                      glyph.cluster, x))
            x += glyph.x_advance * per_unit
        runs.append(GlyphRun(run.font, style.size_pt, run.rtl, lo, hi,
                             strip_bidi_controls(prepared.text[lo:hi]), tuple(placed)))
    return Line(tuple(runs), start, end, strip_bidi_controls(prepared.text[start:end]),
                width_mm, baseline, ascent, descent)
