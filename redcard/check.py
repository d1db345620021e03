"""`redcard check`: everything that can be wrong with the card files, reported at once, as
errors and warnings (`Notice`)."""

from __future__ import annotations

import datetime as _dt
import multiprocessing
import re
from dataclasses import replace
from pathlib import Path

from .collector import paused
from .design.card import CardDesigner
from .design.themes import THEMES
from .errors import Notice, RedcardError
from .geometry.sizes import CardSize, SizeCatalog, load_sizes
from .library import default_jobs
from .model.content import SOURCE_CODE, CardContent, CardSet, load_each
from .model.extras import CardExtras, HotlineLine, hotline_line
from .model.hotlines import CARD_PURPOSE, HotlineDirectory, load_directory
from .paths import cards_dir
from .text.fonts import FontRegistry, check_coverage, default_registry

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
LEFTOVER_WORDS = 4  # this many English words in a row in a translation looks untranslated


def _from_error(error: RedcardError, severity: str = "error") -> Notice:
    return replace(error.notice, severity=severity)


def _warning(file: str, field: str, what: str, fix: str) -> Notice:
    return Notice(what, file=file, field=field, fix=fix, severity="warning")


def check_cards(directory: Path | None = None, fonts: FontRegistry | None = None,
                codes: tuple[str, ...] = (), *, hotline: str = "",
                today: _dt.date | None = None, hotlines: Path | None = None,
                sizes: SizeCatalog | None = None, jobs: int | None = 1
                ) -> tuple[CardSet, list[Notice]]:
    """Every problem with the card files (the shipped ones by default), as errors and
    warnings. The front's fit is also checked with a hotline band: the entry `hotline` if
    given (its stale or low-confidence warnings are reported too), else the largest band any
    directory entry makes. A card that cannot take the band is a warning, because it is
    still fine without one. With `jobs` above 1 (None: one per processor) the languages are
    checked by that many forked processes; the problems are the same, in the same order."""
    cards, load_errors = load_each(directory or cards_dir())
    problems = [_from_error(error) for error in load_errors
                if not codes or Path(error.file or "").stem in codes]
    selected = cards.select(list(codes)) if codes else list(cards.cards.values())
    band, band_problems = _hotline_for_check(hotline, today or _dt.date.today(), hotlines)
    problems += band_problems
    fonts = fonts or default_registry()
    sizes = sizes or load_sizes()
    workers = min(default_jobs() if jobs is None else jobs, len(selected))
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        for found in _check_in_workers(workers, (selected, cards, fonts, sizes, band)):
            problems += found
    else:
        with paused():
            for card in selected:
                problems += _check_card(card, cards, fonts, sizes, band)
    return cards, problems


_FORKED: tuple | None = None  # what forked workers of check_cards read


def _check_in_workers(workers: int, shared: tuple) -> list[list[Notice]]:
    """Each card checked in a forked worker, which shares the parent's cards and fonts."""
    global _FORKED
    from concurrent.futures import ProcessPoolExecutor

    _FORKED = shared
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")
                                 ) as pool:
            return list(pool.map(_check_entry, range(len(shared[0]))))
    finally:
        _FORKED = None


def _check_entry(index: int) -> list[Notice]:
    selected, cards, fonts, sizes, band = _FORKED
    with paused():
        return _check_card(selected[index], cards, fonts, sizes, band)


def _hotline_for_check(hotline: str, today: _dt.date,
                       path: Path | None) -> tuple[HotlineLine | None, list[Notice]]:
    try:
        directory: HotlineDirectory = load_directory(path)
    except RedcardError as error:
        return None, [_from_error(error)]
    if hotline:
        entry = directory.for_card(hotline)  # an unknown id stops the check (exit 2)
        return hotline_line(entry), directory.warnings(entry, today)
    usable = [e for e in directory.entries if e.purpose == CARD_PURPOSE]
    if not usable:
        return None, []
    # The tallest band: the longest number (it may need a smaller size to stay on one line)
    # and the longest name (it may not fit beside the footer).
    number = max((e.number for e in usable), key=len)
    name = max((e.card_name for e in usable), key=len)
    return HotlineLine(number=number, name=name, hotline_id="(longest in the directory)"), []


