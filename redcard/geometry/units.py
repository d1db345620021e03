"""Units: millimetres everywhere in specs, layout and design; points only at the render edge
(and in type sizes, which typography gives in points)."""

from __future__ import annotations

MM_PER_PT = 25.4 / 72  # one PostScript point in millimetres


def pt(mm: float) -> float:
    """Millimetres to points, for the PDF writer."""
    return mm / MM_PER_PT


def mm(points: float) -> float:
    """Points (a type size, a line width) to millimetres."""
    return points * MM_PER_PT
