"""`redcard order`: quantities per language on the fewest sheets, with a summary."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner
from pdfinspect import pdftotext, placements
from pypdf import PdfReader

from redcard.cli import cli


def write_order(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_order_totals_and_summary(library, tmp_path):
    order = write_order(tmp_path / "library.csv",
                        ["language,quantity,template,theme", "es,300,,", "ko,80,,", "es,5,,",
                         "fa,20,avery-5371,economy"])
    result = CliRunner().invoke(cli, ["order", str(order), "--json", "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{"):result.output.rindex("}") + 1])
    by_code = {lang["code"]: (lang["cards"], f["sheets"], f["per_sheet"], f["blanks"])
               for f in summary["files"] for lang in f["languages"]}
    assert by_code == {"es": (305, 39, 8, 7), "ko": (80, 10, 8, 0), "fa": (20, 2, 10, 0)}
    assert summary["cards"] == 405 and summary["sheets"] == 51 and summary["blanks"] == 7
    for entry in summary["files"]:
        reader = PdfReader(entry["path"])
        assert len(reader.pages) == 2 * entry["sheets"]
        placed = sum(len(placements(reader, i)) for i in range(0, len(reader.pages), 2))
        assert placed == sum(lang["cards"] for lang in entry["languages"])


def test_combined_order_shares_sheets_and_says_what_each_holds(library, tmp_path):
    order = tmp_path / "order.yaml"
    order.write_text(yaml.safe_dump({"template": "avery-5371", "cards": [
        {"language": "es", "quantity": 13}, {"language": "ko", "quantity": 7}]}))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["order", str(order), "--combined", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "total: 20 cards on 2 sheet(s), 0 blank slot(s)" in result.output
    reader = PdfReader(out / "order.pdf")
    assert len(reader.pages) == 4  # exactly full: no blank sheet
    names = [[p.name for p in placements(reader, page)] for page in range(4)]
    assert len(names[0]) == 10 and all("front-es" in n for n in names[0])
    assert sum("front-ko" in n for n in names[2]) == 7
    assert sum("back-ko" in n for n in names[3]) == 7
    text = " ".join(pdftotext(out / "order.pdf").split())
    assert "Sheet 1 of 2" in text and "Sheet 2 of 2" in text
    assert "ko " in text and "×7 (slots 4–10)" in text


def test_order_file_mistakes_are_one_line(tmp_path):
    bad = write_order(tmp_path / "bad.csv", ["language,quantity", "es,lots"])
    result = CliRunner().invoke(cli, ["order", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"redcard: error: {bad}: line 2: quantity: quantity 'lots' is not a whole number from "
        "1 to 10000 (fix: give how many cards to print, e.g. 300)")
    unknown = write_order(tmp_path / "unknown.csv", ["language,quantity", "xx,3"])
    result = CliRunner().invoke(cli, ["order", str(unknown)])
    assert result.exit_code == 2 and "unknown language 'xx'" in result.output


def test_skip_slots_with_many_languages_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--lang", "es", "--lang", "ko", "--skip-slots",
                                      "1", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "describe one partly used sheet" in result.output
    assert not list(tmp_path.iterdir())


