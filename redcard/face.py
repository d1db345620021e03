"""Card faces: the front (holder's language) and back (English, to the agent) as drawable
elements in card millimetres, with text auto-fitted to the largest size that fits.

An organisation's extras take room from the text before it is fitted: the hotline band sits
above the front's footer; on the back, a column at the right holds the logo and the QR code
(with its address beneath), and the organisation's name sits above the footer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools import unicodedata as font_unicodedata

from .content import CardContent, Face
from .errors import ContentError, FitError
from .extras import NO_EXTRAS, CardExtras, HotlineLine
from .fonts import FontChain, FontRegistry, check_coverage, needs_no_glyph
from .imposition import CardSize
from .qr import QrSymbol, fitted_symbol
from .text import ParagraphLayout, TextStyle, layout_paragraph
from .text.itemize import LRI, PDI
from .text.layout import PT_MM

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)
CARD_RED: RGB = (0.70, 0.07, 0.16)  # white text on it: contrast 6.9:1

MIN_BODY_PT = 6.0
RLI = "\u2067"


@dataclass(frozen=True)
class Theme:
    name: str
    background: RGB
    bleed_mm: float  # colour beyond the trim, so a slightly-off cut shows no white edge
    gutter_mm: float  # between cards on the sheet: 2 × bleed, or 0 when cards may abut
    title: RGB
    body: RGB
    frame: RGB | None  # a printed border for white cards
    band_fill: RGB  # the front's hotline band: it must stand out from the card
    band_text: RGB
    band_border: RGB | None


THEMES: dict[str, Theme] = {
    "red": Theme("red", CARD_RED, bleed_mm=2.0, gutter_mm=4.0, title=WHITE, body=WHITE,
                 frame=None, band_fill=WHITE, band_text=BLACK, band_border=None),
    "economy": Theme("economy", WHITE, bleed_mm=0.0, gutter_mm=0.0, title=CARD_RED, body=BLACK,
                     frame=CARD_RED, band_fill=CARD_RED, band_text=WHITE, band_border=None),
    # Laser printers and photocopiers: black on white, no bleed, a black frame to cut along.
    "mono": Theme("mono", WHITE, bleed_mm=0.0, gutter_mm=0.0, title=BLACK, body=BLACK,
                  frame=BLACK, band_fill=WHITE, band_text=BLACK, band_border=BLACK),
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
    # front: hotline band (fixed sizes, not auto-fitted: the number must stay prominent)
    hotline_pt: float = 7.0  # label and number, bold; smaller down to hotline_min_pt to
    hotline_min_pt: float = 6.0  # keep them on one line
    hotline_name_pt: float = 4.8  # the name, when it cannot sit in the footer row
    band_pad_x_mm: float = 1.2
    band_pad_y_mm: float = 0.35
    band_gap_mm: float = 0.6  # between the points and the band
    band_line_spacing: float = 0.85  # one line in its own box: tighter, never below the ink
    band_radius_mm: float = 0.8
    band_border_mm: float = 0.3
    # back: organisation column and line
    column_mm: float = 17.0  # logo and QR code (with its quiet zone) are this wide
    column_gap_mm: float = 2.0
    logo_mm: float = 9.0  # height reserved for the logo, padding included
    logo_pad_mm: float = 0.7
    org_pt: float = 5.5
    url_pt: float = 4.6


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
class Box:
    """A rounded rectangle: the hotline band, or the light patch behind a QR code or logo."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    radius_mm: float
    fill: RGB | None
    stroke: RGB | None = None
    line_mm: float = 0.0

    def contains(self, left: float, bottom: float, right: float, top: float) -> bool:
        eps = 1e-6
        return (self.x_mm - eps <= left and right <= self.x_mm + self.width_mm + eps and
                self.y_mm - eps <= bottom and top <= self.y_mm + self.height_mm + eps)


