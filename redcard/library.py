"""The library you call: load the cards, fonts, templates and hotlines once, make decks of
languages with an organisation's extras, impose them with print settings, write PDFs.

    lib = Library.load()
    deck = lib.deck(["es", "ko"], extras=Extras(hotline="la-county"))
    for code, printout in deck.each(PrintSettings(template="avery-5371")):
        printout.write(f"{code}.pdf")

Nothing here prints or exits: problems are raised as RedcardError (with the setting or file
at fault), warnings are returned with what they are about.
"""

from __future__ import annotations

import datetime as _dt
import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .design.themes import get_theme
from .errors import Notice, RedcardError
from .geometry.sizes import CardSize, PaperSize
from .geometry.slots import check_one_partly_used_sheet
from .geometry.templates import Catalog, load_catalog
from .limits import check_card_counts
from .model.content import CardContent, CardSet, load_cards
from .model.extras import CardExtras, Extras, ResolvedExtras, hotline_line, resolve_extras
from .model.hotlines import HotlineDirectory, load_directory
from .model.orders import OrderError, OrderLine, group_order
from .model.printers import PrinterProfile, get_profile
from .model.settings import PrintSettings
from .paths import cards_dir

if TYPE_CHECKING:  # the stages that lay out and draw are imported when first used, so that
    # `redcard list`, `redcard --help` and the model need neither HarfBuzz nor ReportLab
    from .design.card import CardFace
    from .design.themes import Theme
    from .digital import DigitalCard, LockScreen
    from .fit import FitLine
    from .printing import Job, PdfFile, Printout
    from .review import ReviewPacket
    from .text.fonts import FontRegistry


