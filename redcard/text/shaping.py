"""HarfBuzz shaping of one run, with the whole paragraph as context."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import uharfbuzz as hb

from .itemize import Run


@dataclass(frozen=True)
class ShapedGlyph:
    """A glyph as HarfBuzz placed it, in font units; `cluster` indexes the paragraph."""

    gid: int
    cluster: int
    x_advance: int
    y_advance: int
    x_offset: int
    y_offset: int


def shape(codepoints: Sequence[int], start: int, end: int, run: Run,
          language: str) -> tuple[ShapedGlyph, ...]:
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
    hb.shape(run.font.hb_font, buffer, {})
    return tuple(
        ShapedGlyph(info.codepoint, info.cluster, pos.x_advance, pos.y_advance,
                    pos.x_offset, pos.y_offset)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions))
