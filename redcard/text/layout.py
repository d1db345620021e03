"""Paragraph layout: shaped text broken into lines at ICU opportunities and positioned.

Shaping happens once per paragraph to measure (advances scale linearly with size), and again
per line so that what is drawn is exactly HarfBuzz's output for the line's runs.

Breaks are chosen for the whole paragraph at once (total fit, after Knuth and Plass, over
ICU's opportunities): first the fewest lines, then no short last word alone on its line, no
one-letter word ending a line, CJK lines broken between words rather than inside them, and
the most even right edge. Every line of a paragraph has the same height (the paragraph's
tallest ink, or the caller's line box), so leading is even.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from ..geometry.units import MM_PER_PT
from .bidi import embedding_levels, visual_order
from .breaks import grapheme_boundaries, line_break_opportunities, word_boundaries
from .fonts import FontChain, LoadedFont
from .itemize import Run, itemize, prepare, strip_bidi_controls
from .shaping import CJK_PUNCTUATION_FAMILIES, ShapedGlyph, compressed_punctuation, shape

# Line boxes: at least Noto Sans's ascent and descent (so Latin lines are evenly spaced), more
# where the ink of a line needs it (Nastaliq, stacked marks), never the tall fonts' full
# hhea extents, which would make Urdu lines twice as far apart as they need to be.
NOMINAL_ASCENT_EM = 1.069
NOMINAL_DESCENT_EM = 0.293
INK_CLEARANCE_EM = 0.03
# Nastaliq's stacked words rise far above the line (1.75 em) at only a few places; Urdu print
# lets lines interleave there, so its lines hold this share of the paragraph's full ink.
INTERLEAVED_INK = {"Noto Nastaliq Urdu": 0.85}
_EPSILON_MM = 1e-6

# Total-fit costs. A line more outweighs everything else, so the line count (and with it the
# auto-fitted size) is the greedy one's; the rest rank the ways of filling those lines.
_LINE_COST = 1_000_000.0
_ORPHAN_COST = 50_000.0  # a last line of one short word, or one CJK character
_SHORT_LAST_COST = 2_000.0  # a last line of one word of up to 7 letters, or 3 CJK characters
_LONE_LETTER_COST = 3_000.0  # a line ending in a one-letter word ("… silent. I")
_INSIDE_WORD_COST = 800.0  # a CJK break inside a word (令|状)
_RAGGED_COST = 400.0  # times the square of a line's unused fraction
ORPHAN_LETTERS = 4  # a last line of one word this short is an orphan
_SHORT_LETTERS = 7
_CJK_SHORT = 3
ADDRESS_BREAKS_BEFORE = frozenset(".?&=#")
_CJK_SCRIPTS = frozenset({"Hani", "Hans", "Hant", "Hira", "Kana", "Jpan"})


@dataclass(frozen=True)
class TextStyle:
    chain: FontChain
    size_pt: float
    language: str
    script: str
    rtl: bool
    align: str = "start"  # start | end | center, relative to the paragraph direction
    line_spacing: float = 1.0
    # Ascent and descent of every line, in em: a side's points share one (`line_box_em`);
    # None: the paragraph's own tallest ink.
    line_box: tuple[float, float] | None = None
    # A web address: lines filled as far as they go, broken after a / or before . ? & = #
    # only, never at its own hyphens, which a reader would take for a line-end hyphen.
    address: bool = False


class PlacedGlyph(NamedTuple):
    """A tuple of numbers: cheap to make, and the cycle collector stops looking at it."""

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
    cjk: bool = False  # Chinese or Japanese: breaks between characters, orphans by character


@dataclass(frozen=True)
class _Prepared:
    """Size-independent analysis of a paragraph, cached across auto-fit attempts."""

    text: str
    codepoints: tuple[int, ...]
    runs: tuple[Run, ...]
    prefix_em: tuple[float, ...]  # prefix sums of advances per character, in em
    breaks: tuple[int, ...]
    graphemes: tuple[int, ...]
    words: frozenset[int]  # word boundaries, where a CJK line should rather end
    cjk: bool
    ink_em: tuple[float, float]  # the paragraph's highest and lowest ink
    # What the total fit asks of every candidate line, in constant time: per text position,
    # where the line's visible text ends (trailing spaces dropped) and how many letters come
    # before it; per break opportunity, where the word before it starts.
    visible_end: tuple[int, ...]
    prefix_letters: tuple[int, ...]
    word_start: dict[int, int] = field(compare=False)
    nodes: tuple[int, ...]  # where lines may start or end: 0 and every opportunity
    # What ending a line (before the last) at each opportunity costs beyond its raggedness:
    # a lone one-letter word ("… silent. I", when the line holds more than that word), or a
    # CJK break inside a word (令|状)
    end_cost: dict[int, float] = field(compare=False)
    # Lines shaped so far, by (start, end): shaping does not depend on the size, so auto-fit
    # attempts at other sizes reuse them.
    shaped_lines: dict[tuple[int, int], list] = field(default_factory=dict, compare=False)
    line_em: dict[tuple[int, int], float] = field(default_factory=dict, compare=False)
    # Breaks chosen so far, by (box width in mm, size in mm per em)
    chosen: dict[tuple[float, float], list] = field(default_factory=dict, compare=False)
    # paragraph_height_mm's answers so far, by (box width, size in mm per em, line box, line
    # spacing): the same paragraph is measured again for every face and font that shares it
    heights: dict[tuple, float | None] = field(default_factory=dict, compare=False)
    # Per node (see `nodes`): where the visible text of a line ending there ends, its advance
    # from the paragraph's start in em, what ending a line there costs (`end_cost`) and where
    # the word before it starts: the total fit's inner loop reads tuples, not dictionaries.
    node_info: tuple[tuple[int, float, float, int], ...] = field(default=(), compare=False)
    # Every advance is at least zero and there are at most _PRUNED_NODES nodes: a line costs
    # less than _LINE_COST beyond it, whatever the breaks (see _fewest_lines_breaks).
    prunable: bool = field(default=False, compare=False)


@functools.lru_cache(maxsize=2048)
def _prepare(raw_text: str, chain: FontChain, language: str, script: str,
             rtl: bool, address: bool = False) -> _Prepared:
    text = prepare(raw_text)
    codepoints = tuple(ord(c) for c in text)
    levels = embedding_levels(text, rtl)
    runs = tuple(itemize(text, levels, chain, script))
    advance_em = [0.0] * len(text)
    top = bottom = 0.0
    for run in runs:
        font = run.font
        upem = font.upem
        for gid, cluster, x_advance, _, _, y_offset in shape(
                codepoints, run.start, run.end, run, language,
                compressed_punctuation(text, run.start, run.end, run.start,
                                       _compresses(run))):
            advance_em[cluster] += x_advance / upem
            glyph_top, glyph_bottom = _glyph_ink(font, gid)
            high = (glyph_top + y_offset) / upem
            if high > top:  # top = max(top, high)
                top = high
            low = -(glyph_bottom + y_offset) / upem
            if low > bottom:
                bottom = low
    cjk = script in _CJK_SCRIPTS or any(run.script in _CJK_SCRIPTS for run in runs)
    share = min((INTERLEAVED_INK.get(run.font.family, 1.0) for run in runs), default=1.0)
    top, bottom = top * share, bottom * share
    breaks = tuple(line_break_opportunities(text, language)) if not address else \
        _address_breaks(text)
    words = frozenset(word_boundaries(text, language)) if cjk else frozenset()
    letters = (0, *accumulate(_is_letter(char) for char in text))
    prefix_em = (0.0, *accumulate(advance_em))
    visible_end = _visible_ends(text)
    word_start, nodes, end_cost = _break_tables(text, breaks, cjk, words, letters)
    node_info = tuple((visible_end[node], prefix_em[visible_end[node]],
                       end_cost.get(node, 0.0), word_start.get(node, 0)) for node in nodes)
    return _Prepared(text, codepoints, runs, prefix_em, breaks,
                     tuple(grapheme_boundaries(text, language)), words, cjk, (top, bottom),
                     visible_end, letters, word_start, nodes, end_cost, node_info=node_info,
                     prunable=len(nodes) <= _PRUNED_NODES and min(advance_em, default=0.0) >= 0)


def _break_tables(text: str, breaks: tuple[int, ...], cjk: bool, words: frozenset[int],
                  letters: tuple[int, ...]
                  ) -> tuple[dict[int, int], tuple[int, ...], dict[int, float]]:
    """Per opportunity: where the word before it starts, the line nodes, what ending a line
    there costs (see `_Prepared.end_cost`)."""
    word_start = {end: breaks[index - 1] if index else 0 for index, end in enumerate(breaks)}
    end_cost = {}
    for end in breaks:
        if cjk:
            end_cost[end] = 0.0 if end in words else _INSIDE_WORD_COST
        else:
            lone = letters[end] - letters[word_start[end]] == 1
            end_cost[end] = _LONE_LETTER_COST if lone else 0.0
    return word_start, (0, *(b for b in breaks if b > 0)), end_cost


def _visible_ends(text: str) -> tuple[int, ...]:
    """For every end position, the end of the text before it without trailing spaces."""
    ends = [0] * (len(text) + 1)
    for end in range(1, len(text) + 1):
        ends[end] = ends[end - 1] if _trailing_space(text[end - 1]) else end
    return tuple(ends)


def _trailing_space(char: str) -> bool:
    return char.isspace() or char == "\u200b"


def _is_letter(char: str) -> bool:
    """Not punctuation, a space or a mark: a grapheme's base letter (or digit)."""
    return unicodedata.category(char)[0] in "LN"


