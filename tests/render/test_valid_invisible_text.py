"""Text the gate lets through with invisible characters in it (balanced isolates, direction
marks, joiners, zero-width spaces, the word joiner) shows on the card exactly what its text
layer says, in all five readers; so does an organisation's name that mixes directions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from readers import READERS, UNSPACED, extract, first_difference, normalise

from redcard import CardExtras
from redcard.library import Deck
from redcard.model.content import load_card
from redcard.paths import cards_dir
from redcard.textsafety import checked_text

LATIN_ORG = "Ayuda \u2068Legal\u2069 (Norte) 24/7"
ARABIC_ORG = "مساعدة قانونية (LA) 24/7"


def _card(code: str):
    english = load_card(cards_dir() / "en.yaml", shared_back=None)
    return load_card(cards_dir() / f"{code}.yaml", shared_back=english.back)


CASES = {
    "en-isolates": ("en", lambda t: "Know \u2068your\u2069 rights (\u2066213\u2069)"),
    "en-rlm": ("en", lambda t: "Know your rights \u200f(now)"),
    "en-word-joiner": ("en", lambda t: "Know\u2060your rights"),
    "ar-lrm": ("ar", lambda t: t + " \u200eOK"),
    "fa-zwnj": ("fa", lambda t: t),  # the shipped points have U+200C
    "th-zwsp": ("th", lambda t: "\u200b".join(t)),
}


@pytest.fixture(scope="module")
def pdfs(library, tmp_path_factory) -> dict[str, tuple[Path, object, str]]:
    out = tmp_path_factory.mktemp("invisible")
    made = {}
    for name, (code, change) in CASES.items():
        card = _card(code)
        title = checked_text(change(card.front.title), max_chars=300)  # what the gate passes
        card = replace(card, front=replace(card.front, title=title))
        org = ARABIC_ORG if code == "ar" else LATIN_ORG
        deck = Deck(library, ((card, 1),), CardExtras(org=org), ())
        made[name] = (next(deck.digital()).write(out / f"{name}.pdf"), card, org)
    return made


def test_the_cases_hold_the_invisible_characters_they_are_about(pdfs):
    titles = {name: " ".join((card.front.title, *card.front.points))
              for name, (_, card, _) in pdfs.items()}
    assert "\u2068" in titles["en-isolates"] and "\u200f" in titles["en-rlm"]
    assert "\u2060" in titles["en-word-joiner"] and "\u200e" in titles["ar-lrm"]
    assert "\u200c" in titles["fa-zwnj"] and titles["th-zwsp"].count("\u200b") > 10


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", CASES)
def test_the_text_layer_says_what_the_card_shows(pdfs, name, reader):
    path, card, org = pdfs[name]
    unspaced = card.code in UNSPACED
    front = normalise(extract(reader, path, 0), unspaced)
    want = normalise(" ".join((card.front.title, *card.front.points)), unspaced)
    assert front.startswith(want), first_difference(front, want)
    back = normalise(extract(reader, path, 1), False)
    assert normalise(org, False) in back, back[-120:]
