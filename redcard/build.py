"""Build jobs: card content → faces → imposed sheets → one PDF."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .content import CardContent
from .errors import FitError
from .extras import CardExtras
from .face import THEMES, Theme, design_back, design_front
from .fonts import FontRegistry
from .imposition import CardSize, SheetLayout, fill_slots
from .pdf import CardArt, Document, PageCorrection, Sheet, write_pdf
from .template import Template, card_for, get_template, load_templates, plan

FLIP_WORDS = {"long": "duplex, flip on long edge", "short": "duplex, flip on short edge",
              "none": "single-sided: print fronts and backs on separate sheets"}


@dataclass(frozen=True)
class BuildOptions:
    template: str = "letter"
    card: str | None = None  # None: the template's own card (ID-1 on plain paper)
    theme: str = "red"
    duplex: str = "long"
    marks: str | None = None  # None: the template's default (none on perforated stock)
    copies: int | None = None  # cards to print; None fills one sheet
    start_slot: int = 1  # first free slot (1-based) on partly used stock
    skip_slots: tuple[int, ...] = ()  # further used slots (1-based) on the first sheet
    correction: PageCorrection = PageCorrection()
    extras: CardExtras = CardExtras()  # hotline, organisation name, logo, QR code


@dataclass(frozen=True)
class Job:
    """What every sheet of a build shares, resolved and checked."""

    template: Template
    card: CardSize
    theme: Theme
    layout: SheetLayout
    used_on_first: frozenset[int]  # 0-based slots of the first sheet not to print on

    @property
    def per_sheet(self) -> int:
        return len(self.layout.fronts)


@dataclass(frozen=True)
class LanguageCount:
    code: str
    cards: int
    sheets: int  # sheets that carry this language (a shared sheet counts for each)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    template: str
    languages: tuple[LanguageCount, ...]
    sheets: int
    per_sheet: int
    blanks: int  # free slots left empty (skipped, already-used slots are not counted)
    body_pt: float  # smallest text size chosen on any front
    drafts: tuple[str, ...]  # codes of unreviewed translations in this file

    @property
    def cards(self) -> int:
        return sum(language.cards for language in self.languages)


def prepare(options: BuildOptions) -> Job:
    if options.theme not in THEMES:
        raise FitError(f"unknown theme {options.theme!r}", field="--theme",
                       fix=f"use one of: {', '.join(THEMES)}")
    if options.copies is not None and options.copies < 1:
        raise FitError("must be at least 1", field="--copies", fix="ask for 1 or more cards")
    templates = load_templates()
    template = get_template(options.template, templates)
    card = card_for(template, options.card, templates)
    theme = THEMES[options.theme]
    layout = plan(template, card, bleed_mm=theme.bleed_mm, gutter_mm=theme.gutter_mm,
                  duplex=options.duplex, marks=options.marks)
    # Faces carry exactly the bleed the sheet has room for.
    theme = replace(theme, bleed_mm=layout.bleed_mm)
    per_sheet = len(layout.fronts)
    used = _used_slots(options.start_slot, options.skip_slots, per_sheet, template.name)
    return Job(template, card, theme, layout, used)


def _used_slots(start_slot: int, skip_slots: tuple[int, ...], per_sheet: int,
                template: str) -> frozenset[int]:
    for field, slot in [("--start-slot", start_slot)] + [("--skip-slots", s) for s in skip_slots]:
        if not 1 <= slot <= per_sheet:
            raise FitError(f"slot {slot} does not exist: {template} has slots 1 to {per_sheet}",
                           field=field, fix=f"give slot numbers from 1 to {per_sheet}, counted "
                           "left to right, top to bottom, as the front is printed")
    used = frozenset(range(start_slot - 1)) | frozenset(s - 1 for s in skip_slots)
    if len(used) >= per_sheet:
        raise FitError(f"every slot of the first sheet is marked as used ({per_sheet})",
                       field="--skip-slots", fix="leave at least one slot free, or use a "
                       "fresh sheet (drop --start-slot / --skip-slots)")
    return used


def build_card(card: CardContent, options: BuildOptions, out_dir: Path,
               registry: FontRegistry) -> BuildResult:
    """One language into out_dir/<code>.pdf: the copies asked for, or one full sheet."""
    job = prepare(options)
    copies = options.copies or job.per_sheet - len(job.used_on_first)
    return build_sheets([(card, copies)], job, options, out_dir / f"{card.code}.pdf", registry)


def build_sheets(items: list[tuple[CardContent, int]], job: Job, options: BuildOptions,
                 path: Path, registry: FontRegistry) -> BuildResult:
    """Several languages into one PDF, filled in order onto the fewest sheets."""
    arts = [_art(card, job, options.extras, registry) for card, _ in items]
    counts = [(card.code, count) for card, count in items]
    slots = fill_slots(counts, job.per_sheet, job.used_on_first)
    cards = {card.code: card for card, _ in items}
    total = len(slots)
    sheets = tuple(Sheet(sheet_slots, _slug(index, total, sheet_slots,
                                            job.used_on_first if index == 1 else frozenset(),
                                            cards, job, options))
                   for index, sheet_slots in enumerate(slots, start=1))
    codes = list(cards)
    first = items[0][0]
    names = ", ".join(f"{card.name} ({card.endonym})" for card in cards.values())
    document = Document(
        title=f"Know-your-rights red cards — {names}",
        subject=f"{sum(c for _, c in counts)} wallet cards, {job.card.name}, "
                f"{job.template.name}, theme {job.theme.name}",
        language=first.code if len(codes) == 1 else "en",
        keywords="red card, " + ", ".join(f"{card.code} version {card.version}"
                                          for card in cards.values()),
        arts=tuple(arts), layout=job.layout, sheets=sheets,
        slug_chain=registry.chain("en", "Latn", "regular"), correction=options.correction)
    write_pdf(document, path)
    per_language = tuple(
        LanguageCount(code, count, sum(code in sheet for sheet in slots))
        for code, count in counts)
    free = total * job.per_sheet - len(job.used_on_first)
    return BuildResult(path=path, template=job.template.name, languages=per_language,
                       sheets=total, per_sheet=job.per_sheet,
                       blanks=free - sum(c for _, c in counts),
                       body_pt=min(art.front.body_pt for art in arts),
                       drafts=tuple(card.code for card in cards.values() if card.is_draft))


def _art(card: CardContent, job: Job, extras: CardExtras, registry: FontRegistry) -> CardArt:
    return CardArt(card.code, design_front(card, job.card, job.theme, registry, extras),
                   design_back(card, job.card, job.theme, registry, extras))


def _slug(index: int, total: int, slots: tuple[str | None, ...], used: frozenset[int],
          cards: dict[str, CardContent], job: Job, options: BuildOptions) -> str:
    """The line in the sheet's margin: which sheet, what it holds, how to print it."""
    runs: list[tuple[str | None, int, int]] = []  # key, first slot, last slot (1-based)
    for slot, key in enumerate(slots, start=1):
        if slot - 1 in used:
            continue
        if runs and runs[-1][0] == key and runs[-1][2] == slot - 1:
            runs[-1] = (key, runs[-1][1], slot)
        else:
            runs.append((key, slot, slot))
    filled = [run for run in runs if run[0] is not None]
    mixed = bool(used) or len(filled) > 1  # then say which slots hold what
    holds = ", ".join(
        f"{cards[key].code} {cards[key].version} ×{last - first + 1}"
        + (f" (slot{'s' if last > first else ''} {first}"
           f"{f'–{last}' if last > first else ''})" if mixed else "")
        for key, first, last in filled)
    parts = [f"Sheet {index} of {total}", holds]
    if used:
        parts.append("slots " + ", ".join(str(s + 1) for s in sorted(used)) + " already used")
    parts += [f"Print at 100 % (actual size), {FLIP_WORDS[job.layout.duplex]}",
              job.template.name]
    drafts = sorted({key for key, *_ in filled if cards[key].is_draft})
    if drafts:
        parts.append(f"DRAFT translation, unreviewed: {', '.join(drafts)}")
    return " · ".join(parts)
