"""Paper and card sizes as data (redcard/data/sizes.yaml), and sizes of your own."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..errors import SettingsError
from ..paths import data_dir
from ..textsafety import shorten
from ..yamlfile import load_yaml


class SizeError(SettingsError):
    """A size file is malformed, or a size is unknown or impossible."""


@dataclass(frozen=True)
class PaperSize:
    """A sheet of paper, portrait."""

    name: str
    width_mm: float
    height_mm: float
    title: str = ""


@dataclass(frozen=True)
class CardSize:
    """A card's trim size, landscape, and the radius of its rounded corners."""

    name: str
    width_mm: float
    height_mm: float
    corner_radius_mm: float = 0.0
    title: str = ""

    def check(self) -> CardSize:
        """The size itself, or SizeError when no card could have it."""
        for field in ("width_mm", "height_mm"):
            value = getattr(self, field)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise SizeError(f"card {self.name!r}: {field} {value!r} is not a positive "
                                "number of millimetres", setting="card",
                                fix="give the card's trim width and height in mm")
        if self.height_mm > self.width_mm:
            raise SizeError(f"card {self.name!r} is taller than it is wide", setting="card",
                            fix="give the size landscape: width first, then height")
        radius = self.corner_radius_mm
        if not (math.isfinite(radius) and 0 <= radius <= self.height_mm / 2):
            raise SizeError(f"card {self.name!r}: corner radius {radius} mm is impossible",
                            setting="card", fix="give a radius from 0 to half the height")
        return self


@dataclass(frozen=True)
class SizeCatalog:
    papers: dict[str, PaperSize]
    cards: dict[str, CardSize]

    def paper(self, name: str, *, setting: str = "paper", file: str | None = None,
              field: str | None = None) -> PaperSize:
        if name not in self.papers:
            raise SizeError(f"unknown paper {shorten(name)}", file=file, setting=setting,
                            field=field, fix=f"use one of: {', '.join(self.papers)}")
        return self.papers[name]

    def card(self, card: str | CardSize, *, file: str | None = None,
             field: str | None = None) -> CardSize:
        """A named size from the catalogue, or a CardSize of your own, checked."""
        if isinstance(card, CardSize):
            return card.check()
        if card not in self.cards:
            raise SizeError(f"unknown card size {shorten(card)}", file=file,
                            setting=None if file else "card", field=field,
                            fix=f"use one of: {', '.join(self.cards)}")
        return self.cards[card]


def sizes_file() -> Path:
    return data_dir() / "sizes.yaml"


def load_sizes(path: Path | None = None) -> SizeCatalog:
    path = path or sizes_file()
    file = str(path)
    data = load_yaml(path, SizeError, fix="fix the YAML syntax")
    if not isinstance(data, dict) or set(data) != {"papers", "cards"}:
        raise SizeError("must have papers: and cards:", file=file,
                        fix="see the shipped redcard/data/sizes.yaml")
    papers = {name: PaperSize(name, *_dimensions(entry, f"papers.{name}", file, ()))
              for name, entry in _mapping(data["papers"], "papers", file).items()}
    cards = {}
    for name, entry in _mapping(data["cards"], "cards", file).items():
        width, height, title, radius = _dimensions(entry, f"cards.{name}", file,
                                                   ("corner_radius_mm",))
        card = CardSize(name, width, height, radius, title)
        try:
            card.check()
        except SizeError as error:
            raise SizeError(error.what, file=file, field=f"cards.{name}",
                            fix=error.fix) from None
        cards[name] = card
    return SizeCatalog(papers, cards)


def _mapping(value: object, field: str, file: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise SizeError("must be a mapping of names to sizes", file=file, field=field,
                        fix="write `name: {width_mm: ..., height_mm: ...}`")
    return value


def _dimensions(entry: object, field: str, file: str,
                optional: tuple[str, ...]) -> tuple:
    known = ("width_mm", "height_mm", "title") + optional
    if not isinstance(entry, dict) or any(key not in known for key in entry):
        raise SizeError(f"must give {', '.join(known)}", file=file, field=field,
                        fix="write `{width_mm: 85.6, height_mm: 53.98, title: ...}`")
    values = []
    for key in ("width_mm", "height_mm"):
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value <= 0:
            raise SizeError("must be a positive number of millimetres", file=file,
                            field=f"{field}.{key}", fix=f"set {key}")
        values.append(float(value))
    values.append(str(entry.get("title", "")))
    for key in optional:
        value = entry.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value < 0:
            raise SizeError("must be a number >= 0 (millimetres)", file=file,
                            field=f"{field}.{key}", fix=f"set {key}")
        values.append(float(value))
    return tuple(values)
