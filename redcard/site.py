"""The card site: static HTML that works offline, from a web server or straight from the
folder (`file://`), with no request leaving it. An index lists every language by its own name;
each language's page has the card as real HTML (the front in the holder's language, the
English back marked as English), the digital card images, lock-screen images to save to a
phone, the printable sheets, the door sign and, for a spoken language, the recording.

Fonts are the vendored ones, subset to the characters of each page and embedded in the page
as WOFF2 data: browsers refuse font files loaded from `file://` (an opaque origin), and an
embedded font needs no request at all."""

from __future__ import annotations

import base64
import hashlib
import html
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from .design.lockscreen import SCREENS
from .digital import card_png, digital_card, lock_screen
from .errors import RedcardError, SettingsError
from .files import OutputBatch
from .library import Deck
from .model.audio import inspect_audio
from .model.content import CardContent
from .model.extras import CardExtras, Extras
from .model.settings import PrintSettings
from .sign import SIGN_PAPERS, door_sign
from .text.fonts import FontChain, LoadedFont, needs_no_glyph

# The printable sheets each page offers: plain Letter and A4, and the business-card stock.
SHEETS = (("letter", "Letter paper, cut with a trimmer or scissors"),
          ("a4", "A4 paper, cut with a trimmer or scissors"),
          ("avery-5371", "Avery 5371 business-card sheets (Letter, micro-perforated)"))
CARD_WIDTH_PX = 1080
STYLE_FILE = "style.css"
# Colours: white on the card red is 6.9:1, the dark text on white 16:1, the link blue on
# white 8.6:1 (WCAG AA asks 4.5:1).
STYLE = """\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: #1a1a1a; line-height: 1.5;
       font-size: 1.0625rem; }
a { color: #0b4a8f; }
a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #ffffff; padding: .5rem; }
.skip:focus { left: .5rem; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: .75rem; }
footer { padding-bottom: 2rem; color: #3d3d3d; font-size: .9rem; }
h1, h2, h3 { line-height: 1.25; }
.card { background: #b31229; color: #ffffff; border-radius: .75rem; padding: 1rem 1.25rem;
        margin: 1rem 0; }
.card a { color: #ffffff; }
.card h1, .card h2 { margin: 0 0 .5rem; }
.card ul { margin: 0; padding-inline-start: 1.25rem; }
.card li { margin: .25rem 0; }
/* Nastaliq's tall letters and deep descenders need more room between lines */
:lang(ur), :lang(ur) * { line-height: 2.1; }
.hotline { background: #ffffff; color: #1a1a1a; border-radius: .4rem; padding: .4rem .6rem;
           font-weight: 700; margin: .75rem 0 0; }
.hotline a { color: #0b4a8f; white-space: nowrap; }
.hotline .name { display: block; font-weight: 400; font-size: .9rem; }
.note { font-size: .9rem; }
.images { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.images img { display: block; max-width: 100%; height: auto; border: 1px solid #6b6b6b; }
.cards img { width: 22rem; }
.phones img { width: 11rem; }
figure { margin: 0; }
.languages { list-style: none; padding: 0; display: grid; gap: .5rem;
             grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
.languages a { display: block; padding: .6rem .8rem; border: 1px solid #6b6b6b;
               border-radius: .4rem; text-decoration: none; }
.languages .own { display: block; font-size: 1.25rem; color: #1a1a1a; }
.languages .english { display: block; color: #3d3d3d; }
.draft { color: #3d3d3d; }
"""


@dataclass(frozen=True)
class SitePage:
    code: str
    path: Path  # relative to the site's folder
    files: tuple[Path, ...]  # what the page links to, relative to the site's folder


@dataclass(frozen=True)
class Site:
    """What `build_site` wrote: the index and each language's page with its files."""

    out_dir: Path
    index: Path
    pages: tuple[SitePage, ...]

    @property
    def file_count(self) -> int:
        return 2 + sum(1 + len(page.files) for page in self.pages)


