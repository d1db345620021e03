"""The review path, round trip: a packet is made and read back (PDF and .docx), a reviewer's
approval is recorded in the card file with its comments kept, the draft mark disappears, and
`check --strict` fails on drafts only."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from readers import normalise

from redcard import Library
from redcard.cli import cli
from redcard.paths import cards_dir
from redcard.review import CHECKLIST_SOURCE, LEGAL_POINTS, ReviewError, fields

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def folder(tmp_path) -> Path:
    out = tmp_path / "cards"
    out.mkdir()
    for code in ("en", "es", "fa"):
        shutil.copy(cards_dir() / f"{code}.yaml", out)
    return out


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_the_checklist_was_written_for_the_current_english_source(library):
    assert library.cards.source_hash == CHECKLIST_SOURCE, \
        "the English source changed: update redcard.review.LEGAL_POINTS and CHECKLIST_SOURCE"
    assert {point for point, _ in LEGAL_POINTS} == \
        set(range(1, len(library.card("en").front.points) + 1))


@pytest.mark.parametrize("code", ["es", "fa"])
def test_the_packet_holds_every_text_the_checklist_and_the_card(folder, tmp_path, code):
    result = run("review", "--lang", code, "--cards", str(folder), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    library = Library(cards_dir=folder)
    card = library.card(code)
    pdf = tmp_path / f"{code}-review.pdf"
    text = normalise(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True).stdout, False)
    for _, source, translated in fields(card, library.cards.english):
        assert normalise(source, False) in text and normalise(translated, False) in text
    for _, point in LEGAL_POINTS:
        assert normalise(point, False) in text
    assert f"--version {card.version}" in text and "I need an interpreter for" in text
    table = docx.Document(str(tmp_path / f"{code}-review.docx")).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Field", "English", card.name, "Correction"]
    assert [row[2] for row in rows[1:]] == [t for _, _, t in fields(card,
                                                                    library.cards.english)]
    assert all(row[3] == "" for row in rows[1:])


def test_approval_records_the_reviewer_keeps_comments_and_drops_the_draft_mark(folder,
                                                                                tmp_path):
    path = folder / "es.yaml"
    before = path.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert run("check", "--cards", str(folder), "--lang", "es", "--strict").exit_code == 1
    version = Library(cards_dir=folder).card("es").version
    result = run("review", "--approve", "--lang", "es", "--reviewer", "Ana Ruiz",
                 "--version", version, "--cards", str(folder))
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    assert after.splitlines()[:8] == before.splitlines()[:8]  # nothing else rewritten
    card = Library(cards_dir=folder).card("es")
    assert card.translation.status == "reviewed" and not card.is_draft
    assert card.translation.reviewed_by == "Ana Ruiz"
    assert card.translation.source_hash == Library(cards_dir=folder).cards.source_hash
    assert card.version == version  # the text itself is untouched
    strict = run("check", "--cards", str(folder), "--lang", "es", "--strict")
    assert strict.exit_code == 0, strict.output
    build = run("build", "--cards", str(folder), "--lang", "es", "--template", "cr80",
                "--out", str(tmp_path / "out"))
    assert build.exit_code == 0 and "draft" not in build.output
    front = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "out" / "es.pdf"),
                            "-"], capture_output=True, text=True).stdout
    assert "draft translation" not in front and f"es · {version}" in front


def test_approval_of_changed_text_or_without_a_name_is_refused(folder):
    result = run("review", "--approve", "--lang", "es", "--reviewer", "A", "--version",
                 "00000000", "--cards", str(folder))
    assert result.exit_code == 2
    assert "the card text is now version" in result.output and "make a new packet" in \
        result.output
    assert run("review", "--approve", "--lang", "es", "--cards",
               str(folder)).output.startswith("redcard: error: cli review: --approve needs")
    with pytest.raises(ReviewError, match=r"reviewer: character 2 is U\+202E"):
        Library(cards_dir=folder).approve("es", "A\u202eB", TODAY)
    with pytest.raises(ReviewError, match="en has no translation of its own"):
        Library(cards_dir=folder).review_packet("en")
