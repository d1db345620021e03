"""The command line: clear one-line errors, exit statuses, nothing half-written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from redcard.cli import cli
from redcard.paths import cards_dir


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def copy_cards(tmp_path: Path, codes: tuple[str, ...] = ("en", "es")) -> Path:
    folder = tmp_path / "cards"
    folder.mkdir()
    for code in codes:
        shutil.copy(cards_dir() / f"{code}.yaml", folder)
    return folder


def test_build_two_languages_and_warn_about_drafts(tmp_path):
    out = tmp_path / "out"
    result = run("build", "--lang", "en", "--lang", "es", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "en.pdf").is_file() and (out / "es.pdf").is_file()
    assert "es (Spanish) is an unreviewed draft translation" in result.output
    assert "[2/2] " in result.output and "es.pdf — es ×" in result.output


def test_unknown_language_is_one_line_exit_2_no_file(tmp_path):
    out = tmp_path / "out"
    result = run("build", "--lang", "xx", "--out", str(out))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("redcard: error: --lang: unknown language 'xx'")
    assert "use one of:" in lines[0]
    assert not out.exists() or not any(out.iterdir())


def test_malformed_yaml_is_one_line_exit_2_no_file(tmp_path):
    folder = copy_cards(tmp_path)
    (folder / "es.yaml").write_text("code: es\nfront: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--cards", str(folder), "--out", str(out))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "es.yaml" in lines[0] and "is not valid YAML" in lines[0] and "fix:" in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_missing_field_names_file_field_and_fix(tmp_path):
    folder = copy_cards(tmp_path)
    text = re.sub(r"(?m)^endonym:.*\n", "", (folder / "es.yaml").read_text(encoding="utf-8"))
    (folder / "es.yaml").write_text(text, encoding="utf-8")
    result = run("list", "--cards", str(folder))
    assert result.exit_code == 2
    assert "es.yaml: endonym: is missing (fix: add endonym:" in result.output


def test_failed_build_keeps_previous_pdf_and_leaves_no_temp_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("build", "--lang", "en", "--out", str(out)).exit_code == 0
    before = (out / "en.pdf").read_bytes()

    def explode(*args, **kwargs):
        raise KeyboardInterrupt  # an interrupted build, half-way through writing
    monkeypatch.setattr("redcard.printing.write_pdf", explode)
    result = run("build", "--lang", "en", "--out", str(out), "--theme", "economy")
    assert result.exit_code != 0
    assert (out / "en.pdf").read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["en.pdf"]


def test_list_shows_status(tmp_path):
    result = run("list")
    assert result.exit_code == 0
    assert "zh-Hant" in result.output and "draft" in result.output and "source" in result.output


def test_version_and_help():
    assert run("--version").output.startswith("redcard, version")
    assert "Examples:" in run("build", "--help").output


def test_fit_reports_sizes_lines_and_orphans_as_json():
    import json

    from redcard import CardExtras, Library
    from redcard.design.card import CardDesigner
    from redcard.design.themes import THEMES
    from redcard.model.extras import hotline_line
    result = run("fit", "--lang", "ru", "--lang", "zh-Hans", "--card", "id1", "--card",
                 "business", "--hotline", "la-county", "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert {(r["language"], r["card"], r["side"]) for r in records} == {
        (code, card, side) for code in ("ru", "zh-Hans") for card in ("id1", "business")
        for side in ("front", "back")}
    library = Library()
    band = CardExtras(hotline=hotline_line(library.hotlines.get("la-county")))
    for record in records:
        designer = CardDesigner(library.catalog.cards[record["card"]], THEMES["red"],
                                library.fonts)
        card = library.card(record["language"])
        face = designer.front(card, band) if record["side"] == "front" else designer.back(card)
        assert record["body_pt"] == face.body_pt
        assert record["lines"] == sum(len(b.layout.lines) for b in face.fitted)
        assert record["title_ratio"] >= 1.39 and record["orphans"] == []
        assert record["hotline"] == (record["side"] == "front")
    table = run("fit", "--lang", "ru", "--card", "id1")
    assert table.exit_code == 0 and "NotoSans" in table.output and "ru" in table.output


def test_fit_refuses_an_unknown_card_size():
    result = run("fit", "--card", "postcard")
    assert result.exit_code == 2
    assert "unknown card size 'postcard'" in result.output
