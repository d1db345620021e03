"""What a sheet carries besides its cards: crop marks, cut lines, and the slug, the line in
the margin that says which sheet it is, what it holds and how to print it."""

from __future__ import annotations

from collections.abc import Mapping

from ..geometry.affine import Affine
from ..geometry.imposition import CropMark, SheetLayout
from ..geometry.units import mm
from ..model.content import CardContent
from ..text import TextStyle, layout_paragraph
from ..text.fonts import FontChain
from .scene import BLACK, Group, Item, Line, Tag, TextBlock

MARK_LINE_PT = 0.3
CUT_LINE_PT = 0.25
CUT_LINE_GREY = (0.45, 0.45, 0.45)  # visible on white and on red, light enough to cut through
SLUG_PT = 5.5
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
    """The slug laid out in its band, along the bottom or up the left side of the sheet."""
    area = layout.slug
    if area is None:
        return ()
    rect = area.rect
    width = rect.width_mm if area.rotation_deg == 0 else rect.height_mm
    paragraph = layout_paragraph(text, TextStyle(latin, SLUG_PT, "en", "Latn", False), width)
    if area.rotation_deg == 0:
        group = Group((TextBlock(paragraph, rect.x_mm, rect.y_mm + rect.height_mm),),
                      fill=BLACK, isolated=True)
    else:  # text runs bottom to top; its top edge faces the left side of the sheet
        group = Group((TextBlock(paragraph, 0.0, 0.0),), fill=BLACK, isolated=True,
                      transforms=(Affine.translate(rect.x_mm, rect.y_mm), Affine.rotate90()))
    return (Tag("Artifact", (group,), artifact="Page"),)  # instructions for the printer


def slug_text(index: int, total: int, slots: tuple[str | None, ...], used: frozenset[int],
              cards: Mapping[str, CardContent], template: str, duplex: str) -> str:
    """Which sheet, what it holds (language, text version, count, and slots where that is not
    obvious), which slots were already used, how to print it, and for which template."""
    runs: list[tuple[str | None, int, int]] = []  # key, first slot, last slot (1-based)
    for slot, key in enumerate(slots, start=1):
        if slot - 1 in used:
            continue
        if runs and runs[-1][0] == key and runs[-1][2] == slot - 1:
            runs[-1] = (key, runs[-1][1], slot)
        else:
            runs.append((key, slot, slot))
    filled = [run for run in runs if run[0] is not None]
    mixed = bool(used) or len(filled) > 1  # then say which slots hold what
    holds = ", ".join(
        f"{cards[key].code} {cards[key].version} ×{last - first + 1}"
        + (f" (slot{'s' if last > first else ''} {first}"
           f"{f'–{last}' if last > first else ''})" if mixed else "")
        for key, first, last in filled)
    parts = [f"Sheet {index} of {total}", holds]
    if used:
        parts.append("slots " + ", ".join(str(s + 1) for s in sorted(used)) + " already used")
    parts += [f"Print at 100 % (actual size), {FLIP_WORDS[duplex]}", template]
    drafts = sorted({key for key, *_ in filled if cards[key].is_draft})
    if drafts:
        parts.append(f"DRAFT translation, unreviewed: {', '.join(drafts)}")
    return " · ".join(parts)
