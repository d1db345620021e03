"""The hotline directory: data as in the research notes and the 2026-11-23 review, the
networks from AccessiTech/RedCards, validation, confidence levels, warnings with an injected
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
    CONFIDENCES,
    STALE_AFTER_DAYS,
    HotlineError,
    directory_file,
    load_directory,
)
from redcard.paths import cards_dir

REVIEW_DATE = datetime.date(2026, 11, 23)  # the review that checked the first eight entries
ACCESSITECH_DATE = datetime.date(2026, 2, 2)  # commit date of AccessiTech's regions.json
ACCESSITECH_NOTE = "from AccessiTech/RedCards regions.json (MIT licence)"
FIRST_EIGHT = ("la-county", "immdef", "orange-county", "long-beach", "inland", "san-diego",
               "la-dcba", "uscis")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_first_entries_carry_the_reviews_confidence():
    directory = load_directory()
    expected = {"la-county": ("888-624-4752", "confirmed"),
                "immdef": ("213-833-8283", "listed"),
                "orange-county": ("714-881-1558", "unconfirmed"),
                "long-beach": ("562-276-0267", "unconfirmed"),
                "inland": ("909-361-4588", "confirmed"),
                "san-diego": ("619-536-0823", "confirmed"),
                "la-dcba": ("1-800-593-8222", "listed"),
                "uscis": ("1-800-375-5283", "confirmed")}
    assert {i: (directory.get(i).number, directory.get(i).confidence)
            for i in FIRST_EIGHT} == expected
    assert directory.ids[:8] == FIRST_EIGHT
    for entry_id in FIRST_EIGHT:
        entry = directory.get(entry_id)
        assert entry.verified_on == REVIEW_DATE
        assert "Not verified by phone" in entry.notes
    assert directory.get("immdef").hours == "Mon–Fri 9am–4pm"


def test_la_line_claims_no_hours_it_has_not_confirmed():
    entry = load_directory().get("la-county")
    assert entry.hours == ""
    assert "24/7" not in entry.card_name
    assert "voicemail" in entry.notes and "NOT confirmed" in entry.notes


def test_single_listing_numbers_say_why_they_are_listed_or_unconfirmed():
    directory = load_directory()
    assert directory.get("immdef").notes.startswith("Listed, not unconfirmed:")
    assert directory.get("orange-county").notes.startswith("Unconfirmed, not listed:")
    long_beach = directory.get("long-beach")
    assert long_beach.notes.startswith("Unconfirmed:")
    assert "562-269-1083" in long_beach.source and "ÓRALE" in long_beach.notes


def test_every_entry_has_source_date_and_a_known_confidence():
    directory = load_directory()
    assert len(directory.entries) >= 25
    for entry in directory.entries:
        assert entry.source and entry.coverage and entry.name and entry.notes
        assert entry.confidence in CONFIDENCES
        assert isinstance(entry.verified_on, datetime.date)
        assert entry.verified_on <= REVIEW_DATE
        assert len(entry.card_name) <= 40


def test_accessitech_networks_are_listed_with_the_files_date_and_attribution():
    directory = load_directory()
    raw = yaml.safe_load(directory_file().read_text(encoding="utf-8"))["hotlines"]
    from_file = [e for e in raw if ACCESSITECH_NOTE.lower() in " ".join(e["notes"].split()).lower()]
    # 19 networks in regions.json; la-county, immdef, orange-county, long-beach, inland and
    # san-diego were already here and carry the attribution in their notes.
    assert len(from_file) == 19
    new = [e for e in from_file if e["id"] not in FIRST_EIGHT]
    assert len(new) == 13
    for item in new:
        entry = directory.get(item["id"])
        assert entry.purpose == "rapid-response"
        assert "github.com/AccessiTech/RedCards" in entry.source
        assert entry.verified_on == ACCESSITECH_DATE
        assert entry.confidence in CONFIDENCES
    assert sum(directory.get(e["id"]).confidence == "listed" for e in new) >= 10
    numbers = [e.number for e in directory.entries]
    assert len(numbers) == len(set(numbers)), "a number is in the directory twice"


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
    entry = directory.get("la-county")  # confirmed: only age can warn
    today = REVIEW_DATE + datetime.timedelta(days=days)
    assert entry.age_days(today) == days
    warnings = directory.warnings(entry, today)
    assert bool(warnings) == stale
    if stale:
        (warning,) = warnings
        assert warning.field == "la-county.verified_on"
        assert warning.severity == "warning"
        assert f"{days} days ago" in warning.what and "the limit is 180" in warning.what
        assert "phone the number" in warning.fix
        assert [flag for flag, _ in directory.flagged_warnings(entry, today)] == ["STALE"]


def test_listed_warns_only_when_stale():
    directory = load_directory()
    entry = directory.get("immdef")
    assert entry.confidence == "listed"
    assert directory.warnings(entry, REVIEW_DATE) == []
    (stale,) = directory.warnings(entry, REVIEW_DATE + datetime.timedelta(days=181))
    assert stale.field == "immdef.verified_on"


def test_unconfirmed_warns_whatever_the_date():
    directory = load_directory()
    for entry_id in ("orange-county", "long-beach"):
        entry = directory.get(entry_id)
        (warning,) = directory.warnings(entry, REVIEW_DATE)
        assert warning.field == f"{entry_id}.confidence" and warning.severity == "warning"
        assert f"{entry.number} is unconfirmed" in warning.what
        assert "confirm the number with the network itself" in warning.fix
    flagged = directory.flagged_warnings(directory.get("orange-county"),
                                         REVIEW_DATE + datetime.timedelta(days=365))
    assert [flag for flag, _ in flagged] == ["STALE", "UNCONFIRMED"]
    assert {w.field for _, w in flagged} == {"orange-county.verified_on",
                                             "orange-county.confidence"}


def test_old_accessitech_entries_are_stale_on_the_review_date():
    directory = load_directory()
    flags = [flag for flag, _ in directory.flagged_warnings(directory.get("sacramento"),
                                                             REVIEW_DATE)]
    assert flags == ["STALE"]
    assert directory.get("sacramento").age_days(REVIEW_DATE) == 294


def test_future_date_warns():
    directory = load_directory()
    entry = directory.get("inland")
    today = REVIEW_DATE - datetime.timedelta(days=1)
    (warning,) = directory.warnings(entry, today)
    assert "in the future" in warning.what
    assert entry.age_days(today) == -1
    assert [flag for flag, _ in directory.flagged_warnings(entry, today)] == ["FUTURE"]


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
        resolve_extras(Extras(hotline="uscis"), load_directory(), REVIEW_DATE)
    assert caught.value.field == "uscis.purpose"
    assert "Report immigration enforcement" in caught.value.what


def test_custom_number_needs_a_name_and_warns():
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline_number="555-010-0199"), load_directory(), REVIEW_DATE)
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline_label="Our line"), load_directory(), REVIEW_DATE)
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline="la-county", hotline_number="555-010-0199",
                              hotline_label="Our line"), load_directory(), REVIEW_DATE)
    with pytest.raises(ExtrasError):
        resolve_extras(Extras(hotline_number="call us",
                       hotline_label="Our line"), load_directory(), REVIEW_DATE)
    resolved = resolve_extras(Extras(hotline_number="555-010-0199",
                              hotline_label="Our line"), load_directory(), REVIEW_DATE)
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
    (lambda e: e.update(confidence="high"), "la-county.confidence", "must be one of"),
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


def test_the_old_confidence_words_are_refused_with_the_new_ones_explained(tmp_path):
    path = write_directory(tmp_path, lambda e: e.update(confidence="medium"))
    with pytest.raises(HotlineError) as caught:
        load_directory(path)
    assert "confirmed, listed, unconfirmed" in caught.value.what
    assert "no longer used" in caught.value.fix
    assert "listed: a directory or third-party listing only" in caught.value.fix


def test_hotlines_command_table_and_json():
    today = datetime.date.today()
    directory = load_directory()
    result = run("hotlines")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = lines[0].split()
    assert header[:7] == ["id", "number", "purpose", "confidence", "verified", "age", "check"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == set(directory.ids)  # every entry listed
    for entry in directory.entries:
        age = entry.age_days(today)
        cells = rows[entry.id].split()
        assert cells[1:5] == [entry.number, entry.purpose, entry.confidence,
                              entry.verified_on.isoformat()]
        if age >= 0:
            assert cells[5:7] == [str(age), "day" if age == 1 else "days"]
    assert "UNCONFIRMED" in rows["orange-county"]
    assert "UNCONFIRMED" not in rows["la-county"]
    assert "STALE" in rows["coachella-valley"] and "UNCONFIRMED" in rows["coachella-valley"]
    assert "listed = a directory or third-party listing only" in result.stderr
    records = json.loads(run("hotlines", "--json").stdout)
    assert [r["id"] for r in records][:2] == ["la-county", "immdef"]
    assert len(records) == len(directory.entries)
    unconfirmed = {r["id"] for r in records if "UNCONFIRMED" in r["flags"]}
    assert unconfirmed == {e.id for e in directory.entries if e.confidence == "unconfirmed"}
    assert all(any("is unconfirmed" in w for w in r["warnings"]) for r in records
               if r["id"] in unconfirmed)
    assert records[0]["verified_on"] == "2026-11-23"
    assert records[0]["age_days"] == (today - REVIEW_DATE).days
    assert all(r["confidence"] and r["source"] and r["verified_on"] for r in records)


def test_build_prints_the_selected_hotlines_warnings(tmp_path):
    result = run("build", "--lang", "en", "--hotline", "long-beach", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "long-beach.confidence" in line]
    assert len(warnings) == 1 and warnings[0].startswith("redcard: warning:")
    assert "562-276-0267 is unconfirmed" in warnings[0]
    assert list(tmp_path.glob("*.pdf"))  # the card is still built, number and all
    clean = run("build", "--lang", "en", "--hotline", "la-county", "--out", str(tmp_path))
    assert clean.exit_code == 0
    assert "is unconfirmed" not in clean.output


def test_check_reports_the_chosen_hotlines_warnings_with_an_injected_date(registry):
    _, problems = check_cards(cards_dir(), registry, ("en",), hotline="la-county",
                              today=REVIEW_DATE + datetime.timedelta(days=200))
    stale = [p for p in problems if p.field == "la-county.verified_on"]
    assert len(stale) == 1 and stale[0].severity == "warning"
    _, fresh = check_cards(cards_dir(), registry, ("en",), hotline="la-county",
                           today=REVIEW_DATE)
    assert not [p for p in fresh if "la-county" in (p.field or "")]
    result = run("check", "--lang", "en", "--hotline", "orange-county")
    assert result.exit_code == 0
    assert "orange-county.confidence: 714-881-1558 is unconfirmed" in result.output