def page_url(site_url: str, code: str) -> str:
    """The address of a language's page on the published site."""
    return f"{site_url.rstrip('/')}/{code}/"


def build_site(deck: Deck, out_dir: Path | str, site_url: str = "") -> Site:
    """Every language of the deck as a page, with the deck's extras on every card; with
    `site_url`, each printed card's QR code is the address of its own page there. Written
    whole or not at all."""
    out_dir = Path(out_dir)
    library = deck.library
    if site_url:
        try:
            library.extras(Extras(qr=site_url))
        except RedcardError as error:
            raise SettingsError(error.what, setting="site_url",
                                fix="give the address the site is published at, starting "
                                "with https://") from None
    cards = [card for card, _ in deck.entries]
    per_card = {card.code: replace(deck.extras, qr_url=page_url(site_url, card.code))
                if site_url else deck.extras for card in cards}
    fonts = library.fonts
    pages = []
    with OutputBatch() as batch:
        sheets = {}
        for template, _ in SHEETS:
            for card in cards:
                single = Deck(library, ((card, None),), per_card[card.code], deck.warnings)
                sheets[(card.code, template)] = single.impose(PrintSettings(template=template))
        for card in cards:
            extras = per_card[card.code]
            folder = Path(card.code)
            files: list[Path] = []

            def put(name: str, data: bytes, folder: Path = folder, files: list = files) -> Path:
                batch.write(out_dir / folder / name, data)
                files.append(folder / name)
                return folder / name

            size = library.catalog.sizes.card("id1")
            digital = digital_card(card, size, "red", extras, fonts)
            pdf = digital.pdf_bytes()  # rendered once for both sides
            images = {side: put(f"{card.code}-{side}.png", card_png(pdf, side, CARD_WIDTH_PX))
                      for side in ("front", "back")}
            phones = []
            for screen in SCREENS.values():
                for side in ("front", "back"):
                    shot = lock_screen(card, screen, side, "red", extras, fonts)
                    phones.append((shot, put(shot.file_name, shot.png())))
            printed = [(put(f"{card.code}-{template}.pdf",
                            sheets[(card.code, template)].pdf_bytes()), template, what,
                        sheets[(card.code, template)])
                       for template, what in SHEETS]
            signs = []
            for paper in SIGN_PAPERS:
                sign = door_sign(card, library.catalog.sizes.paper(paper), extras, fonts)
                signs.append((put(sign.file_name, sign.pdf_bytes()), paper))
            audio = None
            if card.audio is not None:
                info = inspect_audio(card.audio, card.source_file)
                audio = (put(f"{card.code}-front{card.audio.suffix.lower()}",
                             info.path.read_bytes()), info.media_type)
            names = {path: path.name for path in files}
            body = _card_page(card, library.cards.cards, extras, images, phones, printed,
                              signs, audio, names)
            page = _document(f"Know your rights: {card.name} ({card.endonym})", body,
                             _page_chains(card, fonts), "../")
            batch.write(out_dir / folder / "index.html", page.encode("utf-8"))
            pages.append(SitePage(card.code, folder / "index.html", tuple(files)))
        index = _document("Know-your-rights cards in every language", _index_body(cards),
                          _index_chains(cards, fonts), "")
        batch.write(out_dir / "index.html", index.encode("utf-8"))
        batch.write(out_dir / STYLE_FILE, STYLE.encode("utf-8"))
    return Site(out_dir, out_dir / "index.html", tuple(pages))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _dir(card: CardContent) -> str:
    return "rtl" if card.is_rtl else "ltr"


def _interpreter_html(card: CardContent) -> str:
    """The back's closing line with the endonym in a <bdi> of its own language, where the
    card text isolates it with FSI…PDI."""
    text = card.interpreter_request
    own = f"\u2068{card.endonym}\u2069"
    if own not in text:
        return _e(text)
    before, after = text.split(own, 1)
    return (f'{_e(before)}<bdi lang="{_e(card.code)}" class="f-{_e(card.code)}">'
            f'{_e(card.endonym)}</bdi>{_e(after)}')


