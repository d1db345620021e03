"""What every command shares: how problems are shown, tables, option types, the options of
commands that print, and `redcard.yaml` as option defaults."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import fields
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from ..design.themes import THEMES
from ..errors import Notice, RedcardError
from ..geometry.imposition import DUPLEX_MODES, MARK_STYLES
from ..geometry.sizes import load_sizes
from ..model.config import Config, ConfigError
from ..model.extras import Extras
from ..model.settings import PrintSettings
from ..textsafety import checked_text, shorten
from .group import USER_ERROR, RedcardGroup, UsageLine, UserError, flag  # noqa: F401 (shared)

MAX_CONFIG_TEXT = 1000  # a value in redcard.yaml; the option's own check says what fits
SIZES = load_sizes()  # for the choices --paper and --card offer
def warn(notices: tuple[Notice, ...] | list[Notice]) -> None:
    for notice in notices:
        click.echo(f"redcard: warning: {notice.one_line(flag)}", err=True)


def _width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Cf")
               else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell + " " * (width - _width(cell))
                             for cell, width in zip(row, widths)).rstrip())


class Pair(click.ParamType):
    """X,Y in millimetres (or one number for both, where that makes sense)."""

    name = "X,Y"

    def __init__(self, allow_single: bool = False) -> None:
        self.allow_single = allow_single

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        parts = [p.strip() for p in str(value).split(",")]
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) == 1 and self.allow_single:
            numbers *= 2
        if len(numbers) != 2:
            self.fail(f"{shorten(value)} is not two numbers like 1.5,-0.5", param, ctx)
        return (numbers[0], numbers[1])


class SlotList(click.ParamType):
    name = "N,N,..."

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            return tuple(int(p) for p in str(value).replace(" ", "").split(",") if p)
        except ValueError:
            self.fail(f"{shorten(value)} is not slot numbers like 1,2,5", param, ctx)


def options(*decorators):
    """Several click options as one decorator, in the order given."""
    def apply(command):
        for decorator in reversed(decorators):
            command = decorator(command)
        return command
    return apply


cards_option = click.option(
    "--cards", "cards", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder of card YAML files (default: the cards shipped with redcard).")
lang_option = click.option("--lang", "langs", multiple=True, metavar="CODE",
                           help="Language code (repeatable); default: every language.")
THEME_HELP = ("red = full red with bleed; economy = white card with red frame; mono = black "
              "on white with black frame, for laser printers and photocopiers.")
CARD_HELP = ("id1 = 85.60 × 53.98 mm (credit card); business = 3.5 × 2 in; eu = 85 × 54 mm.")

extras_options = options(
    click.option("--hotline", metavar="ID", default="",
                 help="Print this directory hotline on the front (see `redcard hotlines`); "
                 "`none` for no hotline."),
    click.option("--hotline-number", metavar="NUMBER", default="",
                 help="Print your own number on the front instead (needs --hotline-label)."),
    click.option("--hotline-label", metavar="NAME", default="",
                 help="Name printed under --hotline-number, as given (at most 40 characters); "
                 "the words before the number stay in each card's language."),
    click.option("--org", metavar="NAME", default="",
                 help="Organisation name, printed on the back."),
    click.option("--logo", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="Logo on the back: PNG, JPEG or SVG."),
    click.option("--qr", metavar="URL", default="",
                 help="QR code of this address on the back, the address printed beneath."))

sheet_options = options(
    click.option("--template", default=None, metavar="NAME",
                 help="Paper or card stock, from `redcard templates` [default: letter]."),
    click.option("--paper", type=click.Choice(sorted(SIZES.papers)), default=None,
                 help="Plain paper; the same as --template letter|a4|legal."),
    click.option("--card", type=click.Choice(sorted(SIZES.cards)), default=None,
                 help=CARD_HELP + " Default: the template's own (id1 on paper)."),
    click.option("--theme", type=click.Choice(sorted(THEMES)), default="red",
                 show_default=True, help=THEME_HELP),
    click.option("--duplex", type=click.Choice(DUPLEX_MODES), default="long",
                 show_default=True,
                 help="How the printer flips the sheet; backs are placed to match."),
    click.option("--marks", type=click.Choice(MARK_STYLES), default=None,
                 help="ticks: crop marks on all four sides; lines: ticks and full-length cut "
                      "lines; none. Default: the template's (none on perforated stock)."),
    click.option("--start-slot", type=click.IntRange(min=1), default=1, show_default=True,
                 help="First free slot on a partly used sheet (left to right, top to "
                      "bottom)."),
    click.option("--skip-slots", type=SlotList(), default="",
                 help="Slots already used on the first sheet, e.g. 1,2,5."),
    click.option("--printer", default=None, metavar="NAME",
                 help="Apply a saved printer profile (see `redcard printer`)."),
    click.option("--offset-front", type=Pair(), default=None,
                 help="Shift fronts by X,Y mm (right, up); overrides the profile."),
    click.option("--offset-back", type=Pair(), default=None,
                 help="Shift backs by X,Y mm (right, up as the back is seen)."),
    click.option("--scale", type=Pair(allow_single=True), default=None,
                 help="Scale correction S or SX,SY (e.g. 1.004); overrides the profile."))


def print_settings(template: str | None, paper: str | None, copies: int | None = None,
                   **sheet: Any) -> PrintSettings:
    """The sheet options as the library's settings (--paper is --template by another name)."""
    if template and paper and template != paper:
        raise RedcardError(f"--paper {paper} and --template {template} disagree",
                           setting="paper", fix="give only --template")
    return PrintSettings(template=template or paper or "letter", copies=copies, **sheet)


