"""Command line: parses arguments, calls the library, prints results. Nothing else.

The commands live in `cli.printing` (build, order, digital, calibrate, preview, review) and
`cli.info` (templates, printer, hotlines, list, check, fonts), `cli.web` (site, sign) and
`cli.fit`, imported when used
(`group.COMMANDS`); every library error becomes one line on stderr and exit status 2
(`group.UserError`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..collector import for_the_command_line
from .group import LazyGroup

CONFIG_NAME = "redcard.yaml"  # the same as model.config's (a test compares them)


def _show_version(context: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or context.resilient_parsing:
        return
    from .. import __version__

    click.echo(f"redcard, version {__version__}")
    context.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help=f"Project defaults (default: ./{CONFIG_NAME} if present). "
              "Options given on the command line win.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help="Show the version and exit.")
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
    from ..model.config import find_config, read_config
    from .common import config_default_map

    path = find_config(config_path, Path.cwd())
    if path is not None:
        context.default_map = config_default_map(context.command, read_config(path), context)


def main() -> None:
    for_the_command_line()  # see redcard.collector
    cli(prog_name="redcard")
