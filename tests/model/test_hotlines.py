"""The hotline directory: data as in the research notes, validation, warnings with an injected
date, and the commands that show them."""

from __future__ import annotations

import datetime
import json
from fnmatch import fnmatch

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from redcard import Extras
from redcard.check import check_cards
from redcard.cli import cli
from redcard.model.extras import ExtrasError, resolve_extras
from redcard.model.hotlines import (
    STALE_AFTER_DAYS,
    HotlineError,
    directory_file,
    load_directory,
)
from redcard.paths import cards_dir

NOTES_DATE = datetime.date(2026, 11, 22)  # when the research notes came into the project


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_directory_holds_the_research_notes_with_their_confidence():
    directory = load_directory()
    expected = {"la-county": ("888-624-4752", "high"), "immdef": ("213-833-8283", "medium"),
                "orange-county": ("714-881-1558", "low"),
                "long-beach": ("562-276-0267", "low"), "inland": ("909-361-4588", "medium"),
                "san-diego": ("619-536-0823", "medium"),
                "la-dcba": ("1-800-593-8222", "medium"), "uscis": ("1-800-375-5283", "medium")}
    assert {e.id: (e.number, e.confidence) for e in directory.entries} == expected
    for entry in directory.entries:
        assert entry.verified_on == NOTES_DATE
        assert "not verified by phone" in entry.notes
        assert entry.source and entry.coverage and entry.name
    assert directory.get("immdef").hours == "Mon–Fri 9am–4pm"


def test_directory_and_every_data_file_ship_in_the_package():
    """Found next to the code, and every file in redcard/data matches the package data that
    pyproject.toml ships, so an installed wheel finds them too."""
    path = directory_file()
    assert path.parent.name == "data" and path.parent.parent.name == "redcard"
    assert path.is_file()
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["redcard.data"]
    files = [p.relative_to(path.parent).as_posix() for p in path.parent.rglob("*.yaml")]
    assert len(files) > 10
    assert all(any(fnmatch(f, pattern) and f.count("/") == pattern.count("/")
                   for pattern in patterns) for f in files), files


@pytest.mark.parametrize("days, stale", [(0, False), (STALE_AFTER_DAYS, False),
                                         (STALE_AFTER_DAYS + 1, True), (400, True)])
def test_stale_after_180_days(days, stale):
    directory = load_directory()
    entry = directory.get("la-county")  # high confidence: only age can warn
    warnings = directory.warnings(entry, NOTES_DATE + datetime.timedelta(days=days))
    assert bool(warnings) == stale
    if stale:
        (warning,) = warnings
        assert warning.field == "la-county.verified_on"
        assert f"{days} days ago" in warning.what
        assert "phone the number" in warning.fix


def test_low_confidence_warns_whatever_the_date():
    directory = load_directory()
    for entry_id in ("orange-county", "long-beach"):
        (warning,) = directory.warnings(directory.get(entry_id), NOTES_DATE)
        assert warning.field == f"{entry_id}.confidence"
        assert "low confidence" in warning.what
    both = directory.warnings(directory.get("orange-county"),
                              NOTES_DATE + datetime.timedelta(days=365))
    assert {w.field for w in both} == {"orange-county.verified_on", "orange-county.confidence"}


def test_future_date_warns():
    entry = load_directory().get("inland")
    (warning,) = load_directory().warnings(entry, NOTES_DATE - datetime.timedelta(days=1))
    assert "in the future" in warning.what


def test_unknown_id_is_a_clear_error_listing_ids():
    with pytest.raises(HotlineError) as caught:
        load_directory().get("nowhere")
    assert caught.value.setting == "hotline"
    assert "la-county, immdef, orange-county" in caught.value.fix
    result = run("build", "--lang", "en", "--hotline", "nowhere", "--out", "/nonexistent/x")
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("redcard: error: --hotline: unknown hotline 'nowhere'")
    assert "la-county" in line and "Traceback" not in result.output