@dataclass(frozen=True)
class QrMark:
    """A QR symbol: (x_mm, y_mm) is the bottom-left corner of its modules (the quiet zone lies
    outside, on the light Box drawn before it)."""

    x_mm: float
    y_mm: float
    module_mm: float
    symbol: QrSymbol
    colour: RGB

    def rects(self) -> list[tuple[float, float, float, float]]:
        """One rectangle (x, y, width, height in mm) per run of dark modules in a row."""
        m = self.module_mm
        top = self.y_mm + self.symbol.modules * m
        return [(self.x_mm + column * m, top - (row + 1) * m, length * m, m)
                for row, column, length in self.symbol.runs]


@dataclass(frozen=True)
class Picture:
    """The organisation's logo, scaled into (x, y, width, height) with its aspect kept."""

    path: Path
    kind: str  # raster | svg
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float


Shape = Box | QrMark | Picture


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
    shapes: tuple[Shape, ...] = ()  # drawn after the frame, before dots and texts


@dataclass(frozen=True)
class _Paragraph:
    text: str
    field: str
    bold: bool
    bullet: bool


@dataclass(frozen=True)
class _Frame:
    """The parts every face shares: the footer, and the box left for the text."""

    footer: TextBlock
    left_mm: float
    right_mm: float
    top_mm: float
    bottom_mm: float


def design_front(card: CardContent, size: CardSize, theme: Theme,
                 registry: FontRegistry, extras: CardExtras = NO_EXTRAS) -> CardFace:
    footer = f"{card.code} · {card.version}"
    if card.is_draft:
        footer += " · draft translation, not yet reviewed"
    source = card.source_file
    frame = _frame(footer, source, "front", size, theme, registry)
    shapes: list[Shape] = []
    blocks: list[TextBlock] = []
    where = ""
    if extras.hotline is not None:
        band_shapes, band_blocks, band_top = _hotline_band(card, extras.hotline, frame, theme,
                                                           registry)
        shapes += band_shapes
        blocks += band_blocks
        frame = _replace_bottom(frame, band_top + DESIGN.band_gap_mm)
        where = " with the hotline band"
    return _design(f"front-{card.code}", card.front, card, card.code, card.script,
                   card.is_rtl, "front", size, theme, registry, frame, shapes, blocks, where,
                   fix_extra=" or build without --hotline" if where else "")


def design_back(card: CardContent, size: CardSize, theme: Theme,
                registry: FontRegistry, extras: CardExtras = NO_EXTRAS) -> CardFace:
    footer = f"Holder's language: {card.name} · {card.code} · {card.version}"
    frame = _frame(footer, card.back_file, "back", size, theme, registry)
    shapes: list[Shape] = []
    blocks: list[TextBlock] = []
    parts = []
    if extras.back_column:
        column_left = frame.right_mm - DESIGN.column_mm
        shapes_c, blocks_c = _back_column(extras, column_left, frame, size, theme, registry)
        shapes += shapes_c
        blocks += blocks_c
        frame = _Frame(frame.footer, frame.left_mm, column_left - DESIGN.column_gap_mm,
                       frame.top_mm, frame.bottom_mm)
        parts += (["logo"] if extras.logo is not None else []) + \
            (["QR code"] if extras.qr_url else [])
    if extras.org:
        org_block = _org_line(extras.org, frame, theme, registry)
        blocks.append(org_block)
        frame = _replace_bottom(frame, org_block.top_mm + 0.6)
        parts.append("organisation name")
    where = f" with the {', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else \
        f" with the {parts[0]}" if parts else ""
    return _design(f"back-{card.code}", card.back, card, "en", "Latn", False, "back", size,
                   theme, registry, frame, shapes, blocks, where,
                   fix_extra=" or leave out the logo, QR code or organisation name"
                   if parts else "")


