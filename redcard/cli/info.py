"""The commands that list and check: templates, printer, hotlines, list, check, fonts."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import click

from ..library import Library
from ..model.printers import (
    PrinterProfile,
    load_profiles,
    profiles_path,
    remove_profile,
    save_profile,
)
from .common import Pair, cards_option, flag, table


@click.command()
def templates() -> None:
    """List the paper and card-stock templates for --template.

    \b
    Examples:
      redcard templates
      redcard build --template c32011 --lang fr
    """
    found = Library().catalog.templates
    rows = [("name", "kind", "card", "cards/sheet", "marks", "description")]
    for template in found.values():
        card = template.card.name if template.card else "any"
        per = str(template.slots) if template.slots else "computed"
        rows.append((template.name, template.kind, card, per, template.marks, template.title))
    table(rows)
    click.echo("Equivalent stocks: " + "; ".join(
        f"{t.name} = {', '.join(t.equivalents)}" for t in found.values() if t.equivalents))


@click.group(name="printer", invoke_without_command=True)
@click.pass_context
def printer_group(context: click.Context) -> None:
    """Printer profiles: measured offsets and scale, applied with --printer NAME.

    \b
    Examples:
      redcard printer
      redcard printer set office --offset-back 1.5,-0.5 --scale 1.002
      redcard printer remove office
    """
    if context.invoked_subcommand is not None:
        return
    profiles = load_profiles()
    if not profiles:
        click.echo(f"no printer profiles yet ({profiles_path()}); make one with "
                   "`redcard calibrate`, then `redcard printer set NAME ...`")
        return
    rows = [("name", "front offset mm", "back offset mm", "scale x", "scale y")]
    for p in profiles.values():
        rows.append((p.name, f"{p.front_offset_mm[0]:+g},{p.front_offset_mm[1]:+g}",
                     f"{p.back_offset_mm[0]:+g},{p.back_offset_mm[1]:+g}", f"{p.scale_x:g}",
                     f"{p.scale_y:g}"))
    table(rows)
    click.echo(f"(saved in {profiles_path()})")


@printer_group.command(name="set")
@click.argument("name")
@click.option("--ruler-mm", type=Pair(), default=None,
              help="What the horizontal and vertical 100 mm rulers measured.")
@click.option("--front-measured", type=Pair(), default=None,
              help="Target A's centre to the left and to the top paper edge, in mm.")
@click.option("--back-reading", type=Pair(), default=None,
              help="Where target A shows through on the back's scales (x,y).")
@click.option("--duplex", type=click.Choice(("long", "short")), default="long",
              show_default=True, help="The flip edge the calibration sheet was printed with.")
@click.option("--offset-front", type=Pair(), default=None,
              help="Or give the corrections directly: fronts shift X,Y mm.")
@click.option("--offset-back", type=Pair(), default=None, help="Backs shift X,Y mm.")
@click.option("--scale", type=Pair(allow_single=True), default=None,
              help="Scale correction S or SX,SY.")
def printer_set(name: str, ruler_mm, front_measured, back_reading, duplex: str, offset_front,
                offset_back, scale) -> None:
    """Save (or replace) printer profile NAME from calibration readings or direct values."""
    from ..design.calibration import measurements_to_profile

    measured = measurements_to_profile(
        name, duplex=duplex, ruler_mm=ruler_mm or (100.0, 100.0),
        front_measured_mm=front_measured, back_reading_mm=back_reading or (0.0, 0.0))
    profile = PrinterProfile(
        name, offset_front or measured.front_offset_mm, offset_back or measured.back_offset_mm,
        *(scale or (measured.scale_x, measured.scale_y)))
    path = save_profile(profile)
    click.echo(f"saved {name}: fronts shift {profile.front_offset_mm[0]:+g},"
               f"{profile.front_offset_mm[1]:+g} mm, backs shift "
               f"{profile.back_offset_mm[0]:+g},{profile.back_offset_mm[1]:+g} mm, scale "
               f"{profile.scale_x:g} x {profile.scale_y:g} ({path})")


@printer_group.command(name="remove")
@click.argument("name")
def printer_remove(name: str) -> None:
    """Delete printer profile NAME."""
    click.echo(f"removed {name} from {remove_profile(name)}")


@click.command(name="hotlines")
@click.option("--json", "as_json", is_flag=True, help="All fields and warnings as JSON.")
def hotlines_command(as_json: bool) -> None:
    """List the hotline directory: numbers that --hotline can print, with source, date
    verified, age (days since verified) and confidence. Warnings mark numbers to check by
    phone before printing: STALE (verified too long ago), UNCONFIRMED (conflicting sources
    or a single old or unclear one), FUTURE (verified_on after today).

    \b
    Examples:
      redcard hotlines
      redcard hotlines --json
    """
    from ..model.hotlines import CONFIDENCE_MEANINGS, STALE_AFTER_DAYS

    directory = Library().hotlines
    today = datetime.date.today()
    if as_json:
        records = []
        for entry in directory.entries:
            record = {field: getattr(entry, field) for field in entry.__dataclass_fields__}
            record["verified_on"] = entry.verified_on.isoformat()
            record["age_days"] = entry.age_days(today)
            record["card_name"] = entry.card_name
            flagged = directory.flagged_warnings(entry, today)
            record["flags"] = [flag for flag, _ in flagged]
            record["warnings"] = [w.one_line() for _, w in flagged]
            records.append(record)
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    rows = [("id", "number", "purpose", "confidence", "verified", "age", "check", "name",
             "coverage")]
    for entry in directory.entries:
        flags = [flag for flag, _ in directory.flagged_warnings(entry, today)]
        age = entry.age_days(today)
        rows.append((entry.id, entry.number, entry.purpose, entry.confidence,
                     entry.verified_on.isoformat(),
                     f"{age} day{'' if age == 1 else 's'}" if age >= 0 else "future",
                     ",".join(flags) or "ok",
                     entry.name + (f" ({entry.hours})" if entry.hours else ""),
                     entry.coverage))
    table(rows)
    click.echo(f"{directory.file}: {len(directory.entries)} entries. Confidence: "
               + "; ".join(f"{level} = {meaning}" for level, meaning
                           in CONFIDENCE_MEANINGS.items())
               + f". STALE = verified more than {STALE_AFTER_DAYS} days ago. Verify a number "
               "by phone before a print run, then update its verified_on.", err=True)


@click.command(name="list")
@cards_option
def list_languages(cards: Path | None) -> None:
    """List the languages with their script and translation status."""
    found = Library.load(cards=cards).cards
    rows = [("code", "name", "endonym", "script", "dir", "status")]
    for card in found.cards.values():
        status = card.translation.status + (" (stale)" if found.is_stale(card) else "")
        rows.append((card.code, card.name, card.endonym, card.script, card.direction, status))
    table(rows)
    click.echo(f"English source hash (source_hash for new translations): {found.source_hash}")


@click.command()
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Check only these languages (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON record per problem.")
@click.option("--strict", is_flag=True, help="Treat warnings (drafts, stale) as errors.")
@click.option("--hotline", metavar="ID", default="",
              help="Check the fit with this directory hotline and report its warnings "
              "(default: the largest band any directory entry makes, without warnings).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Check N languages at once, in N processes (default: one per "
                   "processor); the report is the same either way.")
@cards_option
def check(langs: tuple[str, ...], as_json: bool, strict: bool, hotline: str,
          jobs: int | None, cards: Path | None) -> None:
    """Check card files: schema, glyph coverage, fit on every card size and theme (also with
    a hotline band), stale and draft translations, leftover English, unbalanced bidi
    controls.

    Exit status: 0 when there are no errors (warnings allowed unless --strict), 1 when there
    are problems, 2 when the check itself cannot run.

    \b
    Examples:
      redcard check
      redcard check --lang fa --strict
      redcard check --json > problems.json
      redcard check --hotline la-county
      redcard check --jobs 1
    """
    from ..check import check_cards

    found, problems = check_cards(cards, codes=langs, today=datetime.date.today(),
                                  hotline="" if hotline == "none" else hotline, jobs=jobs)
    failing = [p for p in problems if p.severity == "error" or strict]
    if as_json:
        click.echo(json.dumps([p.as_dict(flag) for p in problems], ensure_ascii=False,
                              indent=1))
    else:
        for problem in problems:
            click.echo(f"{problem.severity}: {problem.one_line(flag)}",
                       err=problem.severity == "error")
        checked = len(langs) if langs else len(found.cards)
        errors = sum(p.severity == "error" for p in problems)
        click.echo(f"checked {checked} language(s): {errors} error(s), "
                   f"{len(problems) - errors} warning(s)", err=True)
    sys.exit(1 if failing else 0)


@click.group(invoke_without_command=True)
@click.pass_context
def fonts(context: click.Context) -> None:
    """List the vendored fonts with their licence, scripts and languages.

    \b
    Examples:
      redcard fonts
      redcard fonts verify
    """
    if context.invoked_subcommand is not None:
        return
    rows = [("file", "weight", "scripts", "languages", "licence", "source")]
    for entry in Library().fonts.entries:
        rows.append((entry.file, entry.weight, " ".join(entry.scripts),
                     " ".join(entry.languages) + (" (fallback)" if entry.fallback else ""),
                     entry.licence, entry.source_package))
    table(rows)


@fonts.command()
def verify() -> None:
    """Check every font file against the sha256 in fonts/manifest.yaml."""
    registry = Library().fonts
    problems = registry.verify()
    for problem in problems:
        click.echo(f"redcard: error: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{len(registry.entries)} font files match the manifest")
