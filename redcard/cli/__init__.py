"""Command line: parses arguments, calls the library, prints results. Nothing else.

The commands live in `cli.printing` (build, order, digital, calibrate, preview) and
`cli.info` (templates, printer, hotlines, list, check, fonts); every library error becomes one
line on stderr and exit status 2 (`common.UserError`)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..model.config import CONFIG_NAME, find_config, read_config
from . import fit, info, printing, web
from .common import RedcardGroup, config_default_map


@click.group(cls=RedcardGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help=f"Project defaults (default: ./{CONFIG_NAME} if present). "
              "Options given on the command line win.")
@click.version_option(__version__, prog_name="redcard")
@click.pass_context
def cli(context: click.Context, config_path: Path | None) -> None:
    """Print-ready PDF sheets of know-your-rights red cards, in many languages.

    \b
    Examples:
      redcard build                       every language, Letter paper, into ./redcards/
      redcard build --lang es --lang ko --paper a4 --theme economy
      redcard templates
      redcard build --lang ko --template avery-5371 --start-slot 3
      redcard order library-order.yaml --combined
      redcard calibrate
      redcard build --hotline la-county --org "Example Legal Aid" --qr https://example.org
      redcard digital --lang es           phone-sized PNGs of the front and back
      redcard digital --lang es --format lockscreen
      redcard sign --lang es --paper a4   a large-print door sign
      redcard site --out site --hotline la-county
      redcard hotlines
      redcard list
      redcard check --lang fa
      redcard fit --card id1 --hotline la-county
      redcard fonts verify
    """
    path = find_config(config_path, Path.cwd())
    if path is not None:
        context.default_map = config_default_map(context.command, read_config(path), context)


for command in (printing.build, printing.order, info.templates, printing.calibrate,
                info.printer_group, printing.digital, printing.preview_command,
                printing.review_command, web.site_command, web.sign_command,
                info.hotlines_command, info.list_languages, info.check, fit.fit_command,
                info.fonts):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="redcard")
