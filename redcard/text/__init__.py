"""Text layout for every script: normalise, isolate, bidi, itemise, break, shape, position.

The layout stages know nothing about PDF; `redcard.text.draw` is the thin ReportLab edge.
"""

from .layout import (
                     GlyphRun,
                     Line,
                     ParagraphLayout,
                     TextStyle,
                     layout_paragraph,
                     paragraph_height_mm,
)

__all__ = ["GlyphRun", "Line", "ParagraphLayout", "TextStyle", "layout_paragraph",
           "paragraph_height_mm"]
