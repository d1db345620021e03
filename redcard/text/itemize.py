"""Prepare a paragraph and split it into runs of one bidi level, one script and one font."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from fontTools import unicodedata as font_unicodedata

from ..errors import FontCoverageError
from ..fonts import FontChain, LoadedFont, needs_no_glyph

LRI, PDI = "\u2066", "\u2069"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Phone numbers, URLs and e-mail addresses must read left to right even inside Arabic text.
_LTR_SPANS = re.compile(
    r"(?:https?://|www\.)[^\s]+[^\s.,;:!?)\]]"          # URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                     # e-mail
    r"|\+?[0-9](?:[0-9 ().-]*[0-9])?(?=\D|$)",           # phone number (digits with separators)
    re.ASCII)
_MIN_PHONE_DIGITS = 5
_NEUTRAL_SCRIPTS = ("Zyyy", "Zinh", "Zzzz")


def prepare(text: str) -> str:
    """NFC-normalise and wrap LTR-only spans in isolates so bidi cannot reorder their parts."""
    text = unicodedata.normalize("NFC", text)

    def isolate(match: re.Match[str]) -> str:
        span = match.group(0)
        is_phone = span[0] in "+0123456789"
        if is_phone and sum(c.isdigit() for c in span) < _MIN_PHONE_DIGITS:
            return span
        return f"{LRI}{span}{PDI}"

    return _LTR_SPANS.sub(isolate, text)


def strip_bidi_controls(text: str) -> str:
    """The text a reader copies: without the invisible isolates added for layout."""
    return "".join(c for c in text if c not in BIDI_CONTROLS)


@dataclass(frozen=True)
class Run:
    """Characters [start, end) of the paragraph sharing level, script and font."""

    start: int
    end: int
    level: int
    script: str
    font: LoadedFont

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


def _is_attached(char: str) -> bool:
    """Marks and invisible controls belong with the character before them."""
    return needs_no_glyph(char) or unicodedata.category(char).startswith("M")


def resolve_scripts(text: str, default: str) -> list[str]:
    """ISO 15924 script per character; Common and Inherited take the surrounding script."""
    raw = [font_unicodedata.script(c) for c in text]
    resolved: list[str] = []
    previous = None
    for i, script in enumerate(raw):
        if script in _NEUTRAL_SCRIPTS:
            if previous is None:
                previous = next((s for s in raw[i:] if s not in _NEUTRAL_SCRIPTS), default)
            resolved.append(previous)
        else:
            previous = script
            resolved.append(script)
    return resolved


def choose_fonts(text: str, chain: FontChain) -> list[LoadedFont | None]:
    """Per character, the first font of the chain that covers it; neutrals stay with the
    previous font when it covers them, so runs are not split needlessly."""
    fonts: list[LoadedFont | None] = []
    previous: LoadedFont | None = None
    for char in text:
        if _is_attached(char) and previous is not None and (
                needs_no_glyph(char) or previous.covers(char)):
            font = previous
        elif previous is not None and font_unicodedata.script(char) == "Zyyy" and \
                previous.covers(char):
            font = previous
        else:
            font = chain.font_for(char)
            if font is None and needs_no_glyph(char):
                font = previous
            elif font is None:
                name = unicodedata.name(char, "unnamed character")
                raise FontCoverageError(f"U+{ord(char):04X} {name} is in no font tried "
                                        f"({chain.names()})",
                                        fix="replace the character or add a font for it")
        fonts.append(font)
        if font is not None:
            previous = font
    # leading invisible characters take the first real font
    first = next((f for f in fonts if f is not None), chain.primary)
    return [f if f is not None else first for f in fonts]


def itemize(text: str, levels: list[int], chain: FontChain, default_script: str) -> list[Run]:
    scripts = resolve_scripts(text, default_script)
    fonts = choose_fonts(text, chain)
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (levels[i], scripts[i], fonts[i]) != \
                (levels[start], scripts[start], fonts[start]):
            runs.append(Run(start, i, levels[start], scripts[start], fonts[start]))
            start = i
    return runs
