"""Command line: parses arguments, calls the library, prints results. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import BuildOptions, build_card
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
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    click.echo(f"English source hash (source_hash for new translations): {library.source_hash}")


def main() -> None:
    cli(prog_name="redcard")
