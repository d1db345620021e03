"""Making outputs through the library API, the way a program would."""

from __future__ import annotations

from pathlib import Path

from redcard import CardExtras, Library, Printout, PrintSettings


def build(library: Library, out: Path, code: str = "en", *, extras: CardExtras | None = None,
          **settings) -> tuple[Path, Printout]:
    """One language into out/<code>.pdf, as `redcard build --lang CODE` does."""
    if "paper" in settings:  # plain paper is the template of that name
        settings["template"] = settings.pop("paper")
    printout = library.deck([code], extras=extras or CardExtras()).impose(
        PrintSettings(**settings))
    return printout.write(out / f"{code}.pdf"), printout
