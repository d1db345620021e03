"""What an organisation adds to the cards: a hotline on the front; its name, logo and a QR
code on the back.

`Extras` is the request, as a person writes it (a directory id or a number of their own, a
name, a logo file, an address); `resolve_extras` checks it against the hotline directory and
turns it into `CardExtras`, the one frozen value the card design reads, with the warnings to
show before printing."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ..errors import Notice, RedcardError
from ..phone import PHONE_FIX, is_phone_number
from ..textsafety import checked_text, shorten
from .hotlines import Hotline, HotlineDirectory

_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
MAX_NAME_CHARS = 80
MAX_HOTLINE_LABEL = 40  # printed beside the front's footer, like a directory entry's name
MAX_QR_CHARS = 300  # far more than fits: the QR code's own check says how much does


class ExtrasError(RedcardError):
    """An organisation option (hotline, org, logo, QR) cannot be used as given."""


@dataclass(frozen=True)
class Extras:
    """The extras asked for. Empty values mean none; `hotline="none"` also means none."""

    hotline: str = ""  # an id from the hotline directory (`redcard hotlines`)
    hotline_number: str = ""  # or a number of your own ...
    hotline_label: str = ""  # ... with the name printed under it
    org: str = ""
    logo: Path | str | None = None  # PNG, JPEG or SVG
    qr: str = ""  # an https:// address

    def over(self, base: Extras, given: frozenset[str] | None = None) -> Extras:
        """These extras laid over `base` (a project's defaults): each field `given` here
        wins. A hotline given here replaces the base's own number, and the other way
        round, so a typed `--hotline` is not refused for clashing with a configured number.
        `given` defaults to the fields that are not empty."""
        if given is None:
            given = frozenset(f.name for f in fields(self) if getattr(self, f.name))
        merged = replace(base, **{name: getattr(self, name) for name in given})
        if "hotline" in given and "hotline_number" not in given:
            merged = replace(merged, hotline_number="", hotline_label="")
        if "hotline_number" in given and "hotline" not in given:
            merged = replace(merged, hotline="")
        return merged


@dataclass(frozen=True)
class HotlineLine:
    """The number printed in the front's hotline band, and the line beneath it.

    The label before the number is not here: it is each card's own translated
    `front.hotline_label`, so it is always in the holder's language."""

    number: str
    name: str  # a directory entry's name (and hours), or a custom hotline_label, as given
    hotline_id: str = ""  # the directory entry, or "" for a custom number


@dataclass(frozen=True)
class CardExtras:
    hotline: HotlineLine | None = None  # front: band above the footer
    org: str = ""  # back: organisation name above the footer
    logo: Path | None = None  # back: PNG, JPEG or SVG, scaled into the top of the side column
    qr_url: str = ""  # back: QR code in the side column, the URL printed beneath it

    @property
    def back_column(self) -> bool:
        return self.logo is not None or bool(self.qr_url)


@dataclass(frozen=True)
class ResolvedExtras:
    extras: CardExtras
    warnings: tuple[Notice, ...]  # to show before printing (old, low confidence...)


def _text(value: str | None, setting: str, max_chars: int) -> str:
    """An option's text through the one gate for printed text, runs of spaces made one."""
    if value is not None and not isinstance(value, str):
        raise ExtrasError(f"must be text, not {type(value).__name__}", setting=setting,
                          fix="give it as text")
    return " ".join(checked_text(value or "", max_chars=max_chars, setting=setting,
                                 multiline=True, error=ExtrasError).split())


def hotline_line(entry: Hotline) -> HotlineLine:
    return HotlineLine(number=entry.number, name=entry.card_name, hotline_id=entry.id)


def resolve_extras(request: Extras,
                   directory: HotlineDirectory | Callable[[], HotlineDirectory],
                   today: _dt.date) -> ResolvedExtras:
    """The request validated, the hotline looked up, with the warnings to print.
    `directory` may be a function that reads it: then it is read only for a hotline."""
    hotline = _text(request.hotline, "hotline", MAX_NAME_CHARS)
    hotline_number = _text(request.hotline_number, "hotline_number", MAX_NAME_CHARS)
    hotline_label = _text(request.hotline_label, "hotline_label", MAX_HOTLINE_LABEL)
    warnings: list[Notice] = []
    line = None
    if hotline.lower() == "none":
        hotline = ""
    if hotline and hotline_number:
        raise ExtrasError("--hotline and --hotline-number both given", setting="hotline",
                          fix="give a directory id (--hotline) or your own number "
                          "(--hotline-number with --hotline-label), not both")
    if hotline_label and not hotline_number:
        raise ExtrasError("--hotline-label needs --hotline-number", setting="hotline_label",
                          fix="add --hotline-number; directory entries print their own name")
    if hotline:
        if not isinstance(directory, HotlineDirectory):
            directory = directory()
        entry = directory.for_card(hotline)
        warnings += directory.warnings(entry, today)
        line = hotline_line(entry)
    elif hotline_number:
        if not is_phone_number(hotline_number):
            raise ExtrasError(f"{shorten(hotline_number)} is not a phone number",
                              setting="hotline_number", fix=PHONE_FIX)
        if not hotline_label:
            raise ExtrasError("a custom number needs a name", setting="hotline_label",
                              fix="add --hotline-label \"Name of the network\"")
        warnings.append(Notice(
            "is not in the hotline directory, so nothing records where it came from or when "
            "it was checked", setting="hotline_number", field=hotline_number,
            fix="phone it before printing, or add it to redcard/data/hotlines.yaml with "
            "source and verified_on", severity="warning"))
        line = HotlineLine(number=hotline_number, name=hotline_label)
    org = _text(request.org, "org", MAX_NAME_CHARS)
    logo_path = None
    if request.logo not in (None, ""):
        from .logo import inspect_logo  # Pillow and svglib only when a logo is used
        logo_path = Path(request.logo)
        inspect_logo(logo_path)
    qr = _text(request.qr, "qr", MAX_QR_CHARS)
    for position, char in enumerate(qr, start=1):
        if unicodedata.category(char) == "Cf":  # invisible on the card, encoded in the code
            raise ExtrasError(f"character {position} is U+{ord(char):04X} "
                              f"{unicodedata.name(char, '')}, invisible in the printed address "
                              "but part of the code", setting="qr", fix="delete it")
    if qr and not _URL.fullmatch(qr):
        raise ExtrasError(f"{shorten(qr)} is not a web address", setting="qr",
                          fix="give the full address, starting with https://")
    return ResolvedExtras(CardExtras(hotline=line, org=org, logo=logo_path, qr_url=qr),
                          tuple(warnings))
