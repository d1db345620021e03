"""Prepare a paragraph and split it into runs of one bidi level, one script and one font."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from fontTools import unicodedata as font_unicodedata

from ..errors import FontCoverageError
from ..phone import PHONE_PATTERN, has_enough_digits
from .fonts import FontChain, LoadedFont, needs_no_glyph

LRI, PDI = "\u2066", "\u2069"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Phone numbers, URLs and e-mail addresses must read left to right even inside Arabic text.
_LTR_SPANS = re.compile(
    r"(?:https?://|www\.)[^\s]+[^\s.,;:!?)\]]"          # URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                     # e-mail
    rf"|{PHONE_PATTERN}",                                # phone number (redcard.phone)
    re.ASCII)
_NEUTRAL_SCRIPTS = ("Zyyy", "Zinh", "Zzzz")


def prepare(text: str) -> str:
    """NFC-normalise and wrap LTR-only spans in isolates so bidi cannot reorder their parts."""
    text = unicodedata.normalize("NFC", text)

    def isolate(match: re.Match[str]) -> str:
        span = match.group(0)
        is_phone = span[0] in "+(0123456789"
        if is_phone and not has_enough_digits(span):
            return span
        return f"{LRI}{span}{PDI}"

    return _LTR_SPANS.sub(isolate, text)


_NO_BIDI_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi_controls(text: str) -> str:
    """The text a reader copies: without the invisible isolates added for layout."""
    return text.translate(_NO_BIDI_CONTROLS)


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
    return needs_no_glyph(char) or unicodedata.category(char)[0] == "M"


_CHARACTERS_KEPT = 65536
_SCRIPTS: dict[str, str] = {}  # per character: fontTools' script, looked up once
_NEUTRAL: dict[str, bool] = {}  # per character: _is_neutral


def _script(char: str) -> str:
    script = _SCRIPTS.get(char)
    if script is None:
        if len(_SCRIPTS) >= _CHARACTERS_KEPT:
            _SCRIPTS.clear()
        script = _SCRIPTS[char] = font_unicodedata.script(char)
    return script


def resolve_scripts(text: str, default: str) -> list[str]:
    """ISO 15924 script per character; Common and Inherited take the surrounding script."""
    known = _SCRIPTS.get
    raw = [known(c) or _script(c) for c in text]
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


def _is_neutral(char: str) -> bool:
    neutral = _NEUTRAL.get(char)
    if neutral is None:
        if len(_NEUTRAL) >= _CHARACTERS_KEPT:
            _NEUTRAL.clear()
        neutral = _NEUTRAL[char] = needs_no_glyph(char) or _script(char) in _NEUTRAL_SCRIPTS
    return neutral


def choose_fonts(text: str, chain: FontChain) -> list[LoadedFont]:
    """Per character, the first font of the chain that covers it. A stretch of neutral
    characters (digits, punctuation, spaces) keeps one font where one font covers it all, so
    a phone number is never drawn half in one typeface and half in another."""
    fonts: list[LoadedFont] = []
    previous: LoadedFont | None = None
    known = _NEUTRAL.get
    neutral = [known(char, None) for char in text]
    if None in neutral:
        neutral = [_is_neutral(char) for char in text]
    count = len(text)
    i = 0
    while i < count:
        if neutral[i]:
            j = i
            while j < count and neutral[j]:
                j += 1
            visible = [c for c in text[i:j] if not needs_no_glyph(c)]
            candidates = ([previous] if previous is not None else []) + list(chain.fonts)
            whole = next((f for f in candidates if all(f.covers(c) for c in visible)), None)
            if whole is not None:
                fonts += [whole] * (j - i)
                previous = whole
            else:
                for char in text[i:j]:
                    font = _font_for(char, chain, previous)
                    fonts.append(font)
                    previous = font
            i = j
            continue
        # not neutral, so not a control: the previous font for a mark it has, else the
        # chain's first that has it (_font_for's answer for such a character)
        char = text[i]
        if previous is not None and _is_attached(char) and previous.covers(char):
            font = previous
        else:
            font = chain.font_for(char) or _font_for(char, chain, previous)
        fonts.append(font)
        previous = font
        i += 1
    return fonts


def _font_for(char: str, chain: FontChain, previous: LoadedFont | None) -> LoadedFont:
    if needs_no_glyph(char):
        return previous or chain.primary
    if previous is not None and previous.covers(char) and _is_neutral(char):
        return previous
    font = chain.font_for(char)
    if font is None:
        name = unicodedata.name(char, "unnamed character")
        raise FontCoverageError(f"U+{ord(char):04X} {name} is in no font tried "
                                f"({chain.names()})",
                                fix="replace the character or add a font for it")
    return font


def itemize(text: str, levels: list[int], chain: FontChain, default_script: str) -> list[Run]:
    scripts = resolve_scripts(text, default_script)
    fonts = choose_fonts(text, chain)
    runs: list[Run] = []
    if not text:
        return runs
    start = 0
    level, script, font = levels[0], scripts[0], fonts[0]
    for i in range(1, len(text)):
        if levels[i] != level or scripts[i] != script or fonts[i] is not font:
            runs.append(Run(start, i, level, script, font))
            start = i
            level, script, font = levels[i], scripts[i], fonts[i]
    runs.append(Run(start, len(text), level, script, font))
    return runs
