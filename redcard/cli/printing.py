"""The commands that make files: build, order, digital, calibrate, preview."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..design.lockscreen import SCREENS
from ..design.themes import THEMES
from ..errors import RedcardError
from ..files import OutputBatch
from ..library import Deck, Library
from ..limits import MAX_CARDS_PER_FILE
from ..model.content import CardContent
from ..model.orders import load_order
from .common import (
    CARD_HELP,
    SIZES,
    THEME_HELP,
    cards_option,
    extras_options,
    extras_request,
    lang_option,
    print_settings,
    sheet_options,
    table,
    warn,
)

if TYPE_CHECKING:
    from ..printing import Printout

out_dir_option = click.option("--out", "out_dir", type=click.Path(file_okay=False,
                                                                  path_type=Path),
                              default=Path("redcards"), show_default=True)


def _deck(context: click.Context, langs: tuple[str, ...], cards: Path | None,
          extras: dict) -> Deck:
    """The cards asked for with the extras, the extras' warnings shown first."""
    library = Library(cards_dir=cards)
    request = extras_request(context, extras)
    resolved = library.extras(request)
    warn(resolved.warnings)
    return library.deck(list(langs) or None, extras=resolved.extras)


def _report(path: Path, printout: Printout, index: int, total: int) -> None:
    held = ", ".join(f"{lang.code} ×{lang.cards}" for lang in printout.languages)
    click.echo(f"[{index}/{total}] {path} — {held} on {printout.sheets} sheet(s) of "
               f"{printout.per_sheet} ({printout.template}), {printout.blanks} blank slot(s), "
               f"text {printout.body_pt:g} pt")


def _warn_drafts(cards: tuple[CardContent, ...] | list[CardContent]) -> None:
    for card in cards:
        click.echo(f"redcard: warning: {card.code} ({card.name}) is an unreviewed draft "
                   "translation; have a qualified translator review "
                   f"{card.source_file} before handing these cards out", err=True)


def _extras(values: dict) -> tuple[dict, dict]:
    """The extras options apart from the rest."""
    names = ("hotline", "hotline_number", "hotline_label", "org", "logo", "qr")
    return ({name: values.pop(name) for name in names}, values)


@click.command()
@lang_option
@sheet_options
@click.option("--copies", type=click.IntRange(min=1, max=MAX_CARDS_PER_FILE), default=None,
              help="Cards per language (default: one full sheet).")
@out_dir_option
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Build N languages at once, in N processes (default: one per processor); "
                   "the files are the same bytes either way.")
@extras_options
@cards_option
@click.pass_context
def build(context: click.Context, langs: tuple[str, ...], out_dir: Path, cards: Path | None,
          jobs: int | None, **values) -> None:
    """Build PDF sheets, one file per language.

    \b
    Examples:
      redcard build
      redcard build --lang es --copies 40 --paper a4 --out /tmp/cards
      redcard build --lang ko --template avery-5371 --start-slot 4
      redcard build --lang es --template print-shop
      redcard build --printer office
      redcard build --hotline la-county --org "Example Legal Aid" --logo logo.png \\
                    --qr https://example.org/rights
      redcard build --theme mono --hotline-number 555-010-0199 --hotline-label "Our line"
      redcard build --jobs 1                  one language at a time
    """
    extras, sheet = _extras(values)
    deck = _deck(context, langs, cards, extras)
    settings = print_settings(**sheet)
    with OutputBatch() as batch:  # every language's PDF, or none
        for index, (code, printout) in enumerate(deck.each(settings, jobs=jobs), start=1):
            _report(printout.write(out_dir / f"{code}.pdf", batch), printout, index,
                    len(deck.entries))
            _warn_drafts([deck.library.cards.cards[code] for code in printout.drafts])


