"""The door sign: a Letter or A4 page for the inside of a front door or window, in large
print. The top half is the card's front in the holder's language (what to do and say), the
bottom half the English back, which agents outside can read through the glass. Both are the
card's own faces, designed larger, on white (a home printer's ink lasts)."""

from __future__ import annotations

from dataclasses import dataclass

from ..geometry.sizes import CardSize, PaperSize
from ..model.content import CardContent
from ..model.extras import CardExtras
from ..text.fonts import FontRegistry
from .card import CardDesign, CardDesigner, CardFace
from .large import scaled_design
from .themes import Theme

MARGIN_MM = 12.7  # inside every home printer's unprintable edge
GAP_MM = 8.0
MIN_BODY_PT = 14.0  # large print: 14 pt and up, whatever the language


@dataclass(frozen=True)
class SignLayout:
    paper: PaperSize
    front: CardFace
    front_at: tuple[float, float]
    back: CardFace
    back_at: tuple[float, float]

    @property
    def body_pt(self) -> float:
        return min(self.front.body_pt, self.back.body_pt)


def sign_layout(card: CardContent, extras: CardExtras, paper: PaperSize, theme: Theme,
                fonts: FontRegistry) -> SignLayout:
    width = paper.width_mm - 2 * MARGIN_MM
    half = (paper.height_mm - 2 * MARGIN_MM - GAP_MM) / 2
    design = scaled_design(width / 85.6 * 1.05, CardDesign(), min_body_pt=MIN_BODY_PT)
    size = CardSize(f"{paper.name} door sign half", width, half, corner_radius_mm=4.0)
    designer = CardDesigner(size, theme, fonts, design)
    front, back = designer.front(card, extras), designer.back(card, extras)
    return SignLayout(paper, front, (MARGIN_MM, MARGIN_MM + half + GAP_MM), back,
                      (MARGIN_MM, MARGIN_MM))
