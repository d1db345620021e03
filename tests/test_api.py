"""The library as a program uses it: the public names, the same bytes as the command line,
sizes of your own, template aliases, fonts parsed once, nothing printed, typed errors."""

from __future__ import annotations

import builtins
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from making import build
from pdfinspect import page_size_mm, placements
from pypdf import PdfReader

import redcard
from redcard import CardSize, Extras, Library, PrintSettings, SettingsError
from redcard.cli import cli
from redcard.paths import fonts_dir

ROOT = Path(__file__).resolve().parents[1]


def python(code: str, cwd: Path | None = None) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd, check=True)
    return done.stdout


def readme_example() -> str:
    """The Python block under the README's "Use as a library" heading."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use as a library"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_api_is_listed_and_loads_lazily():
    names = python("import redcard, sys; print(redcard.__all__); "
                   "print('reportlab' in sys.modules, 'uharfbuzz' in sys.modules)").split("\n")
    listed = eval(names[0])  # a printed list of strings
    assert {"Library", "Deck", "PrintSettings", "Extras", "Printout", "CardSize",
            "RedcardError", "check_cards"} <= set(listed)
    assert all(hasattr(redcard, name) for name in listed)
    assert names[1] == "False False"  # importing the package loads no engine


def test_model_and_printer_profiles_import_without_reportlab():
    out = python("import sys; import redcard.model.printers, redcard.model.content, "
                 "redcard.model.extras, redcard.model.orders, redcard.model.settings, "
                 "redcard.model.config, redcard.model.hotlines, redcard.geometry.templates; "
                 "print(sorted(m for m in sys.modules if m.split('.')[0] in "
                 "('reportlab', 'pypdfium2', 'uharfbuzz', 'PIL')))")
    assert out.strip() == "[]"


def test_readme_example_runs_and_gives_the_bytes_of_redcard_build(tmp_path):
    python(readme_example(), cwd=tmp_path)
    produced = sorted(tmp_path.glob("*.pdf"))
    assert produced, "the README example wrote no PDF"
    command = re.search(r"same bytes as\s+`(redcard build[^`]*)`", (ROOT / "README.md").read_text(
        encoding="utf-8")).group(1)
    out = tmp_path / "cli"
    result = CliRunner().invoke(cli, command.split()[1:] + ["--out", str(out)])
    assert result.exit_code == 0, result.output
    for path in produced:
        assert path.read_bytes() == (out / path.name).read_bytes(), path.name


def test_a_card_size_of_your_own_builds_on_letter(library, tmp_path):
    wallet = CardSize("wallet", 80.0, 50.0, corner_radius_mm=2.0)
    path, printout = build(library, tmp_path, "en", card=wallet, theme="economy")
    reader = PdfReader(path)
    assert page_size_mm(reader) == pytest.approx((215.9, 279.4), abs=0.01)
    cards = [p.rect_mm(0.0) for p in placements(reader, 0)]
    assert len(cards) == printout.per_sheet > 9  # more small cards than ID-1 ones
    for _, _, w, h in cards:
        assert sorted((w, h)) == pytest.approx([50.0, 80.0], abs=0.01)
    assert 6.0 <= printout.body_pt


def test_template_equivalents_build_the_same_sheets(tmp_path):
    runner = CliRunner()
    for name in ("avery-5371", "avery-8371"):
        result = runner.invoke(cli, ["build", "--lang", "ko", "--template", name, "--out",
                                     str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "of 10 (avery-5371)" in result.output
    assert (tmp_path / "avery-5371" / "ko.pdf").read_bytes() == \
        (tmp_path / "avery-8371" / "ko.pdf").read_bytes()


def test_an_every_language_build_reads_and_parses_each_font_file_once(monkeypatch):
    """Counted where the files are opened (any reader: HarfBuzz, fontTools, ReportLab) and
    where the writer reads a TrueType file's tables for embedding."""
    from redcard.render import face

    fonts = fonts_dir().resolve()
    opened: dict[str, int] = {}
    parsed: list[int] = []
    real_open, real_parse = io.open, face.FontFace.__init__

    def counting_open(file, *args, **kwargs):
        path = Path(str(file)).resolve() if isinstance(file, (str, Path)) else None
        if path is not None and path.parent == fonts and path.suffix == ".ttf":
            opened[path.name] = opened.get(path.name, 0) + 1
        return real_open(file, *args, **kwargs)

    def counting_parse(self, data, *args, **kwargs):
        parsed.append(hash(data))
        return real_parse(self, data, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(face.FontFace, "__init__", counting_parse)
    library = Library.load(fonts=fonts)  # its own fonts: nothing parsed before this test
    deck = library.deck(extras=Extras(hotline="la-county"))
    assert len(deck.entries) == len(library.languages) >= 38
    sizes = [len(printout.pdf_bytes()) for _, printout in deck.each()]
    assert len(sizes) == len(library.languages) and min(sizes) > 10_000
    assert opened and max(opened.values()) == 1, opened
    # at most one parse for embedding per file read (a width measured but not chosen is
    # read, never embedded), and each file's bytes parsed once
    assert 0 < len(parsed) <= len(set(opened)), parsed
    assert len(set(parsed)) == len(parsed)


def test_the_library_never_prints(library, tmp_path, capfd):
    deck = library.deck(["es", "ar"], extras=Extras(hotline="orange-county"))  # unconfirmed
    assert deck.warnings and all(w.severity == "warning" for w in deck.warnings)
    assert [card.code for card in deck.drafts] == ["es", "ar"]
    deck.impose(PrintSettings(copies=3)).write(tmp_path / "both.pdf")
    assert capfd.readouterr() == ("", "")


def test_errors_name_the_setting_and_the_command_line_its_flag(library, tmp_path):
    with pytest.raises(SettingsError) as caught:
        library.job(PrintSettings(template="avery-5371", start_slot=11))
    assert caught.value.setting == "start_slot"
    assert caught.value.one_line().startswith("start_slot: slot 11 does not exist")
    result = CliRunner().invoke(cli, ["build", "--lang", "es", "--template", "avery-5371",
                                      "--start-slot", "11", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith("redcard: error: --start-slot: slot 11 does not exist")


def test_one_deck_impose_shares_sheets_between_languages(library):
    printout = library.deck({"es": 7, "ko": 5}).impose(PrintSettings(template="avery-5371"))
    assert printout.sheets == 2 and printout.blanks == 8
    assert [(count.code, count.cards, count.sheets) for count in printout.languages] == [
        ("es", 7, 1), ("ko", 5, 2)]


def test_partly_used_sheet_makes_one_file_only(library):
    deck = library.deck(["es", "ko"])
    with pytest.raises(SettingsError, match="one partly used sheet"):
        next(deck.each(PrintSettings(start_slot=3)))


def test_card_limits_are_checked_before_any_work(library, monkeypatch):
    """A slip of the keyboard (`copies=10**9`) or a huge order is refused at once, through
    the library as through the command line: nothing is designed or drawn first."""
    from redcard import printing
    from redcard.limits import MAX_CARDS_PER_FILE, MAX_CARDS_PER_RUN
    from redcard.model.orders import OrderLine

    def never(*args, **kwargs):
        raise AssertionError("a card was designed before the limit was checked")

    monkeypatch.setattr(printing, "design_faces", never)  # the library imports it when used
    with pytest.raises(SettingsError, match="1,000,000,000 cards in one PDF is more than the "
                                            "10,000"):
        library.deck(["es"]).impose(PrintSettings(copies=10**9))
    with pytest.raises(SettingsError, match="cards in one PDF"):
        library.deck({"es": MAX_CARDS_PER_FILE + 1}).impose()
    every_language = f"{len(library.languages) * MAX_CARDS_PER_FILE:,}"
    with pytest.raises(SettingsError, match=f"{every_language} cards in one run is more than "
                                            "the 100,000"):
        next(library.deck().each(PrintSettings(copies=MAX_CARDS_PER_FILE)))
    lines = [OrderLine(code, MAX_CARDS_PER_FILE, None, None, "order.csv", f"line {n}")
             for n, code in enumerate(library.languages[:11], start=2)]
    assert sum(line.quantity for line in lines) > MAX_CARDS_PER_RUN
    with pytest.raises(SettingsError, match=r"^order\.csv: 110,000 cards in one run"):
        library.order(lines)