@click.command()
@click.argument("order_file", type=click.Path(dir_okay=False, path_type=Path))
@sheet_options
@click.option("--combined", is_flag=True,
              help="One PDF for the whole order (per template and theme), languages sharing "
                   "sheets; default: one PDF per language.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@out_dir_option
@extras_options
@cards_option
@click.pass_context
def order(context: click.Context, order_file: Path, combined: bool, as_json: bool,
          out_dir: Path, cards: Path | None, **values) -> None:
    """Print an order: quantities per language (YAML or CSV) on the fewest sheets.

    \b
    ORDER_FILE (YAML):            or (CSV):
      template: letter              language,quantity,template,theme
      theme: red                    es,300,,
      cards:                        ko,80,avery-5371,
        - {language: es, quantity: 300}
        - {language: ko, quantity: 80, template: avery-5371}

    \b
    Examples:
      redcard order library-order.yaml
      redcard order library-order.csv --combined --out print/
      redcard order order.yaml --combined --start-slot 3 --json
    """
    extras, sheet = _extras(values)
    library = Library(cards_dir=cards)
    resolved = library.extras(extras_request(context, extras))
    warn(resolved.warnings)
    files = library.order(load_order(order_file), print_settings(**sheet),
                          extras=resolved.extras, combined=combined, name=order_file.stem)
    printouts = [file.impose() for file in files]  # a card that does not fit stops it here
    results: list[tuple[Path, Printout]] = []
    with OutputBatch() as batch:  # every file of the order, or none
        for index, (file, printout) in enumerate(zip(files, printouts), start=1):
            results.append((printout.write(out_dir / file.name, batch), printout))
            if not as_json:
                _report(*results[-1], index, len(files))
    drafts = sorted({code for _, printout in results for code in printout.drafts})
    if as_json:
        click.echo(json.dumps({
            "files": [{"path": str(path), "template": r.template, "sheets": r.sheets,
                       "per_sheet": r.per_sheet, "blanks": r.blanks,
                       "languages": [{"code": lang.code, "cards": lang.cards,
                                      "sheets": lang.sheets} for lang in r.languages]}
                      for path, r in results],
            "sheets": sum(r.sheets for _, r in results),
            "cards": sum(r.cards for _, r in results),
            "blanks": sum(r.blanks for _, r in results),
            "drafts": drafts}, ensure_ascii=False, indent=1))
    else:
        rows = [("language", "template", "cards", "sheets", "file")]
        for path, result in results:
            for lang in result.languages:
                rows.append((lang.code, result.template, str(lang.cards), str(lang.sheets),
                             str(path)))
        click.echo("")
        table(rows)
        click.echo(f"total: {sum(r.cards for _, r in results)} cards on "
                   f"{sum(r.sheets for _, r in results)} sheet(s), "
                   f"{sum(r.blanks for _, r in results)} blank slot(s)")
    _warn_drafts([library.cards.cards[code] for code in drafts])


@click.command()
@lang_option
@click.option("--format", "fmt", type=click.Choice(("png", "pdf", "lockscreen")),
              default="png", show_default=True, help="png = front and back images; pdf = one "
              "card, page 1 front, page 2 back, page = the card; lockscreen = phone "
              "lock-screen images of the front and the English back (see --size).")
@click.option("--width", "width_px", type=click.IntRange(min=200, max=8000), default=1080,
              show_default=True, help="PNG width in pixels.")
@click.option("--size", "screens", multiple=True, type=click.Choice(sorted(SCREENS)),
              help="With --format lockscreen: the screen in pixels (repeatable) "
              "[default: every size].")
@click.option("--card", type=click.Choice(sorted(SIZES.cards)), default="id1",
              show_default=True, help=CARD_HELP)
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="red",
              show_default=True, help=THEME_HELP)
@out_dir_option
@extras_options
@cards_option
@click.pass_context
def digital(context: click.Context, langs: tuple[str, ...], fmt: str, width_px: int,
            screens: tuple[str, ...], card: str, theme: str, out_dir: Path,
            cards: Path | None, **extras) -> None:
    """Digital cards to keep on a phone or send by message: <code>-front.png and
    <code>-back.png, or <code>-card.pdf. Drawn exactly as the printed card.

    \b
    Examples:
      redcard digital --lang es
      redcard digital --lang ar --hotline la-county --width 1440
      redcard digital --lang zh-Hans --format pdf --out /tmp/cards
      redcard digital --lang es --format lockscreen --size 1170x2532 --hotline la-county
    """
    deck = _deck(context, langs, cards, extras)
    if fmt == "lockscreen":
        shots = list(deck.lock_screens(screens or tuple(SCREENS), theme))
        with OutputBatch() as batch:  # every image, or none
            for index, shot in enumerate(shots, start=1):
                click.echo(f"[{index}/{len(shots)}] {shot.save(out_dir, batch)} — text "
                           f"{shot.body_pt:g} pt")
        _warn_drafts(deck.drafts)
        return
    made = list(deck.digital(card, theme))  # every card designed before any is written
    with OutputBatch() as batch:  # every language's files, or none
        for index, digital_card in enumerate(made, start=1):
            paths = digital_card.save(out_dir, fmt, width_px, batch)
            click.echo(f"[{index}/{len(deck.entries)}] {digital_card.code}: "
                       f"{', '.join(str(p) for p in paths)} — text {digital_card.body_pt:g} pt")
            if digital_card.is_draft:
                _warn_drafts([deck.entries[index - 1][0]])


