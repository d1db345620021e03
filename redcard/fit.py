"""`redcard fit`: the numbers a typesetter looks at, per language, card size and side — body
and title size, the face chosen, lines, orphans, and whether every paragraph's lines are
evenly spaced — so that small type and lone last words are visible and testable."""

from __future__ import annotations

from dataclasses import dataclass

from .design.card import CardDesigner, CardFace
from .design.themes import THEMES
from .errors import RedcardError
from .geometry.sizes import SizeCatalog
from .geometry.units import MM_PER_PT
from .model.content import CardContent
from .model.extras import CardExtras, HotlineLine
from .text.fonts import FontRegistry
from .text.layout import is_orphan

LEGIBLE_BODY_PT = 6.8  # the smallest body size the cards aim for (issue 13)
PITCH_TOLERANCE_PT = 0.05


@dataclass(frozen=True)
class FitLine:
    """One side of one language on one card size. `error` is set (and the numbers are 0)
    when the text does not fit at all."""

    language: str
    card: str
    side: str  # front | back
    hotline: bool
    body_pt: float = 0.0
    title_pt: float = 0.0
    font: str = ""  # the body's font file
    lines: int = 0
    orphans: tuple[str, ...] = ()  # the lone last lines
    uneven: tuple[str, ...] = ()  # fields whose line pitches differ
    error: str = ""

    @property
    def title_ratio(self) -> float:
        return self.title_pt / self.body_pt if self.body_pt else 0.0

    @property
    def legible(self) -> bool:
        return not self.error and self.body_pt >= LEGIBLE_BODY_PT - 1e-9

    def as_dict(self) -> dict:
        return {"language": self.language, "card": self.card, "side": self.side,
                "hotline": self.hotline, "body_pt": self.body_pt, "title_pt": self.title_pt,
                "title_ratio": round(self.title_ratio, 3), "font": self.font,
                "lines": self.lines, "orphans": list(self.orphans),
                "uneven": list(self.uneven), "legible": self.legible, "error": self.error}


def fit_report(cards: list[CardContent], fonts: FontRegistry, sizes: SizeCatalog,
               card_names: tuple[str, ...] = (), hotline: HotlineLine | None = None
               ) -> list[FitLine]:
    """Every card's front (with the hotline band when `hotline` is given) and back on each
    card size (all by default). Themes change colours only, so one theme is laid out."""
    extras = CardExtras(hotline=hotline)
    report = []
    for card in cards:
        for name, size in sizes.cards.items():
            if card_names and name not in card_names:
                continue
            designer = CardDesigner(size, THEMES["red"], fonts)
            for side in ("front", "back"):
                base = FitLine(card.code, name, side, hotline is not None and side == "front")
                try:
                    face = designer.front(card, extras) if side == "front" else \
                        designer.back(card)
                    report.append(_measured(base, face))
                except RedcardError as error:
                    report.append(FitLine(base.language, name, side, base.hotline,
                                          error=error.one_line()))
    return report


def _measured(base: FitLine, face: CardFace) -> FitLine:
    title, *rest = face.fitted
    orphans, uneven = [], []
    for index, block in enumerate(face.fitted):
        lines = block.layout.lines
        if len(lines) > 1 and index > 0 and is_orphan(lines[-1].text, block.layout.cjk):
            orphans.append(lines[-1].text.strip())
        pitches = [(b.baseline_mm - a.baseline_mm) / MM_PER_PT for a, b in zip(lines, lines[1:])]
        if pitches and max(pitches) - min(pitches) > PITCH_TOLERANCE_PT:
            uneven.append("title" if index == 0 else f"paragraph {index}")
    body = rest[0] if rest else title
    return FitLine(base.language, base.card, base.side, base.hotline, body_pt=face.body_pt,
                   title_pt=title.layout.lines[0].runs[0].size_pt,
                   font=body.layout.lines[0].runs[0].font.entry.file,
                   lines=sum(len(block.layout.lines) for block in face.fitted),
                   orphans=tuple(orphans), uneven=tuple(uneven))

