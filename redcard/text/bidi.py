"""Bidi embedding levels (UAX #9 with isolates) and line reordering (rule L2).

fpdf2's `fpdf.bidi` is used because it exposes per-character levels and passes Unicode's
BidiCharacterTest almost entirely (see tests/text/test_bidi.py); python-bidi returns
only the reordered string. Importing `fpdf.bidi` the usual way runs the whole `fpdf` package
(its PDF writer, SVG and signing set-up, a third of a second); `_fpdf_bidi` loads just that
module file and the two small ones it needs, from the installed fpdf2, when a paragraph first
needs it. Left-to-right text with no right-to-left or explicit-direction characters needs no
algorithm at all: every level is 0.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import types
import unicodedata
from collections.abc import Sequence

_PACKAGE = "redcard.text._fpdf"  # where fpdf's bidi, enums and their helpers are loaded
# Bidi classes that can give a character of a left-to-right paragraph a level other than 0:
# strong right-to-left, Arabic numbers, and the explicit embeddings, overrides and isolates.
_RAISING = frozenset(("R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI",
                      "PDI"))


@functools.cache
def _fpdf_bidi() -> types.ModuleType:
    """fpdf2's bidi module without the fpdf package: a stand-in package whose path is fpdf's
    folder, so the module's relative imports (`.enums`, `.syntax`, ...) find their files
    there and nothing runs fpdf/__init__.py."""
    spec = importlib.util.find_spec("fpdf")  # finds the folder, executes nothing
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("fpdf2 is not installed (pip install fpdf2)")
    if _PACKAGE not in sys.modules:
        package = types.ModuleType(_PACKAGE)
        package.__path__ = list(spec.submodule_search_locations)
        package.__package__ = _PACKAGE
        sys.modules[_PACKAGE] = package
    return importlib.import_module(_PACKAGE + ".bidi")


def _all_level_zero(text: str) -> bool:
    """Whether a left-to-right paragraph's text holds no character that UAX #9 could
    raise above level 0 (then neutrals, European numbers and marks all resolve to 0)."""
    bidirectional = unicodedata.bidirectional
    return not any(bidirectional(char) in _RAISING for char in text)


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """One resolved level per character; odd levels run right to left."""
    if not text:
        return []
    if not rtl and _all_level_zero(text):
        return [0] * len(text)
    return full_embedding_levels(text, rtl)


def full_embedding_levels(text: str, rtl: bool) -> list[int]:
    """The levels from the whole algorithm (fpdf2's), never the shortcut."""
    module = _fpdf_bidi()
    direction = module.TextDirection.RTL if rtl else module.TextDirection.LTR
    chars = module.BidiParagraph(text, base_direction=direction,
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