@click.command()
@click.option("--paper", type=click.Choice(sorted(SIZES.papers)), default="letter",
              show_default=True)
@click.option("--duplex", type=click.Choice(("long", "short")), default="long",
              show_default=True)
@click.option("--printer", default=None, metavar="NAME",
              help="Apply this saved profile, to check it: rulers then measure 100 mm and "
                   "every reading is 0.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("redcards"),
              show_default=True,
              help="Folder for calibration-PAPER-DUPLEX.pdf, as for build (a path ending in "
                   ".pdf is written as that file).")
def calibrate(paper: str, duplex: str, printer: str | None, out: Path) -> None:
    """Print a calibration sheet: 100 mm rulers and front/back registration targets.

    \b
    Examples:
      redcard calibrate --paper a4                 # → redcards/calibration-a4-long.pdf
      redcard printer set office --ruler-mm 99.6,100.2 --front-measured 25.4,24.8 \\
          --back-reading 1.5,-0.5
      redcard calibrate --printer office
    """
    out_path = _calibration_path(out, paper, duplex, printer)
    Library().calibration(paper, duplex, printer).write(out_path)
    click.echo(f"{out_path}: print it two-sided at 100 %, flip on {duplex} edge, and follow "
               "the steps on the page")


def _calibration_path(out: Path, paper: str, duplex: str, printer: str | None) -> Path:
    """--out is a folder, as for build; a path ending in .pdf is the file itself, as before;
    an existing file of another name is refused, not overwritten."""
    if out.suffix.lower() != ".pdf":
        if out.exists() and not out.is_dir():
            raise RedcardError(f"{out} is a file, and --out takes a folder", setting="out",
                               fix=f"give a folder, or a file name ending in .pdf such as "
                                   f"{out}.pdf")
        name = "-".join(["calibration", paper, duplex]
                        + ([re.sub(r"[^A-Za-z0-9_-]+", "_", printer)] if printer else []))
        return out / f"{name}.pdf"
    return out


@click.command(name="preview")
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dpi", type=click.FloatRange(min=20, max=1200), default=100, show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the PNGs (default: the PDF's folder).")
def preview_command(pdf: Path, dpi: float, out_dir: Path | None) -> None:
    """Render every page of a PDF to <name>-<page>.png, to look at a build before printing.

    \b
    Examples:
      redcard preview redcards/es.pdf
      redcard preview redcards/ar.pdf --dpi 200 --out /tmp/look
    """
    from ..render.raster import preview

    for path in preview(pdf, out_dir if out_dir is not None else pdf.parent, dpi):
        click.echo(str(path))


@click.command(name="review")
@click.option("--lang", "code", required=True, metavar="CODE", help="The language to review.")
@click.option("--approve", "approving", is_flag=True,
              help="Record a qualified reviewer's approval in the card file instead.")
@click.option("--reviewer", default=None, metavar="NAME",
              help="With --approve: who reviewed it (name, and qualification if you like).")
@click.option("--version", "version", default=None, metavar="HASH",
              help="With --approve: the card version the packet showed; refused if the text "
                   "changed since.")
@click.option("--paper", type=click.Choice(sorted(SIZES.papers)), default="letter",
              show_default=True)
@out_dir_option
@cards_option
def review_command(code: str, approving: bool, reviewer: str | None, version: str | None,
                   paper: str, out_dir: Path, cards: Path | None) -> None:
    """A review packet for a qualified translator (<code>-review.pdf to read and sign,
    <code>-review.docx to write corrections in), or, with --approve, their sign-off recorded
    in the card file: the card then prints without the draft mark.

    \b
    Examples:
      redcard review --lang es
      redcard review --approve --lang es --reviewer "Ana Ruiz, ATA-certified" --version 0b2b3a84
    """
    library = Library(cards_dir=cards)
    if approving:
        if not reviewer:
            raise click.UsageError("--approve needs --reviewer NAME")
        path = library.approve(code, reviewer, version=version)
        click.echo(f"{path}: approved by {reviewer}; status reviewed")
        return
    pdf, docx = library.review_packet(code, paper).write(out_dir, code)
    click.echo(f"{pdf}\n{docx}")
