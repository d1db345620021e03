"""A run of sheets: each page's content is parts (the placed cards, each item of the page),
and a part that several pages draw is written once. The cards and marks of every full sheet
are one stream each; only the slug is the sheet's own. Every page still reads whole."""

from __future__ import annotations

import pikepdf
import pytest
from readers import READERS, extract, normalise

from redcard.model.settings import PrintSettings

SHEETS = 3


@pytest.fixture(scope="module")
def run_pdf(library, tmp_path_factory):
    printout = library.deck(["ar"]).impose(PrintSettings(copies=8 * SHEETS))
    path = tmp_path_factory.mktemp("parts") / "ar.pdf"
    path.write_bytes(printout.pdf_bytes())
    return path


def test_full_sheets_share_their_cards_and_marks(run_pdf):
    pdf = pikepdf.open(run_pdf)
    parts = [[stream.objgen for stream in page.Contents] for page in pdf.pages]
    assert len(parts) == 2 * SHEETS and all(len(p) == len(parts[0]) for p in parts)
    fronts, backs = parts[0::2], parts[1::2]
    # the first sheet's cards are tagged; every later sheet repeats them as artifacts,
    # one stream for all of them
    assert len({p[0] for p in fronts[1:]}) == 1 and len({p[0] for p in backs[1:]}) == 1
    assert len({fronts[0][0], fronts[1][0], backs[0][0], backs[1][0]}) == 4
    assert len({p[1] for p in parts}) == 1  # the crop marks
    assert len({p[-1] for p in fronts}) == SHEETS  # the slug says which sheet it is
    # front and back of a sheet print the same slug (duplex): one stream for both
    assert len({objgen for p in parts for objgen in p}) == 4 + 1 + SHEETS


def test_a_repeated_sheet_is_an_artifact_and_the_structure_holds_the_first(run_pdf):
    """Eight cards per sheet: the structure has the first sheet's eight (a screen reader
    reads each card of a sheet once, not once for every sheet of the run); the sheets that
    repeat it carry no structure content, their cards are pagination artifacts."""
    pdf = pikepdf.open(run_pdf)
    cards = list(pdf.Root.StructTreeRoot.K.K)
    assert [str(card.T) for card in cards] == [f"Card {n} of sheet 1: Arabic"
                                               for n in range(1, 9)]
    for index, page in enumerate(pdf.pages):
        kinds = [(str(i.operands[0]), i.operands[1] if i.operator.unparse() == b"BDC"
                  else None)
                 for i in pikepdf.parse_content_stream(page)
                 if i.operator.unparse() in (b"BDC", b"BMC")]
        mcids = [props for tag, props in kinds
                 if isinstance(props, pikepdf.Dictionary) and "/MCID" in props]
        pagination = [props for tag, props in kinds if tag == "/Artifact"
                      and isinstance(props, pikepdf.Dictionary)
                      and props.get("/Type") == "/Pagination"]
        if index < 2:
            assert mcids and "/StructParents" in page
        else:
            assert not mcids and "/StructParents" not in page
            assert len(pagination) >= 8 * 2  # each card's title and points at least


@pytest.mark.parametrize("reader", READERS)
def test_every_page_of_the_run_reads_whole(run_pdf, library, reader):
    card = library.card("ar")
    title = normalise(card.front.title, False)
    for index in range(2 * SHEETS):
        got = normalise(extract(reader, run_pdf, index), False)
        assert f"Sheet {index // 2 + 1} of {SHEETS}" in got, (reader, index)
        if index % 2 == 0:
            assert got.count(title) == 8, (reader, index)
            for point in card.front.points:
                assert normalise(point, False) in got, (reader, index, point)