def _address_breaks(text: str) -> tuple[int, ...]:
    """Where a web address may wrap (as style guides have it): after a single slash, before
    a full stop or a query's punctuation."""
    ends = {i + 1 for i, char in enumerate(text[:-1])
            if char == "/" and "/" not in (text[i + 1], text[i - 1] if i else "")}
    ends |= {i for i, char in enumerate(text) if i > 0 and char in ADDRESS_BREAKS_BEFORE}
    return tuple(sorted(ends | {len(text)}))


def _compresses(run: Run) -> bool:
    return run.font.family in CJK_PUNCTUATION_FAMILIES


def ink_extent_em(raw_text: str, style: TextStyle) -> tuple[float, float]:
    """The highest and lowest ink of a paragraph set in `style`, in em: for a line box that
    several paragraphs share."""
    return _prepare(raw_text, style.chain, style.language, style.script, style.rtl).ink_em


def line_box_em(inks: list[tuple[float, float]], line_spacing: float) -> tuple[float, float]:
    """Ascent and descent, in em, for lines holding all the given ink: at least Noto Sans's
    (scaled by `line_spacing`), more where the ink needs it (Nastaliq, Khmer subscripts)."""
    top = max((ink[0] for ink in inks), default=0.0)
    bottom = max((ink[1] for ink in inks), default=0.0)
    return (max(NOMINAL_ASCENT_EM * line_spacing, top + INK_CLEARANCE_EM),
            max(NOMINAL_DESCENT_EM * line_spacing, bottom + INK_CLEARANCE_EM))


