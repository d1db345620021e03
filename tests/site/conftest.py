"""One card site, built once per session, for the page, file and browser tests: a language
of every script the cards use, and a spoken language with a recording (a card folder of
our own, the shipped cards plus `audio:` and a generated WAV)."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest
from sitedata import SITE_LANGUAGES, SITE_URL

from redcard import Extras, Library
from redcard.site import build_site

AUDIO_SECONDS = 1.5


def write_wav(path: Path, seconds: float) -> None:
    """A quiet 8 kHz mono tone: a real recording as far as any reader can tell."""
    import math
    rate = 8000
    frames = bytearray()
    for i in range(int(rate * seconds)):
        value = int(3000 * math.sin(2 * math.pi * 440 * i / rate))
        frames += value.to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


@pytest.fixture(scope="session")
def site_cards(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site-cards")
    for path in Path(Library().cards.english.source_file).parent.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    mam = folder / "mam.yaml"
    mam.write_text(mam.read_text(encoding="utf-8") + "audio: mam-front.wav\n",
                   encoding="utf-8")
    write_wav(folder / "mam-front.wav", AUDIO_SECONDS)
    return folder


@pytest.fixture(scope="session")
def site_library(site_cards) -> Library:
    return Library.load(cards=site_cards)


@pytest.fixture(scope="session")
def site(site_library, tmp_path_factory):
    deck = site_library.deck(list(SITE_LANGUAGES), extras=Extras(hotline="la-county"))
    return build_site(deck, tmp_path_factory.mktemp("site") / "public", SITE_URL)
