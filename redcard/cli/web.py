"""The commands for phones, doors and the web: site and sign (digital's lock screens are in
cli.printing with the other digital images)."""

from __future__ import annotations

from pathlib import Path

import click

from ..files import OutputBatch
from ..library import Library
from ..sign import SIGN_PAPERS, door_sign
from ..site import build_site
from .common import cards_option, extras_options, lang_option
from .printing import _deck, _warn_drafts


@click.command(name="site")
@lang_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("site"), show_default=True)
@click.option("--site-url", default="", metavar="URL",
              help="Where the site will be published: each printed card's QR code is then "
                   "the address of its own page there.")
@extras_options
@cards_option
@click.pass_context
def site_command(context: click.Context, langs: tuple[str, ...], out_dir: Path,
                 site_url: str, cards: Path | None, **extras) -> None:
    """A static card site that works offline: index.html lists every language by its own
    name; each <code>/index.html has the card as text, its images, lock-screen images,
    printable sheets (Letter, A4, Avery 5371), the door sign and any recording. No request
    leaves the folder: open index.html, or publish the folder as it is.

    \b
    Examples:
      redcard site --out site --hotline la-county
      redcard site --out public --hotline la-county --org "Example Legal Aid" \\
                   --site-url https://example.org/cards
      redcard site --lang es --lang ar --out /tmp/site
    """
    deck = _deck(context, langs, cards, extras)
    site = build_site(deck, out_dir, site_url)
    click.echo(f"{site.index}: {len(site.pages)} language page(s), {site.file_count} files")
    _warn_drafts(deck.drafts)


@click.command(name="sign")
@lang_option
@click.option("--paper", type=click.Choice(SIGN_PAPERS), default="letter", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("redcards"), show_default=True)
@extras_options
@cards_option
@click.pass_context
def sign_command(context: click.Context, langs: tuple[str, ...], paper: str, out_dir: Path,
                 cards: Path | None, **extras) -> None:
    """A large-print door sign, <code>-door-sign-<paper>.pdf: the card's front in the
    holder's language above the English back, for the inside of the front door or window.

    \b
    Examples:
      redcard sign --lang es --paper a4
      redcard sign --lang ar --hotline la-county --out /tmp/signs
    """
    deck = _deck(context, langs, cards, extras)
    library: Library = deck.library
    page = library.catalog.sizes.paper(paper)
    signs = [door_sign(card, page, deck.extras, library.fonts) for card, _ in deck.entries]
    with OutputBatch() as batch:  # every sign, or none
        for index, sign in enumerate(signs, start=1):
            path = sign.write(out_dir / sign.file_name, batch)
            click.echo(f"[{index}/{len(signs)}] {path} — text {sign.body_pt:g} pt")
    _warn_drafts(deck.drafts)
