"""The text layer of sheets: several cards side by side, read back with five readers.

MuPDF, PDFium and pypdf read each card whole, one after another. poppler and pdfminer analyse
the page's layout and read a row of two cards paragraph by paragraph, left card then right
card: each paragraph is whole, and a search finds every one, but the cards interleave. In a
few languages the lines of the two cards in a row meet and some paragraphs are not whole
(measured: listed in SPLIT; the test fails if one of them starts reading whole)."""

from __future__ import annotations

import pytest
from making import build
from readers import READERS, UNSPACED, extract, first_difference, normalise

from redcard.paths import cards_dir

CODES = sorted(path.stem for path in cards_dir().glob("*.yaml"))
WHOLE_CARDS = ("mupdf", "pdfium", "pypdf")
# poppler and pdfminer: paragraphs (0 the title, then the points) not found whole on every card
SPLIT = {("km", 5), ("ur", 1), ("ur", 2)}


@pytest.fixture(scope="module")
def sheets(library, tmp_path_factory):
    out = tmp_path_factory.mktemp("sheet-text")
    return {code: build(library, out, code) for code in CODES}  # Letter: one sheet each


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code", CODES)
def test_every_card_on_a_sheet_reads_back(sheets, library, code, reader):
    path, printout = sheets[code]
    card = library.card(code)
    unspaced = code in UNSPACED
    got = normalise(extract(reader, path, 0), unspaced)
    paragraphs = [normalise(text, unspaced) for text in (card.front.title, *card.front.points)]
    if reader in WHOLE_CARDS:
        whole = " ".join(paragraphs) if not unspaced else "".join(paragraphs)
        assert got.count(whole) == printout.per_sheet, \
            f"{reader} reading the {code} sheet: " + first_difference(got, whole * 2)
        return
    for index, paragraph in enumerate(paragraphs):
        found = got.count(paragraph)
        if (code, index) in SPLIT:
            assert found < printout.per_sheet, f"{code} paragraph {index} now reads whole in " \
                f"{reader}: drop it from SPLIT"
        else:
            assert found == printout.per_sheet, \
                f"{reader} reading the {code} sheet: paragraph {index} found {found} times"


@pytest.mark.parametrize("reader", READERS)
def test_the_english_backs_read_back(sheets, library, reader):
    path, printout = sheets["es"]
    back = library.card("es").back
    got = normalise(extract(reader, path, 1), unspaced=False)
    for paragraph in (back.title, *back.points):
        assert got.count(normalise(paragraph, False)) == printout.per_sheet, (reader, paragraph)
