"""The one gate every user-visible text passes: card files, options, config, orders, the
hotline directory. What passes is drawn exactly as it is, so the card shows what its text
layer says; what cannot be drawn honestly is refused, naming the character and where it is.

Refused: bidi embeddings and overrides (U+202A–U+202E, which can make "fdp.exe" print as
"exe.pdf"), isolates that do not close, control characters, noncharacters, lone surrogates,
private-use characters (no font has them: tofu), text with nothing visible, and text longer
than the field can hold.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .errors import RedcardError

EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e"
ISOLATE_OPENERS = "\u2066\u2067\u2068"
ISOLATE_CLOSER = "\u2069"
# The invisible characters text may hold: joiners (Persian, Indic), direction marks, the
# zero-width space (a line-break hint in Thai and Khmer), the word joiner; the isolates are
# checked for balance. Not the soft hyphen: a line broken there would show no hyphen.
ALLOWED_FORMAT = "\u200b\u200c\u200d\u200e\u200f\u061c\u2060" + ISOLATE_OPENERS + \
    ISOLATE_CLOSER
# Letters that draw nothing (Hangul fillers, Khmer's deprecated inherent vowels): a name made
# of them looks blank.
INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0\u17b4\u17b5"
BIDI_FIX = "delete it (redcard keeps numbers and names in their direction itself)"
MAX_ISOLATE_DEPTH = 8  # far below UAX #9's 125, where readers' bidi would part from ours
MAX_MESSAGE_VALUE = 40  # characters of a user's value quoted back in a message
# A language code as redcard uses it in file names: BCP 47 letters, digits and hyphens only.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}")


class UnsafeTextError(RedcardError):
    """A text holds a character redcard will not print, or is too long."""


def shorten(value: object, limit: int = MAX_MESSAGE_VALUE) -> str:
    """A value as a message may quote it: its repr, cut to `limit` characters."""
    if isinstance(value, int) and value.bit_length() > 256:  # repr would be huge, or fail
        return f"a number of {int(value.bit_length() * 0.30103) + 1} digits"
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 12]}… ({len(text)} characters)"


@functools.lru_cache(maxsize=4096)  # a card file's few hundred characters, asked often
def _problem(char: str) -> str | None:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate (broken UTF-16 or a bad escape)"
    if char in EMBEDDINGS:
        return "a bidi embedding or override, which can make text print in another order " \
               "than it reads"
    category = unicodedata.category(char)
    if char == "\u00ad":
        return "a soft hyphen, which shows no hyphen where redcard breaks a line"
    if char in INVISIBLE_LETTERS:
        return "a letter that draws nothing"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator"
    if category == "Cc":
        return "a control character"
    if category == "Cf" and char not in ALLOWED_FORMAT:
        return "an invisible format character"
    if code in range(0xFDD0, 0xFDF0) or code & 0xFFFE == 0xFFFE:
        return "a noncharacter"
    if category == "Co":
        return "a private-use character, which no font draws"
    if category == "Cn":
        return "an unassigned code point"
    return None


def _draws_ink(char: str) -> bool:
    """Not a space, control, format character or variation selector: something shows."""
    code = ord(char)
    return unicodedata.category(char)[0] not in "CZ" and not (
        0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180D
        or code == 0x034F)


def checked_text(value: str, *, max_chars: int, file: str | None = None,
                 setting: str | None = None, field: str | None = None,
                 multiline: bool = False,
                 error: type[RedcardError] = UnsafeTextError) -> str:
    """The text, NFC-normalised and stripped, or `error` naming the character as U+XXXX
    with its position. `multiline` lets line breaks and tabs through as spaces."""
    where = {"file": file, "setting": setting, "field": field}
    if len(value) > 4 * max_chars:  # before scanning or normalising a huge value
        raise error(f"is {len(value)} characters long, more than {max_chars}",
                              fix="shorten it", **where)
    allowed = "\t\r\n" if multiline else ""
    if any(_problem(char) for char in set(value) if char not in allowed):
        _refuse_first_problem(value, allowed, error, where)
    if multiline:
        value = re.sub(r"\s*[\t\r\n]\s*", " ", value)
    text = unicodedata.normalize("NFC", value.strip())
    depth = 0
    isolates = ISOLATE_OPENERS + ISOLATE_CLOSER
    for position, char in enumerate(text if any(c in text for c in isolates) else "",
                                    start=1):
        if char in ISOLATE_OPENERS:
            depth += 1
            if depth > MAX_ISOLATE_DEPTH:
                raise error(f"character {position} opens a bidi isolate "
                                      f"{depth} deep, more than {MAX_ISOLATE_DEPTH}",
                                      fix=BIDI_FIX, **where)
        elif char == ISOLATE_CLOSER:
            depth -= 1
            if depth < 0:
                raise error(f"character {position} is U+2069 POP DIRECTIONAL "
                                      "ISOLATE with no isolate open", fix=BIDI_FIX,
                                      **where)
    if depth:
        raise error(f"{depth} bidi isolate(s) are never closed",
                              fix="delete the invisible U+2066–U+2068 characters", **where)
    if len(text) > max_chars:
        raise error(f"is {len(text)} characters long, more than {max_chars}",
                              fix="shorten it", **where)
    if text and not any(_draws_ink(c) for c in text):
        raise error("has nothing visible in it", fix="write the text", **where)
    return text


def _refuse_first_problem(value: str, allowed: str, error: type[RedcardError],
                          where: dict) -> None:
    """The error naming the first character that may not be printed, where it is."""
    for position, char in enumerate(value, start=1):
        problem = None if char in allowed else _problem(char)
        if problem is not None:
            name = unicodedata.name(char, "")
            raise error(
                f"character {position} is U+{ord(char):04X}{f' {name}' if name else ''}, "
                f"{problem}", fix=BIDI_FIX if char in EMBEDDINGS else "delete it", **where)


def checked_language_code(code: object, *, file: str | None = None,
                          setting: str | None = None, field: str | None = None,
                          error: type[RedcardError] = UnsafeTextError) -> str:
    """A language code safe in a file name (es, zh-Hant), or `error`."""
    if not isinstance(code, str) or not LANGUAGE_CODE.fullmatch(code):
        raise error(f"{shorten(code)} is not a language code", file=file,
                              setting=setting, field=field,
                              fix="use a BCP 47 code such as es, ko or zh-Hant")
    return code