def _tel(number: str) -> str:
    digits = "".join(c for c in number if c.isdigit())
    return ("tel:+" + digits) if number.strip().startswith("+") else \
        ("tel:+1" + digits if len(digits) == 10 else "tel:" + digits)


def _card_page(card: CardContent, all_cards, extras: CardExtras, images, phones, printed,
               signs, audio, names) -> str:
    code, lang = _e(card.code), _e(card.text_language)
    front = card.front
    title = _e(front.title)
    if card.is_spoken:  # the language's own name, then the text of the card it prints
        source_title = all_cards[card.front_from].front.title
        if front.title == f"{card.endonym} · {source_title}":
            title = (f'<span lang="{code}">{_e(card.endonym)}</span> · {_e(source_title)}')
    points = "".join(f"<li>{_e(point)}</li>" for point in front.points)
    hotline = ""
    if extras.hotline is not None and front.hotline_label:
        line = extras.hotline
        hotline = (f'<p class="hotline">{_e(front.hotline_label)} '
                   f'<a href="{_e(_tel(line.number))}" dir="ltr">{_e(line.number)}</a>'
                   f'<span class="name" lang="en" dir="ltr">{_e(line.name)}</span></p>')
    draft = ('<p class="note" lang="en" dir="ltr">Draft translation, not yet reviewed by a '
             'qualified translator.</p>') if card.is_draft else ""
    back = card.back
    back_points = "".join(f"<li>{_e(point)}</li>" for point in back.points)
    closing = f"<p><strong>{_interpreter_html(card)}</strong></p>" \
        if card.interpreter_request else ""
    parts = [
        f'<article class="card front f-{code}" id="front" lang="{lang}" dir="{_dir(card)}" '
        f'aria-labelledby="front-title"><h1 id="front-title">{title}</h1>'
        f'<ul class="points">{points}</ul>{hotline}{draft}</article>',
        f'<article class="card back" id="back" lang="en" dir="ltr" '
        f'aria-labelledby="back-title"><h2 id="back-title">{_e(back.title)}</h2>'
        f'<p class="note">Show this side to the officer.</p>'
        f'<ul class="points">{back_points}</ul>{closing}</article>']
    if audio is not None:
        path, kind = audio
        transcript = "".join(f"<li>{_e(point)}</li>" for point in front.points)
        parts.append(
            '<section aria-labelledby="listen"><h2 id="listen">Listen to the card</h2>'
            f'<audio controls preload="none"><source src="{_e(names[path])}" '
            f'type="{_e(kind)}"></audio>'
            f'<details><summary>Transcript</summary><div lang="{lang}" dir="{_dir(card)}" '
            f'class="f-{code}"><p>{_e(front.title)}</p><ul>{transcript}</ul></div></details>'
            '</section>')
    parts.append(
        '<section aria-labelledby="images"><h2 id="images">Card images</h2>'
        '<p>The card as printed, to keep on a phone or send in a message.</p>'
        '<ul class="images cards">' + "".join(
            f'<li><figure><a href="{_e(names[path])}"><img src="{_e(names[path])}" '
            f'width="{CARD_WIDTH_PX}" height="{round(CARD_WIDTH_PX * 53.98 / 85.6)}" '
            f'alt="{_e(_side_alt(card, side))}"></a>'
            f'<figcaption>{"Front" if side == "front" else "Back"} '
            f'(PNG, {CARD_WIDTH_PX} px wide)</figcaption></figure></li>'
            for side, path in images.items()) + '</ul></section>')
    parts.append(
        '<section aria-labelledby="phone"><h2 id="phone">Save to phone</h2>'
        '<p>Set an image as your lock screen: it shows without unlocking the phone. '
        'The top is left free for the clock.</p><ul class="images phones">' + "".join(
            f'<li><figure><img src="{_e(names[path])}" width="{shot.screen.width_px}" '
            f'height="{shot.screen.height_px}" alt="{_e(_phone_alt(card, shot))}">'
            f'<figcaption><a href="{_e(names[path])}" download>Save the '
            f'{"front" if shot.side == "front" else "English back"}, '
            f'{shot.screen.width_px} × {shot.screen.height_px}</a> '
            f'({_e(shot.screen.title)})</figcaption></figure></li>'
            for shot, path in phones) + '</ul></section>')
    parts.append(
        '<section aria-labelledby="print"><h2 id="print">Print cards</h2><ul>' + "".join(
            f'<li><a href="{_e(names[path])}">{_e(what)}</a> (PDF, {printout.cards} cards '
            f'per sheet; print two-sided, flip on the long edge)</li>'
            for path, _, what, printout in printed) + '</ul>'
        '<h3>Door sign</h3><p>A large-print page for the inside of your front door or '
        'window: what to do in your language, and what to tell agents, in English.</p><ul>'
        + "".join(f'<li><a href="{_e(names[path])}">Door sign, '
                  f'{"Letter" if paper == "letter" else "A4"} (PDF)</a></li>'
                  for path, paper in signs) + '</ul></section>')
    nav = ('<header><nav aria-label="Site"><a href="../index.html">All languages</a>'
           '</nav></header>')
    footer = (f'<footer><p>Card version {_e(card.version)} · {_e(card.name)} · '
              f'made with redcard.</p></footer>')
    return (f'<a class="skip" href="#front">Skip to the card</a>{nav}'
            f'<main>{"".join(parts)}</main>{footer}')


