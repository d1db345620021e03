"""Line-break opportunities and grapheme boundaries from ICU.

ICU's dictionaries find word boundaries in Thai and Khmer, which have no spaces, and its rules
apply CJK and Japanese kinsoku; ICU offsets are UTF-16 code units, converted here to
code-point indices.
"""

from __future__ import annotations

from icu4py.breakers import CharacterBreaker, LineBreaker, WordBreaker


def _icu_locale(language: str) -> str:
    """Japanese gets ICU's strict rules: no line may start with a small kana such as ょ."""
    locale = language.replace("-", "_")
    return f"{locale}@lb=strict" if language.split("-")[0] == "ja" else locale


def _code_point_offsets(text: str) -> dict[int, int]:
    """UTF-16 offset → code-point index, for every boundary in the text."""
    mapping = {}
    utf16 = 0
    for index, char in enumerate(text):
        mapping[utf16] = index
        utf16 += 2 if ord(char) > 0xFFFF else 1
    mapping[utf16] = len(text)
    return mapping


def _ends(breaker_type: type, text: str, language: str) -> list[int]:
    if not text:
        return []
    offsets = _code_point_offsets(text)
    return [offsets[end] for _, end in breaker_type(text, _icu_locale(language)).segments()]


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def line_break_opportunities(text: str, language: str) -> list[int]:
    """Indices where a new line may start, ascending, ending with len(text).

    Korean is broken between words, as Korean print does (CSS `word-break: keep-all`), not
    between any two syllables as ICU's default rules allow, nor between a closing quotation
    mark or bracket and the particle written onto it (“…”라고).
    """
    breaks = _ends(LineBreaker, text, language)
    if language.split("-")[0] == "ko":  # nor before a particle: ”|라고, )|를
        breaks = [b for b in breaks if b == len(text) or
                  not (_is_hangul(text[b]) and not text[b - 1].isspace())]
    return breaks


def grapheme_boundaries(text: str, language: str) -> list[int]:
    """Indices after each grapheme cluster (user-perceived character), ending with len(text)."""
    return _ends(CharacterBreaker, text, language)


def word_boundaries(text: str, language: str) -> list[int]:
    """Indices after each word, by ICU's dictionaries: in Chinese and Japanese, where a line
    may break between any two characters, the places where it reads best."""
    return _ends(WordBreaker, text, language)
