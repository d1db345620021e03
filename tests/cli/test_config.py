"""Project config (redcard.yaml / --config): defaults applied, command line wins,
unknown keys and bad values are one-line errors naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfinspect import pdftotext
from pypdf import PdfReader

from redcard.cli import cli

ORG = "Example Legal Aid"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def text(path: Path) -> str:
    return " ".join(pdftotext(path).split())


@pytest.fixture
def project(tmp_path, monkeypatch, logo_png) -> Path:
    """A project folder holding redcard.yaml and a logo, as the working directory."""
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(logo_png.read_bytes())
    (tmp_path / "redcard.yaml").write_text(
        "# our defaults\n"
        "hotline: la-county\n"
        f"org: {ORG}\n"
        "logo: art/logo.png\n"
        "qr: https://example.org/rights\n"
        "theme: mono\n"
        "lang: [es]\n"
        "copies: 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_from_redcard_yaml_in_the_working_directory(project):
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "[1/1] redcards/es.pdf — es ×2" in result.output  # lang and copies from the file
    path = project / "redcards" / "es.pdf"
    reader = PdfReader(path)
    assert "theme mono" in reader.metadata.subject and "2 wallet cards" in reader.metadata.subject
    extracted = text(path)
    assert "888-624-4752" in extracted and ORG in extracted and "example.org/" in extracted


def test_command_line_overrides_the_file(project):
    result = run("build", "--theme", "economy", "--lang", "en", "--hotline", "none",
                 "--org", "", "--out", "elsewhere")
    assert result.exit_code == 0, result.output
    path = project / "elsewhere" / "en.pdf"
    assert "theme economy" in PdfReader(path).metadata.subject
    extracted = text(path)
    assert "888-624-4752" not in extracted and ORG not in extracted
    assert "example.org/" in extracted  # not overridden: still from the file


def test_hotline_number_on_the_command_line_replaces_the_files_hotline(project):
    result = run("build", "--hotline-number", "555-010-0199", "--hotline-label", "Our line")
    assert result.exit_code == 0, result.output
    extracted = text(project / "redcards" / "es.pdf")
    assert "555-010-0199" in extracted and "888-624-4752" not in extracted


def test_config_option_relative_paths_resolve_against_the_files_folder(project, tmp_path_factory,
                                                                       monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    (project / "redcard.yaml").write_text("logo: art/logo.png\nout: built\nlang: en\n",
                                          encoding="utf-8")
    result = run("--config", str(project / "redcard.yaml"), "build")
    assert result.exit_code == 0, result.output
    assert (project / "built" / "en.pdf").is_file()  # out: relative to the file too
    assert not (elsewhere / "redcards").exists()


def test_unknown_key_is_one_line_naming_file_key_and_valid_keys(project):
    (project / "redcard.yaml").write_text("theme: mono\ncolour: red\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"redcard: error: {project / 'redcard.yaml'}: colour: ")
    assert "did you mean" not in line and "redcard build --help" in line
    (project / "redcard.yaml").write_text("hotlines: la-county\n", encoding="utf-8")
    assert "did you mean hotline?" in run("build").output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content, key, words", [
    ("theme: purple\n", "theme", "'purple' is not one of"),
    ("copies: [1, 2]\n", "copies", "takes one value"),
    ("copies: 0\n", "copies", "0"),
    ("- theme\n", None, "must be a mapping"),
    ("theme: [unclosed\n", "line", "not valid YAML"),
])
def test_bad_values_are_one_line_errors(project, content, key, words):
    (project / "redcard.yaml").write_text(content, encoding="utf-8")
    result = run("build")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "redcard.yaml" in line and words in line
    if key:
        assert f": {key}" in line


def test_missing_config_file_is_an_error(tmp_path):
    result = run("--config", str(tmp_path / "nope.yaml"), "list")
    assert result.exit_code == 2
    assert "nope.yaml: --config: no such file" in result.output


def test_help_shows_the_files_defaults(project):
    result = run("build", "--help")
    assert result.exit_code == 0
    assert "[default: mono]" in result.output


def test_config_sets_template_and_printer_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("REDCARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    assert run("printer", "set", "office", "--offset-back", "1,0").exit_code == 0
    (tmp_path / "redcard.yaml").write_text("template: avery-5371\nprinter: office\n"
                                           "lang: [es]\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "es ×10 on 1 sheet(s) of 10 (avery-5371)" in result.output
