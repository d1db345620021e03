"""Build jobs: a language's card content → faces → imposed sheets → one PDF."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import CardContent
from .errors import FitError
from .extras import CardExtras
from .face import THEMES, design_back, design_front
from .fonts import FontRegistry
from .imposition import CARD_SIZES, SheetSpec, plan_sheet, sheets_needed
from .pdf import Document, Sheet, write_pdf

FLIP_WORDS = {"long": "duplex, flip on long edge", "short": "duplex, flip on short edge",
              "none": "single-sided: print fronts and backs on separate sheets"}


@dataclass(frozen=True)
class BuildOptions:
    paper: str = "letter"
    card: str = "id1"
    theme: str = "red"
    duplex: str = "long"
    copies: int | None = None  # cards to print; None fills one sheet
    extras: CardExtras = CardExtras()  # hotline, organisation name, logo, QR code


@dataclass(frozen=True)
class BuildResult:
    code: str
    path: Path
    sheets: int
    cards: int
    per_sheet: int
    body_pt: float
    is_draft: bool


def build_card(card: CardContent, options: BuildOptions, out_dir: Path,
               registry: FontRegistry) -> BuildResult:
    if options.theme not in THEMES:
        raise FitError(f"unknown theme {options.theme!r}", field="--theme",
                       fix=f"use one of: {', '.join(THEMES)}")
    if options.copies is not None and options.copies < 1:
        raise FitError("must be at least 1", field="--copies", fix="ask for 1 or more cards")
    theme = THEMES[options.theme]
    spec = SheetSpec(paper=options.paper, card=options.card, bleed_mm=theme.bleed_mm,
                     gutter_mm=theme.gutter_mm, duplex=options.duplex)
    layout = plan_sheet(spec)
    size = CARD_SIZES[options.card]
    front = design_front(card, size, theme, registry, options.extras)
    back = design_back(card, size, theme, registry, options.extras)
    copies = options.copies or layout.per_sheet
    counts = sheets_needed(copies, layout.per_sheet)
    slug = (f"Print at 100 % (actual size) · {FLIP_WORDS[options.duplex]} · {card.name} "
            f"({card.code}) · {card.version}"
            + (" · DRAFT translation, unreviewed" if card.is_draft else ""))
    document = Document(
        title=f"Know-your-rights red cards — {card.name} ({card.endonym})",
        subject=f"{copies} wallet cards, {size.name}, {options.paper}, theme {theme.name}",
        language=card.code, keywords=f"red card, {card.code}, version {card.version}",
        front=front, back=back, layout=layout, sheets=tuple(Sheet(n) for n in counts),
        slug=slug, slug_chain=registry.chain("en", "Latn", "regular"))
    path = out_dir / f"{card.code}.pdf"
    write_pdf(document, path)
    return BuildResult(code=card.code, path=path, sheets=len(counts), cards=copies,
                       per_sheet=layout.per_sheet, body_pt=front.body_pt,
                       is_draft=card.is_draft)
