#!/usr/bin/env python3
"""Regenerate the vendored fonts in ``fonts/`` from the Debian Noto packages.

Why this exists: redcard ships its fonts so that a card renders the same everywhere, but the
files must stay traceable to a packaged upstream. This script is the only way the font files,
``fonts/manifest.yaml`` and ``fonts/OFL.txt`` are made; rerunning it gives the same bytes.

* Non-CJK Noto fonts (TrueType outlines) are copied unchanged from ``fonts-noto-core``; the
  SemiCondensed widths of Noto Sans and Noto Sans Armenian (for long texts on small cards)
  unchanged from ``fonts-noto-extra``.
* The CJK faces in ``fonts-noto-cjk`` are CFF-outline collections, which ReportLab cannot load,
  and 20 MB each. One face per region (regional glyph forms differ) is subset to the region's
  national character set and redrawn as TrueType quadratic outlines.

Usage (maintainers, on Debian/Ubuntu)::

    apt-get install fonts-noto-core fonts-noto-extra fonts-noto-cjk
    python tools/build_fonts.py [--out fonts] [--jobs N]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parent.parent
CORE_DIR = Path("/usr/share/fonts/truetype/noto")
CJK_DIR = Path("/usr/share/fonts/opentype/noto")
CORE_PACKAGE = "fonts-noto-core"
EXTRA_PACKAGE = "fonts-noto-extra"  # same directory as fonts-noto-core
CJK_PACKAGE = "fonts-noto-cjk"
LICENCE_FILE = "OFL.txt"
MANIFEST_FILE = "manifest.yaml"
WEIGHTS = ("Regular", "Bold")

# cu2qu tolerance in font units (UPM 1000): invisible at any print size.
MAX_ERR = 1.0
# Vertical-writing features: cards are set horizontally, so their glyphs are dead weight.
VERTICAL_FEATURES = {"vert", "vrt2", "vkna", "vkrn", "vpal", "valt", "vhal", "vchw"}
# Explicitly wanted on top of fontTools' default list (most are already in it).
EXTRA_FEATURES = ("locl", "palt", "halt", "kern")


# --------------------------------------------------------------------------- font definitions


@dataclass(frozen=True)
class Copied:
    """A fonts-noto-core family vendored byte for byte."""

    stem: str
    family: str
    scripts: tuple[str, ...]
    languages: tuple[str, ...] = ()
    fallback: bool = False
    width: str = "normal"  # normal | semi-condensed (OS/2 width class 5 | 4)
    package: str = CORE_PACKAGE

    def file_name(self, weight: str) -> str:
        """NotoSans-Bold.ttf; the SemiCondensed files run the width into the weight
        (NotoSans-SemiCondensed.ttf, NotoSans-SemiCondensedBold.ttf)."""
        if self.width == "normal":
            return f"{self.stem}-{weight}.ttf"
        return f"{self.stem}-SemiCondensed{'' if weight == 'Regular' else weight}.ttf"


@dataclass(frozen=True)
class Cjk:
    """One regional face of the Noto Sans CJK collection, subset and converted to TrueType."""

    region: str  # file-name suffix: sc, tc, jp, kr
    face_index: int  # index in NotoSansCJK-*.ttc
    family: str
    scripts: tuple[str, ...]
    languages: tuple[str, ...]
    ot_language: str  # OpenType LangSys tag whose 'locl' is kept (others pull foreign forms)
    repertoire_name: str
    repertoire: Callable[[], set[int]] = field(compare=False)


# Order matters: the first font listing a script is that script's default (Naskh before Nastaliq).
COPIED: tuple[Copied, ...] = (
    Copied("NotoSans", "Noto Sans", ("Latn", "Cyrl", "Grek"), fallback=True),
    Copied("NotoSansArmenian", "Noto Sans Armenian", ("Armn",)),
    Copied("NotoNaskhArabic", "Noto Naskh Arabic", ("Arab",), ("ar", "fa", "prs", "ps")),
    Copied("NotoNastaliqUrdu", "Noto Nastaliq Urdu", ("Arab",), ("ur",)),
    Copied("NotoSansHebrew", "Noto Sans Hebrew", ("Hebr",)),
    Copied("NotoSansDevanagari", "Noto Sans Devanagari", ("Deva",)),
    Copied("NotoSansBengali", "Noto Sans Bengali", ("Beng",)),
    Copied("NotoSansGurmukhi", "Noto Sans Gurmukhi", ("Guru",)),
    Copied("NotoSansThai", "Noto Sans Thai", ("Thai",)),
    Copied("NotoSansKhmer", "Noto Sans Khmer", ("Khmr",)),
    Copied("NotoSansEthiopic", "Noto Sans Ethiopic", ("Ethi",)),
    Copied("NotoSans", "Noto Sans SemiCondensed", ("Latn", "Cyrl", "Grek"), fallback=True,
           width="semi-condensed", package=EXTRA_PACKAGE),
    Copied("NotoSansArmenian", "Noto Sans Armenian SemiCondensed", ("Armn",),
           width="semi-condensed", package=EXTRA_PACKAGE),
)


# --------------------------------------------------------------------------- repertoires


def _decode_double_byte(codec: str, ranges: Iterable[tuple[int, int]]) -> set[int]:
    """Every code point a legacy double-byte codec decodes in the given byte-pair ranges."""
    out: set[int] = set()
    for lo, hi in ranges:
        for code in range(lo, hi + 1):
            try:
                text = bytes((code >> 8, code & 0xFF)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


def _span(lo: int, hi: int) -> set[int]:
    """Assigned code points of a block (unassigned ones can never be in a font)."""
    return {c for c in range(lo, hi + 1) if unicodedata.category(chr(c)) != "Cn"}


# Shared by every CJK face: ASCII, Latin-1, General Punctuation (incl. U+2066-2069 if the
# font has them), CJK Symbols and Punctuation, Halfwidth and Fullwidth Forms.
COMMON_REPERTOIRE = (
    _span(0x20, 0x7E)
    | _span(0xA0, 0xFF)
    | _span(0x2000, 0x206F)
    | _span(0x3000, 0x303F)
    | _span(0xFF00, 0xFFEF)
)
COMMON_NAME = (
    "ASCII + Latin-1 + General Punctuation + CJK Symbols and Punctuation"
    " + Halfwidth/Fullwidth Forms"
)


def gb2312() -> set[int]:
    """All of GB 2312 (6,763 hanzi + 682 symbols)."""
    return _decode_double_byte("gb2312", [(0xA1A1, 0xF7FE)])


def big5_level1() -> set[int]:
    """Big5 symbols (0xA140-0xA3BF) and level-1 hanzi (0xA440-0xC67E, 5,401 characters)."""
    return _decode_double_byte("big5", [(0xA140, 0xA3BF), (0xA440, 0xC67E)])


def jis_x_0208() -> set[int]:
    """JIS X 0208 (two-byte EUC-JP, 6,879 characters) plus the whole kana blocks."""
    kana = _span(0x3040, 0x309F) | _span(0x30A0, 0x30FF) | _span(0x31F0, 0x31FF)
    return _decode_double_byte("euc_jp", [(0xA1A1, 0xFEFE)]) | kana


def korean() -> set[int]:
    """All 11,172 Hangul syllables, Hangul Compatibility Jamo and KS X 1001 non-hanja symbols.

    KS X 1001 rows 1-15 (lead bytes 0xA1-0xAF) hold the symbols; rows 16-40 are the 2,350
    common syllables (covered by the full syllable block) and rows 42-93 are hanja (not needed).
    """
    return (
        _span(0xAC00, 0xD7A3)
        | _span(0x3130, 0x318F)
        | _decode_double_byte("euc_kr", [(0xA1A1, 0xAFFE)])
    )


CJK: tuple[Cjk, ...] = (
    Cjk("sc", 2, "Noto Sans CJK SC", ("Hans", "Hani"), ("zh-Hans",), "ZHS ", "GB2312", gb2312),
    Cjk(
        "tc",
        3,
        "Noto Sans CJK TC",
        ("Hant", "Hani"),
        ("zh-Hant",),
        "ZHT ",
        "Big5 level 1 + Big5 symbols",
        big5_level1,
    ),
    Cjk(
        "jp",
        0,
        "Noto Sans CJK JP",
        ("Jpan", "Hira", "Kana", "Hani"),
        ("ja",),
        "JAN ",
        "JIS X 0208 + Hiragana/Katakana",
        jis_x_0208,
    ),
    Cjk(
        "kr",
        1,
        "Noto Sans CJK KR",
        ("Kore", "Hang"),
        ("ko",),
        "KOR ",
        "11,172 Hangul syllables + Compatibility Jamo + KS X 1001 symbols",
        korean,
    ),
)


# --------------------------------------------------------------------------- helpers


def debian_version(package: str) -> str:
    """Installed version of a Debian package (recorded so a rebuild can be traced)."""
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        sys.exit(f"error: {package} is not installed (apt-get install {package}): {exc}")
    return result.stdout.strip()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def name_string(font: TTFont, name_id: int) -> str:
    record = font["name"].getName(name_id, 3, 1, 0x409)
    if record is None:
        raise ValueError(f"name ID {name_id} missing")
    return record.toUnicode()


def font_info(data: bytes) -> tuple[int, str, str, str]:
    """(glyph count, family, version string, copyright) of a TrueType font, checking outlines."""
    font = TTFont(io.BytesIO(data), lazy=True)
    if "glyf" not in font or "CFF " in font:
        raise ValueError("not a TrueType-outline font")
    return (
        font["maxp"].numGlyphs,
        name_string(font, 1),
        name_string(font, 5),
        name_string(font, 0),
    )


# --------------------------------------------------------------------------- CJK conversion


def keep_only_language(font: TTFont, ot_language: str) -> None:
    """Drop every OpenType LangSys except the default and ``ot_language``.

    The regional faces carry 'locl' lookups for the other four regions; keeping them would pull
    in the foreign glyph forms (nearly doubling the glyph count) that redcard never uses, since
    each language gets its own face. The face's own language keeps all its features.
    """
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for record in font[tag].table.ScriptList.ScriptRecord:
            script = record.Script
            script.LangSysRecord = [r for r in script.LangSysRecord if r.LangSysTag == ot_language]
            script.LangSysCount = len(script.LangSysRecord)


def subset_options() -> subset.Options:
    """fontTools defaults (HarfBuzz's default features) minus vertical, keeping all names."""
    options = subset.Options()
    features = [f for f in options.layout_features if f not in VERTICAL_FEATURES]
    features += [f for f in EXTRA_FEATURES if f not in features]
    options.layout_features = features
    options.name_IDs = ["*"]  # keep copyright, licence (13/14) and localized family names
    options.name_languages = ["*"]
    options.notdef_outline = True  # missing glyphs show as a visible box, not silently blank
    options.drop_tables += ["VORG", "vhea", "vmtx"]
    return options


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines (after fontTools' otf2ttf)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph(dropImpliedOnCurves=True)
    del font["CFF "]
    for tag in ("VORG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    font["glyf"] = glyf

    hmtx = font["hmtx"]
    for name in glyph_order:
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        advance = hmtx[name][0]
        hmtx[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
    ):
        setattr(maxp, attr, 0)
    font["maxp"] = maxp
    maxp.recalc(font)

    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def mark_modified(font: TTFont, spec: Cjk, transform: str) -> None:
    """Say in the name table that this is a modified subset (OFL 'Modified Version').

    Noto declares no Reserved Font Name, so the family name stays; copyright (0), trademark (7)
    and licence (13/14) records are kept as they are.
    """
    name = font["name"]
    unique = name_string(font, 3)
    version = name_string(font, 5)
    description = name.getName(10, 3, 1, 0x409)
    note = (
        f"Modified Version of {spec.family} made by redcard tools/build_fonts.py: {transform}."
        " Not the original font; get that from https://github.com/notofonts/noto-cjk."
    )
    if description is not None:
        note += " Original description: " + description.toUnicode()
    name.removeNames(nameID=10)
    name.setName(note, 10, 3, 1, 0x409)
    name.setName(f"{unique};redcard-subset", 3, 3, 1, 0x409)
    name.setName(f"{version}; redcard subset, TrueType outlines", 5, 3, 1, 0x409)


def build_cjk(spec: Cjk, weight: str) -> dict[str, Any]:
    """Subset one regional face and convert it; returns bytes plus manifest facts."""
    started = time.monotonic()
    source = CJK_DIR / f"NotoSansCJK-{weight}.ttc"
    font = TTFont(source, fontNumber=spec.face_index, recalcTimestamp=False)
    upstream_version = name_string(font, 5)
    if name_string(font, 1) != spec.family:
        raise ValueError(f"{source} face {spec.face_index} is {name_string(font, 1)!r}")
    cmap = font.getBestCmap()
    national = spec.repertoire()
    wanted = national | COMMON_REPERTOIRE
    missing_national = sorted(c for c in national if c not in cmap)

    keep_only_language(font, spec.ot_language)
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    glyphs = len(font.getGlyphOrder())
    transform = (
        f"subset to {spec.repertoire_name} + {COMMON_NAME} ({glyphs} glyphs); CFF converted to"
        f" TrueType quadratic outlines (cu2qu, max error {MAX_ERR:g} unit); layout features ="
        f" fontTools' default (HarfBuzz) list minus vertical ones, kept for DFLT and language"
        f" '{spec.ot_language.strip()}' only; VORG/vhea/vmtx dropped"
    )
    cff_to_glyf(font)
    mark_modified(font, spec, transform)
    buffer = io.BytesIO()
    font.save(buffer)
    return {
        "file": f"NotoSansCJK{spec.region}-{weight}.ttf",
        "data": buffer.getvalue(),
        "upstream_version": upstream_version,
        "source": source,
        "transform": transform,
        "missing": missing_national,
        "seconds": time.monotonic() - started,
    }


# --------------------------------------------------------------------------- licence text


def debian_licence_text(copyright_file: Path, licence_name: str) -> str:
    """The stand-alone ``License:`` paragraph of a machine-readable debian/copyright file."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if (
            line.strip() == f"License: {licence_name}"
            and i + 1 < len(lines)
            and lines[i + 1].startswith(" ")
        ):
            body: list[str] = []
            for cont in lines[i + 1 :]:
                if not cont.startswith(" "):
                    break
                body.append("" if cont.strip() == "." else cont[1:])
            return "\n".join(body).strip("\n") + "\n"
    raise ValueError(f"no License: {licence_name} paragraph in {copyright_file}")


def ofl_text(copyrights: dict[str, list[str]]) -> str:
    """OFL.txt: every font's copyright notice, then the full OFL 1.1 text as Debian ships it."""
    licence = debian_licence_text(Path(f"/usr/share/doc/{CJK_PACKAGE}/copyright"), "SIL-1.1")
    parts = [
        "Fonts in this directory: copyright notices (name table ID 0 of each font file)",
        "",
    ]
    for notice, files in copyrights.items():
        parts.append(notice)
        parts.append("    " + ", ".join(files))
    parts += [
        "",
        "Noto declares no Reserved Font Name. The NotoSansCJK*.ttf files are Modified Versions",
        "(subset and converted to TrueType outlines by tools/build_fonts.py); all other files",
        "are unmodified copies from the Debian packages fonts-noto-core and fonts-noto-extra.",
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "This license is copied below, and is also available with a FAQ at:",
        "https://openfontlicense.org",
        "",
        "",
    ]
    return "\n".join(parts) + licence


# --------------------------------------------------------------------------- manifest


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _plain(value: str) -> str:
    """Plain YAML scalar if it round-trips as the same string, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return _quoted(value)


def manifest_text(entries: list[dict[str, Any]], notes: list[str]) -> str:
    """Render the manifest in the fixed layout the engine's font registry expects."""
    out = [
        "# Generated by tools/build_fonts.py — do not edit by hand.",
        "# weight: regular | bold. scripts: ISO 15924 codes the font is chosen for; the first",
        "# font listing a script is that script's default. languages: BCP 47 codes for which the",
        "# font is preferred over other fonts of the same script. fallback: used after a",
        "# language's font for digits/punctuation/Latin (Noto Sans only). width: normal |",
        "# semi-condensed (chosen when a long text would otherwise be set small).",
    ]
    out += [f"# NOTE: {note}" for note in notes]
    out.append("fonts:")
    for e in entries:
        up, src = e["upstream"], e["source"]
        out += [
            f"  - file: {e['file']}",
            f"    family: {_plain(e['family'])}",
            f"    weight: {e['weight']}",
            f"    width: {e['width']}",
            f"    scripts: [{', '.join(e['scripts'])}]",
            f"    languages: [{', '.join(e['languages'])}]",
            f"    fallback: {'true' if e['fallback'] else 'false'}",
            f"    upstream: {{name: {up['name']}, version: {_quoted(up['version'])}}}",
            f"    source: {{debian_package: {src['debian_package']},"
            f" debian_version: {_quoted(src['debian_version'])}, path: {src['path']},"
            f" face_index: {src['face_index']}}}",
            f"    transform: {_plain(e['transform'])}",
            f"    glyphs: {e['glyphs']}",
            f"    sha256: {e['sha256']}",
            f"    size_bytes: {e['size_bytes']}",
            f"    licence: {e['licence']}",
        ]
    text = "\n".join(out) + "\n"
    if yaml.safe_load(text) != {"fonts": entries}:
        raise AssertionError("manifest does not round-trip through YAML")
    return text


def entry(
    file: str,
    family: str,
    weight: str,
    scripts: Iterable[str],
    languages: Iterable[str],
    fallback: bool,
    upstream_version: str,
    package: str,
    package_version: str,
    source: Path,
    face_index: int,
    transform: str,
    data: bytes,
    width: str = "normal",
) -> dict[str, Any]:
    glyphs, _, _, _ = font_info(data)
    return {
        "file": file,
        "family": family,
        "weight": weight.lower(),
        "width": width,
        "scripts": list(scripts),
        "languages": list(languages),
        "fallback": fallback,
        "upstream": {"name": family, "version": upstream_version},
        "source": {
            "debian_package": package,
            "debian_version": package_version,
            "path": str(source),
            "face_index": face_index,
        },
        "transform": transform,
        "glyphs": glyphs,
        "sha256": sha256(data),
        "size_bytes": len(data),
        "licence": LICENCE_FILE,
    }


# --------------------------------------------------------------------------- main


def write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "fonts",
        help="output directory (default: the repository's fonts/)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="parallel CJK conversions (default: CPU count)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    versions = {package: debian_version(package)
                for package in (CORE_PACKAGE, EXTRA_PACKAGE, CJK_PACKAGE)}
    cjk_version = versions[CJK_PACKAGE]
    print(", ".join(f"{package} {version}" for package, version in versions.items())
          + f" -> {out}", flush=True)

    # Start the slow CJK conversions first; copy the small fonts while they run.
    jobs = [(spec, weight) for spec in CJK for weight in WEIGHTS]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(build_cjk, spec, weight) for spec, weight in jobs]

        entries: list[dict[str, Any]] = []
        notes: list[str] = []
        copyrights: dict[str, list[str]] = {}
        for spec in COPIED:
            for weight in WEIGHTS:
                source = CORE_DIR / spec.file_name(weight)
                package_version = versions[spec.package]
                if not source.exists():
                    if weight == "Regular":
                        sys.exit(f"error: {source} missing")
                    notes.append(
                        f"{spec.family} has no {weight} in {spec.package}"
                        f" {package_version}; Regular only."
                    )
                    print(f"  !! {source.name} missing: Regular only", flush=True)
                    continue
                data = source.read_bytes()
                _, family, version, notice = font_info(data)
                if family != spec.family:
                    raise ValueError(f"{source}: family {family!r} != {spec.family!r}")
                write_if_changed(out / source.name, data)
                copyrights.setdefault(notice, []).append(source.name)
                entries.append(
                    entry(
                        source.name,
                        spec.family,
                        weight,
                        spec.scripts,
                        spec.languages,
                        spec.fallback,
                        version,
                        spec.package,
                        package_version,
                        source,
                        0,
                        "copied unchanged",
                        data,
                        spec.width,
                    )
                )
                print(f"  copied    {source.name:34} {len(data) / 1e6:6.2f} MB", flush=True)

        for (spec, weight), future in zip(jobs, futures, strict=True):
            result = future.result()
            data = result["data"]
            write_if_changed(out / result["file"], data)
            _, _, _, notice = font_info(data)
            copyrights.setdefault(notice, []).append(result["file"])
            entries.append(
                entry(
                    result["file"],
                    spec.family,
                    weight,
                    spec.scripts,
                    spec.languages,
                    False,
                    result["upstream_version"],
                    CJK_PACKAGE,
                    cjk_version,
                    result["source"],
                    spec.face_index,
                    result["transform"],
                    data,
                )
            )
            missing = ", ".join(f"U+{c:04X}" for c in result["missing"]) or "none"
            print(
                f"  converted {result['file']:34} {len(data) / 1e6:6.2f} MB"
                f" {entries[-1]['glyphs']:6} glyphs {result['seconds']:5.1f} s"
                f" (not in upstream face: {missing})",
                flush=True,
            )

    produced = {e["file"] for e in entries}
    for stale in sorted(out.glob("*.ttf")):
        if stale.name not in produced:
            print(f"  removed stale {stale.name}", flush=True)
            stale.unlink()

    write_if_changed(out / LICENCE_FILE, ofl_text(copyrights).encode("utf-8"))
    write_if_changed(out / MANIFEST_FILE, manifest_text(entries, notes).encode("utf-8"))
    total = sum(e["size_bytes"] for e in entries)
    total_dir = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(
        f"{len(entries)} fonts, {total / 1e6:.2f} MB of fonts, {total_dir / 1e6:.2f} MB in"
        f" {out}; total time {time.monotonic() - started:.1f} s",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
