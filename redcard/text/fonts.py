"""Font registry: the vendored fonts, each language's fallback chain, and coverage checks.

Each font file is read once per registry, and its bytes shared by every parser (HarfBuzz for
shaping and its character map, ReportLab when it is embedded in a PDF); the
manifest (written by tools/build_fonts.py) says which scripts and languages each file serves.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb
import yaml

from ..errors import FontCoverageError, RedcardError
from ..paths import fonts_dir


@dataclass(frozen=True)
class FontEntry:
    """One manifest record."""

    file: str
    family: str
    weight: str
    width: str  # normal | semi-condensed
    scripts: tuple[str, ...]
    languages: tuple[str, ...]
    fallback: bool
    sha256: str
    licence: str
    source_package: str


class LoadedFont:
    """A font file opened once: HarfBuzz face, metrics and the set of characters it covers."""

    def __init__(self, entry: FontEntry, path: Path) -> None:
        self.entry = entry
        self.path = path
        self.data = path.read_bytes()  # the only read of the file
        self.hb_face = hb.Face(self.data)
        self.hb_font = hb.Font(self.hb_face)  # scale = upem: advances come in font units
        self.upem = self.hb_face.upem
        # HarfBuzz's character map: the same code points as fontTools' best cmap (tested),
        # without building glyph names for 60,000 CJK glyphs first
        self.cmap: frozenset[int] = frozenset(self.hb_face.unicodes)
        self.pdf_name = "RC-" + path.stem  # PostScript-safe name used inside the PDF
        # check_coverage's answers for chains that start with this font: (text, fonts) →
        # the first character no font of the chain has, or None
        self.checked: dict[tuple[str, tuple[LoadedFont, ...]], str | None] = {}

    @property
    def family(self) -> str:
        return self.entry.family

    def covers(self, char: str) -> bool:
        return ord(char) in self.cmap

    def __repr__(self) -> str:
        return f"LoadedFont({self.entry.file})"


@dataclass(frozen=True)
class FontChain:
    """Fonts tried in order for a language: its own script font(s), then the fallback."""

    fonts: tuple[LoadedFont, ...]

    def font_for(self, char: str) -> LoadedFont | None:
        for font in self.fonts:
            if font.covers(char):
                return font
        return None

    @property
    def primary(self) -> LoadedFont:
        return self.fonts[0]

    def names(self) -> str:
        return ", ".join(font.entry.file for font in self.fonts)


class FontRegistry:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        manifest_path = directory / "manifest.yaml"
        try:
            raw = yaml.load(manifest_path.read_text(encoding="utf-8"),  # noqa: S506 (safe)
                           Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except FileNotFoundError:
            raise RedcardError("the font manifest is missing", file=str(manifest_path),
                               fix="reinstall redcard or run tools/build_fonts.py") from None
        self.entries: tuple[FontEntry, ...] = tuple(_entry(item) for item in raw["fonts"])
        self._loaded: dict[str, LoadedFont] = {}

    def load(self, entry: FontEntry) -> LoadedFont:
        if entry.file not in self._loaded:
            self._loaded[entry.file] = LoadedFont(entry, self.directory / entry.file)
        return self._loaded[entry.file]

    def chain(self, language: str, script: str, weight: str = "regular",
              width: str = "normal") -> FontChain:
        """Language-specific font first, else the first font for the script, then fallback.
        A `width` the script has no font for gives the normal width's."""
        def pick(width: str) -> tuple[list[FontEntry], list[FontEntry]]:
            candidates = [e for e in self.entries if e.weight == weight and e.width == width]
            own = [e for e in candidates if language in e.languages] or \
                [e for e in candidates if script in e.scripts][:1]
            return own, [e for e in candidates if e.fallback and e not in own]

        own, fallback = pick(width)
        if width != "normal" and not own:
            own, fallback = pick("normal")
        chosen = own + fallback
        if not chosen:
            raise RedcardError(f"no {weight} font for language {language} ({script})",
                               file="fonts/manifest.yaml",
                               fix="add a font for the script with tools/build_fonts.py")
        return FontChain(tuple(self.load(entry) for entry in chosen))

    def has_width(self, script: str, width: str) -> bool:
        """Whether some font of the script comes in `width`."""
        return any(e.width == width and script in e.scripts for e in self.entries)

    def verify(self) -> list[str]:
        """Files whose bytes differ from the manifest, as messages (empty when all match)."""
        problems = []
        for entry in self.entries:
            path = self.directory / entry.file
            if not path.is_file():
                problems.append(f"{path}: missing")
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != entry.sha256:
                problems.append(f"{path}: sha256 {digest[:12]}… differs from the manifest's "
                                f"{entry.sha256[:12]}…")
            if not (self.directory / entry.licence).is_file():
                problems.append(f"{self.directory / entry.licence}: licence file missing")
        return problems


def _entry(item: dict) -> FontEntry:
    return FontEntry(
        file=item["file"], family=item["family"], weight=item["weight"],
        width=item.get("width", "normal"),
        scripts=tuple(item.get("scripts") or ()), languages=tuple(item.get("languages") or ()),
        fallback=bool(item.get("fallback")), sha256=item["sha256"], licence=item["licence"],
        source_package=str(item.get("source", {}).get("debian_package", "")))


@functools.cache
def default_registry() -> FontRegistry:
    """The vendored fonts, shared by every library that does not bring its own."""
    return FontRegistry(fonts_dir())


def needs_no_glyph(char: str) -> bool:
    """Format controls (bidi isolates, ZWNJ/ZWJ) shape invisibly; they need no glyph."""
    return unicodedata.category(char) in ("Cf", "Cc") or char in "\n\u2028\u2029"


def check_coverage(text: str, chain: FontChain, *, file: str | None = None,
                   setting: str | None = None, field: str | None = None) -> None:
    """Raise naming the first character no font in the chain can draw (never tofu)."""
    char = _first_uncovered(text, chain)
    if char is not None:
        name = unicodedata.name(char, "unnamed character")
        raise FontCoverageError(f"U+{ord(char):04X} {name} ({char}) is in no font tried "
                                f"({chain.names()})", file=file, setting=setting,
                                field=field,
                                fix="replace the character or add a font for its script")


_CHECKED_KEPT = 4096


def _first_uncovered(text: str, chain: FontChain) -> str | None:
    """The first character of `text` that needs a glyph and no font of `chain` has. Each
    paragraph is checked on every card size and theme: the answer is kept by the chain's
    first font (so it lives as long as the fonts do)."""
    checked = chain.primary.checked
    key = (text, chain.fonts)
    if key in checked:
        return checked[key]
    found = None
    for char in text:
        if not (needs_no_glyph(char) or chain.font_for(char) is not None):
            found = char
            break
    if len(checked) >= _CHECKED_KEPT:
        checked.clear()
    checked[key] = found
    return found
