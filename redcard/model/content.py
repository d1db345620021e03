"""Card content: one YAML file per language, loaded into frozen dataclasses.

Every validation error names the file, the field and the fix, because the people who meet
them are translators, not programmers.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..limits import MAX_CARD_FILES
from ..textsafety import checked_language_code, checked_text, shorten
from ..yamlfile import load_yaml

SOURCE_CODE = "en"
STATUSES = ("source", "draft", "reviewed")
DIRECTIONS = ("ltr", "rtl")
MAX_POINTS = 8
TOP_LEVEL_FIELDS = {"code", "name", "endonym", "script", "direction", "front", "back",
                    "translation", "spoken", "front_from", "variety", "audio"}
TRANSLATION_FIELDS = {"status", "translator", "translated_on", "reviewed_by", "reviewed_on",
                      "source_hash"}
FACE_FIELDS = {"title", "points", "hotline_label"}
# The most characters each text may hold: several times what any card has (a title of 30, a
# point of 150), far below what could make layout slow.
MAX_CHARS = {"title": 300, "points": 1000, "hotline_label": 200, "name": 100, "endonym": 100}
MAX_OTHER_CHARS = 200  # translator's name, dates, hashes
DATE_FIELDS = {"translated_on", "reviewed_on"}  # where YAML may read a date


@dataclass(frozen=True)
class SideText:
    """The text of one side of a card: a title and short points, in reading order."""

    title: str
    points: tuple[str, ...]
    # Front only, optional: labels the hotline number when a card is built with a hotline,
    # e.g. "Report immigration enforcement:".
    hotline_label: str = ""

    def texts(self) -> tuple[tuple[str, str], ...]:
        """(field path, text) for every text on the face, for checks and error messages."""
        return (("title", self.title),) + tuple(
            (f"points[{i}]", point) for i, point in enumerate(self.points)) + (
            (("hotline_label", self.hotline_label),) if self.hotline_label else ())


@dataclass(frozen=True)
class Translation:
    status: str
    translator: str
    translated_on: str
    reviewed_by: str
    reviewed_on: str
    source_hash: str


@dataclass(frozen=True)
class CardContent:
    code: str
    name: str
    endonym: str
    script: str
    direction: str
    front: SideText
    back: SideText
    back_file: str  # where the back's text comes from: this file, or the English one
    translation: Translation
    source_file: str
    # A language that is mainly spoken, rarely read (Mam, K'iche'...): its front prints the
    # text of the card `front_from` (e.g. es) under the language's own name, and its back asks
    # for an interpreter. `variety` names which one of a family (Mixtec, Zapotec); `audio` is
    # a recording of the front read aloud, which the organisation makes.
    front_from: str = ""
    variety: str | None = None  # None: not a family; "": a family, the variety not yet named
    audio: Path | None = None

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def is_spoken(self) -> bool:
        return bool(self.front_from)

    @property
    def text_language(self) -> str:
        """The language the front is written in: the card's own, or for a spoken language,
        the card whose text it prints."""
        return self.front_from or self.code

    @property
    def version(self) -> str:
        """Short hash of the printed text, so a card in someone's hand can be traced to it."""
        return text_hash(self.front, self.back)[:8]

    @property
    def is_draft(self) -> bool:
        return self.translation.status == "draft"

    @property
    def interpreter_request(self) -> str:
        """The back's last line, to the agent, in English: which language the holder speaks,
        its own name beside it (isolated, so it keeps its direction), and that they need an
        interpreter. None for English."""
        if self.code == SOURCE_CODE:
            return ""
        own = f" (\u2068{self.endonym}\u2069)" if self.endonym != self.name else ""
        variety = f" of {self.variety}" if self.variety else ""
        return f"I speak {self.name}{own}{variety}. I need an interpreter for {self.name}."


