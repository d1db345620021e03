"""The text layer of real cards, read back with five PDF readers: what people copy, search for
and have read aloud must be the text in the card files, in every language and every reader.

Each language is built once per session, as a CR80 card-printer PDF (page 1 the front, page 2
the back), a print-shop PDF (the same, with bleed) and a digital card PDF, all with the
la-county hotline. Sheets of several cards are tested in test_sheet_text.py.

Expected text of a front page, normalised (readers.normalise) before comparing:
  title, points, the band line "<hotline_label> <number>" (no space after a label ending in an
  East Asian wide character), then the footer row. When the hotline's name sits at the right
  of the footer row (it does, in all 26 languages today) the row is one left-to-right line of
  English: footer, then name, in every card direction. When the name does not fit there it is
  a second line of the band: band line, name, footer.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import HOTLINE_ID
from making import build
from readers import (
    CONTROLS,
    READERS,
    UNSPACED,
    expected_back,
    expected_front,
    extract,
    first_difference,
    normalise,
    unmapped_glyphs,
    versions,
    words,
)

from redcard import THEMES, CardExtras
from redcard.design.card import CardDesigner
from redcard.model.extras import HotlineLine, hotline_line
from redcard.paths import cards_dir

CODES = sorted(path.stem for path in cards_dir().glob("*.yaml"))
KINDS = ("cr80", "print-shop", "digital")  # a card per page: exact in every reader
FRONT, BACK = 0, 1
NUMBER = "888-624-4752"
DRAFT_NOTE = " · draft translation, not yet reviewed"


class Outputs:
    """Each language's PDFs, built on first use and kept for the session, and each reader's
    text of their pages, read once: a language that fails to build fails only its own tests."""

    def __init__(self, library, out: Path) -> None:
        self.library = library
        self.out = out
        self.extras = CardExtras(hotline=self.hotline)
        self.designer = CardDesigner(library.catalog.cards["id1"], THEMES["red"], library.fonts)
        self._paths: dict[tuple[str, str], Path] = {}
        self._texts: dict[tuple[str, str, str, int], str] = {}

    @property
    def hotline(self) -> HotlineLine:
        return hotline_line(self.library.hotlines.get(HOTLINE_ID))

    def path(self, kind: str, code: str) -> Path:
        key = (kind, code)
        if key not in self._paths:
            if kind in ("cr80", "print-shop"):
                path = build(self.library, self.out / kind, code, template=kind,
                             extras=self.extras, copies=1)[0]
            else:
                deck = self.library.deck([code], extras=self.extras)
                path = next(deck.digital()).write(self.out / f"{code}-card.pdf")
            self._paths[key] = path
        return self._paths[key]

    def text(self, kind: str, code: str, reader: str, page: int) -> str:
        key = (kind, code, reader, page)
        if key not in self._texts:
            self._texts[key] = extract(reader, self.path(kind, code), page)
        return self._texts[key]

    def name_beside_footer(self, card) -> bool:
        """Whether the designer put the hotline's name on the footer row (else in the band)."""
        face = self.designer.front(card, self.extras)
        baseline = {}  # of each block's first line
        for block in face.texts:
            text = CONTROLS.sub("", block.layout.text)
            key = "name" if text == self.hotline.name else \
                "footer" if text.startswith(f"{card.code} · ") else ""
            if key:
                baseline[key] = block.top_mm - block.layout.lines[0].baseline_mm
        assert set(baseline) == {"name", "footer"}, f"no name or footer on the {card.code} front"
        return abs(baseline["name"] - baseline["footer"]) < 0.01


@pytest.fixture(scope="session")
def outputs(library, tmp_path_factory) -> Outputs:
    return Outputs(library, tmp_path_factory.mktemp("text-layer"))


def front_footer(card) -> str:
    """The front's footer as design/card.py prints it: code, text version, draft warning."""
    return f"{card.code} · {card.version}" + (DRAFT_NOTE if card.is_draft else "")