_LAYOUTS: dict[tuple, ParagraphLayout] = {}  # the same numbers of another type: not the same
_LAYOUTS_KEPT = 512


def layout_paragraph(raw_text: str, style: TextStyle, width_mm: float, *,
                     keep: bool = True) -> ParagraphLayout:
    """The paragraph broken into lines and positioned in a box `width_mm` wide. A layout is
    immutable, and the same text in the same style and box is laid out again often (every
    language's back, a face with and without a band): it is made once and kept. A text
    that will not come again (a sheet's number in the slug) is laid out with `keep=False`,
    so that a long run does not fill the caches with them."""
    if not keep:
        return _layout_paragraph(raw_text, style, width_mm, _prepare.__wrapped__)
    key = (raw_text, style, width_mm, type(width_mm), type(style.size_pt))
    layout = _LAYOUTS.get(key)
    if layout is None:
        if len(_LAYOUTS) >= _LAYOUTS_KEPT:
            _LAYOUTS.clear()
        layout = _LAYOUTS[key] = _layout_paragraph(raw_text, style, width_mm)
    return layout


def _layout_paragraph(raw_text: str, style: TextStyle, width_mm: float,
                      prepare: Callable[..., _Prepared] = _prepare) -> ParagraphLayout:
    prepared = prepare(raw_text, style.chain, style.language, style.script, style.rtl,
                       style.address)
    scale_mm = style.size_pt * MM_PER_PT
    text = prepared.text
    ascent, descent = _line_box_mm(prepared, style, scale_mm)
    chosen = _choose_breaks(prepared, style, width_mm, scale_mm)
    overflow, split_word = _faults(prepared, chosen, width_mm)
    lines: list[Line] = []
    start = 0
    top_mm = 0.0
    for end, line_runs, width in chosen:
        visible_end = max(prepared.visible_end[end], start)
        baseline = top_mm + ascent
        lines.append(_position_line(prepared, line_runs, start, visible_end, width, width_mm,
                                    baseline, ascent, descent, style))
        top_mm = baseline + descent
        start = end
    return ParagraphLayout(text=text, rtl=style.rtl, lines=tuple(lines), width_mm=width_mm,
                           height_mm=top_mm, overflow=overflow, split_word=split_word,
                           cjk=prepared.cjk)


