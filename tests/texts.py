"""Sample texts and styles shared by the text-stage tests: real card sentences."""

from __future__ import annotations

import re

from redcard.text import TextStyle

PHONE = "888-624-4752"
LANGUAGES = ["ar", "fa", "ur", "he", "hi", "pa", "th", "km", "am", "hy", "vi", "ru", "ko", "ja",
             "zh-Hans", "zh-Hant", "ps", "ti", "es"]
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def sample(card) -> str:
    """A real sentence from the card with a phone number in it."""
    return f"{card.front.points[0]} {PHONE} {card.front.points[2]}"


def style_for(card, fonts, size_pt: float = 8.0) -> TextStyle:
    return TextStyle(fonts.chain(card.code, card.script, "regular"), size_pt, card.code,
                     card.script, card.is_rtl)
