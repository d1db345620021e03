"""Bidi embedding levels (UAX #9 with isolates) and line reordering (rule L2).

fpdf2's `fpdf.bidi` is used because it exposes per-character levels and passes Unicode's
BidiCharacterTest almost entirely (see tests/text/test_bidi.py); python-bidi returns
only the reordered string.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """One resolved level per character; odd levels run right to left."""
    if not text:
        return []
    direction = TextDirection.RTL if rtl else TextDirection.LTR
    chars = BidiParagraph(text, base_direction=direction,
                          preserve_bn_chars=True).get_characters_with_embedding_level()
    levels = [char.embedding_level for char in chars]
    if len(levels) != len(text):  # defensive: the library promises one entry per character
        raise ValueError("bidi levels do not match the text length")
    return levels


def visual_order(levels: Sequence[int]) -> list[int]:
    """Indices of items (characters or runs) in display order, by rule L2."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
