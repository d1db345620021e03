"""Card faces: the front (holder's language) and back (English, to the agent) as drawing
lists in card millimetres, with text auto-fitted to the largest size that fits.

An organisation's extras take room from the text before it is fitted: the hotline band sits
above the front's footer; on the back, a column at the right holds the logo and the QR code
(with its address beneath), and the organisation's name sits above the footer."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from fontTools import unicodedata as font_unicodedata

from ..errors import ContentError, FitError
from ..geometry.sizes import CardSize
from ..geometry.units import mm
from ..model.content import CardContent, SideText
from ..model.extras import CardExtras, HotlineLine
from ..text import ParagraphLayout, TextStyle, layout_paragraph, paragraph_height_mm
from ..text.fonts import FontChain, FontRegistry, check_coverage, needs_no_glyph
from ..text.itemize import LRI, PDI
from .qr import fitted_symbol
from .scene import (
    BLACK,
    WHITE,
    Circle,
    Item,
    Picture,
    QrCode,
    Rectangle,
    Scene,
    Stroke,
    Tag,
    TextBlock,
    TextRow,
)
from .themes import Theme

RLI = "\u2067"
NO_EXTRAS = CardExtras()


@dataclass(frozen=True)
class CardDesign:
    """Sizes in the card's own proportions; auto-fit scales title and body together."""

    inset_mm: float = 2.6  # clear of cutting tolerance; ID-1's 3.18 mm corners round off
    # only 0.93 mm at the diagonal, so text may start this close to the edges
    title_ratio: float = 1.4  # title size over body size: a heading that stays a heading
    min_title_ratio: float = 1.25  # only where nothing fits with title_ratio
    body_pt: float = 9.0  # the largest body size: short texts and roomy cards grow to it
    footer_pt: float = 5.5
    # The footer's line box starts this far above the bottom edge: its descenders stay a
    # millimetre inside a white card's frame (whose inner edge is 1.5 mm in), on every theme
    # alike so that the fit never depends on the theme.
    footer_bottom_mm: float = 1.9
    # The footer row (version, draft warning, the hotline's name) in a narrower face, so the
    # warning and the name share one row at a legible size.
    footer_width: str = "semi-condensed"
    point_gap: float = 0.3  # space between points, in body ems: points read as points
    title_gap: float = 0.3
    bullet_indent: float = 1.05  # hanging indent, in body ems
    min_body_pt: float = 6.0
    line_spacing: float = 0.86  # of the fonts' own ascent + descent, which Noto sets generously
    # front: hotline band (fixed sizes, not auto-fitted: the number must stay prominent)
    hotline_pt: float = 7.0  # label and number, bold; smaller down to hotline_min_pt to
    hotline_min_pt: float = 6.0  # keep them on one line
    hotline_name_pt: float = 5.5  # the name, when it cannot sit in the footer row
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
    # white cards: a printed frame to cut along
    frame_inset_mm: float = 1.2
    frame_line_mm: float = 0.6
    frame_min_radius_mm: float = 0.8


@dataclass(frozen=True)
class CardFace:
    """One side of one card: its drawing (origin at the trim's bottom-left), tagged as one
    section in the side's language, and the size auto-fit chose. `name` keys the face in a
    PDF (e.g. "front-es")."""

    name: str
    scene: Scene
    bleed_mm: float
    body_pt: float
    # The auto-fitted text, title first, then the points (and the back's closing lines):
    # for fit reports.
    fitted: tuple[TextBlock, ...] = ()

    @property
    def width_mm(self) -> float:
        return self.scene.width_mm

    @property
    def height_mm(self) -> float:
        return self.scene.height_mm

    @property
    def texts(self) -> tuple[TextBlock, ...]:
        return self.scene.find(TextBlock)


@dataclass(frozen=True)
class _Paragraph:
    text: str
    field: str
    bold: bool
    bullet: bool
    chain: FontChain | None = None  # None: the side's own fonts


@dataclass(frozen=True)
class _TextArea:
    """What every face shares: the footer, and the box left for the title and points."""

    footer: TextBlock
    left_mm: float
    right_mm: float
    top_mm: float
    bottom_mm: float


@dataclass(frozen=True)
class _Side:
    """The text of one side and what it is set in."""

    name: str
    text: SideText
    side: str  # front | back
    language: str
    script: str
    rtl: bool
    source: str  # the file the text comes from
    card_name: str  # the holder's language, for messages


