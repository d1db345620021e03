"""Sheet templates as data: plain paper, pre-cut card stocks and one-card pages.

Each template is a YAML file in redcard/data/templates/ (gLabels-style numbers, millimetres)
naming a paper and a card from redcard/data/sizes.yaml. Adding a stock is adding a file; the
geometry code never names a product. The stocks a template also covers (Avery 8371 for Avery
5371) are real names: `catalog.template("avery-8371")` finds avery-5371.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import FitError
from ..paths import data_dir
from ..textsafety import checked_text, shorten
from ..yamlfile import load_yaml
from .imposition import (
    MARK_STYLES,
    SheetLayout,
    SheetSpec,
    StockSpec,
    plan_card_page,
    plan_sheet,
    plan_stock_sheet,
)
from .sizes import CardSize, PaperSize, SizeCatalog, load_sizes

KINDS = ("plain", "stock", "card-page")
TEMPLATE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FIELDS = {"title", "kind", "page", "card", "corner_radius_mm", "grid", "marks", "bleed_mm",
          "equivalents", "source"}


class TemplateError(FitError):
    """A template file is malformed, or a template cannot take the requested card."""


@dataclass(frozen=True)
class StockGrid:
    """A pre-cut stock's cells, as a label-sheet database gives them."""

    cols: int
    rows: int
    left_mm: float  # page's left edge to the first column's left edge
    top_mm: float  # page's top edge to the first row's top edge
    pitch_x_mm: float  # left edge to left edge of neighbouring columns
    pitch_y_mm: float


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    kind: str  # plain: grid computed to fit the most cards; stock: fixed cells; card-page
    page: PaperSize | None  # None for card pages, whose page is the card plus bleed
    card: CardSize | None  # the stock's cell size, or the only card a card page takes
    grid: StockGrid | None
    marks: str  # the default crop-mark style
    bleed_mm: float | None  # card pages: bleed for full-colour themes (None: the theme's)
    equivalents: tuple[str, ...]  # other products with the same layout, e.g. "Avery 8371"
    source: str

    @property
    def slots(self) -> int | None:
        """Cards per sheet when fixed by the template (None: depends on card and theme)."""
        if self.grid is not None:
            return self.grid.cols * self.grid.rows
        return 1 if self.kind == "card-page" else None

    def accepts(self, card: CardSize) -> bool:
        """Whether `card` can be printed on this template (cells must hold it)."""
        if self.kind == "plain" or self.card is None:
            return True
        return (card.width_mm <= self.card.width_mm + 1e-9
                and card.height_mm <= self.card.height_mm + 1e-9)

    def plan(self, card: CardSize, *, bleed_mm: float, gutter_mm: float, duplex: str,
             marks: str | None = None) -> SheetLayout:
        """The sheet layout for `card`, with a theme's bleed and gutter.

        `marks` None takes the template's default (none on perforated stock and card pages).
        """
        marks = marks or self.marks
        if self.kind == "card-page":
            if self.card is not None and (card.width_mm, card.height_mm) != (
                    self.card.width_mm, self.card.height_mm):
                raise TemplateError(f"{self.name} prints only {self.card.name} cards",
                                    setting="card", fix=f"leave out --card with {self.name}")
            if marks != "none":
                raise TemplateError(f"{self.name} pages are the card itself: there is nowhere "
                                    "to put crop marks", setting="marks",
                                    fix="use --marks none (the PDF's TrimBox gives the cut)")
            # a white theme needs no bleed; a coloured one gets the template's, if it sets one
            bleed = self.bleed_mm if self.bleed_mm is not None and bleed_mm > 0 else bleed_mm
            return plan_card_page(card, bleed)
        if self.kind == "stock":
            grid, cell = self.grid, self.card
            return plan_stock_sheet(StockSpec(
                page=self.page, card=card, cols=grid.cols, rows=grid.rows,
                left_mm=grid.left_mm, top_mm=grid.top_mm, pitch_x_mm=grid.pitch_x_mm,
                pitch_y_mm=grid.pitch_y_mm, cell_width_mm=cell.width_mm,
                cell_height_mm=cell.height_mm, bleed_mm=bleed_mm, duplex=duplex, marks=marks))
        return plan_sheet(SheetSpec(paper=self.page, card=card, bleed_mm=bleed_mm,
                                    gutter_mm=gutter_mm, duplex=duplex, marks=marks))


