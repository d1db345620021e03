"""Command line: parses arguments, calls the library, prints results. Nothing else."""

from __future__ import annotations

import datetime
import json
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from . import __version__
from .build import BuildOptions, BuildResult, build_card
from .calibrate import measurements_to_profile, plan_calibration
from .check import check_cards
from .config import CONFIG_NAME, Config, ConfigError, find_config, read_config
from .content import CardLibrary, load_library
from .digital import FORMATS, build_digital, preview
from .errors import RedcardError
from .extras import ResolvedExtras, resolve_extras
from .face import THEMES
from .fonts import default_registry
from .hotlines import HotlineWarning, load_directory
from .imposition import CARD_SIZES, DUPLEX_MODES, MARK_STYLES, PAPERS
from .orders import group_order, load_order, run_order
from .paths import cards_dir
from .pdf import PageCorrection, write_drawing
from .printers import (
    PrinterProfile,
    get_profile,
    load_profiles,
    profiles_path,
    remove_profile,
    save_profile,
    validate,
)
from .template import load_templates

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

THEME_HELP = ("red = full red with bleed; economy = white card with red frame; mono = black "
              "on white with black frame, for laser printers and photocopiers.")


def extras_options(command):
    """The organisation's additions, shared by build and digital."""
    options = [
        click.option("--hotline", metavar="ID", default="",
                     help="Print this directory hotline on the front (see `redcard "
                     "hotlines`); `none` for no hotline."),
        click.option("--hotline-number", metavar="NUMBER", default="",
                     help="Print your own number on the front instead (needs "
                     "--hotline-label)."),
        click.option("--hotline-label", metavar="NAME", default="",
                     help="Name printed under --hotline-number, as given (at most 40 "
                     "characters); the words before the number stay in each card's "
                     "language."),
        click.option("--org", metavar="NAME", default="",
                     help="Organisation name, printed on the back."),
        click.option("--logo", type=click.Path(dir_okay=False, path_type=Path),
                     default=None, help="Logo on the back: PNG, JPEG or SVG."),
        click.option("--qr", metavar="URL", default="",
                     help="QR code of this address on the back, the address printed "
                     "beneath."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# Commands whose options a project config file may set. Keys must be an option of one of
# them; each command takes the keys it has. `check` also takes the ones it shares (--hotline,
# --lang, --cards), so it checks what the organisation builds.
CONFIG_COMMANDS = ("build", "digital", "order")
CONFIG_ALSO = ("check",)


def _config_default_map(group: click.Group, config: Config,
                        context: click.Context) -> dict[str, dict[str, Any]]:
    by_key: dict[str, list[tuple[str, click.Option]]] = {}
    for name in CONFIG_COMMANDS + CONFIG_ALSO:
        command = group.commands.get(name)
        if command is None:
            continue
        for param in command.params:
            if not isinstance(param, click.Option) or param.name is None or \
                    param.is_eager:
                continue
            for opt in param.opts:
                if opt.startswith("--"):
                    by_key.setdefault(opt[2:], []).append((name, param))
    valid = sorted(key for key, users in by_key.items()
                   if any(name in CONFIG_COMMANDS for name, _ in users))
    default_map: dict[str, dict[str, Any]] = {}
    for key, value in config.values.items():
        if key not in valid:
            raise ConfigError("is not an option redcard knows", file=str(config.path),
                              field=key, fix=f"use one of: {', '.join(valid)}")
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
        if isinstance(param.type, click.Path) and item != "":
            item = str(config.resolve(str(item)))
        try:
            converted.append(param.type.convert(item, param, context))
        except click.BadParameter as error:
            raise ConfigError(error.format_message(), file=str(config.path), field=key,
                              fix=f"see `redcard build --help` for --{key}") from None
    return tuple(converted) if param.multiple else converted[0]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
      redcard hotlines
      redcard list
      redcard check --lang fa
      redcard fonts verify
    """
    try:
        path = find_config(config_path, Path.cwd())
        if path is not None:
            context.default_map = _config_default_map(context.command, read_config(path),
                                                      context)
    except RedcardError as error:
        _fail(error)


def _from_config(context: click.Context, name: str) -> bool:
    return context.get_parameter_source(name) == ParameterSource.DEFAULT_MAP


def _resolve_extras(context: click.Context, hotline: str, hotline_number: str,
                    hotline_label: str, org: str, logo: Path | None,
                    qr: str) -> ResolvedExtras:
    """The extras, where the command line beats the config: a --hotline typed on the command
    line replaces a config's hotline-number, and the other way round."""
    if logo is not None and str(logo) in ("", "."):
        logo = None  # --logo "" turns a configured logo off
    if hotline and hotline_number:
        if _from_config(context, "hotline") and not _from_config(context, "hotline_number"):
            hotline = ""
        elif _from_config(context, "hotline_number") and not _from_config(context, "hotline"):
            hotline_number = hotline_label = ""
    return resolve_extras(load_directory(), datetime.date.today(), hotline=hotline,
                          hotline_number=hotline_number, hotline_label=hotline_label,
                          org=org, logo=logo, qr=qr)


def _warn(warnings: tuple[HotlineWarning, ...]) -> None:
    for warning in warnings:
        click.echo(f"redcard: warning: {warning.one_line()}", err=True)


class _Pair(click.ParamType):
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
            self.fail(f"{value!r} is not two numbers like 1.5,-0.5", param, ctx)
        return (numbers[0], numbers[1])


class _SlotList(click.ParamType):
    name = "N,N,..."

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            return tuple(int(p) for p in str(value).replace(" ", "").split(",") if p)
        except ValueError:
            self.fail(f"{value!r} is not slot numbers like 1,2,5", param, ctx)


def _sheet_options(command):
    """Options every command that prints sheets shares (build, order)."""
    options = [
        click.option("--template", default=None, metavar="NAME",
                     help="Paper or card stock, from `redcard templates` [default: letter]."),
        click.option("--paper", type=click.Choice(sorted(PAPERS)), default=None,
                     help="Plain paper; the same as --template letter|a4|legal."),
        click.option("--card", type=click.Choice(sorted(CARD_SIZES)), default=None,
                     help="id1 = 85.60 × 53.98 mm (credit card); business = 3.5 × 2 in; "
                          "eu = 85 × 54 mm. Default: the template's own (id1 on paper)."),
        click.option("--theme", type=click.Choice(sorted(THEMES)), default="red",
                     show_default=True,
                     help=THEME_HELP),
        click.option("--duplex", type=click.Choice(DUPLEX_MODES), default="long",
                     show_default=True,
                     help="How the printer flips the sheet; backs are placed to match."),
        click.option("--marks", type=click.Choice(MARK_STYLES), default=None,
                     help="ticks: crop marks on all four sides; lines: ticks and full-length "
                          "cut lines; none. Default: the template's (none on perforated "
                          "stock)."),
        click.option("--start-slot", type=click.IntRange(min=1), default=1, show_default=True,
                     help="First free slot on a partly used sheet (left to right, top to "
                          "bottom)."),
        click.option("--skip-slots", type=_SlotList(), default="",
                     help="Slots already used on the first sheet, e.g. 1,2,5."),
        click.option("--printer", default=None, metavar="NAME",
                     help="Apply a saved printer profile (see `redcard printer`)."),
        click.option("--offset-front", type=_Pair(), default=None,
                     help="Shift fronts by X,Y mm (right, up); overrides the profile."),
        click.option("--offset-back", type=_Pair(), default=None,
                     help="Shift backs by X,Y mm (right, up as the back is seen)."),
        click.option("--scale", type=_Pair(allow_single=True), default=None,
                     help="Scale correction S or SX,SY (e.g. 1.004); overrides the profile."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _build_options(template: str | None, paper: str | None, card: str | None, theme: str,
                   duplex: str, marks: str | None, start_slot: int,
                   skip_slots: tuple[int, ...], printer: str | None,
                   offset_front: tuple[float, float] | None,
                   offset_back: tuple[float, float] | None,
                   scale: tuple[float, float] | None, copies: int | None = None) -> BuildOptions:
    if template and paper and template != paper:
        raise RedcardError(f"--paper {paper} and --template {template} disagree",
                           field="--paper", fix="give only --template")
    profile = get_profile(printer) if printer else PrinterProfile("command line")
    profile = validate(PrinterProfile(
        profile.name, offset_front or profile.front_offset_mm,
        offset_back or profile.back_offset_mm, *(scale or (profile.scale_x, profile.scale_y))))
    return BuildOptions(template=template or paper or "letter", card=card, theme=theme,
                        duplex=duplex, marks=marks, copies=copies, start_slot=start_slot,
                        skip_slots=skip_slots, correction=profile.correction())


def _report(result: BuildResult, index: int, total: int) -> None:
    held = ", ".join(f"{lang.code} ×{lang.cards}" for lang in result.languages)
    click.echo(f"[{index}/{total}] {result.path} — {held} on {result.sheets} sheet(s) of "
               f"{result.per_sheet} ({result.template}), {result.blanks} blank slot(s), "
               f"text {result.body_pt:g} pt")


def _warn_drafts(codes: tuple[str, ...], library: CardLibrary) -> None:
    for code in codes:
        card = library.cards[code]
        click.echo(f"redcard: warning: {code} ({card.name}) is an unreviewed draft "
                   "translation; have a qualified translator review "
                   f"{card.source_file} before handing these cards out", err=True)


@cli.command()
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Language code (repeatable); default: every language.")
@_sheet_options
@click.option("--copies", type=click.IntRange(min=1), default=None,
              help="Cards per language (default: one full sheet).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("redcards"), show_default=True)
@extras_options
@cards_option
@click.pass_context
def build(context: click.Context, langs: tuple[str, ...], copies: int | None, out_dir: Path,
          hotline: str, hotline_number: str, hotline_label: str, org: str, logo: Path | None,
          qr: str, cards: Path | None, **sheet) -> None:
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
    """
    try:
        extras = _resolve_extras(context, hotline, hotline_number, hotline_label, org, logo,
                                 qr)
        _warn(extras.warnings)
        options = replace(_build_options(copies=copies, **sheet), extras=extras.extras)
        library = _library(cards)
        selected = library.select(list(langs)) if langs else list(library.cards.values())
        if (options.start_slot != 1 or options.skip_slots) and len(selected) > 1:
            raise RedcardError("--start-slot/--skip-slots describe one partly used sheet, "
                               f"but {len(selected)} languages make {len(selected)} PDFs",
                               field="--lang", fix="give one --lang, or use `redcard order "
                               "--combined`")
        registry = default_registry()
        for index, content in enumerate(selected, start=1):
            result = build_card(content, options, out_dir, registry)
            _report(result, index, len(selected))
            _warn_drafts(result.drafts, library)
    except RedcardError as error:
        _fail(error)


@cli.command()
@click.argument("order_file", type=click.Path(dir_okay=False, path_type=Path))
@_sheet_options
@click.option("--combined", is_flag=True,
              help="One PDF for the whole order (per template and theme), languages sharing "
                   "sheets; default: one PDF per language.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("redcards"), show_default=True)
@extras_options
@cards_option
@click.pass_context
def order(context: click.Context, order_file: Path, combined: bool, as_json: bool,
          out_dir: Path, hotline: str, hotline_number: str, hotline_label: str, org: str,
          logo: Path | None, qr: str, cards: Path | None, **sheet) -> None:
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
    try:
        extras = _resolve_extras(context, hotline, hotline_number, hotline_label, org, logo,
                                 qr)
        _warn(extras.warnings)
        base = replace(_build_options(**sheet), extras=extras.extras)
        library = _library(cards)
        groups = group_order(load_order(order_file), library, base)
        total = len(groups) if combined else sum(len(g.lines) for g in groups)
        counter = iter(range(1, total + 1))
        results = run_order(groups, library, base, out_dir, order_file.stem, combined,
                            default_registry(),
                            progress=None if as_json else
                            lambda result: _report(result, next(counter), total))
    except RedcardError as error:
        _fail(error)
    drafts = sorted({code for result in results for code in result.drafts})
    if as_json:
        click.echo(json.dumps({
            "files": [{"path": str(r.path), "template": r.template, "sheets": r.sheets,
                       "per_sheet": r.per_sheet, "blanks": r.blanks,
                       "languages": [{"code": lang.code, "cards": lang.cards,
                                      "sheets": lang.sheets} for lang in r.languages]}
                      for r in results],
            "sheets": sum(r.sheets for r in results),
            "cards": sum(r.cards for r in results),
            "blanks": sum(r.blanks for r in results),
            "drafts": drafts}, ensure_ascii=False, indent=1))
    else:
        rows = [("language", "template", "cards", "sheets", "file")]
        for result in results:
            for lang in result.languages:
                rows.append((lang.code, result.template, str(lang.cards), str(lang.sheets),
                             str(result.path)))
        click.echo("")
        _table(rows)
        click.echo(f"total: {sum(r.cards for r in results)} cards on "
                   f"{sum(r.sheets for r in results)} sheet(s), "
                   f"{sum(r.blanks for r in results)} blank slot(s)")
    _warn_drafts(tuple(drafts), library)


@cli.command()
def templates() -> None:
    """List the paper and card-stock templates for --template.

    \b
    Examples:
      redcard templates
      redcard build --template c32011 --lang fr
    """
    try:
        found = load_templates()
    except RedcardError as error:
        _fail(error)
    rows = [("name", "kind", "card", "cards/sheet", "marks", "description")]
    for template in found.values():
        card = template.card.name if template.card else "any"
        per = str(template.slots) if template.slots else "computed"
        rows.append((template.name, template.kind, card, per, template.marks, template.title))
    _table(rows)
    click.echo("Equivalent stocks: " + "; ".join(
        f"{t.name} = {', '.join(t.equivalents)}" for t in found.values() if t.equivalents))


@cli.command()
@click.option("--paper", type=click.Choice(sorted(PAPERS)), default="letter", show_default=True)
@click.option("--duplex", type=click.Choice(("long", "short")), default="long",
              show_default=True)
@click.option("--printer", default=None, metavar="NAME",
              help="Apply this saved profile, to check it: rulers then measure 100 mm and "
                   "every reading is 0.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("redcards/calibration.pdf"), show_default=True)
def calibrate(paper: str, duplex: str, printer: str | None, out_path: Path) -> None:
    """Print a calibration sheet: 100 mm rulers and front/back registration targets.

    \b
    Examples:
      redcard calibrate --paper a4
      redcard printer set office --ruler-mm 99.6,100.2 --front-measured 25.4,24.8 \\
          --back-reading 1.5,-0.5
      redcard calibrate --printer office
    """
    try:
        registry = default_registry()
        chain = registry.chain("en", "Latn", "regular")
        correction = get_profile(printer).correction() if printer else PageCorrection()
        sheet = plan_calibration(paper, duplex, chain)
        write_drawing((sheet.front, sheet.back), sheet.page.width_mm, sheet.page.height_mm,
                      f"redcard calibration sheet, {paper}", duplex, chain, correction,
                      out_path)
    except RedcardError as error:
        _fail(error)
    click.echo(f"{out_path}: print it two-sided at 100 %, flip on {duplex} edge, and follow "
               "the steps on the page")


@cli.group(name="printer", invoke_without_command=True)
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
    try:
        profiles = load_profiles()
    except RedcardError as error:
        _fail(error)
    if not profiles:
        click.echo(f"no printer profiles yet ({profiles_path()}); make one with "
                   "`redcard calibrate`, then `redcard printer set NAME ...`")
        return
    rows = [("name", "front offset mm", "back offset mm", "scale x", "scale y")]
    for p in profiles.values():
        rows.append((p.name, f"{p.front_offset_mm[0]:+g},{p.front_offset_mm[1]:+g}",
                     f"{p.back_offset_mm[0]:+g},{p.back_offset_mm[1]:+g}", f"{p.scale_x:g}",
                     f"{p.scale_y:g}"))
    _table(rows)
    click.echo(f"(saved in {profiles_path()})")


@printer_group.command(name="set")
@click.argument("name")
@click.option("--ruler-mm", type=_Pair(), default=None,
              help="What the horizontal and vertical 100 mm rulers measured.")
@click.option("--front-measured", type=_Pair(), default=None,
              help="Target A's centre to the left and to the top paper edge, in mm.")
@click.option("--back-reading", type=_Pair(), default=None,
              help="Where target A shows through on the back's scales (x,y).")
@click.option("--duplex", type=click.Choice(("long", "short")), default="long",
              show_default=True, help="The flip edge the calibration sheet was printed with.")
@click.option("--offset-front", type=_Pair(), default=None,
              help="Or give the corrections directly: fronts shift X,Y mm.")
@click.option("--offset-back", type=_Pair(), default=None, help="Backs shift X,Y mm.")
@click.option("--scale", type=_Pair(allow_single=True), default=None,
              help="Scale correction S or SX,SY.")
def printer_set(name: str, ruler_mm, front_measured, back_reading, duplex: str, offset_front,
                offset_back, scale) -> None:
    """Save (or replace) printer profile NAME from calibration readings or direct values."""
    try:
        measured = measurements_to_profile(
            name, duplex=duplex, ruler_mm=ruler_mm or (100.0, 100.0),
            front_measured_mm=front_measured, back_reading_mm=back_reading or (0.0, 0.0))
        profile = PrinterProfile(
            name, offset_front or measured.front_offset_mm,
            offset_back or measured.back_offset_mm,
            *(scale or (measured.scale_x, measured.scale_y)))
        path = save_profile(profile)
    except RedcardError as error:
        _fail(error)
    click.echo(f"saved {name}: fronts shift {profile.front_offset_mm[0]:+g},"
               f"{profile.front_offset_mm[1]:+g} mm, backs shift "
               f"{profile.back_offset_mm[0]:+g},{profile.back_offset_mm[1]:+g} mm, scale "
               f"{profile.scale_x:g} x {profile.scale_y:g} ({path})")


@printer_group.command(name="remove")
@click.argument("name")
def printer_remove(name: str) -> None:
    """Delete printer profile NAME."""
    try:
        path = remove_profile(name)
    except RedcardError as error:
        _fail(error)
    click.echo(f"removed {name} from {path}")


@cli.command()
@click.option("--lang", "langs", multiple=True, metavar="CODE",
              help="Language code (repeatable); default: every language.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="png",
              show_default=True, help="png = front and back images; pdf = one card, page 1 "
              "front, page 2 back, page = the card.")
@click.option("--width", "width_px", type=click.IntRange(min=200, max=8000), default=1080,
              show_default=True, help="PNG width in pixels.")
@click.option("--card", type=click.Choice(sorted(CARD_SIZES)), default="id1", show_default=True)
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="red", show_default=True,
              help=THEME_HELP)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("redcards"), show_default=True)
@extras_options
@cards_option
@click.pass_context
def digital(context: click.Context, langs: tuple[str, ...], fmt: str, width_px: int,
            card: str, theme: str, out_dir: Path, hotline: str, hotline_number: str,
            hotline_label: str, org: str, logo: Path | None, qr: str,
            cards: Path | None) -> None:
    """Digital cards to keep on a phone or send by message: <code>-front.png and
    <code>-back.png, or <code>-card.pdf. Drawn exactly as the printed card.

    \b
    Examples:
      redcard digital --lang es
      redcard digital --lang ar --hotline la-county --width 1440
      redcard digital --lang zh-Hans --format pdf --out /tmp/cards
    """
    try:
        extras = _resolve_extras(context, hotline, hotline_number, hotline_label, org, logo,
                                 qr)
        _warn(extras.warnings)
        library = _library(cards)
        selected = library.select(list(langs)) if langs else list(library.cards.values())
        options = BuildOptions(card=card, theme=theme, extras=extras.extras)
        registry = default_registry()
        for index, content in enumerate(selected, start=1):
            result = build_digital(content, options, out_dir, registry, fmt, width_px)
            click.echo(f"[{index}/{len(selected)}] {result.code}: "
                       f"{', '.join(str(p) for p in result.paths)} — text "
                       f"{result.body_pt:g} pt")
            if result.is_draft:
                _warn_drafts((content.code,), library)
    except RedcardError as error:
        _fail(error)


@cli.command(name="preview")
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
    try:
        paths = preview(pdf, out_dir if out_dir is not None else pdf.parent, dpi)
    except RedcardError as error:
        _fail(error)
    for path in paths:
        click.echo(str(path))


@cli.command(name="hotlines")
@click.option("--json", "as_json", is_flag=True, help="All fields and warnings as JSON.")
def hotlines_command(as_json: bool) -> None:
    """List the hotline directory: numbers that --hotline can print, with source, date
    verified and confidence. Warnings mark numbers to check by phone before printing.

    \b
    Examples:
      redcard hotlines
      redcard hotlines --json
    """
    try:
        directory = load_directory()
    except RedcardError as error:
        _fail(error)
    today = datetime.date.today()
    if as_json:
        records = []
        for entry in directory.entries:
            record = {field: getattr(entry, field) for field in entry.__dataclass_fields__}
            record["verified_on"] = entry.verified_on.isoformat()
            record["card_name"] = entry.card_name
            record["warnings"] = [w.one_line() for w in directory.warnings(entry, today)]
            records.append(record)
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    rows = [("id", "number", "purpose", "confidence", "verified", "check", "name", "coverage")]
    for entry in directory.entries:
        flags = []
        for warning in directory.warnings(entry, today):
            flags.append("STALE" if warning.field.endswith("verified_on") else "LOW")
        rows.append((entry.id, entry.number, entry.purpose, entry.confidence,
                     entry.verified_on.isoformat(), ",".join(flags) or "ok",
                     entry.name + (f" ({entry.hours})" if entry.hours else ""),
                     entry.coverage))
    _table(rows)
    click.echo(f"{directory.file}: verify a number by phone before a print run, then update "
               "its verified_on", err=True)


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
@click.option("--hotline", metavar="ID", default="",
              help="Check the fit with this directory hotline and report its warnings "
              "(default: the largest band any directory entry makes, without warnings).")
@cards_option
def check(langs: tuple[str, ...], as_json: bool, strict: bool, hotline: str,
          cards: Path | None) -> None:
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
    """
    try:
        library, problems = check_cards(cards or cards_dir(), default_registry(), langs,
                                        hotline="" if hotline == "none" else hotline,
                                        today=datetime.date.today())
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