def _frame(footer: str, source: str, side: str, size: CardSize, theme: Theme,
           registry: FontRegistry) -> _Frame:
    design = DESIGN
    latin = registry.chain("en", "Latn", "regular")
    check_coverage(footer, latin, file=source, field=f"{side} footer")
    inner_w = size.width_mm - 2 * design.inset_mm
    footer_style = TextStyle(latin, design.footer_pt, "en", "Latn", False, align="start")
    footer_layout = layout_paragraph(footer, footer_style, inner_w)
    footer_top = design.inset_mm * 0.6 + footer_layout.height_mm
    return _Frame(footer=TextBlock(footer_layout, design.inset_mm, footer_top, theme.body),
                  left_mm=design.inset_mm, right_mm=size.width_mm - design.inset_mm,
                  top_mm=size.height_mm - design.inset_mm, bottom_mm=footer_top + 0.6)


def _replace_bottom(frame: _Frame, bottom_mm: float) -> _Frame:
    return _Frame(frame.footer, frame.left_mm, frame.right_mm, frame.top_mm, bottom_mm)


def _design(name: str, face: Face, card: CardContent, language: str, script: str, rtl: bool,
            side: str, size: CardSize, theme: Theme, registry: FontRegistry, frame: _Frame,
            shapes: list[Shape], extra_blocks: list[TextBlock], where: str,
            fix_extra: str) -> CardFace:
    design = DESIGN
    regular = registry.chain(language, script, "regular")
    bold = registry.chain(language, script, "bold")
    paragraphs = [_Paragraph(face.title, f"{side}.title", True, False)] + [
        _Paragraph(point, f"{side}.points[{i}]", False, True)
        for i, point in enumerate(face.points)]
    source = card.source_file if side == "front" else card.back_file
    for paragraph in paragraphs:
        check_coverage(paragraph.text, bold if paragraph.bold else regular, file=source,
                       field=paragraph.field)

    box_left, box_right, box_top = frame.left_mm, frame.right_mm, frame.top_mm
    inner_w = box_right - box_left
    box_h = box_top - frame.bottom_mm

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
            left = box_left + (indent if paragraph.bullet and not rtl else 0.0)
            colour = theme.title if paragraph.bold else theme.body
            blocks.append(TextBlock(layout, left, y, colour))
            if paragraph.bullet and layout.lines:
                first = layout.lines[0]
                dot_y = y - first.baseline_mm + 0.36 * body_pt * PT_MM
                dot_x = box_left + indent * 0.4 if not rtl else box_right - indent * 0.4
                dots.append(Dot(dot_x, dot_y, 0.16 * body_pt * PT_MM, colour))
            y -= layout.height_mm
            gap = design.title_gap if index == 0 else design.point_gap
            y -= gap * body_pt * PT_MM
        used = box_top - (y + design.point_gap * body_pt * PT_MM)
        return (blocks, dots) if used <= box_h + 1e-6 else None

    chosen = _largest_fitting(attempt, design.body_pt, design.min_body_pt) if box_h > 0 \
        else None
    if chosen is None:
        raise FitError(f"the {side} text of {card.name} does not fit a {size.name} card"
                       f"{where} even at {design.min_body_pt:g} pt", file=source, field=side,
                       fix="shorten the points (or merge two of them)" + fix_extra)
    body_pt, (blocks, dots) = chosen
    blocks += extra_blocks
    blocks.append(frame.footer)
    card_frame = Frame(1.2, max(size.corner_radius_mm - 1.2, 0.8), 0.6, theme.frame) \
        if theme.frame else None
    return CardFace(name=name, width_mm=size.width_mm, height_mm=size.height_mm,
                    bleed_mm=theme.bleed_mm, background=theme.background, frame=card_frame,
                    dots=tuple(dots), texts=tuple(blocks), body_pt=body_pt,
                    shapes=tuple(shapes))