def band_line(card, number: str) -> str:
    """"<label> <number>", as the band prints it: no space after a wide (CJK) character."""
    label = card.front.hotline_label
    wide = unicodedata.east_asian_width(label[-1]) in ("W", "F")
    return f"{label}{'' if wide else ' '}{number}"


def expected_front_page(card, hotline: HotlineLine, name_beside_footer: bool) -> str:
    """Everything printed on the front, in reading order (see the module docstring)."""
    band = band_line(card, hotline.number)
    footer = front_footer(card)
    if name_beside_footer:
        tail = (band, footer, hotline.name)  # the name is at the footer row's right: read last
    else:
        tail = (band, hotline.name, footer)  # the band's second line
    return " ".join((expected_front(card), *tail))


def expected_back_page(card) -> str:
    """The English statement to the agent, then its footer naming the holder's language."""
    return f"{expected_back(card)} Holder’s language: {card.name} · {card.code} · {card.version}"


EMBEDDINGS = re.compile("[\u202a-\u202e]")


def where(reader: str, code: str, what: str) -> str:
    return f"{reader} {versions()[reader]} reading the {code} {what}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code", CODES)
def test_front_reads_as_the_card_file(outputs, library, code, reader, kind):
    card = library.card(code)
    unspaced = code in UNSPACED
    want = normalise(expected_front_page(card, outputs.hotline, outputs.name_beside_footer(card)),
                     unspaced)
    got = normalise(outputs.text(kind, code, reader, FRONT), unspaced)
    assert got == want, f"{where(reader, code, f'{kind} front')}: " + first_difference(got, want)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code", CODES)
def test_back_reads_as_the_english_statement(outputs, library, code, reader):
    card = library.card(code)
    want = normalise(expected_back_page(card), unspaced=False)
    got = normalise(outputs.text("cr80", code, reader, BACK), unspaced=False)
    assert got == want, f"{where(reader, code, 'cr80 back')}: " + first_difference(got, want)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("code", CODES)
def test_hotline_number_reads_in_order(outputs, code, reader):
    """Digits left to right, dashes in place, once: a number read out wrong calls nobody."""
    wrong = []
    for kind in KINDS:
        got = normalise(outputs.text(kind, code, reader, FRONT), unspaced=False)
        found = got.count(NUMBER)
        if found != 1:  # the band is near the end of the page: show the end
            wrong.append(f"{where(reader, code, f'{kind} front')}: {NUMBER} read {found} times "
                         f"in …{got[-160:]!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("code", CODES)
def test_every_glyph_drawn_has_a_to_unicode_entry(outputs, code):
    """A glyph without a ToUnicode entry is text no reader that ignores /ActualText (pdfminer,
    pypdf, mupdf's copy and paste) can recover."""
    wrong = []
    for kind in KINDS:
        for page, side in ((FRONT, "front"), (BACK, "back")):
            missing = unmapped_glyphs(outputs.path(kind, code), page)
            if missing:
                wrong.append(f"{code} {kind} {side}: {len(missing)} character codes with no or "
                             f"an empty ToUnicode entry: {', '.join(missing[:6])}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", CODES)
def test_pdftotext_finds_every_word_as_typed(outputs, library, code, kind):
    """`pdftotext card.pdf - | grep موقّع` must find the word: every word of the title and the
    points, NFC, without its surrounding punctuation, is in poppler's text as it comes, only
    poppler's own embedding controls (U+202A–U+202E, around lines and number runs) removed:
    no direction mark may sit inside a word. In scripts without spaces the line breaks, which
    are not spaces, are removed too."""
    card = library.card(code)
    text = EMBEDDINGS.sub("", unicodedata.normalize("NFC", outputs.text(kind, code, "poppler",
                                                                         FRONT)))
    if code in UNSPACED:
        text = "".join(text.split())
    missing = [word for part in (card.front.title, *card.front.points) for word in words(part)
               if word not in text]
    assert not missing, (f"{where('poppler', code, f'{kind} front')}: {len(missing)} words not "
                         f"found, e.g. {missing[:5]}")