EXTRAS_FIELDS = tuple(f.name for f in fields(Extras))


def extras_request(context: click.Context, values: dict[str, Any]) -> Extras:
    """The extras typed on the command line laid over those from `redcard.yaml`."""
    if values.get("logo") is not None and str(values["logo"]) in ("", "."):
        values = {**values, "logo": None}  # --logo "" turns a configured logo off

    def source(name: str) -> ParameterSource | None:
        return context.get_parameter_source(name)

    typed = frozenset(name for name in EXTRAS_FIELDS
                      if source(name) == ParameterSource.COMMANDLINE)
    configured = Extras(**{name: values[name] for name in EXTRAS_FIELDS
                           if source(name) == ParameterSource.DEFAULT_MAP})
    return Extras(**{name: values[name] for name in EXTRAS_FIELDS}).over(configured, typed)


# Commands whose options a project config file may set. Keys must be an option of one of
# them; each command takes the keys it has. `check` also takes the ones it shares (--hotline,
# --lang, --cards), so it checks what the organisation builds.
CONFIG_COMMANDS = ("build", "digital", "order")
CONFIG_ALSO = ("check",)


def config_default_map(group: click.Group, config: Config,
                       context: click.Context) -> dict[str, dict[str, Any]]:
    """`redcard.yaml` as click's defaults for each command, values converted by the
    options' own types, so `--help` shows them and the command line wins."""
    by_key: dict[str, list[tuple[str, click.Option]]] = {}
    for name in CONFIG_COMMANDS + CONFIG_ALSO:
        command = group.get_command(context, name)
        for param in command.params if command else ():
            if isinstance(param, click.Option) and param.name and not param.is_eager:
                for opt in param.opts:
                    if opt.startswith("--"):
                        by_key.setdefault(opt[2:], []).append((name, param))
    valid = sorted(key for key, users in by_key.items()
                   if any(name in CONFIG_COMMANDS for name, _ in users))
    default_map: dict[str, dict[str, Any]] = {}
    for key, value in config.values.items():
        if key not in valid:
            close = difflib.get_close_matches(key, valid, n=1)
            raise ConfigError("is not an option redcard knows", file=str(config.path),
                              field=key, fix=(f"did you mean {close[0]}? " if close else "")
                              + "the options are those of `redcard build --help`, "
                              "`digital --help` and `order --help`")
        if value is None:
            continue
        for name, param in by_key[key]:
            default_map.setdefault(name, {})[param.name] = \
                _config_value(config, key, value, param, context)
    return default_map


def _config_value(config: Config, key: str, value: Any, param: click.Option,
                  context: click.Context) -> Any:
    values = value if isinstance(value, list) else [value]
    if not param.multiple and isinstance(value, list):
        raise ConfigError("takes one value, not a list", file=str(config.path), field=key,
                          fix=f"write `{key}: VALUE`")
    converted = []
    for item in values:
        if isinstance(item, (dict, list)):
            raise ConfigError("must be a single value", file=str(config.path), field=key,
                              fix=f"see `redcard build --help` for --{key}")
        if isinstance(param.type, click.types.IntParamType) and \
                (isinstance(item, bool) or not isinstance(item, (int, str))):
            raise ConfigError(f"must be a whole number, not {shorten(item)}",
                              file=str(config.path), field=key, fix=f"write `{key}: 40`")
        if isinstance(item, str):
            item = checked_text(item, max_chars=MAX_CONFIG_TEXT, file=str(config.path),
                                field=key, error=ConfigError)
        try:
            if isinstance(param.type, click.Path) and item != "":
                item = str(config.resolve(str(item)))
            converted.append(param.type.convert(item, param, context))
        except ValueError:  # e.g. a number too long to turn into text
            raise ConfigError(f"{shorten(item)} cannot be used here", file=str(config.path),
                              field=key, fix=f"see `redcard build --help` for --{key}") \
                from None
        except click.BadParameter as error:
            raise ConfigError(error.format_message(), file=str(config.path), field=key,
                              fix=f"see `redcard build --help` for --{key}") from None
    return tuple(converted) if param.multiple else converted[0]