@dataclass(frozen=True)
class CardSet:
    """Every language's content, with the English source the translations are made from."""

    cards: Mapping[str, CardContent]

    @property
    def english(self) -> CardContent:
        return self.cards[SOURCE_CODE]

    @property
    def source_hash(self) -> str:
        return english_source_hash(self.english.front)

    def is_stale(self, card: CardContent) -> bool:
        """A translation made from an older English text than the current one (for a spoken
        language: the card whose text it prints)."""
        if card.is_spoken:
            return self.is_stale(self.cards[card.front_from])
        return card.translation.status != "source" and \
            card.translation.source_hash != self.source_hash

    def select(self, codes: tuple[str, ...] | list[str]) -> list[CardContent]:
        missing = [code for code in codes if code not in self.cards]
        if missing:
            known = ", ".join(sorted(self.cards))
            raise ContentError(f"unknown language {', '.join(map(shorten, missing))}",
                               setting="languages",
                               fix=f"use one of: {known}")
        return [self.cards[code] for code in codes]


def text_hash(*faces: SideText) -> str:
    payload = [{"title": face.title, "points": list(face.points)} for face in faces]
    for entry, face in zip(payload, faces):
        if face.hotline_label:  # only when present, so older texts keep their hashes
            entry["hotline_label"] = face.hotline_label
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def english_source_hash(english_front: SideText) -> str:
    """What a translation records as `source_hash`: the English front it was made from."""
    return text_hash(english_front)[:12]


def load_cards(directory: Path) -> CardSet:
    """Load every `<code>.yaml` in a directory; translations inherit the English back."""
    library, errors = load_each(directory)
    if errors:
        raise errors[0]
    return library


def load_each(directory: Path) -> tuple[CardSet, list[ContentError]]:
    """Load every file that is valid and collect the errors of the others, so a check can
    report every broken file at once. Without a valid English file nothing loads."""
    english_file = directory / f"{SOURCE_CODE}.yaml"
    if not english_file.is_file():
        raise ContentError("the English source card is missing", file=str(english_file),
                           fix="restore en.yaml; every translation is made from it")
    paths = sorted(directory.glob("*.yaml"))
    if len(paths) > MAX_CARD_FILES:
        raise ContentError(f"holds {len(paths)} card files, more than {MAX_CARD_FILES}",
                           file=str(directory), fix="give the folder of your card files")
    english = load_card(english_file, shared_back=None)
    cards = {SOURCE_CODE: english}
    errors: list[ContentError] = []
    spoken = []
    for path in paths:
        if path == english_file:
            continue
        try:
            card = load_card(path, shared_back=english.back)
        except _NeedsFront:
            spoken.append(path)  # after the written languages whose text it prints
            continue
        except ContentError as error:
            errors.append(error)
            continue
        cards[card.code] = card
    for path in spoken:
        try:
            card = load_card(path, shared_back=english.back, written=cards)
        except ContentError as error:
            errors.append(error)
            continue
        cards[card.code] = card
    return CardSet(cards=dict(sorted(cards.items()))), errors


class _NeedsFront(ContentError):
    """A spoken language's file, which needs the written cards loaded first."""


