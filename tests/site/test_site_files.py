"""The site's files without a browser: what each page offers, the fonts it embeds, the QR
code on the printed cards, the recording, and the same bytes from the same input."""

from __future__ import annotations

import base64
import re

import pytest
import zxingcpp
from PIL import Image
from sitedata import SITE_LANGUAGES, SITE_URL

from redcard import Extras
from redcard.errors import SettingsError
from redcard.site import build_site, page_url, site_files

FONT_DATA = re.compile(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)")


def test_every_language_has_a_page_with_every_file(site):
    assert [page.code for page in site.pages] == list(SITE_LANGUAGES)
    for page in site.pages:
        names = {path.name for path in page.files}
        code = page.code
        assert {f"{code}-front.png", f"{code}-back.png", f"{code}-letter.pdf",
                f"{code}-a4.pdf", f"{code}-avery-5371.pdf", f"{code}-door-sign-letter.pdf",
                f"{code}-door-sign-a4.pdf", f"{code}-lockscreen-1170x2532.png",
                f"{code}-lockscreen-back-1170x2532.png", f"{code}-lockscreen-1080x2400.png",
                f"{code}-lockscreen-back-1080x2400.png"} <= names
        for path in page.files:
            data = (site.out_dir / path).read_bytes()
            assert data[:4] in (b"%PDF", b"\x89PNG", b"RIFF"), path
    assert all((site.out_dir / path).is_file() for path in site_files(site))


def test_pages_mark_language_and_direction(site, site_library):
    for page in site.pages:
        card = site_library.card(page.code)
        text = (site.out_dir / page.path).read_text(encoding="utf-8")
        assert f'id="front" lang="{card.text_language}" dir="{card.direction}"' in text
        assert 'id="back" lang="en" dir="ltr"' in text
        assert 'href="tel:+18886244752"' in text
        assert "http://" not in text and "https://" not in text.replace(SITE_URL, "")


def test_fonts_are_woff2_subsets_of_the_page(site, site_library):
    """Each page embeds its fonts as WOFF2, cut to far less than the vendored files."""
    import io

    from fontTools.ttLib import TTFont
    for code in ("th", "zh-Hans", "ar"):
        text = (site.out_dir / code / "index.html").read_text(encoding="utf-8")
        blobs = [base64.b64decode(blob) for blob in FONT_DATA.findall(text)]
        assert len(blobs) >= 3, code  # Latin regular and bold, the script's own
        for blob in blobs:
            assert blob[:4] == b"wOF2"
            font = TTFont(io.BytesIO(blob))
            assert len(font.getBestCmap()) < 1500
        card = site_library.card(code)
        own = {ord(c) for c in card.front.title if not c.isspace()}
        assert any(own <= set(TTFont(io.BytesIO(b)).getBestCmap()) for b in blobs), code


def test_printed_cards_point_to_their_page(site):
    """--site-url: the QR code on the card's back is the address of the card's own page."""
    for code in ("es", "ar"):
        image = Image.open(site.out_dir / code / f"{code}-back.png")
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        assert [symbol.text for symbol in found] == [page_url(SITE_URL, code)]


def test_recording_is_offered_with_a_transcript(site, site_library):
    text = (site.out_dir / "mam" / "index.html").read_text(encoding="utf-8")
    assert '<source src="mam-front.wav" type="audio/wav">' in text
    assert "<summary>Transcript</summary>" in text
    assert (site.out_dir / "mam" / "mam-front.wav").read_bytes() == \
        site_library.card("mam").audio.read_bytes()
    assert "<audio" not in (site.out_dir / "es" / "index.html").read_text(encoding="utf-8")


def test_same_input_same_bytes(site_library, tmp_path):
    deck = site_library.deck(["th"], extras=Extras(hotline="la-county"))
    first = build_site(deck, tmp_path / "one", SITE_URL)
    second = build_site(deck, tmp_path / "two", SITE_URL)
    for path in site_files(first):
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()
    assert list(site_files(first)) == list(site_files(second))


def test_a_bad_site_url_is_refused(site_library, tmp_path):
    deck = site_library.deck(["es"])
    with pytest.raises(SettingsError, match="not a web address") as error:
        build_site(deck, tmp_path, "example.org/cards")
    assert error.value.setting == "site_url"
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("code", ["ar", "ur", "hi", "km", "th", "ja"])
def test_subset_fonts_shape_as_the_originals(library, code):
    """The web fonts keep every feature the script needs: HarfBuzz shapes the card's text
    with a page's subset exactly as with the vendored font (Arabic joining, Nastaliq,
    Indic and Khmer reordering, marks)."""
    import io

    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    from redcard.site import _woff2
    card = library.card(code)
    text = " ".join((card.front.title, *card.front.points))
    font = library.fonts.chain(code, card.script, "regular").primary
    wanted = "".join(sorted({c for c in text if font.covers(c)} | {" "}))
    woff2 = TTFont(io.BytesIO(_woff2(font, wanted)))
    woff2.flavor = None
    plain = io.BytesIO()
    woff2.save(plain)

    def shaped(data: bytes) -> list[tuple[int, int, int]]:
        hb_font = hb.Font(hb.Face(data))
        buffer = hb.Buffer()
        buffer.add_str("".join(c for c in text if font.covers(c)))
        buffer.guess_segment_properties()
        hb.shape(hb_font, buffer)
        return [(p.x_advance, p.x_offset, p.y_offset) for p in buffer.glyph_positions]

    assert shaped(plain.getvalue()) == shaped(font.data)
