"""The command group: every command's module imported only when that command runs (or its
help is shown), so `redcard --help` and `--version` start in a tenth of a second; and how
problems are shown, one line each, for every command at once."""

from __future__ import annotations

import importlib

import click

from ..errors import Notice, RedcardError

USER_ERROR = 2
# Each command: the module (in redcard.cli) and name that define it, and the first paragraph
# of its help, which `redcard --help` shortens as click does (tests/cli compare the two).
COMMANDS = {
    "build": ("printing", "build", "Build PDF sheets, one file per language."),
    "calibrate": ("printing", "calibrate", "Print a calibration sheet: 100 mm rulers and "
                                           "front/back registration targets."),
    "check": ("info", "check", "Check card files: schema, glyph coverage, fit on every card "
                               "size and theme (also with a hotline band), stale and draft "
                               "translations, leftover English, unbalanced bidi controls."),
    "digital": ("printing", "digital", "Digital cards to keep on a phone or send by message: "
                                       "<code>-front.png and <code>-back.png, or "
                                       "<code>-card.pdf. Drawn exactly as the printed card."),
    "fit": ("fit", "fit_command", "Show how each card's text fits: body and title size (pt), "
                                  "the body's font, lines, orphans (a short last word alone on "
                                  "its line) and uneven line spacing."),
    "fonts": ("info", "fonts", "List the vendored fonts with their licence, scripts and "
                               "languages."),
    "hotlines": ("info", "hotlines_command", "List the hotline directory: numbers that "
                                             "--hotline can print, with source, date verified, "
                                             "age (days since verified) and confidence. "
                                             "Warnings mark numbers to check by phone before "
                                             "printing: STALE (verified too long ago), "
                                             "UNCONFIRMED (conflicting sources or a single old "
                                             "or unclear one), FUTURE (verified_on after "
                                             "today)."),
    "list": ("info", "list_languages", "List the languages with their script and translation "
                                       "status."),
    "order": ("printing", "order", "Print an order: quantities per language (YAML or CSV) on "
                                   "the fewest sheets."),
    "preview": ("printing", "preview_command", "Render every page of a PDF to "
                                               "<name>-<page>.png, to look at a build before "
                                               "printing."),
    "printer": ("info", "printer_group", "Printer profiles: measured offsets and scale, applied"
                                         " with --printer NAME."),
    "review": ("printing", "review_command", "A review packet for a qualified translator "
                                             "(<code>-review.pdf to read and sign, "
                                             "<code>-review.docx to write corrections in), or, "
                                             "with --approve, their sign-off recorded in the "
                                             "card file: the card then prints without the draft"
                                             " mark."),
    "sign": ("web", "sign_command", "A large-print door sign, <code>-door-sign-<paper>.pdf: the "
                                    "card's front in the holder's language above the English "
                                    "back, for the inside of the front door or window."),
    "site": ("web", "site_command", "A static card site that works offline: index.html lists "
                                    "every language by its own name; each <code>/index.html "
                                    "has the card as text, its images, lock-screen images, "
                                    "printable sheets (Letter, A4, Avery 5371), the door sign "
                                    "and any recording. No request leaves the folder: open "
                                    "index.html, or publish the folder as it is."),
    "templates": ("info", "templates", "List the paper and card-stock templates for --template."),
}
# Settings whose option is not simply --<name-with-hyphens>.
FLAGS = {"languages": "--lang", "printer_name": "NAME"}


def flag(setting: str) -> str:
    """How the command line spells a library setting: start_slot → --start-slot."""
    return FLAGS.get(setting, "--" + setting.replace("_", "-"))


class UserError(click.ClickException):
    """A RedcardError, shown as one line naming options as they are typed; exit status 2."""

    exit_code = USER_ERROR

    def __init__(self, error: RedcardError) -> None:
        super().__init__(error.one_line(flag))

    def show(self, file=None) -> None:
        click.echo(f"redcard: error: {self.message}", err=True)


class UsageLine(click.ClickException):
    """A mistyped command line (unknown option, bad value), in one line like every other
    problem, instead of click's usage block."""

    exit_code = USER_ERROR

    def __init__(self, error: click.UsageError) -> None:
        command = error.ctx.command_path if error.ctx else "redcard"
        super().__init__(Notice(error.format_message(), setting=command,
                                fix=f"see `{command} --help`").one_line())

    def show(self, file=None) -> None:
        click.echo(f"redcard: error: {self.message}", err=True)


class RedcardGroup(click.Group):
    """Turns the library's errors and click's usage errors into one-line messages, for
    every command at once."""

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise UsageLine(error) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RedcardError as error:
            raise UserError(error) from None
        except click.UsageError as error:
            raise UsageLine(error) from None




class LazyGroup(RedcardGroup):
    """A RedcardGroup whose commands (`COMMANDS`) are imported when asked for by name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            module, attribute, _ = COMMANDS[name]
            found = getattr(importlib.import_module(f"{__package__}.{module}"), attribute)
            self.add_command(found, name)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, from `COMMANDS`' summaries, without importing any."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                summary = self.commands[name].get_short_help_str(limit)
            else:
                summary = click.utils.make_default_short_help(COMMANDS[name][2], limit)
            rows.append((name, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
