"""`redcard fit`: body and title sizes, lines and orphans per language and card size."""

from __future__ import annotations

import datetime
import json
import sys

import click

from ..library import Library
from .common import cards_option, table


@click.command("fit")
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Only these languages (repeatable).")
@click.option("--card", "card_names", multiple=True, metavar="SIZE",
              help="Only these card sizes (repeatable): id1, business, eu, …")
@click.option("--hotline", metavar="ID", default="",
              help="Fronts with this directory hotline's band (see `redcard hotlines`).")
@click.option("--json", "as_json", is_flag=True, help="One JSON record per side.")
@cards_option
def fit_command(langs: tuple[str, ...], card_names: tuple[str, ...], hotline: str,
                as_json: bool, cards) -> None:
    """Show how each card's text fits: body and title size (pt), the body's font, lines,
    orphans (a short last word alone on its line) and uneven line spacing.

    Exit status 1 when a side does not fit at all.

    \b
    Examples:
      redcard fit --card id1 --hotline la-county
      redcard fit --lang ru --json
    """
    library = Library(cards_dir=cards)
    report = library.fit(langs or None, card_names, hotline, datetime.date.today())
    if as_json:
        click.echo(json.dumps([line.as_dict() for line in report], ensure_ascii=False,
                              indent=1))
    else:
        rows = [("lang", "card", "side", "body", "title", "×", "font", "lines", "orphans")]
        for line in report:
            if line.error:
                rows.append((line.language, line.card, line.side, "—", "—", "", line.error,
                             "", ""))
                continue
            rows.append((line.language, line.card, line.side,
                         f"{line.body_pt:.1f}" + ("" if line.legible else " (small)"),
                         f"{line.title_pt:.1f}", f"{line.title_ratio:.2f}", line.font,
                         str(line.lines), " | ".join(line.orphans)))
        table(rows)
    sys.exit(1 if any(line.error for line in report) else 0)
