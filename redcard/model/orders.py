"""Orders: "300 Spanish and 80 Korean" → PDFs on the fewest sheets, with a summary.

An order file is YAML (`template:`/`theme:` defaults and a `cards:` list) or CSV (a header
line `language,quantity[,template][,theme]`). Lines that share a template and theme are
printed together; the same language twice is one line with the quantities added.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import RedcardError
from ..files import read_bytes
from ..limits import MAX_CARDS_PER_FILE, MAX_CSV_BYTES
from ..textsafety import checked_text, shorten
from ..yamlfile import load_yaml
from .settings import PrintSettings

MAX_QUANTITY = MAX_CARDS_PER_FILE
MAX_NAME_CHARS = 60  # a language code, template or theme name


class OrderError(RedcardError):
    """An order file is malformed or asks for something that cannot be printed."""


@dataclass(frozen=True)
class OrderLine:
    language: str
    quantity: int
    template: str | None  # None: the command's --template
    theme: str | None
    file: str  # the order file
    entry: str  # the line or entry within it, e.g. "line 3" or "cards[2]"

    @property
    def where(self) -> str:
        return f"{self.file}: {self.entry}"


@dataclass(frozen=True)
class OrderGroup:
    """Lines printed with the same template and theme: one combined PDF, or one per language."""

    template: str
    theme: str
    lines: tuple[OrderLine, ...]

    def settings(self, base: PrintSettings) -> PrintSettings:
        """`base` with this group's template and theme (base's own objects where they are the
        ones named)."""
        template = base.template if _name(base.template) == self.template else self.template
        theme = base.theme if _name(base.theme) == self.theme else self.theme
        return replace(base, template=template, theme=theme)


def _name(value: object) -> str:
    return value if isinstance(value, str) else value.name


def load_order(path: Path) -> tuple[OrderLine, ...]:
    file = str(path)
    data = read_bytes(path, OrderError, MAX_CSV_BYTES, what="order file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OrderError(f"is not UTF-8 text (byte {exc.start + 1})", file=file,
                         fix="save the file as UTF-8 (in a spreadsheet: CSV UTF-8)") from None
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
    unknown = sorted(str(key) for key in set(data) - {"template", "theme", "cards"})
    if unknown:
        raise OrderError(f"unknown field {shorten(unknown[0])}", file=file,
                         field=unknown[0], fix="use only template, theme and cards")
    default_template = _optional_str(data.get("template"), file, "template")
    default_theme = _optional_str(data.get("theme"), file, "theme")
    lines = []
    for index, entry in enumerate(data["cards"]):
        field = f"cards[{index}]"
        if not isinstance(entry, dict):
            raise OrderError("each entry must be a mapping", file=file, field=field,
                             fix="write '- {language: es, quantity: 300}'")
        extra = sorted(str(key) for key in set(entry) - {"language", "quantity", "template",
                                                         "theme"})
        if extra:
            raise OrderError(f"unknown field {shorten(extra[0])}", file=file, field=field,
                             fix="use language, quantity, template, theme")
        lines.append(_line(entry.get("language"), entry.get("quantity"),
                           _optional_str(entry.get("template"), file, f"{field}.template")
                           or default_template,
                           _optional_str(entry.get("theme"), file, f"{field}.theme")
                           or default_theme, file, field))
    return tuple(lines)


def _from_csv(text: str, file: str) -> tuple[OrderLine, ...]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    lines = []
    try:
        header = [name.strip().lower() for name in reader.fieldnames or []]
        if "language" not in header or "quantity" not in header:
            raise OrderError("the first line must name the columns, including language and "
                             "quantity", file=file, field="header",
                             fix="start the file with: language,quantity,template,theme")
        unknown = sorted(set(header) - {"language", "quantity", "template", "theme"})
        if unknown:
            raise OrderError(f"unknown column {shorten(unknown[0])}", file=file,
                             field="header",
                             fix="use the columns language, quantity, template, theme")
        for row in reader:
            entry = f"line {reader.line_num}"
            if None in row:
                raise OrderError("has more values than the first line names columns",
                                 file=file, field=entry, fix="remove the extra commas, or "
                                 "quote a value that holds one")
            row = {key.strip().lower(): (value or "").strip() for key, value in row.items()}
            if not any(row.values()):
                continue
            lines.append(_line(row.get("language"), row.get("quantity"),
                               _optional_str(row.get("template") or None, file,
                                             f"{entry}: template"),
                               _optional_str(row.get("theme") or None, file, f"{entry}: theme"),
                               file, entry))
    except csv.Error as exc:
        raise OrderError(f"is not valid CSV ({exc})", file=file,
                         field=f"line {reader.line_num}",
                         fix="save it from a spreadsheet as CSV UTF-8") from None
    return tuple(lines)


def _optional_str(value: object, file: str, field: str) -> str | None:
    """A template or theme name as the order gives it, None when it gives none."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return checked_text(value, max_chars=MAX_NAME_CHARS, file=file, field=field,
                            error=OrderError)
    raise OrderError("must be a name", file=file, field=field, fix=f"set {field} to a name")


def _line(language: object, quantity: object, template: str | None, theme: str | None,
          file: str, entry: str) -> OrderLine:
    where = f"{file}: {entry}"
    if not isinstance(language, str) or not language.strip():
        raise OrderError("missing language code", file=where, field="language",
                         fix="give a code from `redcard list`, e.g. es")
    language = checked_text(language, max_chars=MAX_NAME_CHARS, file=where, field="language",
                            error=OrderError)
    try:
        count = int(str(quantity).strip()) if not isinstance(quantity, bool) else None
    except ValueError:
        count = None
    if count is None or not 1 <= count <= MAX_QUANTITY:
        raise OrderError(f"quantity {shorten(quantity)} is not a whole number from 1 to "
                         f"{MAX_QUANTITY}", file=where, field="quantity",
                         fix="give how many cards to print, e.g. 300")
    return OrderLine(language, count, template, theme, file, entry)


def group_order(lines: tuple[OrderLine, ...], languages: Collection[str],
                base: PrintSettings) -> tuple[OrderGroup, ...]:
    """Lines by (template, theme) in order of appearance, the same language merged."""
    groups: dict[tuple[str, str], dict[str, OrderLine]] = {}
    for line in lines:
        if line.language not in languages:
            raise OrderError(f"unknown language {shorten(line.language)}", file=line.where,
                             field="language", fix=f"use one of: {', '.join(languages)}")
        key = (line.template or _name(base.template), line.theme or _name(base.theme))
        merged = groups.setdefault(key, {})
        if line.language in merged:
            first = merged[line.language]
            line = replace(first, quantity=first.quantity + line.quantity)
        merged[line.language] = line
    return tuple(OrderGroup(template, theme, tuple(merged.values()))
                 for (template, theme), merged in groups.items())
