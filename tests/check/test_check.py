"""`redcard check`: finds each kind of problem in the card files and says so in one line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from redcard.cli import cli
from redcard.paths import cards_dir


def cards_with(tmp_path: Path, edit=None, code: str = "es") -> Path:
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in ("en", code):
        shutil.copy(cards_dir() / f"{name}.yaml", folder)
    if edit is not None:
        path = folder / f"{code}.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def check(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["check", "--cards", str(folder), *args])


def lines_with(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


def test_shipped_cards_pass_with_draft_warnings_only():
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output
    warnings = lines_with(result.output, "warning:")
    drafts = [w for w in warnings if "unreviewed draft translation" in w]
    shipped = [yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted(cards_dir().glob("*.yaml"))]
    assert len(drafts) == sum(card["translation"]["status"] == "draft" for card in shipped)
    assert len(drafts) == len(shipped) - 1  # every translation is a draft; en is the source
    # Every card fits every size with the hotline band (Urdu on business cards and Hmong on
    # eu cards since the revised text). The one other warning: Zapotec's variety is not named
    # yet, which only the holder can say. Anything else is a new problem.
    (zapotec,) = [w for w in warnings if w not in drafts]
    assert "zap.yaml: variety:" in zapotec


def test_strict_turns_draft_warnings_into_failure(tmp_path):
    assert check(cards_with(tmp_path), "--strict").exit_code == 1


def test_missing_field(tmp_path):
    folder = cards_with(tmp_path, lambda t: re.sub(r"(?m)^script:.*\n", "", t))
    result = check(folder)
    assert result.exit_code == 1
    (line,) = lines_with(result.output, "error:")
    assert "es.yaml: script: is missing (fix: add script:" in line


def test_wrong_type(tmp_path):
    folder = cards_with(tmp_path, lambda t: t.replace("title: Conozca sus derechos",
                                                      "title: [Conozca, sus, derechos]", 1))
    result = check(folder)
    assert result.exit_code == 1
    (line,) = lines_with(result.output, "error:")
    assert "es.yaml: front.title: must be text, not a list (fix:" in line


def test_uncovered_character(tmp_path):
    folder = cards_with(tmp_path, lambda t: t.replace("Conozca", "Conozca \u1000", 1))
    result = check(folder)
    assert result.exit_code == 1
    (line,) = lines_with(result.output, "error:")
    assert "es.yaml: front.title: U+1000 MYANMAR LETTER KA" in line
    assert "NotoSans-Bold.ttf" in line and "fix:" in line


def test_text_that_cannot_fit(tmp_path):
    def lengthen(text: str) -> str:
        data = yaml.safe_load(text)
        data["front"]["points"] = [" ".join([p] * 3) for p in data["front"]["points"]]
        return yaml.safe_dump(data, allow_unicode=True)
    result = check(cards_with(tmp_path, lengthen))
    assert result.exit_code == 1
    errors = lines_with(result.output, "error:")
    assert errors and all("does not fit a" in line and "even at 6 pt" in line
                          for line in errors)
    assert any("id1 card" in line for line in errors)


def test_stale_translation_is_a_warning(tmp_path):
    folder = cards_with(tmp_path, lambda t: re.sub(r'source_hash: .*', 'source_hash: "0123"', t))
    result = check(folder)
    assert result.exit_code == 0
    (line,) = lines_with(result.output, "stale:")
    assert line.startswith("warning:") and "translation.source_hash" in line
    assert check(folder, "--strict").exit_code == 1
    listing = CliRunner().invoke(cli, ["list", "--cards", str(folder)])
    assert "draft (stale)" in listing.output


def test_leftover_english(tmp_path):
    def spoil(text: str) -> str:
        return re.sub(r"(?m)^(    - ).*$", r"\1You have the right to remain silent.", text,
                      count=1)
    result = check(cards_with(tmp_path, spoil))
    assert result.exit_code == 1
    assert lines_with(result.output, "front.points[0]: looks untranslated")


def test_unbalanced_bidi_is_refused_with_the_other_files_checked(tmp_path):
    folder = cards_with(tmp_path, lambda t: t.replace("Conozca sus derechos",
                                                      "Conozca \u2066sus derechos", 1))
    result = check(folder)
    assert result.exit_code == 1
    assert lines_with(result.output, "es.yaml: front.title: 1 bidi isolate(s) are never "
                                     "closed (fix: delete the invisible U+2066–U+2068")


@pytest.mark.parametrize("strict", [False, True])
def test_json_has_one_record_per_problem(tmp_path, strict):
    folder = cards_with(tmp_path, lambda t: t.replace("Conozca", "Conozca \u1000", 1))
    result = check(folder, "--json", *(["--strict"] if strict else []))
    records = json.loads(result.stdout)
    assert {r["severity"] for r in records} == {"error", "warning"}
    assert all(set(r) == {"severity", "file", "field", "message", "fix"} for r in records)
    assert len(records) == 2
    assert result.exit_code == 1


def _text_placement(face) -> list[tuple]:
    """Where each text block sits and how it is broken: everything the fit decides."""
    from redcard.design.scene import TextBlock

    return [(round(block.left_mm, 6), round(block.top_mm, 6), block.layout.text,
             tuple((line.start, line.end) for line in block.layout.lines))
            for block in face.scene.find(TextBlock)]


@pytest.mark.parametrize("code", ["es", "ar", "ja", "km", "ur", "ru"])
def test_fit_does_not_depend_on_the_theme(library, registry, code):
    """`check` fits each face in one theme and reports it for all: that is right only while a
    theme changes colours, the frame and the bleed, never the size or the line breaks."""
    from redcard.design.card import CardDesigner
    from redcard.design.themes import THEMES
    from redcard.model.extras import CardExtras, HotlineLine

    card = library.card(code)
    band = CardExtras(hotline=HotlineLine(number="1-800-555-0100", name="Example hotline",
                                          hotline_id="x"))
    for size in library.catalog.cards.values():
        seen = set()
        for theme in THEMES.values():
            designer = CardDesigner(size, theme, registry)
            faces = [designer.front(card), designer.back(card)]
            if card.front.hotline_label:
                faces.append(designer.front(card, band))
            seen.add(tuple((face.body_pt, tuple(_text_placement(face))) for face in faces))
        assert len(seen) == 1, (code, size.name)


def test_a_face_that_does_not_fit_is_reported_for_every_theme(tmp_path):
    folder = cards_with(tmp_path, lambda text: re.sub(
        r"(points:\n\s+- ')", r"\1" + "palabra " * 90, text, count=1))
    result = check(folder, "--lang", "es")
    assert result.exit_code == 1
    for theme in ("red", "economy", "mono"):
        assert len(lines_with(result.output, f"(theme {theme})")) == 3, result.output
