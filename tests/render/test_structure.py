"""Tagged PDFs, read back with pikepdf: a structure tree in reading order with per-element
/Lang, each printed card its own element, artifacts for everything a reader should skip,
alt text for figures, the metadata and a header that matches what is used."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from making import build

from redcard import CardExtras
from redcard.model.extras import hotline_line

ORG = "Example Legal Aid"
URL = "https://example.org/rights"
TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}
PAINTING = {b"f", b"f*", b"S", b"B", b"B*", b"b", b"b*", b"Do"} | TEXT_SHOWING


@pytest.fixture(scope="module")
def outputs(library, tmp_path_factory, logo_png) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("tagged")
    extras = CardExtras(hotline=hotline_line(library.hotlines.get("la-county")), org=ORG,
                        logo=logo_png, qr_url=URL)
    made = {
        "sheet": build(library, out / "sheet", "es")[0],
        # columns bleed into their gap, rows touch: the face carries an extra background
        "stock": build(library, out / "stock", "vi", template="c32011", copies=3)[0],
        "cr80": build(library, out / "cr80", "ar", template="cr80", extras=extras)[0],
        "shop": build(library, out / "shop", "ja", template="print-shop", copies=2)[0],
    }
    digital = next(library.deck(["hi"], extras=extras).digital())
    made["digital"] = digital.write(out / "hi-card.pdf")
    made["calibration"] = library.calibration("a4").write(out / "calibration.pdf")
    return made


def elements(node):
    """Every structure element below `node`, depth first, in reading order."""
    kids = node.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from elements(kid)


def marked_content(page):
    """(operator, the open marked-content tags, their MCIDs) for every operator."""
    open_tags: list[tuple[str, int | None]] = []
    for instruction in pikepdf.parse_content_stream(page):
        operator = instruction.operator.unparse()
        if operator in (b"BDC", b"BMC"):
            tag = str(instruction.operands[0])
            props = instruction.operands[1] if operator == b"BDC" else None
            mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and \
                "/MCID" in props else None
            open_tags.append((tag, mcid))
        elif operator == b"EMC":
            open_tags.pop()
        else:
            yield operator, tuple(open_tags)


@pytest.mark.parametrize("kind", ["sheet", "cr80", "shop", "digital", "calibration"])
def test_catalogue_metadata_and_version(outputs, kind):
    with pikepdf.open(outputs[kind]) as pdf:
        assert outputs[kind].read_bytes().startswith(b"%PDF-1.7")
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.StructTreeRoot.K.S == "/Document"
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == str(pdf.docinfo.Title)
            assert xmp["dc:language"] == {str(pdf.Root.Lang)}
            assert xmp["xmp:CreatorTool"] == "redcard"


@pytest.mark.parametrize("kind", ["sheet", "stock", "cr80", "shop", "digital", "calibration"])
def test_all_content_is_tagged_or_an_artifact_and_the_parent_tree_agrees(outputs, kind):
    with pikepdf.open(outputs[kind]) as pdf:
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        for index, page in enumerate(pdf.pages):
            seen = set()
            for operator, tags in marked_content(page):
                if operator not in PAINTING:
                    continue
                owners = [t for t in tags if t[1] is not None or t[0] == "/Artifact"]
                assert owners, f"page {index + 1}: {operator} outside every tag"
                mcids = [mcid for _, mcid in tags if mcid is not None]
                assert len(mcids) <= 1  # structure content never nests
                seen.update(mcids)
                if mcids:
                    assert "/Artifact" not in [t for t, _ in tags]
            if seen:
                assert int(page.StructParents) == index
                owners = parent_tree[index]
                assert len(owners) == max(seen) + 1
                for mcid in seen:  # the element the parent tree names holds that MCID
                    element = owners[mcid]
                    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                    assert mcid in [int(k) if not isinstance(k, pikepdf.Dictionary)
                                    else int(k.MCID) for k in kids]
            assert page.Tabs == "/S"


def test_each_card_on_a_sheet_is_its_own_section_front_then_back(outputs, library):
    card = library.card("es")
    with pikepdf.open(outputs["sheet"]) as pdf:
        cards = list(pdf.Root.StructTreeRoot.K.K)
        assert len(cards) == 8  # Letter, red: eight cards
        for number, element in enumerate(cards, start=1):
            assert str(element.T) == f"Card {number} of sheet 1: Spanish"
            front, back = list(element.K)
            assert (str(front.Lang), str(back.Lang)) == ("es", "en")
            assert [str(e.S) for e in elements(front)][:3] == ["/H1", "/L", "/LI"]
            items = [e for e in elements(front) if e.S == "/LI"]
            assert len(items) == len(card.front.points)
            assert all(e.K.S == "/LBody" for e in items)
            assert next(e for e in elements(front) if e.S == "/L").A.ListNumbering == "/Disc"
            pages = {pdf.pages.index(pikepdf.Page(e.Pg)) for sect in (front, back)
                     for e in elements(sect) if "/Pg" in e}
            assert pages == {0, 1}
            footer = [e for e in elements(front) if e.S == "/P"][-1]
            assert str(footer.ActualText) == "Draft translation, not yet reviewed."


def test_figures_have_alt_text_and_the_hotline_and_organisation_are_paragraphs(outputs):
    with pikepdf.open(outputs["cr80"]) as pdf:
        front, back = list(pdf.Root.StructTreeRoot.K.K.K)
        assert str(front.Lang) == "ar" and str(back.Lang) == "en"
        figures = [e for e in elements(back) if e.S == "/Figure"]
        assert [str(f.Alt) for f in figures] == [f"Logo of {ORG}",
                                                 f"QR code of the web address {URL}"]
        paragraphs = [e for e in elements(front) if e.S == "/P"]
        assert len(paragraphs) == 2  # the number; the footer row with the line's name
        assert str(paragraphs[1].Lang) == "en"  # English on an Arabic card
        assert str(paragraphs[1].ActualText) == (
            "LA Rapid Response Network (CHIRLA). Draft translation, not yet reviewed.")


def test_artifacts_are_marks_slug_and_decoration(outputs):
    with pikepdf.open(outputs["sheet"]) as pdf:
        kinds = set()
        for instruction in pikepdf.parse_content_stream(pdf.pages[0]):
            if instruction.operator.unparse() == b"BDC" and \
                    str(instruction.operands[0]) == "/Artifact":
                kinds.add(str(instruction.operands[1].Type))
        assert kinds == {"/Page", "/Layout"}  # crop marks and slug; card decoration
