"""Card faces: the front (holder's language) and back (English, to the agent) as drawable
elements in card millimetres, with text auto-fitted to the largest size that fits."""

from __future__ import annotations

from dataclasses import dataclass

from .content import CardContent, Face
from .errors import FitError
from .fonts import FontRegistry, check_coverage
from .imposition import CardSize
from .text import ParagraphLayout, TextStyle, layout_paragraph
from .text.layout import PT_MM

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)
CARD_RED: RGB = (0.70, 0.07, 0.16)  # white text on it: contrast 7:1

MIN_BODY_PT = 6.0


@dataclass(frozen=True)
class Theme:
    name: str
    background: RGB
    bleed_mm: float  # colour beyond the trim, so a slightly-off cut shows no white edge
    gutter_mm: float  # between cards on the sheet: 2 × bleed, or 0 when cards may abut
    title: RGB
    body: RGB
    frame: RGB | None  # a printed border for white cards


THEMES: dict[str, Theme] = {
    "red": Theme("red", CARD_RED, bleed_mm=2.0, gutter_mm=4.0, title=WHITE, body=WHITE,
                 frame=None),
    "economy": Theme("economy", WHITE, bleed_mm=0.0, gutter_mm=0.0, title=CARD_RED, body=BLACK,
                     frame=CARD_RED),
}


@dataclass(frozen=True)
class Design:
    """Sizes in the card's own proportions; auto-fit scales title and body together."""

    inset_mm: float = 3.2  # clear of the ID-1 corner radius and of cutting tolerance
    title_pt: float = 10.0
    body_pt: float = 7.8
    footer_pt: float = 4.6
    point_gap: float = 0.22  # space between points, as a fraction of the body size
    title_gap: float = 0.35
    bullet_indent: float = 1.05  # hanging indent, in body ems
    min_body_pt: float = MIN_BODY_PT
    line_spacing: float = 0.92  # of the fonts' own ascent + descent, which Noto sets generously


DESIGN = Design()


@dataclass(frozen=True)
class TextBlock:
    layout: ParagraphLayout
    left_mm: float
    top_mm: float  # y of the block's top, in card coordinates (y up)
    colour: RGB


@dataclass(frozen=True)
class Dot:
    x_mm: float
    y_mm: float
    radius_mm: float
    colour: RGB


@dataclass(frozen=True)
class Frame:
    inset_mm: float
    radius_mm: float
    line_mm: float
    colour: RGB


@dataclass(frozen=True)
class CardFace:
    """Everything drawn on one side of one card, in card millimetres (origin bottom-left)."""

    name: str
    width_mm: float
    height_mm: float
    bleed_mm: float
    background: RGB
    frame: Frame | None
    dots: tuple[Dot, ...]
    texts: tuple[TextBlock, ...]
    body_pt: float  # the size auto-fit chose, for reports and tests


@dataclass(frozen=True)
class _Paragraph:
    text: str
    field: str
    bold: bool
    bullet: bool


def design_front(card: CardContent, size: CardSize, theme: Theme,
                 registry: FontRegistry) -> CardFace:
    footer = f"{card.code} · {card.version}"
    if card.is_draft:
        footer += " · draft translation, not yet reviewed"
    return _design(f"front-{card.code}", card.front, card, card.code, card.script,
                   card.is_rtl, footer, "front", size, theme, registry)


def design_back(card: CardContent, size: CardSize, theme: Theme,
                registry: FontRegistry) -> CardFace:
    footer = f"Holder's language: {card.name} · {card.code} · {card.version}"
    return _design(f"back-{card.code}", card.back, card, "en", "Latn", False, footer, "back",
                   size, theme, registry)