def paragraph_height_mm(raw_text: str, style: TextStyle, width_mm: float) -> float | None:
    """The height `layout_paragraph` gives the paragraph, without placing its glyphs (what
    auto-fit asks at every size it tries); None where that layout would overflow or split a
    word."""
    prepared = _prepare(raw_text, style.chain, style.language, style.script, style.rtl,
                        style.address)
    scale_mm = style.size_pt * MM_PER_PT
    key = (width_mm, scale_mm, style.line_box, style.line_spacing)
    if key in prepared.heights:
        return prepared.heights[key]
    ascent, descent = _line_box_mm(prepared, style, scale_mm)
    chosen = _choose_breaks(prepared, style, width_mm, scale_mm)
    if any(_faults(prepared, chosen, width_mm)):
        prepared.heights[key] = None
        return None
    top_mm = 0.0
    for _ in chosen:
        top_mm = top_mm + ascent + descent
    prepared.heights[key] = top_mm
    return top_mm


def _line_box_mm(prepared: _Prepared, style: TextStyle, scale_mm: float) -> tuple[float, float]:
    box = style.line_box or line_box_em([prepared.ink_em], style.line_spacing)
    return box[0] * scale_mm, box[1] * scale_mm


def _choose_breaks(prepared: _Prepared, style: TextStyle, width_mm: float,
                   scale_mm: float) -> _Chosen:
    key = (width_mm, scale_mm)  # the same box at the same size: the same breaks
    if key not in prepared.chosen:
        chosen = None if style.address else _total_fit(prepared, style, width_mm, scale_mm)
        prepared.chosen[key] = chosen if chosen is not None else \
            _greedy(prepared, style, width_mm, scale_mm)
    return prepared.chosen[key]


def _faults(prepared: _Prepared, chosen: _Chosen, width_mm: float) -> tuple[bool, str]:
    """Whether a line is wider than the box, and the first word broken between two of its
    characters ("" when none is)."""
    overflow = False
    split_word = ""
    breaks = set(prepared.breaks)
    start = 0
    for end, _, width in chosen:
        if width > width_mm + _EPSILON_MM:
            overflow = True
        if end not in breaks and not split_word:
            word_end = min(b for b in prepared.breaks if b > start)
            word_start = max((b for b in prepared.breaks if b <= start), default=0)
            split_word = strip_bidi_controls(prepared.text[word_start:word_end]).strip()
        start = end
    return overflow, split_word


_Chosen = list[tuple[int, list, float]]  # (end, shaped pieces, width in mm) per line


def _greedy(prepared: _Prepared, style: TextStyle, width_mm: float,
            scale_mm: float) -> _Chosen:
    """Line by line, the longest that fits: for paragraphs with a word wider than the box."""
    chosen: _Chosen = []
    start = 0
    while start < len(prepared.text):
        end, line_runs, width = _fill_line(prepared, start, style, width_mm, scale_mm)
        chosen.append((end, line_runs, width))
        start = end
    return chosen


def _total_fit(prepared: _Prepared, style: TextStyle, width_mm: float,
               scale_mm: float) -> _Chosen | None:
    """The cheapest set of breaks (see the module's docstring), each line shaped and checked;
    None when some word is wider than the box. Widths are estimated from the paragraph's
    shaping; a line whose own shaping is wider is retried with that much less room."""
    limit = width_mm
    for _ in range(3):
        ends = _cheapest_breaks(prepared, width_mm, limit, scale_mm)
        if ends is None:
            return None
        chosen: _Chosen = []
        start = 0
        excess = 0.0
        for end in ends:
            shaped = _shape_line(prepared, start, end, style)
            width = _line_em(prepared, start, end, shaped) * scale_mm
            excess = max(excess, width - width_mm)
            chosen.append((end, shaped, width))
            start = end
        if excess <= _EPSILON_MM:
            return chosen
        limit -= excess
    return None


