"""What embedding a TrueType font needs from the file, read straight from its tables: the
glyph records and their offsets, the horizontal metrics, and the few numbers a PDF font
descriptor gives. The same values ReportLab's parser finds, without building its character
map of every code point (a quarter of a build's time went to that, for 33 fonts).
"""

from __future__ import annotations

import sys
from array import array
from struct import unpack_from

# PDF font descriptor flags (ISO 32000-1, 9.8.2)
FLAG_FIXED_PITCH = 1
FLAG_SYMBOLIC = 4
FLAG_ITALIC = 64
FLAG_FORCE_BOLD = 1 << 18


class FontFaceError(ValueError):
    """A font file without the tables (or versions of them) that embedding needs."""


def _big_endian(kind: str, data: bytes) -> array:
    values = array(kind, data)
    if sys.byteorder == "little":
        values.byteswap()
    return values


class FontFace:
    """One TrueType font's tables. Values in font units, except those ReportLab gives in
    thousandths of the em (ascent, descent, capHeight, bbox, defaultWidth)."""

    subfontNameX = b""  # noqa: N815 (ReportLab's name): a font collection's member suffix

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._read: dict[str, bytes] = {}  # tables sliced out so far
        count = unpack_from(">H", data, 4)[0]
        self._tables = {}
        for index in range(count):
            tag, _, offset, length = unpack_from(">4sLLL", data, 12 + 16 * index)
            self._tables[tag.decode("latin-1")] = (offset, length)
        for tag in ("head", "hhea", "maxp", "hmtx", "loca", "glyf", "post", "name"):
            if tag not in self._tables:
                raise FontFaceError(f"the font has no {tag} table")
        head = self.get_table("head")
        self.units_per_em = upem = unpack_from(">H", head, 18)[0]
        scale = (lambda v: v) if upem == 1000 else (lambda v: v * 1000 / upem)
        self.bbox = [scale(v) for v in unpack_from(">4h", head, 36)]
        long_offsets = unpack_from(">h", head, 50)[0]
        self.numGlyphs = unpack_from(">H", self.get_table("maxp"), 4)[0]  # noqa: N815
        weight = 500
        if "OS/2" in self._tables:
            os2 = self.get_table("OS/2")
            version, weight = unpack_from(">H", os2, 0)[0], unpack_from(">H", os2, 4)[0]
            ascent, descent = unpack_from(">2h", os2, 68)
            self.ascent, self.descent = scale(ascent), scale(descent)
            self.capHeight = scale(unpack_from(">h", os2, 88)[0]) if version > 1 \
                else self.ascent  # noqa: N815
        else:
            self.ascent, self.descent = self.bbox[3], self.bbox[1]
            self.capHeight = self.ascent  # noqa: N815
        self.stemV = 50 + int((weight / 65.0) ** 2)  # noqa: N815 (pdflib's estimate)
        post = self.get_table("post")
        whole, fraction = unpack_from(">hH", post, 4)
        self.italicAngle = whole + fraction / 65536.0  # noqa: N815
        self.flags = FLAG_SYMBOLIC | (FLAG_ITALIC if self.italicAngle else 0) | \
            (FLAG_FORCE_BOLD if weight >= 600 else 0) | \
            (FLAG_FIXED_PITCH if unpack_from(">L", post, 12)[0] else 0)
        # hmtx: advance and left side bearing pairs, then bearings sharing the last advance
        metrics = unpack_from(">H", self.get_table("hhea"), 34)[0]
        if not metrics:
            raise FontFaceError("the font has no horizontal metrics")
        hmtx = self.get_table("hmtx")
        pairs = _big_endian("H", hmtx[:4 * metrics])
        self._advances = pairs[0::2]
        self._bearings = pairs[1::2] + _big_endian(
            "H", hmtx[4 * metrics:4 * metrics + 2 * (self.numGlyphs - metrics)])
        self.defaultWidth = scale(self._advances[0])  # noqa: N815
        loca = self.get_table("loca")[:(self.numGlyphs + 1) * (4 if long_offsets else 2)]
        self.glyphPos = _big_endian("I", loca) if long_offsets else \
            array("I", (offset << 1 for offset in _big_endian("H", loca)))  # noqa: N815
        self.name = self._postscript_name()

    def get_table(self, tag: str) -> bytes:
        table = self._read.get(tag)
        if table is None:
            offset, length = self._tables[tag]
            table = self._read[tag] = self._data[offset:offset + length]
        return table

    def advance(self, gid: int) -> int:
        return self._advances[min(gid, len(self._advances) - 1)]

    def metrics(self, gid: int) -> tuple[int, int]:
        """(advance, left side bearing as stored: unsigned) of a glyph."""
        return self.advance(gid), self._bearings[gid]

    def _postscript_name(self) -> bytes:
        """Name ID 6 (else the full name, else the family), Windows English first, as
        ReportLab chooses it, with spaces made hyphens."""
        table = self.get_table("name")
        count, strings = unpack_from(">HH", table, 2)
        found: dict[int, bytes] = {}
        for index in range(count):
            platform, encoding, language, name_id, length, offset = \
                unpack_from(">6H", table, 6 + 12 * index)
            if name_id not in (1, 4, 6) or name_id in found:
                continue
            raw = table[strings + offset:strings + offset + length]
            if (platform, encoding, language) == (3, 1, 0x409):
                found[name_id] = raw.decode("utf-16-be").encode("latin-1", "replace")
            elif (platform, encoding, language) == (1, 0, 0):
                found[name_id] = raw.decode("mac_roman").encode("latin-1", "replace")
        name = found.get(6) or found.get(4) or found.get(1)
        if not name:
            raise FontFaceError("the font has no PostScript name")
        name = name.replace(b" ", b"-")
        if any(char > 126 or chr(char) in " [](){}<>/%" for char in name):
            raise FontFaceError(f"the font's PostScript name {name!r} is not usable")
        return name