def load_card(path: Path, shared_back: SideText | None,
              written: Mapping[str, CardContent] | None = None) -> CardContent:
    """One card file. A spoken language's (`front_from:`) needs `written`, the cards already
    loaded, for the text it prints."""
    name = str(path)
    raw = load_yaml(path, ContentError,
                    fix="check indentation and quote text containing ': ' or '#'")
    reader = _Reader(name)
    if not isinstance(raw, dict):
        raise ContentError("must be a mapping of fields (code, name, front, ...)", file=name,
                           fix="copy cards/en.yaml as a starting point")
    reader.no_unknown(raw, TOP_LEVEL_FIELDS, "")
    code = reader.string(raw, "code")
    checked_language_code(code, file=name, field="code", error=ContentError)
    if code != path.stem:
        raise ContentError(f"code {shorten(code)} does not match the file name", file=name,
                           field="code", fix=f"name the file {code}.yaml or set code: {path.stem}")
    direction = reader.string(raw, "direction")
    if direction not in DIRECTIONS:
        raise ContentError(f"must be one of {', '.join(DIRECTIONS)}, not {shorten(direction)}",
                           file=name, field="direction", fix="use rtl for Arabic-script and "
                           "Hebrew text, ltr for everything else")
    script = reader.string(raw, "script")
    if len(script) != 4 or not script.isalpha() or not script[0].isupper():
        raise ContentError(f"{shorten(script)} is not an ISO 15924 script code", file=name,
                           field="script", fix="use a four-letter code such as Latn, Arab, Hans")
    front_from, variety, audio = "", None, None
    if raw.get("spoken") is not None or "front_from" in raw:
        front, front_from, variety, audio = _spoken_front(reader, raw, path, written)
        source = written[front_from] if written else None
        if source is not None and (script, direction) != (source.script, source.direction):
            raise ContentError(f"the front prints the {front_from} card's text, in "
                               f"{source.script} {source.direction}", file=name,
                               field="script", fix=f"set script: {source.script} and "
                               f"direction: {source.direction}")
    else:
        for key in ("variety", "audio"):
            if key in raw:
                raise ContentError("is only for a spoken language", file=name, field=key,
                                   fix="remove it, or add spoken: true and front_from:")
        front = reader.face(raw, "front")
    if "back" in raw:
        back, back_file = reader.face(raw, "back"), name
    elif shared_back is not None:
        back, back_file = shared_back, str(path.with_name(f"{SOURCE_CODE}.yaml"))
    else:
        raise ContentError("is missing", file=name, field="back",
                           fix="the English file must hold the statement for the agent")
    translation = reader.translation(raw, is_source=(code == SOURCE_CODE),
                                     spoken=bool(front_from))
    return CardContent(code=code, name=reader.string(raw, "name"),
                       endonym=reader.string(raw, "endonym"), script=script,
                       direction=direction, front=front, back=back,
                       back_file=back_file, translation=translation,
                       source_file=name, front_from=front_from, variety=variety, audio=audio)


def _spoken_front(reader: _Reader, raw: dict, path: Path,
                  written: Mapping[str, CardContent] | None
                  ) -> tuple[SideText, str, str | None, Path | None]:
    """The front of a spoken language: the text of `front_from` under the language's own
    name, so whoever reads the card sees at once which language the holder speaks."""
    name = str(path)
    if raw.get("spoken") is not True:
        raise ContentError("must be true for a language whose front prints another card's "
                           "text", file=name, field="spoken", fix="write spoken: true")
    if "front" in raw:
        raise ContentError("a spoken language prints the front of front_from", file=name,
                           field="front", fix="remove front:, or remove spoken: and front_from:")
    source = reader.string(raw, "front_from")
    checked_language_code(source, file=name, field="front_from", error=ContentError)
    if written is None:
        raise _NeedsFront("needs the other card files", file=name, field="front_from",
                          fix="load the folder (load_each), not the one file")
    card = written.get(source)
    if card is None or card.is_spoken:
        raise ContentError(f"{shorten(source)} is not a written language in this folder",
                           file=name, field="front_from",
                           fix=f"use one of: {', '.join(c for c in written if c != 'en')}")
    variety = reader.string(raw, "variety", allow_empty=True) if "variety" in raw else None
    audio = None
    if raw.get("audio") not in (None, ""):
        audio = path.parent / reader.string(raw, "audio")
    endonym = reader.string(raw, "endonym")
    title = checked_text(f"{endonym} · {card.front.title}", max_chars=MAX_CHARS["title"],
                         file=name, field="endonym", error=ContentError)
    return replace(card.front, title=title), source, variety, audio


