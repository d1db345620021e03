"""The README's "Adding or reviewing a language" steps, run word for word in a copy of the
checkout: the new card file in `cards/` is what `check` and `build` read, and every message
names that file. The quick start installs redcard editable, so the `redcard` command reads
this folder's files as `python cli.py` does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from redcard.paths import cards_dir, fonts_dir

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}")
    return README[start:README.index("\n## ", start + 3)]


def commands(text: str) -> list[str]:
    """The shell commands in backticks, in order."""
    return [c for c in re.findall(r"`([^`]+)`", text) if c.startswith(("cp ", "redcard "))]


def test_the_quick_start_installs_redcard_editable_so_it_reads_this_folder():
    quick = section("Quick start")
    assert "pip install -e ." in quick and 'pip install -q -e ".[test]"' in quick
    assert cards_dir() == REPO / "cards" and fonts_dir() == REPO / "fonts"


def test_the_add_a_language_steps_build_the_new_language(tmp_path):
    steps = section("Adding or reviewing a language")
    run = commands(steps)
    assert run[0] == "cp cards/es.yaml cards/xx.yaml"
    assert "redcard check --lang xx" in run and "redcard build --lang xx" in run
    checkout = tmp_path / "clone"
    checkout.mkdir()
    shutil.copytree(REPO / "redcard", checkout / "redcard",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "cards", checkout / "cards")
    (checkout / "fonts").symlink_to(REPO / "fonts")
    shutil.copy(REPO / "cli.py", checkout)

    def shell(command: str) -> subprocess.CompletedProcess:
        if command.startswith("redcard "):
            command = f"{sys.executable} cli.py {command[len('redcard '):]}"
        return subprocess.run(command, shell=True, cwd=checkout, capture_output=True,
                              text=True, timeout=120)

    assert shell(run[0]).returncode == 0  # step 1
    card = checkout / "cards" / "xx.yaml"
    data = yaml.safe_load(card.read_text(encoding="utf-8"))  # steps 2-4, as a translator would
    text = card.read_text(encoding="utf-8").replace("code: es", "code: xx", 1)
    card.write_text(text, encoding="utf-8")
    hash_line = shell("redcard list").stdout.strip().splitlines()[-1]
    assert hash_line.startswith("English source hash")
    text = text.replace(f'source_hash: "{data["translation"]["source_hash"]}"',
                        f'source_hash: "{hash_line.split()[-1]}"')
    title = data["front"]["title"]
    card.write_text(text.replace(f"title: {title}", f"title: {title} (xx)", 1),
                    encoding="utf-8")
    for command in run[1:]:  # step 5
        result = shell(command)
        assert result.returncode == 0, (command, result.stderr)
        if "check" in command:
            assert "0 error(s)" in result.stdout + result.stderr
            assert f"warning: {card}: translation.status" in result.stdout  # the file to edit
    pdf = checkout / "redcards" / "xx.pdf"
    text_layer = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                text=True).stdout
    assert f"{title} (xx)" in text_layer
