"""What a sheet carries besides its cards: crop marks, cut lines, and the slug, the line in
the margin that says which sheet it is, what it holds and how to print it."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from ..geometry.affine import Affine
from ..geometry.imposition import CropMark, SheetLayout
from ..geometry.units import mm
from ..model.content import CardContent
from ..text import ParagraphLayout, TextStyle, layout_paragraph
from ..text.fonts import FontChain, LoadedFont
from .scene import BLACK, WHITE, Group, Item, Line, Rectangle, Tag, TextBlock, TextRow

MARK_LINE_PT = 0.3
CUT_LINE_PT = 0.25
CUT_LINE_GREY = (0.45, 0.45, 0.45)  # visible on white and on red, light enough to cut through
SLUG_PT = 5.5
SLUG_CLEAR_MM = 1.0  # at least this much white between the crop marks and the slug text
SLUG_KNOCKOUT_MM = 0.4  # white around the text, so a cut line never strikes it
SIDE_WORDS = {0: "FRONT (print first)", 1: "BACK of sheet {index}"}  # for --duplex none
SLUG_SEPARATOR = " · "
FLIP_WORDS = {"long": "duplex, flip on long edge", "short": "duplex, flip on short edge",
              "none": "single-sided: print fronts and backs on separate sheets"}


def sheet_marks(layout: SheetLayout) -> tuple[Item, ...]:
    """Crop marks (black), and full-length cut lines (grey) where the layout has them: the
    printer's marks, artifacts a reader skips."""
    items: list[Item] = [Group(_lines(layout.crop_marks), stroke=BLACK,
                               line_mm=mm(MARK_LINE_PT))]
    if layout.cut_lines:
        items.append(Group(_lines(layout.cut_lines), stroke=CUT_LINE_GREY,
                           line_mm=mm(CUT_LINE_PT)))
    return (Tag("Artifact", tuple(items), artifact="Page"),)


def _lines(marks: tuple[CropMark, ...]) -> tuple[Line, ...]:
    return tuple(Line(m.x1_mm, m.y1_mm, m.x2_mm, m.y2_mm) for m in marks)


def slug(layout: SheetLayout, text: str, latin: FontChain) -> tuple[Item, ...]:
    """The slug laid out in its band, along the bottom or up the left side of the sheet: on
    the band's edge away from the cards (clear of the crop marks' ends), on a white patch
    that interrupts any cut line running through the margin."""
    area = layout.slug
    if area is None:
        return ()
    rect = area.rect
    width = rect.width_mm if area.rotation_deg == 0 else rect.height_mm
    band = rect.height_mm if area.rotation_deg == 0 else rect.width_mm
    text_item, height, ink = _slug_text_item(text, latin, width)
    pad = SLUG_KNOCKOUT_MM
    patch = Rectangle(-pad, -height - pad, ink + 2 * pad, height + 2 * pad, fill=WHITE)
    if area.rotation_deg == 0:  # the band's top edge meets the marks: the text drops away
        drop = max(0.0, min(band - height, SLUG_CLEAR_MM))
        transforms: tuple[Affine, ...] = (
            Affine.translate(rect.x_mm, rect.y_mm + rect.height_mm - drop),)
    else:  # text runs bottom to top; its top edge faces the left side of the sheet, and its
        # foot the marks, the rest of the band away
        transforms = (Affine.translate(rect.x_mm, rect.y_mm), Affine.rotate90())
    group = Group((patch, Group((text_item,), fill=BLACK)),
                  isolated=True, transforms=transforms)
    return (Tag("Artifact", (group,), artifact="Page"),)  # instructions for the printer


def _slug_text_item(text: str, latin: FontChain, width_mm: float
                    ) -> tuple[TextBlock | TextRow, float, float]:
    """The slug's text, its height and ink width. Where it fits one line it is a row of
    blocks: the sheet's number, and around it the words every sheet of a run shares
    ("Sheet", "of 250 ·" and the rest), laid out (and drawn, by the renderer's caches)
    once, not once per sheet; a space apart, as the words of one line."""
    which, separator, rest = text.partition(SLUG_SEPARATOR)
    words = which.split(" ", 2)
    if separator and len(words) == 3 and words[0] == "Sheet" and words[1].isdigit():
        space = _space_mm(latin.primary)
        blocks, x, height = [], 0.0, 0.0
        for part in (words[0], words[1], words[2] + separator.rstrip(), rest):
            layout = layout_paragraph(part, _slug_style(latin), width_mm, keep=False) \
                if part is words[1] else _shared_layout(part, latin, width_mm)
            if len(layout.lines) != 1:
                break
            blocks.append(TextBlock(layout, x, 0.0))
            height = max(height, layout.height_mm)
            x += layout.lines[0].width_mm + space
        else:
            ink = x - space
            if ink <= width_mm:
                return TextRow(tuple(blocks)), height, ink
    paragraph = layout_paragraph(text, _slug_style(latin), width_mm)
    return TextBlock(paragraph, 0.0, 0.0), paragraph.height_mm, \
        max((line.width_mm for line in paragraph.lines), default=0.0)


def _slug_style(latin: FontChain) -> TextStyle:
    return TextStyle(latin, SLUG_PT, "en", "Latn", False)


@functools.lru_cache(maxsize=64)
def _shared_layout(text: str, latin: FontChain, width_mm: float) -> ParagraphLayout:
    return layout_paragraph(text, _slug_style(latin), width_mm)


def _space_mm(font: LoadedFont) -> float:
    """The advance of a space at the slug's size (between the row's two blocks)."""
    space = font.hb_font.get_nominal_glyph(ord(" "))
    return font.hb_font.get_glyph_h_advance(space) / font.upem * mm(SLUG_PT)


def slug_text(index: int, total: int, slots: tuple[str | None, ...], used: frozenset[int],
              cards: Mapping[str, CardContent], template: str, duplex: str,
              side: int | None = None) -> str:
    """Which sheet (and, printed single-sided, which side: `side` 0 front, 1 back), what it
    holds (each language once: text version, count, and its slots where that is not obvious),
    which slots were already used, how to print it, and for which template."""
    held: dict[str, list[list[int]]] = {}  # key → runs of slots [first, last] (1-based)
    for slot, key in enumerate(slots, start=1):
        if slot - 1 in used or key is None:
            continue
        runs = held.setdefault(key, [])
        if runs and runs[-1][1] == slot - 1:
            runs[-1][1] = slot
        else:
            runs.append([slot, slot])
    mixed = bool(used) or len(held) > 1 or any(len(runs) > 1 for runs in held.values())
    holds = ", ".join(
        f"{cards[key].code} {cards[key].version} ×{sum(b - a + 1 for a, b in runs)}"
        + (f" (slot{'s' if runs != [[runs[0][0]] * 2] else ''} "
           + ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs) + ")"
           if mixed else "")
        for key, runs in held.items())
    which = f"Sheet {index} of {total}"
    if duplex == "none" and side is not None:
        which += " — " + SIDE_WORDS[side].format(index=index)
    parts = [which, holds]
    if used:
        parts.append("slots " + ", ".join(str(s + 1) for s in sorted(used)) + " already used")
    parts += [f"Print at 100 % (actual size), {FLIP_WORDS[duplex]}", template]
    drafts = sorted({key for key in held if cards[key].is_draft})
    if drafts:
        parts.append(f"DRAFT translation, unreviewed: {', '.join(drafts)}")
    return SLUG_SEPARATOR.join(parts)
