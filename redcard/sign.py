"""Door signs: a Letter or A4 page for the inside of the front door, in large print (see
design.sign), as a PDF."""

from __future__ import annotations

from dataclasses import dataclass

from .design.sign import sign_layout
from .design.themes import Theme, get_theme
from .digital import placed_document
from .geometry.sizes import PaperSize
from .model.content import CardContent
from .model.extras import CardExtras
from .printing import PdfFile
from .text.fonts import FontRegistry

SIGN_PAPERS = ("letter", "a4")


@dataclass(frozen=True)
class DoorSign(PdfFile):
    code: str
    paper: str
    body_pt: float
    is_draft: bool

    @property
    def file_name(self) -> str:
        return f"{self.code}-door-sign-{self.paper}.pdf"


def door_sign(card: CardContent, paper: PaperSize, extras: CardExtras, fonts: FontRegistry,
              theme: str | Theme = "economy") -> DoorSign:
    """The holder's-language front above the English back, each as large as the half page
    allows (never below design.sign.MIN_BODY_PT)."""
    layout = sign_layout(card, extras, paper, get_theme(theme), fonts)
    document = placed_document(
        ((layout.front, layout.front_at, f"What to do, in {card.name}"),
         (layout.back, layout.back_at, "To the officer, in English")),
        paper.width_mm, paper.height_mm, None, fonts,
        title=f"Know-your-rights door sign — {card.name} ({card.endonym}) · {card.version}",
        subject=f"door sign, {paper.name}, large print", language=card.code,
        keywords=f"red card, door sign, {card.code} version {card.version}")
    return DoorSign(document=document, code=card.code, paper=paper.name,
                    body_pt=layout.body_pt, is_draft=card.is_draft)
