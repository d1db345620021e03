"""`redcard check`: everything that can be wrong with the card files, reported at once."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .content import SOURCE_CODE, CardContent, CardLibrary, load_each
from .errors import RedcardError
from .extras import CardExtras, HotlineLine, hotline_line
from .face import THEMES, design_back, design_front
from .fonts import FontRegistry, check_coverage
from .hotlines import CARD_PURPOSE, HotlineDirectory, load_directory
from .imposition import CARD_SIZES

OPENERS = {"\u2066": "isolate", "\u2067": "isolate", "\u2068": "isolate",
           "\u202a": "embedding", "\u202b": "embedding", "\u202d": "embedding",
           "\u202e": "embedding"}
CLOSERS = {"\u2069": "isolate", "\u202c": "embedding"}
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
LEFTOVER_WORDS = 4  # this many English words in a row in a translation looks untranslated


@dataclass(frozen=True)
class Problem:
    severity: str  # error | warning
    file: str
    field: str
    message: str
    fix: str

    def one_line(self) -> str:
        where = ": ".join(part for part in (self.file, self.field) if part)
        return f"{self.severity}: {where}: {self.message}" + \
            (f" (fix: {self.fix})" if self.fix else "")

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _from_error(error: RedcardError, severity: str = "error") -> Problem:
    return Problem(severity, error.file or "", error.field or "", error.what, error.fix or "")


def check_cards(directory: Path, registry: FontRegistry,
                codes: tuple[str, ...] = (), *, hotline: str = "",
                today: _dt.date | None = None,
                hotlines: Path | None = None) -> tuple[CardLibrary, list[Problem]]:
    """Every problem with the card files. The front's fit is also checked with a hotline band:
    the entry `hotline` if given (its stale or low-confidence warnings are reported too),
    else the largest band any directory entry makes. A card that cannot take the band is a
    warning, because it is still fine without one."""
    library, load_errors = load_each(directory)
    problems = [_from_error(error) for error in load_errors
                if not codes or Path(error.file or "").stem in codes]
    cards = library.select(list(codes)) if codes else list(library.cards.values())
    english = library.english
    band, band_problems = _hotline_for_check(hotline, today or _dt.date.today(), hotlines)
    problems += band_problems
    for card in cards:
        problems += _check_card(card, library, english, registry, band)
    return library, problems


def _hotline_for_check(hotline: str, today: _dt.date,
                       path: Path | None) -> tuple[HotlineLine | None, list[Problem]]:
    try:
        directory: HotlineDirectory = load_directory(path)
    except RedcardError as error:
        return None, [_from_error(error)]
    if hotline:
        entry = directory.for_card(hotline)  # an unknown id stops the check (exit 2)
        return hotline_line(entry), [
            Problem("warning", w.file, w.field, w.message, w.fix)
            for w in directory.warnings(entry, today)]
    usable = [e for e in directory.entries if e.purpose == CARD_PURPOSE]
    if not usable:
        return None, []
    # The tallest band: the longest number (it may need a smaller size to stay on one line)
    # and the longest name (it may not fit beside the footer).
    number = max((e.number for e in usable), key=len)
    name = max((e.card_name for e in usable), key=len)
    return HotlineLine(number=number, name=name, hotline_id="(longest in the directory)"), []


def _check_card(card: CardContent, library: CardLibrary, english: CardContent,
                registry: FontRegistry, band: HotlineLine | None = None) -> list[Problem]:
    problems: list[Problem] = []
    file = card.source_file
    bold_fields = [("front.title", card.front.title)] + (
        [("front.hotline_label", card.front.hotline_label)] if card.front.hotline_label
        else [])
    for weight, fields in (("bold", bold_fields),
                           ("regular", [(f"front.{f}", t) for f, t in card.front.texts()
                                        if f not in ("title", "hotline_label")])):
        chain = registry.chain(card.code, card.script, weight)
        for field, text in fields:
            try:
                check_coverage(text, chain, file=file, field=field)
            except RedcardError as error:
                problems.append(_from_error(error))
    for field, text in card.front.texts():
        problems += _bidi_balance(file, f"front.{field}", text)
    if card.code != SOURCE_CODE:
        problems += _leftover_english(card, english)
    if not any(p.severity == "error" for p in problems):
        for size in CARD_SIZES.values():
            for theme in THEMES.values():
                for design in (design_front, design_back):
                    try:
                        design(card, size, theme, registry)
                    except RedcardError as error:
                        problem = _from_error(error)
                        problems.append(Problem(
                            problem.severity, problem.file, problem.field,
                            f"{problem.message} (theme {theme.name})", problem.fix))
        if band is not None and card.front.hotline_label and not any(
                p.severity == "error" for p in problems):
            # Themes change colours, not sizes: one theme is enough for the band's fit.
            for size in CARD_SIZES.values():
                try:
                    design_front(card, size, THEMES["red"], registry,
                                 CardExtras(hotline=band))
                except RedcardError as error:
                    problems.append(_from_error(error, "warning"))
    if not card.front.hotline_label:
        problems.append(Problem("warning", file, "front.hotline_label",
                                "is missing, so this language cannot be built with a hotline",
                                "translate hotline_label from cards/en.yaml"))
    if card.translation.status == "draft":
        problems.append(Problem("warning", file, "translation.status",
                                "unreviewed draft translation",
                                "have a qualified translator review it, then set status: "
                                "reviewed with reviewed_by and reviewed_on"))
    if library.is_stale(card):
        problems.append(Problem("warning", file, "translation.source_hash",
                                f"stale: translated from English text "
                                f"{card.translation.source_hash or '(none)'}, current English "
                                f"text is {library.source_hash}",
                                "update the translation to the current cards/en.yaml, then "
                                f"set source_hash: \"{library.source_hash}\""))
    return problems


def _bidi_balance(file: str, field: str, text: str) -> list[Problem]:
    stack: list[str] = []
    for char in text:
        if char in OPENERS:
            stack.append(OPENERS[char])
        elif char in CLOSERS:
            if not stack or stack[-1] != CLOSERS[char]:
                return [Problem("error", file, field, f"unbalanced bidi control "
                                f"U+{ord(char):04X} closes nothing", "remove it")]
            stack.pop()
    if stack:
        return [Problem("error", file, field, f"unbalanced bidi control: {len(stack)} "
                        f"{stack[-1]}(s) never closed", "remove the invisible bidi controls "
                        "(U+202A–U+202E, U+2066–U+2069); redcard isolates numbers itself")]
    return []


def _leftover_english(card: CardContent, english: CardContent) -> list[Problem]:
    english_runs = set()
    for text in (english.front.title, *english.front.points):
        words = [w.lower() for w in _WORD.findall(text)]
        english_runs |= {tuple(words[i:i + LEFTOVER_WORDS])
                         for i in range(len(words) - LEFTOVER_WORDS + 1)}
    problems = []
    for field, text in card.front.texts():
        words = [w.lower() for w in _WORD.findall(text)]
        runs = {tuple(words[i:i + LEFTOVER_WORDS])
                for i in range(len(words) - LEFTOVER_WORDS + 1)}
        leftover = runs & english_runs
        if leftover:
            sample = " ".join(sorted(leftover)[0])
            problems.append(Problem("error", card.source_file, f"front.{field}",
                                    f"looks untranslated: contains English \"{sample}\"",
                                    "translate the whole point"))
    return problems