class CardDesigner:
    """Designs faces of one card size in one theme, with one set of fonts."""

    def __init__(self, size: CardSize, theme: Theme, fonts: FontRegistry,
                 design: CardDesign = CardDesign()) -> None:
        self.size = size
        self.theme = theme
        self.fonts = fonts
        self.design = design

    def front(self, card: CardContent, extras: CardExtras = NO_EXTRAS) -> CardFace:
        footer = f"{card.code} · {card.version}"
        if card.is_draft:
            footer += " · draft translation, not yet reviewed"
        area = self._area(footer, card.source_file, "front")
        # Read out, the footer is only its warning; without one it is a page number's kin.
        footer_tag = Tag("P", (area.footer,), lang="en",
                         actual_text="Draft translation, not yet reviewed.") if card.is_draft \
            else Tag("Artifact", (area.footer,), artifact="Pagination")
        decorations: list[Item] = []
        content: list[Tag] = []
        where = ""
        if extras.hotline is not None:
            band, band_tags, band_top, beside = self._hotline_band(card, extras.hotline, area)
            decorations.append(band)
            content += band_tags
            area = replace(area, bottom_mm=band_top + self.design.band_gap_mm)
            where = " with the hotline band"
            if beside is not None:  # the footer row reads: footer, then the line's name
                warning = " Draft translation, not yet reviewed." if card.is_draft else ""
                footer_tag = Tag("P", (TextRow((area.footer, beside)),), lang="en",
                                 actual_text=f"{extras.hotline.name}.{warning}")
        side = _Side(f"front-{card.code}", card.front, "front", card.text_language, card.script,
                     card.is_rtl, card.source_file, card.name)
        return self._fit(side, area, decorations, content + [footer_tag], where,
                         fix_extra=" or build without --hotline" if where else "")

    def back(self, card: CardContent, extras: CardExtras = NO_EXTRAS) -> CardFace:
        design = self.design
        footer = f"Holder’s language: {card.name} · {card.code} · {card.version}"
        area = self._area(footer, card.back_file, "back")
        footer_tag = Tag("P", (area.footer,), lang="en",
                         actual_text=f"Holder’s language: {card.name}.")
        decorations: list[Item] = []
        content: list[Tag] = []
        parts = []
        if extras.back_column:
            column_left = area.right_mm - design.column_mm
            column_items, column_tags = self._back_column(extras, column_left, area)
            decorations += column_items
            content += column_tags
            area = replace(area, right_mm=column_left - design.column_gap_mm)
            parts += (["logo"] if extras.logo is not None else []) + \
                (["QR code"] if extras.qr_url else [])
        if extras.org:
            org_block, org_lang = self._org_line(extras.org, area)
            content.insert(0, Tag("P", (org_block,), lang=_known(org_lang)))  # before the column
            area = replace(area, bottom_mm=org_block.top_mm + 0.6)
            parts.append("organisation name")
        where = f" with the {', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else \
            f" with the {parts[0]}" if parts else ""
        side = _Side(f"back-{card.code}", card.back, "back", "en", "Latn", False,
                     card.back_file, card.name)
        closing = []
        if card.interpreter_request:  # the endonym may need the card's own fonts
            chain, _, _ = _chain_for(card.interpreter_request, self.fonts, "bold", card.code,
                                     card.script)
            closing.append(_Paragraph(card.interpreter_request, "endonym", True, False, chain))
        return self._fit(side, area, decorations, content + [footer_tag], where,
                         fix_extra=" or leave out the logo, QR code or organisation name"
                         if parts else "", closing=closing,
                         closing_source=card.source_file)

    def _area(self, footer: str, source: str, side: str) -> _TextArea:
        design, size = self.design, self.size
        latin = self.fonts.chain("en", "Latn", "regular", design.footer_width)
        check_coverage(footer, latin, file=source, field=f"{side} footer")
        inner_w = size.width_mm - 2 * design.inset_mm
        footer_style = TextStyle(latin, design.footer_pt, "en", "Latn", False, align="start")
        footer_layout = layout_paragraph(footer, footer_style, inner_w)
        footer_top = design.footer_bottom_mm + footer_layout.height_mm
        return _TextArea(footer=TextBlock(footer_layout, design.inset_mm, footer_top,
                                          self.theme.body),
                         left_mm=design.inset_mm, right_mm=size.width_mm - design.inset_mm,
                         top_mm=size.height_mm - design.inset_mm, bottom_mm=footer_top + 0.6)

    def _fit(self, side: _Side, area: _TextArea, decorations: list[Item],
             content: list[Tag], where: str, fix_extra: str,
             closing: list[_Paragraph] = (), closing_source: str = "") -> CardFace:
        """The title, points and `closing` paragraphs at the largest size that fits the area,
        and the face: the decorations as artifacts, then the title, the points as a list, the
        closing paragraphs, and `content`."""
        design, theme, size = self.design, self.theme, self.size
        regular = self.fonts.chain(side.language, side.script, "regular")
        bold = self.fonts.chain(side.language, side.script, "bold")
        paragraphs = [_Paragraph(side.text.title, f"{side.side}.title", True, False)] + [
            _Paragraph(point, f"{side.side}.points[{i}]", False, True)
            for i, point in enumerate(side.text.points)]
        paragraphs += closing
        for paragraph in paragraphs:
            check_coverage(paragraph.text, paragraph.chain or
                           (bold if paragraph.bold else regular),
                           file=closing_source if paragraph in closing else side.source,
                           field=paragraph.field)
        inner_w = area.right_mm - area.left_mm
        chosen = None
        if area.top_mm > area.bottom_mm:
            fonts = [(regular, bold)]
            condensed = "semi-condensed"
            if self.fonts.has_width(side.script, condensed):
                fonts.append(tuple(self.fonts.chain(side.language, side.script, weight,
                                                    condensed)
                                   for weight in ("regular", "bold")))
            # Scripts with a SemiCondensed face (Latin, Cyrillic, Greek, Armenian) are set in
            # it where it gives a larger size, in the regular width where both give the same
            # (roomy cards reach the largest size either way): so a card with less room is
            # never set larger than the same card with more. A smaller title only where
            # nothing else fits.
            # Only the chosen fonts are placed; fonts that cannot give more than the size
            # found already (the largest on the grid) are not tried.
            for ratio in (design.title_ratio, design.min_title_ratio):
                for upright, heavy in fonts:
                    if chosen is not None and chosen[0] >= design.body_pt:
                        break
                    found = self._largest(paragraphs, side, area, upright, heavy, ratio,
                                          above=None if chosen is None else chosen[0])
                    if found is not None and (chosen is None or found > chosen[0] + 1e-9):
                        chosen = (found, upright, heavy, ratio)
                if chosen is not None:
                    break
        if chosen is None:
            self._refuse_long_word(paragraphs, side, regular, bold, inner_w)
            raise FitError(f"the {side.side} text of {side.card_name} does not fit a "
                           f"{size.name} card{where} even at {design.min_body_pt:g} pt"
                           + self._shortfall(paragraphs, side, area),
                           file=side.source,
                           field=side.side,
                           fix="shorten the points (or merge two of them)" + fix_extra)
        body_pt, upright, heavy, ratio = chosen
        blocks, dots, _ = self._place(paragraphs, side, area, upright, heavy, ratio, body_pt)
        artifacts: list[Item] = []
        if theme.background != WHITE:
            bleed = theme.bleed_mm
            artifacts.append(Rectangle(-bleed, -bleed, size.width_mm + 2 * bleed,
                                       size.height_mm + 2 * bleed, fill=theme.background))
        if theme.frame:
            inset = design.frame_inset_mm
            artifacts.append(Rectangle(
                inset, inset, size.width_mm - 2 * inset, size.height_mm - 2 * inset,
                max(size.corner_radius_mm - inset, design.frame_min_radius_mm),
                stroke=Stroke(design.frame_line_mm, theme.frame)))
        title, points = blocks[0], blocks[1:len(blocks) - len(closing)]
        closing_blocks = blocks[len(blocks) - len(closing):] if closing else []
        section = Tag("Sect", (
            Tag("Artifact", tuple(artifacts + decorations + dots), artifact="Layout"),
            Tag("H1", (title,)),
            Tag("L", tuple(Tag("LI", (Tag("LBody", (point,)),)) for point in points),
                list_numbering="Disc"),
            *(Tag("P", (block,)) for block in closing_blocks),
            *content), lang=side.language)
        return CardFace(name=side.name, scene=Scene(size.width_mm, size.height_mm,
                                                    (section,)),
                        bleed_mm=theme.bleed_mm, body_pt=body_pt, fitted=tuple(blocks))

    def _largest(self, paragraphs: list[_Paragraph], side: _Side, area: _TextArea,
                 regular: FontChain, bold: FontChain, title_ratio: float,
                 above: float | None = None) -> float | None:
        """The largest body size at which the paragraphs fit the area in these fonts (with
        `above`, None unless that size is larger than `above`)."""
        box_h = area.top_mm - area.bottom_mm

        def attempt(body_pt: float) -> bool | None:
            used = self._height(paragraphs, side, area, regular, bold, title_ratio, body_pt,
                                stop_above_mm=box_h + 1e-6)
            return None if used is None or used > box_h + 1e-6 else True

        found = _largest_fitting(attempt, design_pt=self.design.body_pt,
                                 min_pt=self.design.min_body_pt, above=above)
        return None if found is None else found[0]

    def _styles(self, paragraphs: list[_Paragraph], side: _Side, area: _TextArea,
                regular: FontChain, bold: FontChain, title_ratio: float, body_pt: float
                ) -> Iterator[tuple[_Paragraph, TextStyle, float]]:
        """Each paragraph with its style and line width at `body_pt`."""
        indent = mm(self.design.bullet_indent * body_pt)
        inner_w = area.right_mm - area.left_mm
        for index, paragraph in enumerate(paragraphs):
            pt = round(body_pt * title_ratio, 2) if index == 0 else body_pt
            width = inner_w - (indent if paragraph.bullet else 0.0)
            yield paragraph, TextStyle(paragraph.chain or (bold if paragraph.bold else regular),
                                       pt, side.language, side.script, side.rtl,
                                       line_spacing=self.design.line_spacing), width

    def _gap_mm(self, index: int, count: int, body_pt: float) -> float:
        """The space below paragraph `index` of `count`: after the title, between points."""
        if index + 1 == count:
            return 0.0
        return mm((self.design.title_gap if index == 0 else self.design.point_gap) * body_pt)

    def _height(self, paragraphs: list[_Paragraph], side: _Side, area: _TextArea,
                regular: FontChain, bold: FontChain, title_ratio: float, body_pt: float,
                stop_above_mm: float) -> float | None:
        """The height `_place` would give the paragraphs, measured without placing glyphs;
        measuring stops once it passes `stop_above_mm` (the attempt has failed)."""
        y = area.top_mm
        styles = self._styles(paragraphs, side, area, regular, bold, title_ratio, body_pt)
        for index, (paragraph, style, width) in enumerate(styles):
            height = paragraph_height_mm(paragraph.text, style, width)
            if height is None:
                return None
            y -= height
            if area.top_mm - y > stop_above_mm:
                break
            gap = self._gap_mm(index, len(paragraphs), body_pt)
            if gap:
                y -= gap
        return area.top_mm - y

    def _place(self, paragraphs: list[_Paragraph], side: _Side, area: _TextArea,
               regular: FontChain, bold: FontChain, title_ratio: float, body_pt: float
               ) -> tuple[list[TextBlock], list[Circle], float] | None:
        """The paragraphs set from the area's top at `body_pt`: blocks, bullets and the
        height they take; None when a word is wider than its line."""
        theme, rtl = self.theme, side.rtl
        box_left, box_right, box_top = area.left_mm, area.right_mm, area.top_mm
        blocks: list[TextBlock] = []
        dots: list[Circle] = []
        y = box_top
        indent = mm(self.design.bullet_indent * body_pt)
        styles = self._styles(paragraphs, side, area, regular, bold, title_ratio, body_pt)
        for index, (paragraph, style, width) in enumerate(styles):
            layout = layout_paragraph(paragraph.text, style, width)
            if layout.overflow or layout.split_word:
                return None
            left = box_left + (indent if paragraph.bullet and not rtl else 0.0)
            colour = theme.title if paragraph.bold else theme.body
            blocks.append(TextBlock(layout, left, y, colour))
            if paragraph.bullet and layout.lines:
                first = layout.lines[0]
                dot_y = y - first.baseline_mm + mm(0.36 * body_pt)
                dot_x = box_left + indent * 0.4 if not rtl else box_right - indent * 0.4
                dots.append(Circle(dot_x, dot_y, mm(0.16 * body_pt), fill=colour))
            y -= layout.height_mm
            gap = self._gap_mm(index, len(paragraphs), body_pt)
            if gap:
                y -= gap
        return blocks, dots, box_top - y

    def _shortfall(self, paragraphs: list[_Paragraph], side: _Side, area: _TextArea) -> str:
        """How much too long the text is at the smallest size, in its narrowest fonts and
        with the smaller title, and which paragraph takes the most lines: what to shorten."""
        design = self.design
        width = "semi-condensed" if self.fonts.has_width(side.script, "semi-condensed") \
            else "normal"
        regular, bold = (self.fonts.chain(side.language, side.script, weight, width)
                         for weight in ("regular", "bold"))
        placed = self._place(paragraphs, side, area, regular, bold, design.min_title_ratio,
                             design.min_body_pt)
        if placed is None:
            return ""
        blocks, _, used = placed
        longest = max(range(len(blocks)), key=lambda i: len(blocks[i].layout.lines))
        lines = len(blocks[longest].layout.lines)
        excess = used - (area.top_mm - area.bottom_mm)
        about = max(1, round(excess / mm(design.min_body_pt * 1.2)))
        return (f": {excess:.1f} mm too long (about {about} line{'s' if about > 1 else ''}); "
                f"longest: {paragraphs[longest].field.split('.')[-1]}, {lines} lines")

    def _refuse_long_word(self, paragraphs: list[_Paragraph], side: _Side, regular: FontChain,
                          bold: FontChain, width_mm: float) -> None:
        """FitError naming a word that no line of this card can hold, even at the smallest
        size: a better message than "does not fit" for a word that needs a break."""
        design = self.design
        body_pt = design.min_body_pt
        for index, paragraph in enumerate(paragraphs):
            pt = body_pt * design.min_title_ratio if index == 0 else body_pt
            style = TextStyle(paragraph.chain or (bold if paragraph.bold else regular), pt,
                              side.language, side.script, side.rtl)
            indent = mm(design.bullet_indent * body_pt) if paragraph.bullet else 0.0
            word = layout_paragraph(paragraph.text, style, width_mm - indent).split_word
            if word:
                shown = word if len(word) <= 24 else f"{word[:20]}…"
                raise FitError(f"the word {shown!r} ({len(word)} characters) is wider than a "
                               f"line of a {self.size.name} card even at {pt:.1f} pt",
                               file=side.source, field=paragraph.field,
                               fix="break it with a space or a hyphen")

    def _hotline_band(self, card: CardContent, hotline: HotlineLine, area: _TextArea
                      ) -> tuple[Rectangle, list[Tag], float, TextBlock | None]:
        """The band above the front's footer: "<label> <number>" on one line in the holder's
        language (the text engine isolates the number, so it reads left to right in every
        script). The line's name goes at the right of the footer row when it fits there,
        else on a second line in the band. Returns the band, its text, its top, and the
        name where it sits beside the footer."""
        design, theme = self.design, self.theme
        source = card.source_file
        label = card.front.hotline_label
        if not label:
            raise ContentError("is missing, and the card has a hotline", file=source,
                               field="front.hotline_label",
                               fix="translate hotline_label from cards/en.yaml (\"Report "
                               "immigration enforcement:\") into the card's language")
        bold = self.fonts.chain(card.text_language, card.script, "bold")
        check_coverage(label, bold, file=source, field="front.hotline_label")
        # The number never breaks across lines (no-break spaces) and always reads left to
        # right, parentheses and all (an explicit isolate, whatever the text engine finds).
        number = LRI + hotline.number.replace(" ", "\u00a0") + PDI
        wide = unicodedata.east_asian_width(label[-1]) in ("W", "F")
        text = f"{label}{'' if wide else ' '}{number}"
        width = area.right_mm - area.left_mm - 2 * design.band_pad_x_mm
        steps = int(round((design.hotline_pt - design.hotline_min_pt) * 10))
        main = None
        for step in range(steps + 1):
            style = TextStyle(bold, round(design.hotline_pt - step / 10, 2), card.text_language,
                              card.script, card.is_rtl, line_spacing=design.band_line_spacing)
            main = layout_paragraph(text, style, width)
            if len(main.lines) == 1 and not main.overflow:
                break
        assert main is not None
        if main.overflow:
            raise FitError("the hotline number does not fit the card's width", file=source,
                           field="front.hotline_label", fix="shorten hotline_label")
        name_where = {"file": "hotlines.yaml", "field": hotline.hotline_id} \
            if hotline.hotline_id else {"setting": "hotline_label"}
        name_chain, language, script = _chain_for(hotline.name, self.fonts, "regular",
                                                  card.text_language, card.script,
                                                  design.footer_width)
        check_coverage(hotline.name, name_chain, **name_where)
        # The name is laid out in the card's direction, isolated in its own: an English name
        # on an Arabic card keeps its closing parenthesis, and extracts in order.
        name_text = hotline.name
        if _first_strong_is_rtl(name_text) != card.is_rtl:
            name_text = (LRI if card.is_rtl else RLI) + name_text + PDI

        def name_layout(size_pt: float, box_mm: float, right: bool) -> ParagraphLayout:
            align = ("start" if card.is_rtl else "end") if right else "start"
            style = TextStyle(name_chain, size_pt, language, script, card.is_rtl, align=align,
                              line_spacing=design.line_spacing)
            return layout_paragraph(name_text, style, box_mm)

        names: list[TextBlock] = []
        beside_footer = None
        footer = area.footer
        footer_used = max((line.width_mm for line in footer.layout.lines), default=0.0)
        room = area.right_mm - area.left_mm - footer_used - 2.0
        beside = name_layout(design.footer_pt, room, True) if room > 5 else None
        name_height = 0.0
        if beside is not None and len(beside.lines) == 1 and not beside.overflow \
                and len(footer.layout.lines) == 1:
            # on the footer's baseline, whatever the two fonts' line boxes
            name_top = footer.top_mm - footer.layout.lines[0].baseline_mm + \
                beside.lines[0].baseline_mm
            beside_footer = TextBlock(beside, area.right_mm - room, name_top, theme.body)
            if _first_strong_is_rtl(hotline.name):  # not one left-to-right row with the footer
                names.append(beside_footer)
                beside_footer = None
        else:
            below = name_layout(design.hotline_name_pt, width, False)
            if below.overflow or below.split_word:
                raise FitError("a word of the hotline's name is wider than the card",
                               fix="shorten the name", **name_where)
            name_height = 0.2 + below.height_mm
            names.append(TextBlock(below, area.left_mm + design.band_pad_x_mm,
                                   area.bottom_mm + design.band_pad_y_mm + below.height_mm,
                                   theme.band_text))
        height = 2 * design.band_pad_y_mm + main.height_mm + name_height
        bottom = area.bottom_mm
        top = bottom + height
        band = Rectangle(area.left_mm, bottom, area.right_mm - area.left_mm, height,
                         design.band_radius_mm, fill=theme.band_fill,
                         stroke=Stroke(design.band_border_mm, theme.band_border)
                         if theme.band_border else None, isolated=True)
        number = TextBlock(main, area.left_mm + design.band_pad_x_mm,
                           top - design.band_pad_y_mm, theme.band_text)
        tags = [Tag("P", (number,))] + ([Tag("P", tuple(names), lang=_known(language))]
                                        if names else [])
        return band, tags, top, beside_footer

    def _back_column(self, extras: CardExtras, left: float,
                     area: _TextArea) -> tuple[list[Item], list[Tag]]:
        """Logo on top, then the QR code on its light quiet zone, then its address. Returns
        the light patches (artifacts) and the figures and address (content)."""
        design = self.design
        width = design.column_mm
        items: list[Item] = []
        tags: list[Tag] = []
        y = area.top_mm
        if extras.logo is not None:
            from ..model.logo import inspect_logo
            info = inspect_logo(extras.logo)
            room_w = width - 2 * design.logo_pad_mm
            room_h = design.logo_mm - 2 * design.logo_pad_mm
            scale = min(room_w / info.width, room_h / info.height)
            w, h = info.width * scale, info.height * scale
            x = left + (width - w) / 2
            top = y - design.logo_pad_mm
            # as wide as the QR code's patch below it, so the column reads as one
            items.append(Rectangle(left, top - h - design.logo_pad_mm,
                                   width, h + 2 * design.logo_pad_mm,
                                   design.band_radius_mm, fill=WHITE, isolated=True))
            tags.append(Tag("Figure", (Picture(info.path, info.kind, x, top - h, w, h),),
                            alt=f"Logo of {extras.org}" if extras.org else
                            "The organisation's logo"))
            y -= h + 2 * design.logo_pad_mm + 1.2
        if extras.qr_url:
            symbol, module = fitted_symbol(extras.qr_url, width)
            # light quiet zone; the rounded corners stay clear of the symbol (≥ 4 modules)
            items.append(Rectangle(left, y - width, width, width, design.band_radius_mm,
                                   fill=WHITE, isolated=True))
            quiet = 4 * module
            tags.append(Tag("Figure", (QrCode(left + quiet, y - width + quiet, module, symbol,
                                              BLACK),),
                            alt=f"QR code of the web address {extras.qr_url}", lang="en"))
            y -= width + 0.5
            latin = self.fonts.chain("en", "Latn", "regular")
            check_coverage(extras.qr_url, latin, setting="qr", field="address")
            style = TextStyle(latin, design.url_pt, "en", "Latn", False, align="center",
                              line_spacing=design.line_spacing, address=True)
            url = layout_paragraph(extras.qr_url, style, width)
            if url.overflow:
                raise FitError("a part of the address is wider than the QR code", setting="qr",
                               fix="use a shorter address")
            tags.append(Tag("P", (TextBlock(url, left, y, self.theme.body),)))
            y -= url.height_mm
        if y < area.bottom_mm - 1e-6:
            raise FitError(f"the logo, QR code and address need {area.top_mm - y:.1f} mm, "
                           f"more than the {area.top_mm - area.bottom_mm:.1f} mm on the back "
                           f"of a {self.size.name} card", setting="qr",
                           fix="use a shorter address, or leave out the logo")
        return items, tags

    def _org_line(self, org: str, area: _TextArea) -> tuple[TextBlock, str]:
        design = self.design
        chain, language, script = _chain_for(org, self.fonts, "bold", "en", "Latn")
        check_coverage(org, chain, setting="org", field="organisation name")
        rtl = _first_strong_is_rtl(org)
        style = TextStyle(chain, design.org_pt, language, script, rtl,
                          align="end" if rtl else "start", line_spacing=design.line_spacing)
        layout = layout_paragraph(org, style, area.right_mm - area.left_mm)
        if layout.overflow or layout.split_word:
            raise FitError("a word of the organisation's name is wider than the card",
                           setting="org", fix="shorten the name")
        return TextBlock(layout, area.left_mm, area.bottom_mm + layout.height_mm,
                         self.theme.title), language