@dataclass(frozen=True)
class Library:
    """Everything a build reads: card texts, fonts, sizes and templates, and the hotline
    directory: the shipped ones, or folders and files of your own. Each part is read when
    first needed and kept, so fonts are parsed once per library however many documents use
    them."""

    cards_dir: Path | None = None
    fonts_dir: Path | None = None
    templates_dir: Path | None = None
    hotlines_file: Path | None = None

    @classmethod
    def load(cls, cards: Path | str | None = None, fonts: Path | str | None = None,
             templates: Path | str | None = None,
             hotlines: Path | str | None = None) -> Library:
        """A library whose card files are read (and checked) now."""
        library = cls(*(None if value is None else Path(value)
                        for value in (cards, fonts, templates, hotlines)))
        library.cards  # noqa: B018 - a broken card file is an error here, not later
        return library

    @cached_property
    def cards(self) -> CardSet:
        return load_cards(self.cards_dir or cards_dir())

    @cached_property
    def fonts(self) -> FontRegistry:
        from .text.fonts import FontRegistry, default_registry

        return FontRegistry(self.fonts_dir) if self.fonts_dir else default_registry()

    @cached_property
    def catalog(self) -> Catalog:
        return load_catalog(self.templates_dir)

    @cached_property
    def hotlines(self) -> HotlineDirectory:
        return load_directory(self.hotlines_file)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.cards.cards)

    def card(self, code: str) -> CardContent:
        return self.cards.select([code])[0]

    def extras(self, extras: Extras | None = None,
               today: _dt.date | None = None) -> ResolvedExtras:
        """The extras checked, the hotline looked up in the directory, with warnings (a number
        last verified long ago, low confidence, a number of your own)."""
        return resolve_extras(extras or Extras(), lambda: self.hotlines,
                              today or _dt.date.today())

    def deck(self, languages: Sequence[str] | Mapping[str, int] | None = None, *,
             extras: Extras | CardExtras | None = None, today: _dt.date | None = None) -> Deck:
        """Cards to print: every language, some (`["es", "ko"]`), or quantities per language
        (`{"es": 300, "ko": 80}`). Without quantities, each language gets the settings'
        `copies`, or one full sheet."""
        if languages is None:
            languages = self.languages
        counts = dict(languages) if isinstance(languages, Mapping) else \
            dict.fromkeys(languages)
        cards = self.cards.select(list(counts))
        warnings: tuple[Notice, ...] = ()
        if not isinstance(extras, CardExtras):
            resolved = self.extras(extras, today)
            extras, warnings = resolved.extras, resolved.warnings
        return Deck(self, tuple((card, counts[card.code]) for card in cards), extras,
                    warnings)

    def fit(self, languages: Sequence[str] | None = None, cards: Sequence[str] = (),
            hotline: str = "", today: _dt.date | None = None) -> list[FitLine]:
        """How each language's text fits each card size (`redcard fit`): body and title
        size, face, lines, orphans. `hotline`: a directory entry whose band the fronts
        carry."""
        unknown = [name for name in cards if name not in self.catalog.sizes.cards]
        if unknown:
            raise RedcardError(f"unknown card size {unknown[0]!r}", setting="card",
                               fix="use one of " + ", ".join(self.catalog.sizes.cards))
        from .fit import fit_report
        band = hotline_line(self.hotlines.for_card(hotline)) if hotline else None
        selected = self.cards.select(list(languages)) if languages else \
            list(self.cards.cards.values())
        return fit_report(selected, self.fonts, self.catalog.sizes, tuple(cards), band)

    def job(self, settings: PrintSettings | None = None) -> Job:
        """The settings with every name looked up (template, card size, theme, printer) and
        every value checked."""
        from .printing import resolve_job

        return resolve_job(settings or PrintSettings(), self.catalog)

    def order(self, lines: Sequence[OrderLine], settings: PrintSettings | None = None,
              *, extras: Extras | CardExtras | None = None, combined: bool = False,
              name: str = "order") -> tuple[OrderFile, ...]:
        """An order (`redcard.model.orders.load_order`) as the files it makes: lines that
        share a template and theme print together, into one PDF (`combined`, named after the
        order) or one per language."""
        settings = settings or PrintSettings()
        for line in lines:  # a name an order line gives is that line's mistake
            try:
                if line.template:
                    self.catalog.template(line.template)
                if line.theme:
                    get_theme(line.theme)
            except RedcardError as error:
                raise OrderError(error.what, file=line.where, field=error.setting,
                                 fix=error.fix) from None
        groups = group_order(tuple(lines), self.languages, settings)
        files = len(groups) if combined else sum(len(group.lines) for group in groups)
        check_one_partly_used_sheet(settings.partly_used, files)
        per_file = [sum(line.quantity for line in group.lines) for group in groups] \
            if combined else [line.quantity for group in groups for line in group.lines]
        check_card_counts(per_file, setting=None, file=lines[0].file if lines else None)
        several = len(groups) > 1
        out = []
        for group in groups:
            group_settings = group.settings(settings)
            suffix = f"-{group.template}-{group.theme}" if several else ""
            quantities = {line.language: line.quantity for line in group.lines}
            if combined:
                out.append(OrderFile(f"{name}{suffix}.pdf",
                                     self.deck(quantities, extras=extras), group_settings))
            else:
                out += [OrderFile(f"{code}{suffix}.pdf",
                                  self.deck({code: count}, extras=extras), group_settings)
                        for code, count in quantities.items()]
        return tuple(out)

    def review_packet(self, code: str, paper: str | PaperSize = "letter",
                      card: str | CardSize = "id1",
                      today: _dt.date | None = None) -> ReviewPacket:
        """A packet for a qualified reviewer of one translation (see redcard.review)."""
        from .review import review_packet

        page = paper if isinstance(paper, PaperSize) else self.catalog.sizes.paper(paper)
        size = card if isinstance(card, CardSize) else self.catalog.sizes.card(card)
        return review_packet(self.card(code), self.cards, self.fonts, page, size,
                             today or _dt.date.today())

    def approve(self, code: str, reviewer: str, today: _dt.date | None = None,
                version: str | None = None) -> Path:
        """Record a reviewer's approval in the card file; the library reads it anew after."""
        from .review import approve

        path = approve(self.card(code), self.cards, reviewer, today or _dt.date.today(),
                       version)
        self.__dict__.pop("cards", None)  # the cached card set is out of date
        return path

    def calibration(self, paper: str | PaperSize = "letter", duplex: str = "long",
                    printer: str | PrinterProfile | None = None) -> PdfFile:
        """The calibration sheet: rulers and registration targets, with a printer profile
        applied when given (to check it)."""
        from .design.calibration import plan_calibration
        from .printing import PdfFile
        from .render.pdf import Document, Page

        page = paper if isinstance(paper, PaperSize) else self.catalog.sizes.paper(paper)
        latin = self.fonts.chain("en", "Latn", "regular")
        profile = get_profile(printer) if isinstance(printer, str) else printer
        correction = profile.correction() if profile else None
        sheet = plan_calibration(page, duplex, latin)
        pages = tuple(
            Page(items=scene.items,
                 correction=None if correction is None or correction.is_identity else
                 correction.page_transform(page.width_mm, page.height_mm, back=back))
            for scene, back in ((sheet.front, False), (sheet.back, True)))
        return PdfFile(Document(page.width_mm, page.height_mm,
                                title=f"redcard calibration sheet, {page.name}",
                                language="en", duplex=duplex, initial_font=latin.primary,
                                pages=pages))