def alias(product: str) -> str:
    """How a product name is typed as a template name: "Avery 8371" → "avery-8371"."""
    return "-".join(product.lower().split())


@dataclass(frozen=True)
class Catalog:
    """Every paper, card size and template, loaded once and shared by every build."""

    sizes: SizeCatalog
    templates: dict[str, Template]

    @property
    def cards(self) -> dict[str, CardSize]:
        return self.sizes.cards

    @property
    def papers(self) -> dict[str, PaperSize]:
        return self.sizes.papers

    def template(self, name: str | Template) -> Template:
        """A template by its name or the name of a product it covers."""
        if isinstance(name, Template):
            return name
        if name in self.templates:
            return self.templates[name]
        wanted = alias(name)
        for template in self.templates.values():
            if wanted == template.name or wanted in map(alias, template.equivalents):
                return template
        raise TemplateError(f"unknown template {shorten(name)}", setting="template",
                            fix=f"use one of: {', '.join(self.templates)} (see `redcard "
                            "templates`)")

    def card_for(self, template: Template, card: str | CardSize | None) -> CardSize:
        """The card to print: the one asked for if the template can hold it, else the
        template's own (ID-1 on plain paper)."""
        if card is None:
            return template.card or self.cards["id1"]
        size = self.sizes.card(card)
        if template.card is not None and template.accepts(size):
            size = replace(size, corner_radius_mm=template.card.corner_radius_mm)  # the die's
        if not template.accepts(size):
            fitting = [t.name for t in self.templates.values() if t.accepts(size)]
            cell = template.card
            raise TemplateError(
                f"a {size.name} card ({size.width_mm:.2f} x {size.height_mm:.2f} mm) does not "
                f"fit {template.name}, whose cards are {cell.width_mm:.2f} x "
                f"{cell.height_mm:.2f} mm", setting="card",
                fix=f"choose a template that fits {size.name} cards: {', '.join(fitting)}; or "
                    f"leave out --card to print {template.name}'s own size ({cell.name})")
        return size


def templates_dir() -> Path:
    return data_dir() / "templates"


def load_catalog(folder: Path | None = None, sizes: SizeCatalog | None = None) -> Catalog:
    sizes = sizes or load_sizes()
    templates = {}
    for path in sorted((folder or templates_dir()).glob("*.yaml")):
        template = _load(path, sizes)
        templates[template.name] = template
    return Catalog(sizes, templates)


