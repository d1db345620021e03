"""The hotline directory (redcard/data/hotlines.yaml): numbers that can go on a card front.

A number printed on thousands of cards must be right, so every entry carries its source, the
date it was last verified and a confidence level, and this module says when an entry is too
old or too uncertain to print without checking it first. "Today" is always passed in, so
nothing here depends on the clock.
Confidence levels and what each means are in CONFIDENCE_MEANINGS; only unconfirmed warns.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Notice, RedcardError
from ..paths import data_dir
from ..phone import PHONE_FIX, is_phone_number
from ..textsafety import checked_text, shorten
from ..yamlfile import load_yaml

CONFIDENCE_MEANINGS = {
    "confirmed": "the network's own site or announcement, or several independent sources",
    "listed": "a directory or third-party listing only",
    "unconfirmed": "conflicting sources, or a single old or unclear one",
}
CONFIDENCES = tuple(CONFIDENCE_MEANINGS)
WARN_CONFIDENCE = "unconfirmed"  # printing such a number warns (the card still prints it)
_OLD_CONFIDENCES = ("high", "medium", "low")  # before issue 14
# What a line is for. The card labels its number "Report immigration enforcement:", so only
# rapid-response lines may be printed on a card.
PURPOSES = ("rapid-response", "fraud-report", "information")
CARD_PURPOSE = "rapid-response"
STALE_AFTER_DAYS = 180
REQUIRED_FIELDS = ("id", "name", "purpose", "coverage", "number", "source", "verified_on",
                   "confidence")
OPTIONAL_FIELDS = ("short_name", "hours", "notes")
MAX_FIELD_CHARS = 600  # a source address or a note; what a card prints is shorter still
MAX_CARD_NAME = 40  # what the card prints must fit beside the front's footer
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class HotlineError(RedcardError):
    """The hotline directory is malformed, or a requested hotline is unknown or unsuitable."""


@dataclass(frozen=True)
class Hotline:
    id: str
    name: str
    short_name: str  # printed on the card, beside the footer; "" means the name fits there
    purpose: str
    coverage: str
    number: str
    hours: str
    source: str
    verified_on: _dt.date
    confidence: str
    notes: str


    @property
    def card_name(self) -> str:
        """The name printed under the number: the short name, and the hours if limited."""
        return (self.short_name or self.name) + (f" · {self.hours}" if self.hours else "")

    def age_days(self, today: _dt.date) -> int:
        """Days since verified_on (negative if verified_on is in the future)."""
        return (today - self.verified_on).days


@dataclass(frozen=True)
class HotlineDirectory:
    file: str
    entries: tuple[Hotline, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(entry.id for entry in self.entries)

    def get(self, hotline_id: str) -> Hotline:
        for entry in self.entries:
            if entry.id == hotline_id:
                return entry
        raise HotlineError(f"unknown hotline {shorten(hotline_id)}", setting="hotline",
                           fix=f"use one of: {', '.join(self.ids)} (see `redcard hotlines`), "
                           "or --hotline-number with --hotline-label")

    def for_card(self, hotline_id: str) -> Hotline:
        """The entry, refused if its number must not be labelled as an enforcement line."""
        entry = self.get(hotline_id)
        if entry.purpose != CARD_PURPOSE:
            usable = [e.id for e in self.entries if e.purpose == CARD_PURPOSE]
            raise HotlineError(
                f"{entry.id} ({entry.name}) is a {entry.purpose} line; the card front labels "
                "its number \"Report immigration enforcement:\"", file=self.file,
                field=f"{entry.id}.purpose", fix=f"choose a rapid-response line "
                f"({', '.join(usable)}) or give --hotline-number and --hotline-label")
        return entry

    def warnings(self, entry: Hotline, today: _dt.date) -> list[Notice]:
        """Why the entry's number should be checked before it goes on cards (may be empty)."""
        return [notice for _, notice in self.flagged_warnings(entry, today)]

    def flagged_warnings(self, entry: Hotline, today: _dt.date) -> list[tuple[str, Notice]]:
        """The warnings, each with a short flag for listings: STALE, FUTURE or UNCONFIRMED."""
        return _entry_warnings(entry, today, self.file)


def _warning(file: str, field: str, what: str, fix: str) -> Notice:
    return Notice(what, file=file, field=field, fix=fix, severity="warning")


def _entry_warnings(entry: Hotline, today: _dt.date, file: str) -> list[tuple[str, Notice]]:
    found = []
    age = entry.age_days(today)
    if age > STALE_AFTER_DAYS:
        found.append(("STALE", _warning(
            file, f"{entry.id}.verified_on", f"{entry.number} was last verified on "
            f"{entry.verified_on.isoformat()}, {age} days ago (the limit is {STALE_AFTER_DAYS})",
            "phone the number, confirm who answers and when, then update verified_on")))
    elif age < 0:
        found.append(("FUTURE", _warning(
            file, f"{entry.id}.verified_on", f"verified_on {entry.verified_on.isoformat()} is "
            "in the future", "write the date the number was actually checked")))
    if entry.confidence == WARN_CONFIDENCE:
        found.append(("UNCONFIRMED", _warning(
            file, f"{entry.id}.confidence", f"{entry.number} is unconfirmed: "
            f"{CONFIDENCE_MEANINGS[WARN_CONFIDENCE]} (see its source and notes)",
            "confirm the number with the network itself (its own site, or a phone call) before "
            "printing, then set confidence: confirmed and update verified_on")))
    return found


