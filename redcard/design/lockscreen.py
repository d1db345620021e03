"""Lock-screen cards: one side of the card on a phone-sized image, below a band kept free for
the clock and notifications, with the text as large as the screen allows: the front in the
holder's language, and the English back as a second image. A phone shows its lock screen
without being unlocked."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SettingsError
from ..geometry.sizes import CardSize
from ..model.content import CardContent
from ..model.extras import CardExtras
from ..text.fonts import FontRegistry
from ..textsafety import shorten
from .card import CardDesigner, CardFace
from .large import scaled_design
from .themes import Theme


@dataclass(frozen=True)
class Screen:
    """A phone screen in pixels, portrait."""

    name: str
    width_px: int
    height_px: int
    title: str


SCREENS = {
    "1170x2532": Screen("1170x2532", 1170, 2532, "iPhone 12 to 14 (6.1 in)"),
    "1080x2400": Screen("1080x2400", 1080, 2400, "most Android phones (FHD+ 20:9)"),
}
WIDTH_MM = 68.0  # the screen's physical width, near enough: text sizes read as on a phone
CLOCK_FRACTION = 0.26  # the top of the screen: clock, date, widgets (top left and centre)
BOTTOM_FRACTION = 0.04  # the bottom: flashlight and camera shortcuts, swipe bar
SCALE = 1.5  # the card's design, larger: a phone is held further away than a card
MIN_BODY_PT = 6.0  # as small as the printed card may go
SIDES = ("front", "back")


def get_screen(name: str) -> Screen:
    if name not in SCREENS:
        raise SettingsError(f"unknown screen size {shorten(name)}", setting="size",
                            fix=f"use one of: {', '.join(SCREENS)}")
    return SCREENS[name]


@dataclass(frozen=True)
class LockScreenLayout:
    """The screen in mm (origin bottom-left) and the face with the position of its
    bottom-left corner."""

    screen: Screen
    width_mm: float
    height_mm: float
    face: CardFace
    face_at: tuple[float, float]
    clock_bottom_mm: float  # nothing is drawn above this but the background


def lockscreen_layout(card: CardContent, extras: CardExtras, screen: Screen, side: str,
                      theme: Theme, fonts: FontRegistry) -> LockScreenLayout:
    """One side of the card in the room between the clock's band and the bottom shortcuts,
    at the largest size that fits."""
    if side not in SIDES:
        raise SettingsError(f"unknown side {shorten(side)}", setting="side",
                            fix="use front or back")
    height_mm = WIDTH_MM * screen.height_px / screen.width_px
    clock_bottom = height_mm * (1 - CLOCK_FRACTION)
    room = clock_bottom - height_mm * BOTTOM_FRACTION
    design = scaled_design(SCALE, min_body_pt=MIN_BODY_PT)
    designer = CardDesigner(CardSize(f"lock screen {screen.name}", WIDTH_MM, room), theme,
                            fonts, design)
    face = designer.front(card, extras) if side == "front" else designer.back(card, extras)
    return LockScreenLayout(screen, WIDTH_MM, height_mm, face,
                            (0.0, clock_bottom - face.height_mm), clock_bottom)