def _chain_for(text: str, fonts: FontRegistry, weight: str, language: str,
               script: str, width: str = "normal") -> tuple[FontChain, str, str]:
    """Fonts for a name or address printed on a card of `language`: Latin text in the Latin
    fonts (a CJK font's Latin and punctuation are full-width in style), text in the card's
    script in the card's fonts, anything else in the fonts for its own script."""
    own = next((s for s in (font_unicodedata.script(c) for c in text)
                if s not in ("Zyyy", "Zinh", "Zzzz")), script)
    candidates = [("en", "Latn")] if own == "Latn" else []
    candidates += [(language, script), ("und", own)]
    for lang, scr in candidates:
        chain = fonts.chain(lang, scr, weight, width)
        if all(needs_no_glyph(c) or chain.font_for(c) is not None for c in text):
            return chain, lang, scr
    return fonts.chain("und", own, weight, width), "und", own  # coverage check names the gap


def _known(language: str) -> str | None:
    """A language to tag text with: none where the fonts were chosen by script alone."""
    return None if language == "und" else language


def _first_strong_is_rtl(text: str) -> bool:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _largest_fitting(attempt, design_pt: float, min_pt: float, step: float = 0.1,
                     above: float | None = None):
    """Largest size on a 0.1 pt grid for which `attempt` succeeds, by bisection; None when
    the smallest size fails. With `above`, also None unless the size is larger than `above`
    (+ 1e-9): the bisection stops once every size left to try is no larger, and the
    smallest size is tried last, only for a result that counts. The sizes tried otherwise,
    and so the answer, are the same as without `above`."""
    sizes = [round(design_pt - i * step, 2)
             for i in range(int(round((design_pt - min_pt) / step)) + 1)]
    low, high = 0, len(sizes) - 1
    result = None
    if above is None:
        if (last := attempt(sizes[high])) is None:
            return None
        result = (sizes[high], last)
    while low <= high:
        if above is not None and sizes[low] <= above + 1e-9:
            return None  # what is left, and what was found (smaller still), is not larger
        middle = (low + high) // 2
        outcome = attempt(sizes[middle])
        if outcome is not None:
            result = (sizes[middle], outcome)
            high = middle - 1
        else:
            low = middle + 1
    if above is not None:
        if result is None or not result[0] > above + 1e-9 or attempt(sizes[-1]) is None:
            return None
    return result
