"""The slug (issue 13): each language named once with all its slots, single-sided pages that
say which side they are and which sheet they go with, text clear of the crop marks and on a
white patch that interrupts cut lines."""

from __future__ import annotations

from redcard.design.scene import Rectangle, Scene, TextBlock, TextRow
from redcard.design.sheet import SLUG_CLEAR_MM, slug, slug_text
from redcard.model.settings import PrintSettings


def test_a_language_is_named_once_with_all_its_slots(library):
    cards = {code: library.card(code) for code in ("ar", "es")}
    text = slug_text(1, 1, ("es", "es", "es", "ar", "ar", "es", "ar", None), frozenset(),
                     cards, "letter", "long")
    ar, es = cards["ar"].version, cards["es"].version
    assert f"es {es} ×4 (slots 1–3, 6)" in text
    assert f"ar {ar} ×3 (slots 4–5, 7)" in text
    assert text.count("ar ") == 1


def test_single_sided_pages_say_front_and_back(library):
    cards = {"es": library.card("es")}
    args = (2, 3, ("es",) * 8, frozenset(), cards, "letter")
    front, back = (slug_text(*args, "none", side) for side in (0, 1))
    assert front.startswith("Sheet 2 of 3 — FRONT (print first) · ")
    assert back.startswith("Sheet 2 of 3 — BACK of sheet 2 · ")
    assert slug_text(*args, "long", 0) == slug_text(*args, "long", 1)
    assert "FRONT" not in slug_text(*args, "long", 0)


def test_slug_clears_the_marks_and_knocks_out_cut_lines(library, registry):
    job = library.job(PrintSettings(marks="lines"))
    area = job.layout.slug
    latin = registry.chain("en", "Latn", "regular")
    (tag,) = slug(job.layout, "Sheet 1 of 1 · es ×8", latin)
    (group,) = tag.items
    patch, text_group = group.items
    assert isinstance(patch, Rectangle) and patch.fill == (1.0, 1.0, 1.0)
    block = Scene(0, 0, text_group.items).find(TextBlock)[0]
    top = group.transforms[0].f  # the text's top, in page millimetres
    marks_end = area.rect.y_mm + area.rect.height_mm
    assert marks_end - top >= min(SLUG_CLEAR_MM, area.rect.height_mm
                                  - block.layout.height_mm) - 1e-9
    assert marks_end - top > 0.7
    assert patch.width_mm > block.layout.lines[0].width_mm
    assert patch.height_mm > block.layout.height_mm


def test_the_words_every_sheet_shares_are_laid_out_once(library, registry):
    """A run of sheets: the sheet's number is a block of its own, the words around it
    ("Sheet", "of 250 ·" and the rest) layouts that every sheet's row shares (the renderer
    plans their lines once); the row reads as one line because it is one (a TextRow)."""
    job = library.job(PrintSettings())
    latin = registry.chain("en", "Latn", "regular")
    rows = []
    for index in (1, 2):
        text = f"Sheet {index} of 250 · es 1a2b3c4d ×8 · Print at 100 % (actual size) · letter"
        (tag,) = slug(job.layout, text, latin)
        (row,) = Scene(0, 0, tag.items).find(TextRow)
        assert [block.layout.text for block in row.blocks] == [
            "Sheet", str(index), "of 250 ·",
            "es 1a2b3c4d ×8 · Print at 100 % (actual size) · letter"]
        for before, after in zip(row.blocks, row.blocks[1:]):
            assert after.left_mm > before.left_mm + before.layout.lines[0].width_mm
        rows.append(row)
    for shared in (0, 2, 3):
        assert rows[0].blocks[shared].layout is rows[1].blocks[shared].layout
    assert rows[0].blocks[1].layout is not rows[1].blocks[1].layout