def _hotline_band(card: CardContent, hotline: HotlineLine, frame: _Frame, theme: Theme,
                  registry: FontRegistry) -> tuple[list[Shape], list[TextBlock], float]:
    """The band above the front's footer: "<label> <number>" on one line in the holder's
    language (the text engine isolates the number, so it reads left to right in every
    script). The line's name goes at the right of the footer row when it fits there, else on
    a second line in the band. Returns the shapes, the text blocks and the band's top."""
    design = DESIGN
    source = card.source_file
    label = card.front.hotline_label
    if not label:
        raise ContentError("is missing, and the card has a hotline", file=source,
                           field="front.hotline_label",
                           fix="translate hotline_label from cards/en.yaml (\"Report "
                           "immigration enforcement:\") into the card's language")
    bold = registry.chain(card.code, card.script, "bold")
    check_coverage(label, bold, file=source, field="front.hotline_label")
    # The number never breaks across lines (no-break spaces) and always reads left to right,
    # parentheses and all (an explicit isolate, whatever the text engine recognises).
    number = LRI + hotline.number.replace(" ", "\u00a0") + PDI
    wide = unicodedata.east_asian_width(label[-1]) in ("W", "F")
    text = f"{label}{'' if wide else ' '}{number}"
    width = frame.right_mm - frame.left_mm - 2 * design.band_pad_x_mm
    steps = int(round((design.hotline_pt - design.hotline_min_pt) * 10))
    main = None
    for step in range(steps + 1):
        style = TextStyle(bold, round(design.hotline_pt - step / 10, 2), card.code,
                          card.script, card.is_rtl, line_spacing=design.band_line_spacing)
        main = layout_paragraph(text, style, width)
        if len(main.lines) == 1 and not main.overflow:
            break
    assert main is not None
    if main.overflow:
        raise FitError("the hotline number does not fit the card's width", file=source,
                       field="front.hotline_label", fix="shorten hotline_label")
    name_field = hotline.hotline_id or "--hotline-label"
    name_chain, language, script = _chain_for(hotline.name, registry, "regular", card.code,
                                              card.script)
    check_coverage(hotline.name, name_chain, file="hotlines.yaml" if hotline.hotline_id
                   else "", field=name_field)
    # The name is laid out in the card's direction, isolated in its own: an English name on
    # an Arabic card keeps its closing parenthesis, and extracts in order.
    name_text = hotline.name
    if _first_strong_is_rtl(name_text) != card.is_rtl:
        name_text = (LRI if card.is_rtl else RLI) + name_text + PDI

    def name_layout(size_pt: float, box_mm: float, right: bool) -> ParagraphLayout:
        align = ("start" if card.is_rtl else "end") if right else "start"
        style = TextStyle(name_chain, size_pt, language, script, card.is_rtl, align=align,
                          line_spacing=design.line_spacing)
        return layout_paragraph(name_text, style, box_mm)

    blocks: list[TextBlock] = []
    footer = frame.footer
    footer_used = max((line.width_mm for line in footer.layout.lines), default=0.0)
    room = frame.right_mm - frame.left_mm - footer_used - 2.0
    beside = name_layout(design.footer_pt, room, True) if room > 5 else None
    name_height = 0.0
    if beside is not None and len(beside.lines) == 1 and not beside.overflow \
            and len(footer.layout.lines) == 1:
        blocks.append(TextBlock(beside, frame.right_mm - room, footer.top_mm, theme.body))
    else:
        below = name_layout(design.hotline_name_pt, width, False)
        if below.overflow:
            raise FitError("a word of the hotline's name is wider than the card",
                           field=name_field, fix="shorten the name")
        name_height = 0.2 + below.height_mm
        blocks.append(TextBlock(below, frame.left_mm + design.band_pad_x_mm,
                                frame.bottom_mm + design.band_pad_y_mm + below.height_mm,
                                theme.band_text))
    height = 2 * design.band_pad_y_mm + main.height_mm + name_height
    bottom = frame.bottom_mm
    top = bottom + height
    box = Box(frame.left_mm, bottom, frame.right_mm - frame.left_mm, height,
              design.band_radius_mm, theme.band_fill, theme.band_border,
              design.band_border_mm if theme.band_border else 0.0)
    blocks.insert(0, TextBlock(main, frame.left_mm + design.band_pad_x_mm,
                               top - design.band_pad_y_mm, theme.band_text))
    return [box], blocks, top