def _design(name: str, face: Face, card: CardContent, language: str, script: str, rtl: bool,
            footer: str, side: str, size: CardSize, theme: Theme,
            registry: FontRegistry) -> CardFace:
    design = DESIGN
    regular = registry.chain(language, script, "regular")
    bold = registry.chain(language, script, "bold")
    latin = registry.chain("en", "Latn", "regular")
    paragraphs = [_Paragraph(face.title, f"{side}.title", True, False)] + [
        _Paragraph(point, f"{side}.points[{i}]", False, True)
        for i, point in enumerate(face.points)]
    source = card.source_file if side == "front" else card.back_file
    for paragraph in paragraphs:
        check_coverage(paragraph.text, bold if paragraph.bold else regular, file=source,
                       field=paragraph.field)
    check_coverage(footer, latin, file=source, field=f"{side} footer")

    inner_w = size.width_mm - 2 * design.inset_mm
    footer_style = TextStyle(latin, design.footer_pt, "en", "Latn", False, align="start")
    footer_layout = layout_paragraph(footer, footer_style, inner_w)
    footer_top = design.inset_mm * 0.6 + footer_layout.height_mm
    box_top = size.height_mm - design.inset_mm
    box_h = box_top - footer_top - 0.6

    def attempt(body_pt: float) -> tuple[list[TextBlock], list[Dot]] | None:
        scale = body_pt / design.body_pt
        blocks: list[TextBlock] = []
        dots: list[Dot] = []
        y = box_top
        indent = design.bullet_indent * body_pt * PT_MM
        for index, paragraph in enumerate(paragraphs):
            chain = bold if paragraph.bold else regular
            pt = design.title_pt * scale if paragraph.bold else body_pt
            style = TextStyle(chain, pt, language, script, rtl,
                              line_spacing=design.line_spacing)
            width = inner_w - (indent if paragraph.bullet else 0.0)
            layout = layout_paragraph(paragraph.text, style, width)
            if layout.overflow:
                return None
            left = design.inset_mm + (indent if paragraph.bullet and not rtl else 0.0)
            colour = theme.title if paragraph.bold else theme.body
            blocks.append(TextBlock(layout, left, y, colour))
            if paragraph.bullet and layout.lines:
                first = layout.lines[0]
                dot_y = y - first.baseline_mm + 0.36 * body_pt * PT_MM
                dot_x = design.inset_mm + indent * 0.4 if not rtl else \
                    size.width_mm - design.inset_mm - indent * 0.4
                dots.append(Dot(dot_x, dot_y, 0.16 * body_pt * PT_MM, colour))
            y -= layout.height_mm
            gap = design.title_gap if index == 0 else design.point_gap
            y -= gap * body_pt * PT_MM
        used = box_top - (y + design.point_gap * body_pt * PT_MM)
        return (blocks, dots) if used <= box_h + 1e-6 else None

    chosen = _largest_fitting(attempt, design.body_pt, design.min_body_pt)
    if chosen is None:
        raise FitError(f"the {side} text of {card.name} does not fit a {size.name} card even "
                       f"at {design.min_body_pt:g} pt", file=source, field=side,
                       fix="shorten the points (or merge two of them)")
    body_pt, (blocks, dots) = chosen
    footer_colour = theme.body
    blocks.append(TextBlock(footer_layout, design.inset_mm, footer_top, footer_colour))
    frame = Frame(1.2, max(size.corner_radius_mm - 1.2, 0.8), 0.6, theme.frame) \
        if theme.frame else None
    return CardFace(name=name, width_mm=size.width_mm, height_mm=size.height_mm,
                    bleed_mm=theme.bleed_mm, background=theme.background, frame=frame,
                    dots=tuple(dots), texts=tuple(blocks), body_pt=body_pt)


def _largest_fitting(attempt, design_pt: float, min_pt: float, step: float = 0.1):
    """Largest size on a 0.1 pt grid for which `attempt` succeeds, by bisection."""
    sizes = [round(design_pt - i * step, 2)
             for i in range(int(round((design_pt - min_pt) / step)) + 1)]
    low, high = 0, len(sizes) - 1
    result = None
    if (last := attempt(sizes[high])) is None:
        return None
    result = (sizes[high], last)
    while low <= high:
        middle = (low + high) // 2
        outcome = attempt(sizes[middle])
        if outcome is not None:
            result = (sizes[middle], outcome)
            high = middle - 1
        else:
            low = middle + 1
    return result
