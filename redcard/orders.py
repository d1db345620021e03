"""Orders: "300 Spanish and 80 Korean" → PDFs on the fewest sheets, with a summary.

An order file is YAML (`template:`/`theme:` defaults and a `cards:` list) or CSV (a header
line `language,quantity[,template][,theme]`). Lines that share a template and theme are
printed together; the same language twice is one line with the quantities added.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

from .build import BuildOptions, BuildResult, build_sheets, prepare
from .content import CardLibrary
from .errors import RedcardError
from .fonts import FontRegistry
from .yamlfile import load_yaml

MAX_QUANTITY = 100_000


class OrderError(RedcardError):
    """An order file is malformed or asks for something that cannot be printed."""


@dataclass(frozen=True)
class OrderLine:
    language: str
    quantity: int
    template: str | None  # None: the command's --template
    theme: str | None
    where: str  # file and line/entry, for messages


@dataclass(frozen=True)
class OrderGroup:
    """Lines printed with the same template and theme: one combined PDF, or one per language."""

    template: str
    theme: str
    lines: tuple[OrderLine, ...]


def load_order(path: Path) -> tuple[OrderLine, ...]:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise OrderError(f"cannot read the order file ({error.strerror})", file=file,
                         fix="check the path") from None
    lines = _from_csv(text, file) if path.suffix.lower() == ".csv" else _from_yaml(text, file)
    if not lines:
        raise OrderError("the order has no cards", file=file,
                         fix="add at least one line with a language and a quantity")
    return lines


def _from_yaml(text: str, file: str) -> tuple[OrderLine, ...]:
    data = load_yaml(Path(file), OrderError, fix="fix the YAML syntax", text=text)
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        raise OrderError("expected a mapping with a 'cards:' list", file=file, field="cards",
                         fix="write cards: followed by lines like "
                             "'- {language: es, quantity: 300}'")
    unknown = set(data) - {"template", "theme", "cards"}
    if unknown:
        raise OrderError(f"unknown field {sorted(unknown)[0]!r}", file=file,
                         field=sorted(unknown)[0], fix="use only template, theme and cards")
    default_template = _optional_str(data.get("template"), file, "template")
    default_theme = _optional_str(data.get("theme"), file, "theme")
    lines = []
    for index, entry in enumerate(data["cards"]):
        field = f"cards[{index}]"
        if not isinstance(entry, dict):
            raise OrderError("each entry must be a mapping", file=file, field=field,
                             fix="write '- {language: es, quantity: 300}'")
        extra = set(entry) - {"language", "quantity", "template", "theme"}
        if extra:
            raise OrderError(f"unknown field {sorted(extra)[0]!r}", file=file, field=field,
                             fix="use language, quantity, template, theme")
        lines.append(_line(entry.get("language"), entry.get("quantity"),
                           _optional_str(entry.get("template"), file, f"{field}.template")
                           or default_template,
                           _optional_str(entry.get("theme"), file, f"{field}.theme")
                           or default_theme, f"{file}: {field}"))
    return tuple(lines)


def _from_csv(text: str, file: str) -> tuple[OrderLine, ...]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "language" not in header or "quantity" not in header:
        raise OrderError("the first line must name the columns, including language and "
                         "quantity", file=file, field="header",
                         fix="start the file with: language,quantity,template,theme")
    unknown = set(header) - {"language", "quantity", "template", "theme"}
    if unknown:
        raise OrderError(f"unknown column {sorted(unknown)[0]!r}", file=file, field="header",
                         fix="use the columns language, quantity, template, theme")
    lines = []
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        lines.append(_line(row.get("language"), row.get("quantity"),
                           row.get("template") or None, row.get("theme") or None,
                           f"{file}: line {number}"))
    return tuple(lines)


def _optional_str(value: object, file: str, field: str) -> str | None:
    if value is None or isinstance(value, str) and value.strip():
        return value.strip() if isinstance(value, str) else None
    raise OrderError("must be a name", file=file, field=field, fix=f"set {field} to a name")


def _line(language: object, quantity: object, template: str | None, theme: str | None,
          where: str) -> OrderLine:
    if not isinstance(language, str) or not language.strip():
        raise OrderError("missing language code", file=where, field="language",
                         fix="give a code from `redcard list`, e.g. es")
    try:
        count = int(str(quantity).strip()) if not isinstance(quantity, bool) else None
    except ValueError:
        count = None
    if count is None or not 1 <= count <= MAX_QUANTITY:
        raise OrderError(f"quantity {quantity!r} is not a whole number from 1 to "
                         f"{MAX_QUANTITY}", file=where, field="quantity",
                         fix="give how many cards to print, e.g. 300")
    return OrderLine(language.strip(), count, template, theme, where)


def group_order(lines: tuple[OrderLine, ...], library: CardLibrary,
                base: BuildOptions) -> tuple[OrderGroup, ...]:
    """Lines by (template, theme) in order of appearance, the same language merged."""
    groups: dict[tuple[str, str], dict[str, OrderLine]] = {}
    for line in lines:
        if line.language not in library.cards:
            raise OrderError(f"unknown language {line.language!r}", file=line.where,
                             field="language",
                             fix=f"use one of: {', '.join(library.cards)}")
        key = (line.template or base.template, line.theme or base.theme)
        merged = groups.setdefault(key, {})
        if line.language in merged:
            first = merged[line.language]
            line = replace(first, quantity=first.quantity + line.quantity)
        merged[line.language] = line
    return tuple(OrderGroup(template, theme, tuple(merged.values()))
                 for (template, theme), merged in groups.items())


def run_order(groups: tuple[OrderGroup, ...], library: CardLibrary, base: BuildOptions,
              out_dir: Path, stem: str, combined: bool, registry: FontRegistry,
              progress=None) -> list[BuildResult]:
    """Build every group: one PDF per group (combined) or per language; progress(result)."""
    partly_used = base.start_slot != 1 or bool(base.skip_slots)
    files = len(groups) if combined else sum(len(g.lines) for g in groups)
    if partly_used and files > 1:
        raise OrderError("--start-slot/--skip-slots describe one partly used sheet, but this "
                         f"order makes {files} PDFs", field="--skip-slots",
                         fix="use --combined with one template and theme, or print the "
                             "partly used sheet with `redcard build --lang CODE`")
    several_groups = len(groups) > 1
    results = []
    for group in groups:
        options = replace(base, template=group.template, theme=group.theme)
        job = prepare(options)
        suffix = f"-{group.template}-{group.theme}" if several_groups else ""
        items = [(library.cards[line.language], line.quantity) for line in group.lines]
        batches = [(items, out_dir / f"{stem}{suffix}.pdf")] if combined else \
            [([item], out_dir / f"{item[0].code}{suffix}.pdf") for item in items]
        for batch, path in batches:
            result = build_sheets(batch, job, options, path, registry)
            results.append(result)
            if progress is not None:
                progress(result)
    return results