def _cheapest_breaks(prepared: _Prepared, width_mm: float, limit_mm: float,
                     scale_mm: float) -> list[int] | None:
    if prepared.prunable and prepared.nodes[-1] == len(prepared.text):
        return _fewest_lines_breaks(prepared, width_mm, limit_mm, scale_mm)
    text, length = prepared.text, len(prepared.text)
    nodes = prepared.nodes
    count = len(nodes)
    # per node: the cheapest cost of a line ending there, and the node that line starts at
    costs: list[float | None] = [None] * count
    came = [-1] * count
    costs[0] = 0.0
    info = prepared.node_info
    prefix_em, cjk = prepared.prefix_em, prepared.cjk
    limit = limit_mm + _EPSILON_MM
    for index in range(count):
        base = costs[index]
        start = nodes[index]
        if base is None or start == length:
            continue
        base += _LINE_COST
        start_em = prefix_em[start]
        for following in range(index + 1, count):
            visible, visible_em, extra, word_start = info[following]
            natural = ((visible_em if visible > start else start_em) - start_em) * scale_mm
            if natural > limit:
                break
            end = nodes[following]
            if end == length:
                line = 0.0 if start == 0 else _last_line_cost(prepared, start, end)
            else:
                # how ragged the right edge is, and a one-letter word ending a line ("… I")
                # or a CJK break inside a word, whichever the paragraph can have
                line = _RAGGED_COST * ((width_mm - natural) / width_mm) ** 2
                if extra and (cjk or word_start > start):
                    line += extra
            cost = base + line
            known = costs[following]
            if known is None or cost < known:
                costs[following] = cost
                came[following] = index
    last = next((i for i in range(count - 1, -1, -1) if nodes[i] == length), None)
    if last is None or costs[last] is None:
        return None
    return _walk_back(nodes, came, last, text)


def _walk_back(nodes: tuple[int, ...], came: list[int], last: int, text: str
               ) -> list[int] | None:
    """The chosen line ends, from the last node back along the best predecessors."""
    ends = []
    while last > 0:
        ends.append(nodes[last])
        last = came[last]
    if text and not ends:
        return None
    return ends[::-1]


_PRUNED_NODES = 200
# What _fewest_lines_breaks relies on: whatever the breaks, a paragraph of at most
# _PRUNED_NODES nodes costs less than one line more than its lines.
if _PRUNED_NODES * (_RAGGED_COST + max(_LONE_LETTER_COST, _INSIDE_WORD_COST)) + \
        max(_ORPHAN_COST, _SHORT_LAST_COST) >= _LINE_COST:
    raise AssertionError("the total fit's costs no longer allow pruning: lower _PRUNED_NODES")


def _fewest_lines_breaks(prepared: _Prepared, width_mm: float, limit_mm: float,
                         scale_mm: float) -> list[int] | None:
    """`_cheapest_breaks` for a paragraph that is `prunable` and ends at its last node, with
    the same answer: a line costs _LINE_COST and less than _LINE_COST / _PRUNED_NODES more
    (at most 400 ragged, 3,000 for a lone letter, 50,000 once for the last line), so the
    cheapest way to a node takes the fewest lines there, and a line to a node already
    reached in as few lines as its start took cannot be cheaper: it is not costed."""
    text, length = prepared.text, len(prepared.text)
    nodes = prepared.nodes
    last = len(nodes) - 1
    costs: list[float | None] = [None] * len(nodes)
    came = [-1] * len(nodes)
    lines = [0] * len(nodes)  # in the cheapest way to each node found so far
    # by line count: the furthest node first reached in that many lines. With no negative
    # advance, a line's natural width grows with its end and shrinks with its start, so
    # the nodes reached form a prefix whose line counts never decrease: the nodes a start
    # cannot improve (reached in as few lines as it took) are those up to furthest[taken],
    # and no line from the start to them is too wide; the search resumes after them.
    furthest = [0] * len(nodes)
    costs[0] = 0.0
    info = prepared.node_info
    prefix_em, cjk = prepared.prefix_em, prepared.cjk
    limit = limit_mm + _EPSILON_MM
    for index in range(last):
        base = costs[index]
        if base is None:
            continue
        start = nodes[index]
        base += _LINE_COST
        start_em = prefix_em[start]
        taken = lines[index]
        for following in range(max(index, furthest[taken]) + 1, last):
            visible, visible_em, extra, word_start = info[following]
            natural = ((visible_em if visible > start else start_em) - start_em) * scale_mm
            if natural > limit:
                break
            known = costs[following]
            if known is not None and lines[following] <= taken:
                continue
            line = _RAGGED_COST * ((width_mm - natural) / width_mm) ** 2
            if extra and (cjk or word_start > start):
                line += extra
            cost = base + line
            if known is None or cost < known:
                costs[following] = cost
                came[following] = index
                lines[following] = taken + 1
                if known is None:
                    furthest[taken + 1] = following
        else:  # every node before the last is in reach: the last line, to the end
            visible, visible_em, _, _ = info[last]
            natural = ((visible_em if visible > start else start_em) - start_em) * scale_mm
            known = costs[last]
            if natural <= limit and (known is None or lines[last] > taken):
                cost = base + (0.0 if start == 0 else _last_line_cost(prepared, start, length))
                if known is None or cost < known:
                    costs[last] = cost
                    came[last] = index
                    lines[last] = taken + 1
    if costs[last] is None:
        return None
    return _walk_back(nodes, came, last, text)


