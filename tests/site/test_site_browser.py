"""The site in a real browser: Debian's headless Chromium, driven by Selenium, loads every
page from file:// and checks what a visitor would meet: every link and asset there, no
failed and no outside request (Chrome's own network log), the card's text as in the card
file, right-to-left pages right to left, the fonts loaded, and axe-core's audit clean.
A screenshot of every page at phone and desktop width is kept (REDCARD_SCREENSHOTS=DIR
keeps them there, to look at)."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from sitedata import SITE_LANGUAGES, normalised

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WIDTHS = {"phone": 390, "desktop": 1280}
MAX_SHOT_HEIGHT = 8000


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium and chromium-driver are not installed "
                    "(apt-get install chromium chromium-driver)")
    selenium = pytest.importorskip("selenium.webdriver")
    options = selenium.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--force-device-scale-factor=1", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-default-apps"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = selenium.Chrome(options=options,
                             service=selenium.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("REDCARD_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def _axe_source() -> str:
    axe = pytest.importorskip("axe_selenium_python")
    return (Path(axe.__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
            ).read_text(encoding="utf-8")


def _network(driver) -> tuple[list[str], list[str]]:
    """Requests sent and requests failed since the last call, from Chrome's own log."""
    sent, failed = [], []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            sent.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.loadingFailed":
            failed.append(f"{message['params'].get('errorText')} "
                          f"{message['params'].get('requestId')}")
        elif message["method"] == "Network.responseReceived":
            status = message["params"]["response"].get("status", 200)
            if status >= 400:
                failed.append(f"{status} {message['params']['response']['url']}")
    return sent, failed


def _load(driver, path: Path) -> tuple[list[str], list[str]]:
    _network(driver)  # forget the previous page's requests
    driver.set_window_size(WIDTHS["desktop"], 900)
    driver.get(path.as_uri())
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "Promise.all([document.fonts.ready, ...[...document.images].map(i => i.decode()"
        ".catch(() => null))]).then(() => done(true));")
    return _network(driver)


def _check_requests(site_dir: Path, sent: list[str], failed: list[str]) -> None:
    root = site_dir.resolve().as_uri()
    outside = [url for url in sent if not (url.startswith(root + "/") or
                                           url.startswith("data:"))]
    assert sent, "Chrome's network log recorded nothing"
    assert not outside, outside
    assert not failed, failed


def _check_links(driver, page: Path, site_dir: Path) -> None:
    targets = driver.execute_script(
        "return [...document.querySelectorAll('a[href], img[src], source[src], "
        "link[href]')].map(e => e.href || e.src);")
    assert targets
    for target in targets:
        parsed = urlparse(target)
        if parsed.scheme == "tel":
            assert parsed.path.lstrip("+").isdigit(), target
            continue
        assert parsed.scheme == "file", target
        path = Path(unquote(parsed.path))
        assert path.resolve().is_relative_to(site_dir.resolve()), target
        assert path.is_file(), f"{page}: {target} does not exist"
    broken = driver.execute_script(
        "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.src);")
    assert not broken, broken
    unlabelled = driver.execute_script(
        "return [...document.images].filter(i => !(i.getAttribute('alt') || '').trim())"
        ".map(i => i.src);")
    assert not unlabelled, unlabelled


def _check_fonts(driver) -> None:
    faces = driver.execute_script(
        "return [...document.fonts].map(f => [f.family, f.weight, f.status]);")
    assert faces, "no web fonts"
    assert not [face for face in faces if face[2] == "error"], faces
    assert [face for face in faces if face[2] == "loaded"], faces


def _audit(driver) -> list:
    driver.execute_script(_axe_source())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe failed', help: String(e), nodes: []}]));")
    return [(v["id"], v["help"], [n.get("target") for n in v["nodes"]][:3]) for v in result]


def _screenshot(driver, path: Path, width: int) -> None:
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    driver.set_window_size(width, min(height, MAX_SHOT_HEIGHT))
    driver.execute_script("window.scrollTo(0, 0);")
    driver.save_screenshot(str(path))
    from PIL import Image
    with Image.open(path) as image:
        assert image.width == width
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 10, f"{path} is blank"
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    assert overflow <= 0, f"{path}: the page is {overflow} px wider than the window"


