"""The command group imports a command's module only when it runs: `redcard --help`,
`--version` and `list` load no layout, shaping or PDF library; and the command list the
group shows without importing is the one the commands themselves would give."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from redcard.cli import cli
from redcard.cli.group import COMMANDS, LazyGroup
from redcard.model.config import CONFIG_NAME

HEAVY = ("reportlab", "uharfbuzz", "fontTools", "pikepdf", "pypdfium2", "segno", "PIL", "fpdf",
         "icu4py", "docx", "redcard.text", "redcard.render", "redcard.design.card")


def _loaded_after(args: list[str]) -> set[str]:
    code = ("import sys\nfrom redcard.cli import main\nsys.argv = ['redcard', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True)
    return set(done.stderr.split())


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list"], ["templates"]])
def test_quick_commands_import_no_heavy_library(args):
    loaded = _loaded_after(args)
    heavy = sorted(name for name in loaded
                   if any(name == h or name.startswith(h + ".") for h in HEAVY))
    assert not heavy, heavy


def test_build_still_imports_what_it_needs():
    assert "redcard.cli.printing" in _loaded_after(["build", "--help"])


def _help(group: click.Group, width: int) -> str:
    context = click.Context(group, info_name="redcard", terminal_width=width,
                            max_content_width=width)
    return group.get_help(context)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_lazy_command_list_equals_the_commands_own_summaries(width):
    lazy = LazyGroup(name="redcard", help=cli.help, params=cli.params)
    before = _help(lazy, width)
    assert not lazy.commands  # nothing imported to show it
    for name in COMMANDS:
        assert lazy.get_command(click.Context(lazy), name) is not None
    assert set(lazy.commands) == set(COMMANDS)
    assert _help(lazy, width) == before


def test_every_summary_is_its_commands_first_paragraph():
    context = click.Context(cli)
    for name, (_, _, summary) in COMMANDS.items():
        command = cli.get_command(context, name)
        assert " ".join(command.help.split("\n\n")[0].split()) == summary, name


def test_config_name_is_the_models():
    import redcard.cli as package

    assert package.CONFIG_NAME == CONFIG_NAME
