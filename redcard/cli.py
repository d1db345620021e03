"""Command line: parses arguments, calls the library, prints results. Nothing else."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import click

from . import __version__
from .build import BuildOptions, build_card
from .check import check_cards
from .content import CardLibrary, load_library
from .errors import RedcardError
from .face import THEMES
from .fonts import default_registry
from .imposition import CARD_SIZES, DUPLEX_MODES, PAPERS
from .paths import cards_dir

USER_ERROR = 2


def _fail(error: RedcardError) -> None:
    click.echo(f"redcard: error: {error.one_line()}", err=True)
    sys.exit(USER_ERROR)


def _width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell + " " * (width - _width(cell))
                             for cell, width in zip(row, widths)).rstrip())


def _library(cards: Path | None) -> CardLibrary:
    return load_library(cards or cards_dir())


cards_option = click.option(
    "--cards", "cards", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder of card YAML files (default: the cards shipped with redcard).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redcard")
def cli() -> None:
    """Print-ready PDF sheets of know-your-rights red cards, in many languages.

    \b
    Examples:
      redcard build                       every language, Letter paper, into ./redcards/
      redcard build --lang es --lang ko --paper a4 --theme economy
      redcard list
      redcard check --lang fa
      redcard fonts verify
    """


@cli.command()
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Language code (repeatable); default: every language.")
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default="letter", show_default=True)
@click.option("--card", type=click.Choice(sorted(CARD_SIZES)), default="id1", show_default=True,
              help="id1 = 85.60 × 53.98 mm (credit card); business = 3.5 × 2 in.")
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="red", show_default=True,
              help="red = full red with bleed; economy = white card with red frame.")
@click.option("--duplex", type=click.Choice(DUPLEX_MODES), default="long", show_default=True,
              help="How the printer flips the sheet; backs are placed to match.")
@click.option("--copies", type=click.IntRange(min=1), default=None,
              help="Cards per language (default: one full sheet).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("redcards"), show_default=True)
@cards_option
def build(langs: tuple[str, ...], paper: str, card: str, theme: str, duplex: str,
          copies: int | None, out_dir: Path, cards: Path | None) -> None:
    """Build PDF sheets, one file per language.

    \b
    Examples:
      redcard build
      redcard build --lang es --copies 40 --paper a4 --out /tmp/cards
    """
    try:
        library = _library(cards)
        selected = library.select(list(langs)) if langs else list(library.cards.values())
        options = BuildOptions(paper=paper, card=card, theme=theme, duplex=duplex,
                               copies=copies)
        registry = default_registry()
        for index, content in enumerate(selected, start=1):
            result = build_card(content, options, out_dir, registry)
            click.echo(f"[{index}/{len(selected)}] {result.code}: {result.path} — "
                       f"{result.cards} cards on {result.sheets} sheet(s) of "
                       f"{result.per_sheet}, text {result.body_pt:g} pt")
            if result.is_draft:
                click.echo(f"redcard: warning: {content.code} ({content.name}) is an "
                           "unreviewed draft translation; have a qualified translator review "
                           f"{content.source_file} before handing these cards out", err=True)
    except RedcardError as error:
        _fail(error)


@cli.command(name="list")
@cards_option
def list_languages(cards: Path | None) -> None:
    """List the languages with their script and translation status."""
    try:
        library = _library(cards)
    except RedcardError as error:
        _fail(error)
    rows = [("code", "name", "endonym", "script", "dir", "status")]
    for card in library.cards.values():
        status = card.translation.status + (" (stale)" if library.is_stale(card) else "")
        rows.append((card.code, card.name, card.endonym, card.script, card.direction, status))
    _table(rows)
    click.echo(f"English source hash (source_hash for new translations): {library.source_hash}")


@cli.command()
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Check only these languages (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON record per problem.")
@click.option("--strict", is_flag=True, help="Treat warnings (drafts, stale) as errors.")
@cards_option
def check(langs: tuple[str, ...], as_json: bool, strict: bool, cards: Path | None) -> None:
    """Check card files: schema, glyph coverage, fit on every card size and theme, stale and
    draft translations, leftover English, unbalanced bidi controls.

    Exit status: 0 when there are no errors (warnings allowed unless --strict), 1 when there
    are problems, 2 when the check itself cannot run.

    \b
    Examples:
      redcard check
      redcard check --lang fa --strict
      redcard check --json > problems.json
    """
    try:
        library, problems = check_cards(cards or cards_dir(), default_registry(), langs)
    except RedcardError as error:
        _fail(error)
    failing = [p for p in problems if p.severity == "error" or strict]
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1))
    else:
        for problem in problems:
            click.echo(problem.one_line(), err=problem.severity == "error")
        checked = len(langs) if langs else len(library.cards)
        errors = sum(p.severity == "error" for p in problems)
        click.echo(f"checked {checked} language(s): {errors} error(s), "
                   f"{len(problems) - errors} warning(s)", err=True)
    sys.exit(1 if failing else 0)


@cli.group(invoke_without_command=True)
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
    registry = default_registry()
    rows = [("file", "weight", "scripts", "languages", "licence", "source")]
    for entry in registry.entries:
        rows.append((entry.file, entry.weight, " ".join(entry.scripts),
                     " ".join(entry.languages) + (" (fallback)" if entry.fallback else ""),
                     entry.licence, entry.source_package))
    _table(rows)


@fonts.command()
def verify() -> None:
    """Check every font file against the sha256 in fonts/manifest.yaml."""
    registry = default_registry()
    problems = registry.verify()
    for problem in problems:
        click.echo(f"redcard: error: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{len(registry.entries)} font files match the manifest")


def main() -> None:
    cli(prog_name="redcard")
