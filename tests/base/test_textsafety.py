"""The one gate for printed text: what it refuses, what it lets through untouched, and the
message it gives (character as U+XXXX, its position, the field)."""

from __future__ import annotations

import pytest

from redcard.errors import ContentError
from redcard.textsafety import UnsafeTextError, checked_language_code, checked_text


def refused(value: str, **options) -> str:
    with pytest.raises(UnsafeTextError) as caught:
        checked_text(value, max_chars=options.pop("max_chars", 100), field="title", **options)
    return caught.value.one_line()


@pytest.mark.parametrize("value, code, position", [
    ("fdp.\u202eexe", "U+202E RIGHT-TO-LEFT OVERRIDE", 5),
    ("\u202aembedded\u202c", "U+202A LEFT-TO-RIGHT EMBEDDING", 1),
    ("a\u202db", "U+202D LEFT-TO-RIGHT OVERRIDE", 2),
    ("A\x00B", "U+0000", 2),
    ("bell\x07", "U+0007", 5),
    ("next\x85line", "U+0085", 5),
    ("tab\there", "U+0009", 4),  # a single-line field
    ("\ufeffbom", "U+FEFF ZERO WIDTH NO-BREAK SPACE", 1),
    ("private \ue000", "U+E000", 9),
    ("non \uffff", "U+FFFF", 5),
    ("non \ufdd0", "U+FDD0", 5),
    ("lone \ud800", "U+D800", 6),
    ("line\u2028break", "U+2028 LINE SEPARATOR", 5),
    ("soft\u00adhyphen", "U+00AD SOFT HYPHEN", 5),
    ("\u3164", "U+3164 HANGUL FILLER", 1),
    ("tag\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A", 4),
    ("unassigned \U0003ffff", "U+3FFFF", 12),
])
def test_each_unsafe_character_is_named_with_its_position(value, code, position):
    line = refused(value)
    assert line.startswith(f"title: character {position} is {code}, ")
    assert "\n" not in line and len(line) < 300


@pytest.mark.parametrize("value, words", [
    ("open \u2066isolate", "1 bidi isolate(s) are never closed"),
    ("close\u2069", "character 6 is U+2069 POP DIRECTIONAL ISOLATE with no isolate open"),
    ("\u2066" * 9 + "x" + "\u2069" * 9, "opens a bidi isolate 9 deep, more than 8"),
    ("\u200b\u200b", "has nothing visible in it"),
    ("\u200b\u00a0\u3000\u200b", "has nothing visible in it"),
    ("\ufe0f\u200d", "has nothing visible in it"),
    ("x" * 101, "is 101 characters long, more than 100"),
    ("x" * 10_000_000, "is 10000000 characters long, more than 100"),
])
def test_what_cannot_be_drawn_honestly_is_refused(value, words):
    assert words in refused(value)


@pytest.mark.parametrize("value", [
    "Know your rights",
    "می\u200cتوانید",  # Persian needs the zero-width non-joiner
    "क्\u200dष",  # and Indic scripts the joiner
    "\u200fשלום (213) 555-0100",  # a right-to-left mark
    "Call \u2066(213) 555-0100\u2069 now",  # an isolate that closes
    "ສະ\u200bບາຍ",  # a zero-width space as a break hint
    "Åå",
])
def test_legitimate_text_passes_unchanged(value):
    assert checked_text(value, max_chars=100) == value


def test_text_is_normalised_and_stripped_and_multiline_folds_line_breaks():
    assert checked_text("\u00a0 \u3000", max_chars=10) == ""  # empty: the caller decides
    assert checked_text("  cafe\u0301 \n", max_chars=10, multiline=True) == "café"
    assert checked_text("one\n  two\r\n\tthree", max_chars=30, multiline=True) == \
        "one two three"


def test_the_callers_error_class_and_place_are_used():
    with pytest.raises(ContentError) as caught:
        checked_text("x\u202e", max_chars=10, file="cards/es.yaml", field="front.title",
                     error=ContentError)
    assert caught.value.one_line().startswith("cards/es.yaml: front.title: character 2 is "
                                              "U+202E")


@pytest.mark.parametrize("code", ["es", "zh-Hant", "hmn", "sr-Latn-RS"])
def test_language_codes_safe_in_file_names_pass(code):
    assert checked_language_code(code) == code


@pytest.mark.parametrize("code", ["../x", "es/../../evil", "es\u202e", "", "ES", "e", 12,
                                  "es.pdf", "es " * 20])
def test_other_language_codes_are_refused(code):
    with pytest.raises(UnsafeTextError) as caught:
        checked_language_code(code, field="code")
    assert "is not a language code" in caught.value.one_line()
    assert len(caught.value.one_line()) < 200