def _back_column(extras: CardExtras, left: float, frame: _Frame, size: CardSize,
                 theme: Theme, registry: FontRegistry) -> tuple[list[Shape], list[TextBlock]]:
    """Logo on top, then the QR code on its light quiet zone, then its address."""
    design = DESIGN
    width = design.column_mm
    shapes: list[Shape] = []
    blocks: list[TextBlock] = []
    y = frame.top_mm
    if extras.logo is not None:
        from .logo import inspect_logo
        info = inspect_logo(extras.logo)
        room_w = width - 2 * design.logo_pad_mm
        room_h = design.logo_mm - 2 * design.logo_pad_mm
        scale = min(room_w / info.width, room_h / info.height)
        w, h = info.width * scale, info.height * scale
        x = left + (width - w) / 2
        top = y - design.logo_pad_mm
        shapes.append(Box(x - design.logo_pad_mm, top - h - design.logo_pad_mm,
                          w + 2 * design.logo_pad_mm, h + 2 * design.logo_pad_mm,
                          design.band_radius_mm, WHITE))
        shapes.append(Picture(info.path, info.kind, x, top - h, w, h))
        y -= h + 2 * design.logo_pad_mm + 1.2
    if extras.qr_url:
        symbol, module = fitted_symbol(extras.qr_url, width)
        # light quiet zone; the rounded corners stay clear of the symbol (≥ 4 modules away)
        shapes.append(Box(left, y - width, width, width, design.band_radius_mm, WHITE))
        quiet = 4 * module
        shapes.append(QrMark(left + quiet, y - width + quiet, module, symbol, BLACK))
        y -= width + 0.5
        latin = registry.chain("en", "Latn", "regular")
        check_coverage(extras.qr_url, latin, file="--qr", field="address")
        style = TextStyle(latin, design.url_pt, "en", "Latn", False, align="center",
                          line_spacing=design.line_spacing)
        url = layout_paragraph(extras.qr_url, style, width)
        if url.overflow:
            raise FitError("a part of the address is wider than the QR code", field="--qr",
                           fix="use a shorter address")
        blocks.append(TextBlock(url, left, y, theme.body))
        y -= url.height_mm
    if y < frame.bottom_mm - 1e-6:
        raise FitError(f"the logo, QR code and address need {frame.top_mm - y:.1f} mm, more "
                       f"than the {frame.top_mm - frame.bottom_mm:.1f} mm on the back of a "
                       f"{size.name} card", field="--qr",
                       fix="use a shorter address, or leave out the logo")
    return shapes, blocks


def _org_line(org: str, frame: _Frame, theme: Theme, registry: FontRegistry) -> TextBlock:
    chain, language, script = _chain_for(org, registry, "bold", "en", "Latn")
    check_coverage(org, chain, file="--org", field="organisation name")
    rtl = _first_strong_is_rtl(org)
    style = TextStyle(chain, DESIGN.org_pt, language, script, rtl,
                      align="end" if rtl else "start", line_spacing=DESIGN.line_spacing)
    layout = layout_paragraph(org, style, frame.right_mm - frame.left_mm)
    if layout.overflow:
        raise FitError("a word of the organisation's name is wider than the card",
                       field="--org", fix="shorten the name")
    return TextBlock(layout, frame.left_mm, frame.bottom_mm + layout.height_mm, theme.title)


def _chain_for(text: str, registry: FontRegistry, weight: str, language: str,
               script: str) -> tuple[FontChain, str, str]:
    """Fonts for a name or address printed on a card of `language`: Latin text in the Latin
    fonts (a CJK font's Latin and punctuation are full-width in style), text in the card's
    script in the card's fonts, anything else in the fonts for its own script."""
    own = next((s for s in (font_unicodedata.script(c) for c in text)
                if s not in ("Zyyy", "Zinh", "Zzzz")), script)
    candidates = [("en", "Latn")] if own == "Latn" else []
    candidates += [(language, script), ("und", own)]
    for lang, scr in candidates:
        chain = registry.chain(lang, scr, weight)
        if all(needs_no_glyph(c) or chain.font_for(c) is not None for c in text):
            return chain, lang, scr
    return registry.chain("und", own, weight), "und", own  # coverage check names the gap


def _first_strong_is_rtl(text: str) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


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