@dataclass(frozen=True)
class Deck:
    """Cards of some languages with the same extras, ready to impose or to make digital."""

    library: Library
    entries: tuple[tuple[CardContent, int | None], ...]  # card, quantity (None: see deck())
    extras: CardExtras
    warnings: tuple[Notice, ...]  # about the extras, to show before printing

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(card.code for card, _ in self.entries)

    @property
    def drafts(self) -> tuple[CardContent, ...]:
        """Cards whose translation no qualified reviewer has approved yet."""
        return tuple(card for card, _ in self.entries if card.is_draft)

    def impose(self, settings: PrintSettings | None = None) -> Printout:
        """Every card of the deck in one PDF, languages filling the sheets one after another
        (a sheet where one ends and the next begins is shared)."""
        return self._impose(self.library.job(settings))

    def each(self, settings: PrintSettings | None = None, *, jobs: int | None = 1
             ) -> Iterator[tuple[str, Printout]]:
        """One printout per language, as (code, printout), made one at a time; with `jobs`
        above 1 (None: one per processor), made by that many worker processes at once and
        yielded, already rendered, once every one is made, in the same order and with the
        same bytes."""
        job = self.library.job(settings)
        check_one_partly_used_sheet(job.settings.partly_used, len(self.entries))
        check_card_counts([count for _, count in self._counted(job)])
        workers = min(default_jobs() if jobs is None else jobs, len(self.entries))
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            yield from self._each_in_workers(job, workers)
            return
        from .printing import design_faces

        # Every card designed first: one that does not fit stops the run before any file.
        faces = design_faces([card for card, _ in self.entries], job, self.extras,
                             self.library.fonts)
        for entry in self.entries:
            yield entry[0].code, Deck(self.library, (entry,), self.extras,
                                      self.warnings)._impose(job, faces)

    def _each_in_workers(self, job: Job, workers: int) -> Iterator[tuple[str, Printout]]:
        """Each language designed, imposed and rendered in a forked worker (which shares the
        parent's loaded cards and fonts); every result is in before the first is yielded, so a
        card that does not fit stops the run before any file, as it does in one process (the
        first such card in the deck's order is the one reported)."""
        global _FORKED
        from concurrent.futures import ProcessPoolExecutor

        _FORKED = (self, job)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")
                                     ) as pool:
                futures = [pool.submit(_render_entry, index)
                           for index in range(len(self.entries))]
                outcomes = [_outcome(future) for future in futures]
        finally:
            _FORKED = None
        for _, error in outcomes:
            if error is not None:
                raise error
        for (card, _), (printout, _) in zip(self.entries, outcomes):
            yield card.code, printout

    def _counted(self, job: Job) -> list[tuple[CardContent, int]]:
        """Each card with how many to print: its quantity, the job's copies, or a sheet."""
        copies = job.settings.copies
        return [(card, count or copies or
                 (job.free_on_first if index == 0 else job.per_sheet))
                for index, (card, count) in enumerate(self.entries)]

    def _impose(self, job: Job, faces: Mapping[str, tuple[CardFace, CardFace]] | None = None
                ) -> Printout:
        from .printing import impose

        items = self._counted(job)
        check_card_counts([sum(count for _, count in items)])
        return impose(items, job, self.extras, self.library.fonts, faces)

    def digital(self, card: str | CardSize = "id1",
                theme: str | Theme = "red") -> Iterator[DigitalCard]:
        """One digital card per language (PDF pages the size of the card, and PNGs)."""
        from .digital import digital_card

        size = self.library.catalog.sizes.card(card)
        for content, _ in self.entries:
            yield digital_card(content, size, theme, self.extras, self.library.fonts)

    def lock_screens(self, screens: Sequence[str] = ("1170x2532", "1080x2400"),
                     theme: str | Theme = "red") -> Iterator[LockScreen]:
        """Per language and screen size, the front then the English back as lock-screen
        images (see design.lockscreen); every one designed before the first is returned."""
        from .design.lockscreen import get_screen
        from .digital import lock_screen
        chosen = [get_screen(name) for name in screens]
        made = [lock_screen(content, screen, side, theme, self.extras, self.library.fonts)
                for content, _ in self.entries for screen in chosen
                for side in ("front", "back")]
        yield from made


def default_jobs() -> int:
    """Worker processes for a build of several languages: one per processor this process may
    run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_FORKED: tuple[Deck, Job] | None = None  # what forked workers of Deck.each read


def _render_entry(index: int) -> Printout:
    """In a worker: one language of the deck, imposed and rendered."""
    deck, job = _FORKED
    entry = deck.entries[index]
    printout = Deck(deck.library, (entry,), deck.extras, deck.warnings)._impose(job)
    return printout.rendered()


def _outcome(future) -> tuple[Printout | None, RedcardError | None]:  # noqa: ANN001
    """A worker's printout, or the library error it raised (others propagate)."""
    try:
        return future.result(), None
    except RedcardError as error:
        return None, error


@dataclass(frozen=True)
class OrderFile:
    """One PDF of an order: its file name, its cards and the settings it prints with."""

    name: str
    deck: Deck
    settings: PrintSettings

    def impose(self) -> Printout:
        return self.deck.impose(self.settings)
