"""Checks on the vendored fonts in fonts/ (made by tools/build_fonts.py).

Why: the engine trusts fonts/manifest.yaml blindly, ReportLab needs TrueType (glyf) outlines,
and the CJK faces must cover their national character sets with their own regional glyph forms.
These tests read only the vendored files, never /usr/share: CI has no Debian font packages.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[2] / "fonts"
MANIFEST = FONTS / "manifest.yaml"
MAX_TOTAL_BYTES = 30 * 1024 * 1024

# family -> (scripts, languages, fallback), in manifest order.
EXPECTED: dict[str, tuple[list[str], list[str], bool]] = {
    "Noto Sans": (["Latn", "Cyrl", "Grek"], [], True),
    "Noto Sans Armenian": (["Armn"], [], False),
    "Noto Naskh Arabic": (["Arab"], ["ar", "fa", "prs", "ps"], False),
    "Noto Nastaliq Urdu": (["Arab"], ["ur"], False),
    "Noto Sans Hebrew": (["Hebr"], [], False),
    "Noto Sans Devanagari": (["Deva"], [], False),
    "Noto Sans Bengali": (["Beng"], [], False),
    "Noto Sans Gurmukhi": (["Guru"], [], False),
    "Noto Sans Thai": (["Thai"], [], False),
    "Noto Sans Khmer": (["Khmr"], [], False),
    "Noto Sans Ethiopic": (["Ethi"], [], False),
    "Noto Sans SemiCondensed": (["Latn", "Cyrl", "Grek"], [], True),
    "Noto Sans Armenian SemiCondensed": (["Armn"], [], False),
    "Noto Sans CJK SC": (["Hans", "Hani"], ["zh-Hans"], False),
    "Noto Sans CJK TC": (["Hant", "Hani"], ["zh-Hant"], False),
    "Noto Sans CJK JP": (["Jpan", "Hira", "Kana", "Hani"], ["ja"], False),
    "Noto Sans CJK KR": (["Kore", "Hang"], ["ko"], False),
}
ENTRY_KEYS = [
    "file", "family", "weight", "width", "scripts", "languages", "fallback", "upstream", "source",
    "transform", "glyphs", "sha256", "size_bytes", "licence",
]  # fmt: skip

REGIONS = ("sc", "tc", "jp", "kr")


# --------------------------------------------------------------------------- helpers


@cache
def manifest() -> list[dict[str, Any]]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["fonts"]


@cache
def font(file: str) -> TTFont:
    return TTFont(FONTS / file, lazy=True)


@cache
def cmap(file: str) -> frozenset[int]:
    return frozenset(font(file).getBestCmap())


def cjk_file(region: str, weight: str = "Regular") -> str:
    return f"NotoSansCJK{region}-{weight}.ttf"


@cache
def national_set(codec: str, ranges: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Every BMP character the national codec encodes as a double-byte code in `ranges`.

    tools/build_fonts.py decodes the codes; this encodes the characters instead, so the two
    only agree when both are right."""
    out = set()
    for code_point in range(0x80, 0x10000):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        try:
            encoded = chr(code_point).encode(codec)
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2 and any(lo <= encoded[0] << 8 | encoded[1] <= hi
                                     for lo, hi in ranges):
            out.add(code_point)
    return frozenset(out)


def assigned(lo: int, hi: int) -> set[int]:
    return {c for c in range(lo, hi + 1) if unicodedata.category(chr(c)) != "Cn"}


def is_hanzi(c: int) -> bool:
    return 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF


# National character sets: region -> (codec, double-byte ranges, size, minimum ideographs).
# KS X 1001's symbol rows hold 988 characters by encoding: U+3164 HANGUL FILLER encodes to
# A4D4, a code Python decodes only as the start of a composed syllable.
NATIONAL = {
    "sc": ("gb2312", ((0xA1A1, 0xF7FE),), 7445, 6763),
    "tc": ("big5", ((0xA140, 0xA3BF), (0xA440, 0xC67E)), 5805, 5401),
    "jp": ("euc_jp", ((0xA1A1, 0xFEFE),), 6879, 6355),
    "kr": ("euc_kr", ((0xA1A1, 0xAFFE),), 988, 0),  # KS X 1001 symbol rows, no hanja
}
# Whole blocks added on top of the national set.
BLOCKS = {
    "sc": set(),
    "tc": set(),
    "jp": assigned(0x3040, 0x30FF) | assigned(0x31F0, 0x31FF),  # hiragana, katakana
    "kr": assigned(0xAC00, 0xD7A3) | assigned(0x3130, 0x318F),  # syllables, compat jamo
}
# Symbols the codecs map to code points that the upstream Noto Sans CJK face itself lacks
# (measured on fonts-noto-cjk 1:20220127). Noto Sans (the fallback) has all but U+223C, U+2252
# and U+25C8.
UPSTREAM_GAPS = {
    "sc": set(),
    "tc": {0x02CD, 0x203E, 0x223C, 0x2252},
    "jp": {0x2252},
    "kr": {
        0x0126, 0x0127, 0x0131, 0x0132, 0x0133, 0x0138, 0x013F, 0x0140, 0x0141, 0x0142,
        0x0149, 0x014A, 0x014B, 0x0166, 0x0167, 0x02D0, 0x02D8, 0x02DA, 0x02DB, 0x02DD,
        0x207F, 0x2081, 0x2082, 0x2083, 0x2084, 0x2153, 0x2154, 0x215B, 0x215C, 0x215D,
        0x215E, 0x223C, 0x2252, 0x25C8,
    },
}  # fmt: skip