def _load(path: Path, sizes: SizeCatalog) -> Template:
    file = str(path)
    data = load_yaml(path, TemplateError, fix="fix the YAML syntax")
    if not isinstance(data, dict):
        raise TemplateError("must be a mapping of fields", file=file,
                            fix="see redcard/data/templates/avery-5371.yaml for the format")
    for key in data:
        if key not in FIELDS:
            raise TemplateError(f"unknown field {shorten(key)}", file=file, field=str(key),
                                fix=f"use only: {', '.join(sorted(FIELDS))}")

    def need(key: str, kind: type | tuple[type, ...]):
        value = data.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise TemplateError(f"missing or not a {getattr(kind, '__name__', kind)}",
                                file=file, field=key, fix=f"set {key}")
        return value

    if not TEMPLATE_NAME.fullmatch(path.stem):
        raise TemplateError("is not a template name (printed on every sheet, used in file "
                            "names)", file=file, fix="name the file in lower-case letters, "
                            "digits and hyphens, e.g. avery-5371.yaml")
    title = checked_text(need("title", str), max_chars=200, file=file, field="title",
                         error=TemplateError)
    kind = need("kind", str)
    if kind not in KINDS:
        raise TemplateError(f"unknown kind {shorten(kind)}", file=file, field="kind",
                            fix=f"use one of: {', '.join(KINDS)}")
    marks = data.get("marks", "ticks")
    if marks not in MARK_STYLES:
        raise TemplateError(f"unknown mark style {shorten(marks)}", file=file, field="marks",
                            fix=f"use one of: {', '.join(MARK_STYLES)}")
    page = None
    if kind != "card-page":
        page = sizes.paper(need("page", str), setting=None, file=file, field="page")
    card = None
    if "card" in data:
        card = sizes.card(need("card", str), file=file, field="card")
        radius = data.get("corner_radius_mm", card.corner_radius_mm)
        if isinstance(radius, bool) or not isinstance(radius, (int, float)) \
                or not 0 <= radius <= min(card.width_mm, card.height_mm) / 2:
            raise TemplateError("must be a number from 0 to half the card's height",
                                file=file, field="corner_radius_mm",
                                fix="give the die-cut corner radius in mm (0 for square)")
        card = replace(card, corner_radius_mm=float(radius))
    grid = None
    if kind == "stock":
        if card is None:
            raise TemplateError("a stock needs its card size", file=file, field="card",
                                fix=f"set card to one of: {', '.join(sizes.cards)}")
        grid = _grid(need("grid", dict), file)
        _check_cells_on_page(grid, card, page, file)
    bleed = data.get("bleed_mm")
    if bleed is not None and (isinstance(bleed, bool) or not isinstance(bleed, (int, float))
                              or not math.isfinite(bleed) or bleed < 0):
        raise TemplateError("must be a number >= 0", file=file, field="bleed_mm",
                            fix="set bleed_mm to 0 or more")
    equivalents = data.get("equivalents", [])
    if not isinstance(equivalents, list) or not all(isinstance(e, str) for e in equivalents):
        raise TemplateError("must be a list of product names", file=file, field="equivalents",
                            fix="write equivalents: [Avery 8371, ...]")
    equivalents = [checked_text(e, max_chars=200, file=file, field=f"equivalents[{i}]",
                                error=TemplateError) for i, e in enumerate(equivalents)]
    source = checked_text(str(data.get("source", "")), max_chars=600, file=file,
                          field="source", error=TemplateError)
    return Template(name=path.stem, title=title, kind=kind, page=page, card=card, grid=grid,
                    marks=marks, bleed_mm=None if bleed is None else float(bleed),
                    equivalents=tuple(equivalents), source=source)


def _grid(raw: dict, file: str) -> StockGrid:
    values = {}
    for key in ("cols", "rows"):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise TemplateError("must be a whole number >= 1", file=file, field=f"grid.{key}",
                                fix=f"set grid.{key}")
        values[key] = value
    for key in ("left_mm", "top_mm", "pitch_x_mm", "pitch_y_mm"):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value < 0:
            raise TemplateError("must be a number >= 0 (millimetres)", file=file,
                                field=f"grid.{key}", fix=f"set grid.{key}")
        values[key] = float(value)
    return StockGrid(**values)


def _check_cells_on_page(grid: StockGrid, card: CardSize, page: PaperSize, file: str) -> None:
    tolerance = 1e-6  # a grid that fits the page exactly is accepted
    if grid.cols > 1 and grid.pitch_x_mm < card.width_mm - tolerance \
            or grid.rows > 1 and grid.pitch_y_mm < card.height_mm - tolerance:
        raise TemplateError("cells overlap: the pitch is smaller than the card", file=file,
                            field="grid", fix="check pitch_x_mm / pitch_y_mm against the card")
    right = grid.left_mm + (grid.cols - 1) * grid.pitch_x_mm + card.width_mm
    bottom = grid.top_mm + (grid.rows - 1) * grid.pitch_y_mm + card.height_mm
    if right > page.width_mm + tolerance or bottom > page.height_mm + tolerance:
        raise TemplateError(f"cells run off the page ({right:.2f} x {bottom:.2f} mm on a "
                            f"{page.width_mm} x {page.height_mm} mm page)", file=file,
                            field="grid", fix="check the margins, pitch and counts")
