"""HarfBuzz shaping of one run, with the whole paragraph as context."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import uharfbuzz as hb

from .itemize import Run


class ShapedGlyph(NamedTuple):
    """A glyph as HarfBuzz placed it, in font units; `cluster` indexes the paragraph. A
    tuple of numbers: cheap to make, and the cycle collector stops looking at it (auto-fit
    keeps the shaping of every line it tried)."""

    gid: int
    cluster: int
    x_advance: int
    y_advance: int
    x_offset: int
    y_offset: int


def _full_width_punctuation(char: str) -> bool:
    """Punctuation a Chinese or Japanese font sets an em wide: the full-width forms and the
    quotation marks of East Asian width "ambiguous" (“ ” ‘ ’), which CJK fonts draw wide."""
    return unicodedata.east_asian_width(char) in ("W", "F", "A") and \
        unicodedata.category(char).startswith("P")


def _opening(char: str) -> bool:
    return unicodedata.category(char) in ("Ps", "Pi")


def compressed_punctuation(text: str, start: int, end: int, line_start: int,
                           cjk: bool) -> dict[str, list[tuple[int, int, int]]]:
    """HarfBuzz features that set full-width punctuation half-width (OpenType `halt`) where
    two of them meet (。「, ？」, ：“) and for an opening bracket that starts a line, as
    JIS X 4051 and the W3C's clreq do; empty for text without such punctuation. Ranges are
    indices into `text`, as HarfBuzz's cluster values are. Only for `cjk` (Chinese and
    Japanese) runs: other fonts set this punctuation proportionally."""
    if not cjk:
        return {}
    ranges = []
    for index in range(start, end):
        char = text[index]
        if not _full_width_punctuation(char):
            continue
        before = index > 0 and _full_width_punctuation(text[index - 1])
        after = index + 1 < len(text) and _full_width_punctuation(text[index + 1])
        if before or after or (index == line_start and _opening(char)):
            ranges.append((index, index + 1, 1))
    return {"halt": ranges} if ranges else {}


CJK_PUNCTUATION_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK JP")


def shape(codepoints: Sequence[int], start: int, end: int, run: Run,
          language: str, features: dict | None = None) -> tuple[ShapedGlyph, ...]:
    """Shape characters [start, end) of `run`; glyphs come in visual order (RTL reversed)."""
    buffer = hb.Buffer()
    buffer.add_codepoints(list(codepoints), start, end - start)
    buffer.direction = "rtl" if run.rtl else "ltr"
    buffer.script = run.script
    buffer.language = language
    flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    if start == 0:
        flags |= hb.BufferFlags.BOT
    if end == len(codepoints):
        flags |= hb.BufferFlags.EOT
    buffer.flags = flags
    hb.shape(run.font.hb_font, buffer, features or {})
    glyphs = []
    new, append = tuple.__new__, glyphs.append
    for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions):
        x_offset, y_offset, x_advance, y_advance = pos.position
        append(new(ShapedGlyph, (info.codepoint, info.cluster, x_advance, y_advance,
                                 x_offset, y_offset)))
    return tuple(glyphs)
