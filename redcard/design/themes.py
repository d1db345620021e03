"""Themes: the colours of a card, and how far its colour runs past the cut."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SettingsError
from ..textsafety import shorten
from .scene import BLACK, RGB, WHITE

CARD_RED: RGB = (0.70, 0.07, 0.16)  # white text on it: contrast 6.9:1


@dataclass(frozen=True)
class Theme:
    name: str
    background: RGB
    bleed_mm: float  # colour beyond the trim, so a slightly-off cut shows no white edge
    gutter_mm: float  # between cards on the sheet: 2 × bleed, or 0 when cards may abut
    title: RGB
    body: RGB
    frame: RGB | None  # a printed border for white cards
    band_fill: RGB  # the front's hotline band: it must stand out from the card
    band_text: RGB
    band_border: RGB | None


THEMES: dict[str, Theme] = {
    "red": Theme("red", CARD_RED, bleed_mm=2.0, gutter_mm=4.0, title=WHITE, body=WHITE,
                 frame=None, band_fill=WHITE, band_text=BLACK, band_border=None),
    "economy": Theme("economy", WHITE, bleed_mm=0.0, gutter_mm=0.0, title=CARD_RED, body=BLACK,
                     frame=CARD_RED, band_fill=CARD_RED, band_text=WHITE, band_border=None),
    # Laser printers and photocopiers: black on white, no bleed, a black frame to cut along.
    "mono": Theme("mono", WHITE, bleed_mm=0.0, gutter_mm=0.0, title=BLACK, body=BLACK,
                  frame=BLACK, band_fill=WHITE, band_text=BLACK, band_border=BLACK),
}


def get_theme(theme: str | Theme) -> Theme:
    """A theme by name, or a Theme of your own."""
    if isinstance(theme, Theme):
        return theme
    if theme not in THEMES:
        raise SettingsError(f"unknown theme {shorten(theme)}", setting="theme",
                            fix=f"use one of: {', '.join(THEMES)}")
    return THEMES[theme]