def _side_alt(card: CardContent, side: str) -> str:
    if side == "front":
        return (f"The front of the {card.name} card, {card.front.title}: the same text as "
                "the card above.")
    return f"The back of the {card.name} card, in English, to the officer: the same text " \
        "as above."


def _phone_alt(card: CardContent, shot) -> str:
    side = f"the front of the {card.name} card" if shot.side == "front" else \
        f"the English back of the {card.name} card"
    return f"Lock-screen image of {side}, with room for the clock at the top."


def _index_body(cards: list[CardContent]) -> str:
    items = "".join(
        f'<li><a href="{_e(card.code)}/index.html">'
        f'<span class="own f-{_e(card.code)}" lang="{_e(card.code)}" dir="{_dir(card)}">'
        f'{_e(card.endonym)}</span>'
        f'<span class="english">{_e(card.name)}'
        f'{" · draft translation" if card.is_draft else ""}</span></a></li>'
        for card in cards)
    return ('<a class="skip" href="#languages">Skip to the languages</a>'
            '<header><p>Know-your-rights red cards</p></header>'
            '<main><h1>Know your rights: cards in every language</h1>'
            '<p>Choose your language. Each page has the card to read, images to keep on your '
            'phone, sheets to print and a door sign. Translations marked draft are not yet '
            'reviewed by a qualified translator.</p>'
            f'<ul class="languages" id="languages">{items}</ul></main>'
            '<footer><p>Made with redcard. Works offline: save the whole folder.</p></footer>')


def _page_chains(card: CardContent, fonts) -> dict[str, tuple[FontChain, ...]]:
    """CSS selector → the font chains (regular, bold) its text is set in."""
    latin = (fonts.chain("en", "Latn", "regular"), fonts.chain("en", "Latn", "bold"))
    own = (fonts.chain(card.text_language, card.script, "regular"),
           fonts.chain(card.text_language, card.script, "bold"))
    # English inside the card (the draft note, the hotline's name) in the Latin fonts, not
    # in the Latin letters of a Nastaliq or CJK font
    return {"body": latin, f".f-{card.code}": own, f'.f-{card.code} [lang="en"]': latin}


def _index_chains(cards: list[CardContent], fonts) -> dict[str, tuple[FontChain, ...]]:
    chains = {"body": (fonts.chain("en", "Latn", "regular"), fonts.chain("en", "Latn", "bold"))}
    for card in cards:  # the endonyms are set in regular type only
        chains[f".f-{card.code}"] = (fonts.chain(card.code, card.script, "regular"),)
    return chains