def directory_file() -> Path:
    """The shipped directory: inside the package in a checkout and in an installed wheel."""
    return data_dir() / "hotlines.yaml"


def load_directory(path: Path | None = None) -> HotlineDirectory:
    path = path or directory_file()
    name = str(path)
    if not path.exists():
        raise HotlineError("the hotline directory is missing", file=name,
                           fix="reinstall redcard (the file ships in redcard/data)")
    raw = load_yaml(path, HotlineError, fix="check indentation and quoting")
    if not isinstance(raw, dict) or not isinstance(raw.get("hotlines"), list):
        raise HotlineError("must have a list under hotlines:", file=name, field="hotlines",
                           fix="see the comments at the top of the shipped file")
    entries = []
    seen: set[str] = set()
    for index, item in enumerate(raw["hotlines"]):
        entry = _entry(item, index, name)
        if entry.id in seen:
            raise HotlineError(f"duplicate id {shorten(entry.id)}", file=name,
                               field=f"hotlines[{index}].id", fix="give each entry its own id")
        seen.add(entry.id)
        entries.append(entry)
    if not entries:
        raise HotlineError("lists no hotlines", file=name, field="hotlines",
                           fix="add at least one entry")
    return HotlineDirectory(file=name, entries=tuple(entries))


def _entry(item: object, index: int, file: str) -> Hotline:
    where = f"hotlines[{index}]"
    if not isinstance(item, dict):
        raise HotlineError("must be a mapping of fields", file=file, field=where,
                           fix=f"give {', '.join(REQUIRED_FIELDS)}")
    if isinstance(item.get("id"), str) and _ID.fullmatch(item["id"]):
        where = item["id"]

    def fail(field: str, what: str, fix: str) -> HotlineError:
        return HotlineError(what, file=file, field=f"{where}.{field}", fix=fix)

    for key in item:
        if key not in REQUIRED_FIELDS + OPTIONAL_FIELDS:
            raise fail(str(key), "is not a known field", "remove it or use one of: "
                       f"{', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}")
    values: dict[str, object] = {}
    for key in REQUIRED_FIELDS + OPTIONAL_FIELDS:
        value = item.get(key)
        if key == "verified_on":
            continue
        if value is None:
            if key in REQUIRED_FIELDS:
                raise fail(key, "is missing", f"add {key}:")
            value = ""
        if not isinstance(value, str):
            raise fail(key, f"must be text, not {type(value).__name__}", "put it in quotes")
        value = " ".join(checked_text(value, max_chars=MAX_FIELD_CHARS, file=file,
                                      field=f"{where}.{key}", multiline=True,
                                      error=HotlineError).split())
        if not value and key in REQUIRED_FIELDS:
            raise fail(key, "is empty", f"fill in {key}:")
        values[key] = value
    if not _ID.fullmatch(values["id"]):
        raise fail("id", f"{shorten(values['id'])} is not a valid id",
                   "use lower-case letters, digits and single hyphens, e.g. la-county")
    number = values["number"]
    if not is_phone_number(number):
        raise fail("number", f"{shorten(number)} is not a phone number", PHONE_FIX)
    if values["confidence"] not in CONFIDENCES:
        raise fail("confidence", f"must be one of {', '.join(CONFIDENCES)}, not "
                   f"{shorten(values['confidence'])}",
                   ("high, medium and low are no longer used; " if values["confidence"].lower()
                    in _OLD_CONFIDENCES else "") + "; ".join(
                       f"{level}: {meaning}" for level, meaning in CONFIDENCE_MEANINGS.items()))
    if values["purpose"] not in PURPOSES:
        raise fail("purpose", f"must be one of {', '.join(PURPOSES)}, not "
                   f"{shorten(values['purpose'])}", "rapid-response for lines that take reports of "
                   "immigration enforcement")
    verified = item.get("verified_on")
    if verified is None:
        raise fail("verified_on", "is missing", "add the date the number was last checked, "
                   "e.g. verified_on: 2026-11-22")
    if isinstance(verified, _dt.datetime):
        verified = verified.date()
    if isinstance(verified, str):
        try:
            verified = _dt.date.fromisoformat(verified.strip())
        except ValueError:
            verified = None
    if not isinstance(verified, _dt.date):
        raise fail("verified_on", f"{shorten(item.get('verified_on'))} is not a date",
                   "write an ISO date, e.g. 2026-11-22")
    entry = Hotline(id=values["id"], name=values["name"], short_name=values["short_name"],
                    purpose=values["purpose"], coverage=values["coverage"], number=number,
                    hours=values["hours"], source=values["source"], verified_on=verified,
                    confidence=values["confidence"], notes=values["notes"])
    if len(entry.card_name) > MAX_CARD_NAME:
        raise fail("short_name" if values["short_name"] else "name",
                   f"is {len(entry.card_name)} characters with the hours; a card prints at "
                   f"most {MAX_CARD_NAME}", "add a shorter short_name: (the hours count too)")
    return entry