def outline(file: str, char: str) -> tuple[Any, ...] | None:
    """The glyph's contours, translated so its bounding box starts at (0, 0)."""
    f = font(file)
    name = f.getBestCmap().get(ord(char))
    if name is None:
        return None
    glyf = f["glyf"]
    coords, ends, flags = glyf[name].getCoordinates(glyf)
    if not len(coords):
        return ()
    x0 = min(x for x, _ in coords)
    y0 = min(y for _, y in coords)
    points = tuple((x - x0, y - y0) for x, y in coords)
    return points, tuple(ends), tuple(b & 1 for b in flags)


# --------------------------------------------------------------------------- manifest


def test_manifest_header_and_shape() -> None:
    assert MANIFEST.read_text(encoding="utf-8").startswith(
        "# Generated by tools/build_fonts.py — do not edit by hand.\n"
    )
    for e in manifest():
        assert list(e) == ENTRY_KEYS, e["file"]
        assert e["weight"] in ("regular", "bold")
        assert e["width"] == ("semi-condensed" if "SemiCondensed" in e["family"] else "normal")
        assert set(e["upstream"]) == {"name", "version"}
        assert set(e["source"]) == {"debian_package", "debian_version", "path", "face_index"}
        assert e["source"]["debian_package"] == (
            "fonts-noto-extra" if e["width"] != "normal" else
            "fonts-noto-cjk" if "CJK" in e["family"] else "fonts-noto-core")


def test_manifest_scripts_languages_and_order() -> None:
    entries = manifest()
    families = list(dict.fromkeys(e["family"] for e in entries))
    assert families == list(EXPECTED)  # includes Naskh before Nastaliq (Arab default)
    for e in entries:
        scripts, languages, fallback = EXPECTED[e["family"]]
        assert (e["scripts"], e["languages"], e["fallback"]) == (scripts, languages, fallback)
    # Regular and bold of a family are adjacent, regular first.
    for family in families:
        idx = [i for i, e in enumerate(entries) if e["family"] == family]
        weights = [entries[i]["weight"] for i in idx]
        assert idx == list(range(idx[0], idx[0] + len(idx))), family
        assert weights in (["regular", "bold"], ["regular"]), family
    assert [e["file"] for e in entries if e["fallback"]] == [
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-SemiCondensed.ttf",
        "NotoSans-SemiCondensedBold.ttf",
    ]


def test_every_family_has_bold_unless_noted() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    for family in EXPECTED:
        weights = [e["weight"] for e in manifest() if e["family"] == family]
        if weights == ["regular"]:
            assert f"# NOTE: {family} has no Bold" in text
        else:
            assert weights == ["regular", "bold"]


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize("entry", manifest(), ids=lambda e: e["file"])
def test_file_matches_manifest(entry: dict[str, Any]) -> None:
    path = FONTS / entry["file"]
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert len(data) == entry["size_bytes"]
    assert (FONTS / entry["licence"]).is_file()
    f = font(entry["file"])
    assert "glyf" in f and "loca" in f
    assert "CFF " not in f and "CFF2" not in f
    assert f.sfntVersion == "\x00\x01\x00\x00"
    assert f["maxp"].numGlyphs == entry["glyphs"]
    assert f["maxp"].tableVersion == 0x00010000
    assert f["name"].getDebugName(1) == entry["family"]
    assert f["OS/2"].fsType & 0x000E in (0, 0x0008)  # installable or editable: may embed
    if entry["transform"] == "copied unchanged":
        assert entry["source"]["debian_package"] in ("fonts-noto-core", "fonts-noto-extra")


