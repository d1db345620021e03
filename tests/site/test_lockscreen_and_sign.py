"""Lock-screen images and door signs: made by the card designer for every language, sized
exactly, the clock's band free, the text larger than on the printed card, and the same text
as the card file."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from PIL import Image
from readers import expected_back, expected_front, extract, normalise

from redcard import Extras
from redcard.cli import cli
from redcard.design.lockscreen import CLOCK_FRACTION, SCREENS, lockscreen_layout
from redcard.design.sign import MIN_BODY_PT, sign_layout
from redcard.design.themes import CARD_RED, get_theme
from redcard.digital import lock_screen
from redcard.sign import door_sign


@pytest.fixture(scope="module")
def hotline_deck(library):
    return library.deck(None, extras=Extras(hotline="la-county"))


@pytest.mark.parametrize("side", ["front", "back"])
def test_every_language_fits_a_lock_screen_larger_than_the_card(library, hotline_deck,
                                                                side):
    """The tighter of the two screens (narrower for its height), with the hotline band."""
    screen = SCREENS["1170x2532"]
    designs = list(hotline_deck.digital())
    for (card, _), digital in zip(hotline_deck.entries, designs):
        layout = lockscreen_layout(card, hotline_deck.extras, screen, side,
                                   get_theme("red"), library.fonts)
        assert layout.face_at[1] + layout.face.height_mm <= layout.clock_bottom_mm + 1e-6
        if side == "front":
            assert layout.face.body_pt > digital.body_pt, card.code


def test_every_language_fits_a_door_sign_in_large_print(library, hotline_deck):
    """On Letter, the tighter paper for every language (A4 is taller: the signs test below
    makes A4 ones)."""
    page = library.catalog.sizes.paper("letter")
    for card, _ in hotline_deck.entries:
        layout = sign_layout(card, hotline_deck.extras, page, get_theme("economy"),
                             library.fonts)
        assert layout.body_pt >= MIN_BODY_PT, card.code
        front_bottom = layout.front_at[1]
        assert layout.back_at[1] + layout.back.height_mm < front_bottom  # no overlap
        assert front_bottom + layout.front.height_mm <= page.height_mm


@pytest.mark.parametrize("code", ["ar", "th", "ja"])
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_lock_screen_png_is_the_screen_with_the_clock_band_free(library, hotline_deck,
                                                                code, name):
    card = library.card(code)
    shot = lock_screen(card, SCREENS[name], "front", "red", hotline_deck.extras,
                       library.fonts)
    image = Image.open(io.BytesIO(shot.png())).convert("RGB")
    screen = SCREENS[name]
    assert image.size == (screen.width_px, screen.height_px)
    band = image.crop((0, 0, screen.width_px, int(screen.height_px * CLOCK_FRACTION) - 2))
    red = tuple(round(c * 255) for c in CARD_RED)
    colours = band.getcolors()
    assert colours is not None and len(colours) == 1
    assert all(abs(a - b) <= 1 for a, b in zip(colours[0][1], red))
    below = image.crop((0, int(screen.height_px * CLOCK_FRACTION), screen.width_px,
                        screen.height_px))
    assert below.getcolors(maxcolors=1 << 16) is None or \
        len(below.getcolors(maxcolors=1 << 16)) > 50  # text is drawn


@pytest.mark.parametrize("code", ["es", "he", "km", "zh-Hant"])
def test_door_sign_holds_the_card_text(library, hotline_deck, tmp_path, code):
    card = library.card(code)
    sign = door_sign(card, library.catalog.sizes.paper("a4"), hotline_deck.extras,
                     library.fonts)
    path = sign.write(tmp_path / sign.file_name)
    from pypdf import PdfReader
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == \
        (210, 297)
    unspaced = card.script in ("Thai", "Khmr", "Hans", "Hant", "Jpan")
    text = normalise(extract("pdfium", path, 0), unspaced)
    assert normalise(expected_front(card), unspaced) in text
    assert normalise(expected_back(card), unspaced) in text


def test_sign_and_lockscreen_commands(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["sign", "--lang", "es", "--paper", "a4", "--out",
                                 str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "es-door-sign-a4.pdf").read_bytes()[:4] == b"%PDF"
    result = runner.invoke(cli, ["digital", "--lang", "ur", "--format", "lockscreen",
                                 "--size", "1080x2400", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("ur-*.png")) == [
        "ur-lockscreen-1080x2400.png", "ur-lockscreen-back-1080x2400.png"]
    result = runner.invoke(cli, ["sign", "--lang", "es", "--paper", "legal"])
    assert result.exit_code == 2
