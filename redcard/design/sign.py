"""The door sign: a Letter or A4 page for the inside of a front door or window, in large
print. The top is the card's front in the holder's language (what to do and say), the
bottom the English back, which agents outside can read through the glass. Both are the
card's own faces, designed larger, on white (a home printer's ink lasts)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import FitError
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
FRONT_SHARES = (0.5, 0.55, 0.6, 0.65)  # of the page's height, tried in turn


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
    """The page split between front and back where the smaller of their text sizes is
    largest (the front usually holds more text): FitError when no split fits."""
    width = paper.width_mm - 2 * MARGIN_MM
    room = paper.height_mm - 2 * MARGIN_MM - GAP_MM
    design = scaled_design(width / 85.6 * 1.05, CardDesign(), min_body_pt=MIN_BODY_PT)
    best: tuple[float, CardFace, CardFace] | None = None
    failure: FitError | None = None
    for share in FRONT_SHARES:
        sizes = [CardSize(f"{paper.name} door sign ({part})", width, height, 4.0)
                 for part, height in (("front", room * share), ("back", room * (1 - share)))]
        try:
            front = CardDesigner(sizes[0], theme, fonts, design).front(card, extras)
            back = CardDesigner(sizes[1], theme, fonts, design).back(card, extras)
        except FitError as error:
            failure = failure or error
            continue
        if best is None or min(front.body_pt, back.body_pt) > best[0]:
            best = (min(front.body_pt, back.body_pt), front, back)
    if best is None:
        assert failure is not None
        raise failure
    _, front, back = best
    return SignLayout(paper, front, (MARGIN_MM, MARGIN_MM + back.height_mm + GAP_MM), back,
                      (MARGIN_MM, MARGIN_MM))
