"""`redcard build --jobs N`: languages built in parallel processes give the very bytes of a
build one language at a time; a card that does not fit stops the run before any file, with
the message a serial build gives."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from redcard.cli import cli
from redcard.library import Library, default_jobs
from redcard.model.settings import PrintSettings
from redcard.paths import cards_dir

LANGS = ("es", "ar", "ja", "km", "ur", "he", "hi")


def _build(out: Path, *args: str):
    return CliRunner().invoke(cli, ["build", "--out", str(out), "--hotline", "la-county",
                                    *(a for code in LANGS for a in ("--lang", code)), *args])


def test_parallel_build_gives_the_serial_bytes(tmp_path):
    serial, parallel = _build(tmp_path / "one", "--jobs", "1"), \
        _build(tmp_path / "two", "--jobs", "2")
    assert serial.exit_code == 0 and parallel.exit_code == 0, serial.output + parallel.output
    assert serial.output.replace("/one/", "/") == parallel.output.replace("/two/", "/")
    for code in LANGS:
        one = (tmp_path / "one" / f"{code}.pdf").read_bytes()
        assert one == (tmp_path / "two" / f"{code}.pdf").read_bytes(), code


def test_library_each_in_workers_yields_in_order(library):
    deck = library.deck(["es", "ko", "fa"])
    settings = PrintSettings(copies=3)
    serial = [(code, p.pdf_bytes(), p.sheets, p.body_pt) for code, p in deck.each(settings)]
    parallel = [(code, p.pdf_bytes(), p.sheets, p.body_pt)
                for code, p in deck.each(settings, jobs=3)]
    assert serial == parallel
    assert default_jobs() >= 1


def test_a_card_that_does_not_fit_stops_a_parallel_build_before_any_file(tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in ("en", "es", "fr", "de" if (cards_dir() / "de.yaml").exists() else "pt"):
        shutil.copy(cards_dir() / f"{name}.yaml", folder)
    path = folder / "fr.yaml"
    path.write_text(re.sub(r"(points:\n\s+- ')", r"\1" + "mot " * 150,
                           path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(cli, ["build", "--cards", str(folder), "--out", str(out),
                                          "--jobs", jobs])
        assert result.exit_code == 2, result.output
        assert not out.exists() or not list(out.iterdir())
        outputs.append(result.output.replace(str(out), "OUT"))
    assert outputs[0] == outputs[1]
    assert "fr.yaml" in outputs[0]
    Library(cards_dir=folder)  # the folder itself is fine to load


def test_parallel_check_reports_what_a_serial_check_does(tmp_path):
    """A folder with a card that fails (too long for every size) among good ones: the same
    errors and warnings, in the same order, from two processes as from one."""
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in ("en", "es", "fr", "ar", "ja"):
        shutil.copy(cards_dir() / f"{name}.yaml", folder)
    path = folder / "fr.yaml"
    path.write_text(re.sub(r"(points:\n\s+- ')", r"\1" + "mot " * 150,
                           path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    runs = [CliRunner().invoke(cli, ["check", "--cards", str(folder), "--json",
                                     "--jobs", jobs]) for jobs in ("1", "2")]
    assert runs[0].exit_code == runs[1].exit_code == 1, runs[0].output
    assert runs[0].output == runs[1].output
    assert "fr.yaml" in runs[0].output and '"severity": "error"' in runs[0].output