def test_non_rapid_response_lines_are_refused_for_cards():
    with pytest.raises(HotlineError) as caught:
        resolve_extras(Extras(hotline="uscis"), load_directory(), NOTES_DATE)
    assert caught.value.field == "uscis.purpose"
    assert "Report immigration enforcement" in caught.value.what


def test_custom_number_needs_a_name_and_warns():
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline_number="555-010-0199"), load_directory(), NOTES_DATE)
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline_label="Our line"), load_directory(), NOTES_DATE)
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline="la-county", hotline_number="555-010-0199",
                              hotline_label="Our line"), load_directory(), NOTES_DATE)
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline_number="call us",
                       hotline_label="Our line"), load_directory(), NOTES_DATE)
    resolved = resolve_extras(Extras(hotline_number="555-010-0199",
                              hotline_label="Our line"), load_directory(), NOTES_DATE)
    assert resolved.extras.hotline.number == "555-010-0199"
    assert resolved.extras.hotline.name == "Our line"
    (warning,) = resolved.warnings
    assert "not in the hotline directory" in warning.what


def write_directory(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(directory_file().read_text(encoding="utf-8"))
    edit(data["hotlines"][0])
    path = tmp_path / "hotlines.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("edit, field, words", [
    (lambda e: e.pop("source"), "la-county.source", "is missing"),
    (lambda e: e.update(confidence="certain"), "la-county.confidence", "must be one of"),
    (lambda e: e.update(verified_on="last spring"), "la-county.verified_on", "not a date"),
    (lambda e: e.update(number="call CHIRLA"), "la-county.number", "not a phone number"),
    (lambda e: e.update(colour="red"), "la-county.colour", "not a known field"),
    (lambda e: e.update(short_name="x" * 50), "la-county.short_name", "at most 40"),
])
def test_malformed_entries_name_file_field_and_fix(tmp_path, edit, field, words):
    path = write_directory(tmp_path, edit)
    with pytest.raises(HotlineError) as caught:
        load_directory(path)
    assert caught.value.file == str(path)
    assert caught.value.field == field
    assert words in caught.value.what and caught.value.fix


def test_hotlines_command_table_and_json():
    result = run("hotlines")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "number", "purpose"]
    (orange,) = [line for line in lines if line.startswith("orange-county")]
    assert "714-881-1558" in orange and "LOW" in orange
    records = json.loads(run("hotlines", "--json").stdout)
    assert [r["id"] for r in records][:2] == ["la-county", "immdef"]
    low = {r["id"] for r in records if any("low confidence" in w for w in r["warnings"])}
    assert low == {"orange-county", "long-beach"}
    assert records[0]["verified_on"] == "2026-11-22"


def test_build_prints_the_selected_hotlines_warnings(tmp_path):
    result = run("build", "--lang", "en", "--hotline", "long-beach", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "long-beach" in line]
    assert len(warnings) == 1 and warnings[0].startswith("redcard: warning:")
    assert "low confidence in 562-276-0267" in warnings[0]
    clean = run("build", "--lang", "en", "--hotline", "la-county", "--out", str(tmp_path))
    assert "redcard: warning" not in clean.output


def test_check_reports_the_chosen_hotlines_warnings_with_an_injected_date(registry):
    _, problems = check_cards(cards_dir(), registry, ("en",), hotline="la-county",
                              today=NOTES_DATE + datetime.timedelta(days=200))
    stale = [p for p in problems if p.field == "la-county.verified_on"]
    assert len(stale) == 1 and stale[0].severity == "warning"
    _, fresh = check_cards(cards_dir(), registry, ("en",), hotline="la-county",
                           today=NOTES_DATE)
    assert not [p for p in fresh if "la-county" in p.field]
    result = run("check", "--lang", "en", "--hotline", "orange-county")
    assert result.exit_code == 0
    assert "orange-county.confidence: low confidence" in result.output
