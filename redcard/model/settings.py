"""Print settings: how a deck of cards goes onto paper, as a person asks for it.

One value, whether it comes from the command line, `redcard.yaml`, an order file or a
program. Names (a template, a card size, a theme, a printer profile) are looked up once, when
a library imposes a deck with it (`redcard.Library.job`); objects of your own (a CardSize, a
Template, a PrinterProfile) can stand in for any name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..design.themes import Theme
    from ..geometry.sizes import CardSize
    from ..geometry.templates import Template
    from .printers import PrinterProfile


@dataclass(frozen=True)
class PrintSettings:
    template: str | Template = "letter"
    card: str | CardSize | None = None  # None: the template's own card (ID-1 on plain paper)
    theme: str | Theme = "red"
    duplex: str = "long"  # long | short (the printer's flip edge) | none (single-sided)
    marks: str | None = None  # ticks | lines | none; None: the template's default
    copies: int | None = None  # cards per language; None fills one sheet
    start_slot: int = 1  # first free slot (1-based) on partly used stock
    skip_slots: tuple[int, ...] = ()  # further used slots (1-based) on the first sheet
    printer: str | PrinterProfile | None = None  # a saved profile (`redcard printer set`)
    offset_front: tuple[float, float] | None = None  # mm, right and up; beats the profile's
    offset_back: tuple[float, float] | None = None
    scale: tuple[float, float] | None = None  # (x, y) factors; beats the profile's

    @property
    def partly_used(self) -> bool:
        return self.start_slot != 1 or bool(self.skip_slots)