def test_no_unlisted_fonts() -> None:
    listed = {e["file"] for e in manifest()}
    assert {p.name for p in FONTS.glob("*.tt[fc]")} == listed
    assert not list(FONTS.glob("*.otf"))


def test_total_size() -> None:
    total = sum(p.stat().st_size for p in FONTS.rglob("*") if p.is_file())
    assert total < MAX_TOTAL_BYTES, f"fonts/ is {total / 1e6:.1f} MB"


def test_licence_text_is_complete() -> None:
    text = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    for part in ("SIL OPEN FONT LICENSE Version 1.1", "PREAMBLE", "DEFINITIONS",
                 "PERMISSION & CONDITIONS", "TERMINATION", "DISCLAIMER",
                 "5) The Font Software, modified or unmodified"):  # fmt: skip
        assert part in text
    for e in manifest():
        assert e["file"] in text  # its copyright notice is listed
        assert font(e["file"])["name"].getDebugName(0) in text


# --------------------------------------------------------------------------- CJK


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
@pytest.mark.parametrize("region", REGIONS)
def test_cjk_covers_repertoire(region: str, weight: str) -> None:
    codec, ranges, size, ideographs = NATIONAL[region]
    national = national_set(codec, ranges)
    assert len(national) == size  # the codec gives the documented character set
    assert sum(map(is_hanzi, national)) >= ideographs
    repertoire = national | BLOCKS[region]
    have = cmap(cjk_file(region, weight))
    missing = repertoire - have - UPSTREAM_GAPS[region]
    assert not missing, [f"U+{c:04X}" for c in sorted(missing)][:50]
    # Every ASCII character and the everyday CJK punctuation are there too.
    assert set(range(0x20, 0x7F)) <= have
    assert {ord(c) for c in "\u3000、。「」『』（），：；？！"} <= have


def test_gb2312_hanzi_in_sc() -> None:
    hanzi = {c for c in national_set("gb2312", ((0xA1A1, 0xF7FE),)) if is_hanzi(c)}
    assert len(hanzi) == 6763
    assert hanzi <= cmap(cjk_file("sc"))


def test_all_hangul_syllables_in_kr() -> None:
    for weight in ("Regular", "Bold"):
        assert set(range(0xAC00, 0xD7A4)) <= cmap(cjk_file("kr", weight))


def test_cjk_name_table_marks_modified_subset() -> None:
    for region in REGIONS:
        for weight in ("Regular", "Bold"):
            name = font(cjk_file(region, weight))["name"]
            assert "Modified Version" in name.getDebugName(10)
            assert "redcard subset" in name.getDebugName(5)
            assert "Open Font License" in name.getDebugName(13)
            assert name.getDebugName(14)
            assert "Adobe" in name.getDebugName(0)


# Ideographs whose SC, TC and JP forms all differ in Noto Sans CJK (KR is Hangul-only here).
THREE_WAY = "骨今令次化器曜"
# Ideographs where at least two of the regions differ (some regions share a form).
TWO_WAY = {"直": ("sc", "jp"), "角": ("sc", "tc"), "写": ("sc", "jp"), "寫": ("tc", "jp")}


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_regional_glyph_forms_differ(weight: str) -> None:
    for char in THREE_WAY:
        forms = {r: outline(cjk_file(r, weight), char) for r in REGIONS}
        drawn = {r: o for r, o in forms.items() if o is not None}
        assert len(drawn) >= 3, (char, list(drawn))
        assert len(set(drawn.values())) == len(drawn), f"{char}: shared outlines in {weight}"
    for char, (a, b) in TWO_WAY.items():
        oa, ob = outline(cjk_file(a, weight), char), outline(cjk_file(b, weight), char)
        assert oa and ob and oa != ob, char


def test_cjk_outlines_are_real() -> None:
    """Converted glyphs have contours (not empty boxes) and quadratic off-curve points."""
    for region in REGIONS:
        f = font(cjk_file(region))
        glyf = f["glyf"]
        char = "읽" if region == "kr" else "骨"
        g = glyf[f.getBestCmap()[ord(char)]]
        assert g.numberOfContours >= 3
        _, _, flags = g.getCoordinates(glyf)
        assert any(not b & 1 for b in flags)  # has off-curve (quadratic) points


def test_character_map_is_fonttools_best_cmap(registry):
    """The coverage HarfBuzz reports is exactly fontTools' best cmap, for every font."""
    for entry in registry.entries:
        loaded = registry.load(entry)
        best = TTFont(io.BytesIO(loaded.data), lazy=True).getBestCmap()
        assert loaded.cmap == frozenset(best), entry.file