def _texts(driver, selector: str) -> list[str]:
    return [normalised(text) for text in driver.execute_script(
        f"return [...document.querySelectorAll({json.dumps(selector)})]"
        ".map(e => e.textContent);")]


@pytest.mark.parametrize("code", SITE_LANGUAGES)
def test_language_page(browser, site, site_library, shots, code):
    page = site.out_dir / code / "index.html"
    card = site_library.card(code)
    sent, failed = _load(browser, page)
    _check_requests(site.out_dir, sent, failed)
    _check_links(browser, page, site.out_dir)
    _check_fonts(browser)

    # The card as text, as the card file has it, in its language and direction.
    assert _texts(browser, "#front h1") == [normalised(card.front.title)]
    assert _texts(browser, "#front ul.points > li") == [normalised(p)
                                                        for p in card.front.points]
    assert _texts(browser, "#back h2") == [normalised(card.back.title)]
    assert _texts(browser, "#back ul.points > li") == [normalised(p) for p in card.back.points]
    hotline = _texts(browser, "#front .hotline")
    assert len(hotline) == 1 and hotline[0].startswith(normalised(card.front.hotline_label))
    if card.interpreter_request:
        closing = normalised(card.interpreter_request.replace("\u2068", "")
                             .replace("\u2069", ""))
        assert closing in _texts(browser, "#back p strong")
    front = browser.execute_script(
        "const f = document.getElementById('front'), b = document.getElementById('back');"
        "return [f.lang, getComputedStyle(f).direction, b.lang, getComputedStyle(b).direction,"
        " getComputedStyle(f.querySelector('li')).textAlign];")
    assert front[0] == card.text_language
    assert front[1] == ("rtl" if card.is_rtl else "ltr")
    assert front[2:4] == ["en", "ltr"]
    assert front[4] in ("start", "right" if card.is_rtl else "left")
    # The title, shorter than a line, sits at the card's start: the right in RTL.
    edges = browser.execute_script(
        "const f = document.getElementById('front').getBoundingClientRect();"
        "const r = document.createRange();"
        "r.selectNodeContents(document.querySelector('#front h1'));"
        "const first = r.getClientRects()[0];"
        "return [first.left - f.left, f.right - first.right];")
    start, end = (edges[1], edges[0]) if card.is_rtl else edges
    assert start < end, edges
    # Reading order: the front, then the English back, then the rest of the page.
    order = browser.execute_script(
        "return [...document.querySelectorAll('main > *')].map(e => e.id || "
        "e.getAttribute('aria-labelledby'));")
    assert order[:2] == ["front", "back"]
    if card.audio is not None:
        assert browser.execute_script(
            "const a = document.querySelector('audio source');"
            "return a && a.type;") == "audio/wav"
        assert normalised(card.front.points[0]) in _texts(browser, "details li")

    assert _audit(browser) == []
    for name, width in WIDTHS.items():
        _screenshot(browser, shots / f"{code}-{name}.png", width)


def test_index_page(browser, site, site_library, shots):
    page = site.index
    sent, failed = _load(browser, page)
    _check_requests(site.out_dir, sent, failed)
    _check_links(browser, page, site.out_dir)
    _check_fonts(browser)
    entries = browser.execute_script(
        "return [...document.querySelectorAll('.languages a')].map(a => {"
        "const own = a.querySelector('.own');"
        "return [a.getAttribute('href'), own.lang, own.dir, own.textContent,"
        " getComputedStyle(own).direction, a.querySelector('.english').textContent];});")
    assert [entry[0] for entry in entries] == [f"{code}/index.html"
                                               for code in SITE_LANGUAGES]
    for _href, lang, direction, own, computed, english in entries:
        card = site_library.card(lang)
        assert (own, direction, computed) == (card.endonym, card.direction, card.direction)
        assert english.startswith(card.name)
    assert _audit(browser) == []
    for name, width in WIDTHS.items():
        _screenshot(browser, shots / f"index-{name}.png", width)


def test_text_comparison_sees_a_difference():
    """The comparison the page test uses is not blind: it keeps letters, marks and order."""
    assert normalised("Conozca  sus\nderechos") == "Conozca sus derechos"
    assert normalised("اعرف حقوقك") != normalised("اعرف حقوق")
    assert normalised(unicodedata.normalize("NFD", "é")) == "é"