def _check_card(card: CardContent, cards: CardSet, fonts: FontRegistry, sizes: SizeCatalog,
                band: HotlineLine | None = None) -> list[Notice]:
    problems: list[Notice] = []
    file = card.source_file
    bold_fields = [("front.title", card.front.title)] + (
        [("front.hotline_label", card.front.hotline_label)] if card.front.hotline_label
        else [])
    for weight, fields in (("bold", bold_fields),
                           ("regular", [(f"front.{f}", t) for f, t in card.front.texts()
                                        if f not in ("title", "hotline_label")])):
        chain = fonts.chain(card.text_language, card.script, weight)
        for field, text in fields:
            try:
                check_coverage(text, chain, file=file, field=field)
            except RedcardError as error:
                problems.append(_from_error(error))
    if card.code != SOURCE_CODE and not card.is_spoken:
        problems += _leftover_english(card, cards.english)
    if not any(p.severity == "error" for p in problems):
        for size in sizes.cards.values():
            problems += _fit_problems(card, size, fonts)
        if band is not None and card.front.hotline_label and not any(
                p.severity == "error" for p in problems):
            # Themes change colours, not sizes: one theme is enough for the band's fit.
            for size in sizes.cards.values():
                try:
                    CardDesigner(size, THEMES["red"], fonts).front(card, CardExtras(hotline=band))
                except RedcardError as error:
                    problems.append(_from_error(error, "warning"))
    if card.is_spoken:
        problems += _spoken_problems(card)
    if not card.front.hotline_label:
        problems.append(_warning(file, "front.hotline_label",
                                 "is missing, so this language cannot be built with a hotline",
                                 "translate hotline_label from cards/en.yaml"))
    if card.translation.status == "draft":
        problems.append(_warning(file, "translation.status", "unreviewed draft translation",
                                 "have a qualified translator review it, then set status: "
                                 "reviewed with reviewed_by and reviewed_on"))
    if cards.is_stale(card):
        problems.append(_warning(file, "translation.source_hash",
                                 f"stale: translated from English text "
                                 f"{card.translation.source_hash or '(none)'}, current English "
                                 f"text is {cards.source_hash}",
                                 "update the translation to the current cards/en.yaml, then "
                                 f"set source_hash: \"{cards.source_hash}\""))
    return problems


def _fit_problems(card: CardContent, size: CardSize, fonts: FontRegistry) -> list[Notice]:
    """Each face fitted once, in one theme: themes change colours, the frame and the bleed,
    not where text goes or whether it fits (tests/check/test_check.py holds every theme to
    the same fit). A face that does not fit is reported for every theme, in the order and
    words a check of each theme in turn gives."""
    designer = CardDesigner(size, next(iter(THEMES.values())), fonts)
    failed = []
    for design in (designer.front, designer.back):
        try:
            design(card)
        except RedcardError as error:
            failed.append(error)
    return [replace(_from_error(error), what=f"{error.what} (theme {theme.name})")
            for theme in THEMES.values() for error in failed]


def _spoken_problems(card: CardContent) -> list[Notice]:
    """A family's entry that does not say which language of it; a recording that is not one."""
    from .model.audio import inspect_audio
    problems = []
    if card.variety == "":
        problems.append(_warning(card.source_file, "variety", f"is empty: {card.name} is a "
                                 "family of languages that are not mutually intelligible, so "
                                 "an interpreter needs to know which one",
                                 "name the holder's variety (its town or region) and set "
                                 "endonym: to its own name"))
    if card.audio is not None:
        try:
            inspect_audio(card.audio, card.source_file)
        except RedcardError as error:
            problems.append(_from_error(error))
    return problems


def _leftover_english(card: CardContent, english: CardContent) -> list[Notice]:
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
            problems.append(Notice(f"looks untranslated: contains English \"{sample}\"",
                                   file=card.source_file, field=f"front.{field}",
                                   fix="translate the whole point"))
    return problems