class _Text(HTMLParser):
    """Every character a page shows (its text, not its markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.chars.update(data)


def _family(font: LoadedFont) -> str:
    stem = Path(font.entry.file).stem
    for suffix in ("-Regular", "-Bold"):
        stem = stem.removesuffix(suffix)
    return f"rc {stem}"


def _document(title: str, body: str, chains: dict[str, tuple[FontChain, ...]],
              root: str) -> str:
    """The page with its fonts: each font any chain names, subset to the page's characters
    it has (none: left out), as WOFF2 data in a @font-face rule."""
    reader = _Text()
    reader.feed(body)
    chars = {c for c in reader.chars if not needs_no_glyph(c)} | {" "}
    faces, used = [], []
    seen: set[str] = set()
    for selector_chains in chains.values():
        for chain in selector_chains:
            for font in chain.fonts:
                if font.entry.file in seen:
                    continue
                seen.add(font.entry.file)
                wanted = "".join(sorted(c for c in chars if font.covers(c)))
                if not wanted.strip():
                    continue
                data = _woff2(font, wanted)
                weight = 700 if font.entry.weight == "bold" else 400
                faces.append(f'@font-face {{ font-family: "{_family(font)}"; '
                             f'font-weight: {weight}; font-style: normal; '
                             f'src: url(data:font/woff2;base64,'
                             f'{base64.b64encode(data).decode("ascii")}) format("woff2"); }}')
                used.append(font.entry.file)
    rules = []
    for selector, selector_chains in chains.items():
        families = []
        for chain in selector_chains:
            for font in chain.fonts:
                if font.entry.file in used and _family(font) not in families:
                    families.append(_family(font))
        if families:
            rules.append(f'{selector} {{ font-family: '
                         f'{", ".join(chr(34) + f + chr(34) for f in families)}, sans-serif; }}')
    style = "\n".join(faces + rules)
    return ('<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{_e(title)}</title>\n'
            f'<link rel="stylesheet" href="{root}{STYLE_FILE}">\n'
            f'<style>\n{style}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n')


_SUBSETS: dict[tuple[str, str], bytes] = {}


def _woff2(font: LoadedFont, chars: str) -> bytes:
    """The font cut down to `chars`, keeping every layout feature (Arabic joining, Indic
    reordering, marks), as WOFF2. HarfBuzz's subsetter cuts it (the shaping engine's own,
    a hundred times quicker than fontTools' on a CJK font, whose tables fontTools must
    parse whole); fontTools and Brotli write the WOFF2."""
    key = (hashlib.sha256(font.data).hexdigest(), chars)
    if key not in _SUBSETS:
        import uharfbuzz as hb
        from fontTools.ttLib import TTFont
        wanted = hb.SubsetInput()
        wanted.unicode_set.update({ord(c) for c in chars})
        for kind in (hb.SubsetInputSets.LAYOUT_FEATURE_TAG,
                     hb.SubsetInputSets.LAYOUT_SCRIPT_TAG):
            tags = wanted.sets(kind)  # HarfBuzz's defaults leave out some features:
            tags.clear()  # every tag (an empty set, inverted), so each script shapes
            tags.invert()
        cut = hb.subset(font.hb_face, wanted)
        if cut is None:
            raise RedcardError(f"HarfBuzz could not subset {font.entry.file}",
                               file=str(font.path), fix="check the font with "
                               "`redcard fonts verify`")
        tt = TTFont(io.BytesIO(bytes(cut.blob.data)), recalcTimestamp=False)
        tt.flavor = "woff2"
        out = io.BytesIO()
        tt.save(out)
        _SUBSETS[key] = out.getvalue()
    return _SUBSETS[key]


def site_files(site: Site) -> Iterable[Path]:
    """Every file of the site, relative to its folder."""
    yield Path("index.html")
    yield Path(STYLE_FILE)
    for page in site.pages:
        yield page.path
        yield from page.files


__all__ = ["Site", "SitePage", "build_site", "page_url", "site_files"]
