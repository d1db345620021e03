"""What an organisation adds to the cards: a hotline on the front; its name, logo and a QR
code on the back. One frozen value, `CardExtras`, carries all of it into the card faces."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import RedcardError
from .hotlines import (
    MIN_DIGITS,
    NUMBER,
    Hotline,
    HotlineDirectory,
    HotlineError,
    HotlineWarning,
)

_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
MAX_NAME_CHARS = 80
MAX_HOTLINE_LABEL = 40  # printed beside the front's footer, like a directory entry's name


class ExtrasError(RedcardError):
    """An organisation option (hotline, org, logo, QR) cannot be used as given."""


@dataclass(frozen=True)
class HotlineLine:
    """The number printed in the front's hotline band, and the line beneath it.

    The label before the number is not here: it is each card's own translated
    `front.hotline_label`, so it is always in the holder's language."""

    number: str
    name: str  # a directory entry's name (and hours), or a custom --hotline-label, as given
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


NO_EXTRAS = CardExtras()


@dataclass(frozen=True)
class ResolvedExtras:
    extras: CardExtras
    warnings: tuple[HotlineWarning, ...]  # to show before printing (old, low confidence...)


def hotline_line(entry: Hotline) -> HotlineLine:
    return HotlineLine(number=entry.number, name=entry.card_name, hotline_id=entry.id)


def resolve_extras(directory: HotlineDirectory, today: _dt.date, *, hotline: str = "",
                   hotline_number: str = "", hotline_label: str = "", org: str = "",
                   logo: Path | str | None = None, qr: str = "") -> ResolvedExtras:
    """Command-line style values → CardExtras, validated, with the warnings to print.

    Empty values mean "none" (so a config file's default can be switched off with "")."""
    hotline = (hotline or "").strip()
    hotline_number = " ".join((hotline_number or "").split())
    hotline_label = " ".join((hotline_label or "").split())
    warnings: list[HotlineWarning] = []
    line = None
    if hotline.lower() == "none":
        hotline = ""
    if hotline and hotline_number:
        raise ExtrasError("--hotline and --hotline-number both given", field="--hotline",
                          fix="give a directory id (--hotline) or your own number "
                          "(--hotline-number with --hotline-label), not both")
    if hotline_label and not hotline_number:
        raise ExtrasError("--hotline-label needs --hotline-number", field="--hotline-label",
                          fix="add --hotline-number; directory entries print their own name")
    if hotline:
        entry = directory.for_card(hotline)
        warnings += directory.warnings(entry, today)
        line = hotline_line(entry)
    elif hotline_number:
        if not NUMBER.fullmatch(hotline_number) or \
                sum(c.isdigit() for c in hotline_number) < MIN_DIGITS:
            raise ExtrasError(f"{hotline_number!r} is not a phone number",
                              field="--hotline-number", fix="write digits with hyphens, "
                              "spaces or parentheses, e.g. 888-624-4752")
        if not hotline_label:
            raise ExtrasError("a custom number needs a name", field="--hotline-label",
                              fix="add --hotline-label \"Name of the network\"")
        if len(hotline_label) > MAX_HOTLINE_LABEL:
            raise ExtrasError(f"is {len(hotline_label)} characters, more than "
                              f"{MAX_HOTLINE_LABEL}", field="--hotline-label",
                              fix="use the network's short name")
        warnings.append(HotlineWarning(
            "--hotline-number", hotline_number, "is not in the hotline directory, so nothing "
            "records where it came from or when it was checked", "phone it before printing, "
            "or add it to redcard/data/hotlines.yaml with source and verified_on"))
        line = HotlineLine(number=hotline_number, name=hotline_label)
    org = " ".join((org or "").split())
    if len(org) > MAX_NAME_CHARS:
        raise ExtrasError(f"is {len(org)} characters, more than {MAX_NAME_CHARS}",
                          field="--org", fix="use the organisation's short name")
    logo_path = None
    if logo not in (None, ""):
        from .logo import inspect_logo  # Pillow and svglib only when a logo is used
        logo_path = Path(logo)
        inspect_logo(logo_path)
    qr = (qr or "").strip()
    if qr and not _URL.fullmatch(qr):
        raise ExtrasError(f"{qr!r} is not a web address", field="--qr",
                          fix="give the full address, starting with https://")
    return ResolvedExtras(CardExtras(hotline=line, org=org, logo=logo_path, qr_url=qr),
                          tuple(warnings))


__all__ = ["CardExtras", "ExtrasError", "HotlineError", "HotlineLine", "NO_EXTRAS",
           "ResolvedExtras", "hotline_line", "resolve_extras"]