def _letters(prepared: _Prepared, start: int, end: int) -> int:
    return prepared.prefix_letters[end] - prepared.prefix_letters[start]


def _last_line_cost(prepared: _Prepared, start: int, end: int) -> float:
    letters = _letters(prepared, start, end)
    if prepared.cjk:
        return _ORPHAN_COST if letters <= 1 else _SHORT_LAST_COST if letters <= _CJK_SHORT \
            else 0.0
    one_word = prepared.word_start[end] <= start
    if one_word and letters <= ORPHAN_LETTERS:
        return _ORPHAN_COST
    if one_word and letters <= _SHORT_LETTERS:
        return _SHORT_LAST_COST
    return 0.0


def is_orphan(line_text: str, cjk: bool) -> bool:
    """A paragraph's last line that a typesetter would not leave alone: one word of at most
    four letters, or (CJK) one character with its punctuation."""
    text = strip_bidi_controls(line_text).strip()
    letters = sum(1 for char in text if _is_letter(char))
    if cjk:
        return letters <= 1
    return " " not in text and letters <= ORPHAN_LETTERS


@functools.lru_cache(maxsize=65536)
def _glyph_ink(font: LoadedFont, gid: int) -> tuple[int, int]:
    extents = font.hb_font.get_glyph_extents(gid)
    if extents is None:
        return 0, 0
    return extents.y_bearing, extents.y_bearing + extents.height


def _estimate_mm(prepared: _Prepared, start: int, end: int, scale_mm: float) -> float:
    end = max(prepared.visible_end[end], start)
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
        width = _line_em(prepared, start, end, shaped) * scale_mm
        if width <= width_mm + _EPSILON_MM or end == fitting[0]:
            return end, shaped, width
    raise AssertionError("unreachable: the last candidate is always returned")


def _line_em(prepared: _Prepared, start: int, end: int, shaped: list) -> float:
    """The advance of a shaped line in em (remembered: every size asks again)."""
    if (start, end) not in prepared.line_em:
        prepared.line_em[start, end] = sum(g.x_advance / run.font.upem
                                           for run, _, _, glyphs in shaped for g in glyphs)
    return prepared.line_em[start, end]


def _shape_line(prepared: _Prepared, start: int, end: int, style: TextStyle
                ) -> list[tuple[Run, int, int, tuple[ShapedGlyph, ...]]]:
    if (start, end) in prepared.shaped_lines:
        return prepared.shaped_lines[start, end]
    visible_end = max(prepared.visible_end[end], start)
    pieces = []
    for run in prepared.runs:
        lo, hi = max(run.start, start), min(run.end, visible_end)
        if lo < hi:
            glyphs = shape(prepared.codepoints, lo, hi, run, style.language,
                           compressed_punctuation(prepared.text, lo, hi, start,
                                                  _compresses(run)))
            if glyphs:  # a lone bidi control shapes to nothing and is no run on the page
                pieces.append((run, lo, hi, glyphs))
    prepared.shaped_lines[start, end] = pieces
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
    new = tuple.__new__
    for index in visual_order([run.level for run, _, _, _ in pieces]):
        run, lo, hi, shaped = pieces[index]
        per_unit = scale_mm / run.font.upem
        placed = []
        for gid, cluster, x_advance, _, x_offset, y_offset in shaped:
            advance = x_advance * per_unit
            placed.append(new(PlacedGlyph, (gid, x + x_offset * per_unit, y_offset * per_unit,
                                            advance, cluster, x)))
            x += advance
        runs.append(GlyphRun(run.font, style.size_pt, run.rtl, lo, hi,
                             strip_bidi_controls(prepared.text[lo:hi]), tuple(placed)))
    return Line(tuple(runs), start, end, strip_bidi_controls(prepared.text[start:end]),
                width_mm, baseline, ascent, descent)