class _Reader:
    """Typed field access that raises ContentError naming file and field."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, field: str, what: str, fix: str) -> ContentError:
        return ContentError(what, file=self.file, field=field, fix=fix)

    def no_unknown(self, mapping: dict, allowed: set[str], prefix: str) -> None:
        for key in mapping:
            if key not in allowed:
                raise self.fail(f"{prefix}{key}", "is not a known field",
                                f"remove it or use one of: {', '.join(sorted(allowed))}")

    def string(self, mapping: dict, key: str, prefix: str = "", *,
               allow_empty: bool = False, field: str | None = None) -> str:
        """The text at `mapping[key]`, through the one gate for printed text."""
        field = field or f"{prefix}{key}"
        if key not in mapping:
            raise self.fail(field, "is missing", f"add {key}: to the file (see cards/en.yaml)")
        value = mapping[key]
        if isinstance(value, _dt.date) and key in DATE_FIELDS:
            value = value.isoformat()
        if value is None and allow_empty:
            value = ""
        if not isinstance(value, str):
            raise self.fail(field, f"must be text, not {_type_name(value)}",
                            "put the value in quotes")
        value = checked_text(value, max_chars=MAX_CHARS.get(key, MAX_OTHER_CHARS),
                             file=self.file, field=field, multiline=True, error=ContentError)
        if not value and not allow_empty:
            raise self.fail(field, "is empty", "write the text or remove the entry")
        return value

    def face(self, raw: dict, key: str) -> SideText:
        value = raw.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "must be a mapping with title: and points:" if key in raw
                            else "is missing", "see cards/en.yaml for the layout")
        self.no_unknown(value, FACE_FIELDS, f"{key}.")
        title = self.string(value, "title", f"{key}.")
        points = value.get("points")
        if not isinstance(points, list) or not points:
            raise self.fail(f"{key}.points", "must be a list of one or more points",
                            "write each point on its own line starting with '- '")
        if len(points) > MAX_POINTS:
            raise self.fail(f"{key}.points", f"has {len(points)} points, more than "
                            f"{MAX_POINTS} fit on a card", "shorten or merge points")
        texts = tuple(self.string({"points": p}, "points", field=f"{key}.points[{i}]")
                      for i, p in enumerate(points))
        hotline_label = ""
        if "hotline_label" in value:
            if key != "front":
                raise self.fail(f"{key}.hotline_label", "belongs on the front",
                                "move it under front:")
            hotline_label = self.string(value, "hotline_label", f"{key}.")
        return SideText(title=title, points=texts, hotline_label=hotline_label)

    def translation(self, raw: dict, is_source: bool, spoken: bool = False) -> Translation:
        value = raw.get("translation")
        if not isinstance(value, dict):
            raise self.fail("translation", "is missing" if value is None else
                            "must be a mapping", "add translation: with status:, translator:, "
                            "translated_on:, reviewed_by:, reviewed_on:, source_hash:")
        self.no_unknown(value, TRANSLATION_FIELDS, "translation.")
        prefix = "translation."
        status = self.string(value, "status", prefix)
        if status not in STATUSES:
            raise self.fail("translation.status", f"must be one of {', '.join(STATUSES)}, "
                            f"not {shorten(status)}",
                            "use draft until a qualified reviewer signs off")
        if is_source != (status == "source"):
            raise self.fail("translation.status", "source is only for en.yaml" if not is_source
                            else "en.yaml is the source text", "use draft or reviewed for "
                            "translations, source for English")
        translation = Translation(
            status=status,
            translator=self.string(value, "translator", prefix),
            translated_on=self.string(value, "translated_on", prefix, allow_empty=is_source),
            reviewed_by=self.string(value, "reviewed_by", prefix, allow_empty=True),
            reviewed_on=self.string(value, "reviewed_on", prefix, allow_empty=True),
            source_hash=self.string(value, "source_hash", prefix,
                                    allow_empty=is_source or spoken))
        if status == "reviewed" and not (translation.reviewed_by and translation.reviewed_on):
            raise self.fail("translation.reviewed_by", "a reviewed translation needs "
                            "reviewed_by and reviewed_on", "fill both in, or set status: draft")
        return translation


def _type_name(value: Any) -> str:
    return {list: "a list", dict: "a mapping", int: "a number", float: "a number",
            bool: "true/false", type(None): "empty"}.get(type(value), type(value).__name__)
