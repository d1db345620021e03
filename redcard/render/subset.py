"""TrueType subsets for embedding, with composite glyphs of our own.

ReportLab's subsetter takes the glyphs a font has; the text layer also draws glyphs that are
composites of several (a whole cluster or word piece as one glyph, see `units`). This builds
the subset font from ReportLab's parsed tables: the glyphs for codes 0–255 in order, the
components they use, and the new composites, each referring to its components by their
index in the subset.
"""

from __future__ import annotations

from dataclasses import dataclass
from struct import pack, unpack

from reportlab.lib.rl_accel import add32, calcChecksum

from .face import FontFace

# flags of a composite glyph's component record (the TrueType 'glyf' table)
GF_ARG_1_AND_2_ARE_WORDS = 1 << 0
GF_WE_HAVE_A_SCALE = 1 << 3
GF_MORE_COMPONENTS = 1 << 5
GF_WE_HAVE_AN_X_AND_Y_SCALE = 1 << 6
GF_WE_HAVE_A_TWO_BY_TWO = 1 << 7

ARGS_ARE_XY_VALUES = 0x0002


@dataclass(frozen=True)
class Composite:
    """A glyph made of others: (glyph, dx, dy) in font units from its origin."""

    components: tuple[tuple[int, int, int], ...]
    advance: int  # font units


def _short(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + pack(">H", value & 0xFFFF) + data[offset + 2:]


class SubsetMaker:
    """Subsets of one parsed face; composites are numbered after the face's own glyphs."""

    def __init__(self, face: FontFace, composites: list[Composite]) -> None:
        self.face = face
        self.composites = composites  # grows as the text layer asks for more
        self.glyf = face.get_table("glyf")
        self.count = len(face.glyphPos) - 1
        self._sizes: dict[int, tuple[int, int, int]] = {}  # every subset asks again

    def _data(self, gid: int) -> bytes:
        """The face's own glyph record (empty for a composite of ours)."""
        if gid >= self.count:
            return b""
        start, end = self.face.glyphPos[gid], self.face.glyphPos[gid + 1]
        return self.glyf[start:end]

    def _components(self, gid: int) -> list[int]:
        if gid >= self.count:
            return [c for c, _, _ in self.composites[gid - self.count].components
                    if self._data(c)]
        return [glyph for _, glyph in _component_refs(self._data(gid))]

    def _size(self, gid: int) -> tuple[int, int, int]:
        """(points, contours, depth) of a glyph with its components, for maxp."""
        size = self._sizes.get(gid)
        if size is None:
            size = self._sizes[gid] = self._measure(gid)
        return size

    def _measure(self, gid: int) -> tuple[int, int, int]:
        components = self._components(gid)
        if components:
            sizes = [self._size(c) for c in components]
            return (sum(s[0] for s in sizes), sum(s[1] for s in sizes),
                    1 + max(s[2] for s in sizes))
        data = self._data(gid)
        if len(data) < 12:
            return (0, 0, 0)
        contours = unpack(">h", data[:2])[0]
        last = unpack(">H", data[10 + 2 * (contours - 1):12 + 2 * (contours - 1)])[0]
        return (last + 1, contours, 0)

    def _bbox(self, gid: int) -> tuple[int, int, int, int] | None:
        data = self._data(gid)
        return unpack(">4h", data[2:10]) if len(data) >= 10 else None

    def _composite_data(self, composite: Composite, index: dict[int, int]) -> bytes:
        parts = [(g, dx, dy) for g, dx, dy in composite.components if self._data(g)]
        if not parts:
            return b""
        boxes = [(box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
                 for g, dx, dy in parts if (box := self._bbox(g)) is not None]
        data = pack(">h4h", -1, min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes))
        for n, (glyph, dx, dy) in enumerate(parts):
            flags = GF_ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
            if n + 1 < len(parts):
                flags |= GF_MORE_COMPONENTS
            data += pack(">HHhh", flags, index[glyph], dx, dy)
        return data

    def _metrics(self, gid: int) -> tuple[int, int]:
        if gid < self.count:
            return self.face.metrics(gid)
        composite = self.composites[gid - self.count]
        parts = [(g, dx) for g, dx, _ in composite.components if self._bbox(g)]
        lsb = min((self._bbox(g)[0] + dx for g, dx in parts), default=0)
        return composite.advance, lsb

    def make(self, glyphs: list[int]) -> bytes:
        """A font whose code n + 1 draws glyphs[n] (code 0 is .notdef)."""
        order = [0]
        index = {0: 0}
        for glyph in glyphs:
            if glyph not in index:
                index[glyph] = len(order)
                order.append(glyph)
        n = 0
        while n < len(order):  # components too, at the end
            for component in self._components(order[n]):
                if component not in index:
                    index[component] = len(order)
                    order.append(component)
            n += 1
        face, output = self.face, _Tables()
        for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
            try:
                output.add(tag, face.get_table(tag))
            except KeyError:  # cvt, fpgm and prep are optional
                pass
        output.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16)
        metrics = [value for gid in order for value in self._metrics(gid)]
        last = len(metrics) - 2
        while last and metrics[last] == metrics[last - 2]:
            last -= 2
        last += 2
        hmtx = metrics[:last] + metrics[last + 1::2]  # full pairs, then the trailing lsbs
        output.add("hmtx", pack(f">{len(hmtx)}H", *(v & 0xFFFF for v in hmtx)))
        output.add("hhea", _short(face.get_table("hhea"), 34, last >> 1))
        maxp = _short(face.get_table("maxp"), 4, len(order))
        sizes = [self._size(gid) for gid in order if gid >= self.count]
        if sizes and len(maxp) >= 32:
            current = unpack(">H", maxp[10:12])[0], unpack(">H", maxp[12:14])[0]
            maxp = _short(maxp, 10, max(current[0], *(s[0] for s in sizes)))
            maxp = _short(maxp, 12, max(current[1], *(s[1] for s in sizes)))
            elements = max(len(self._components(g)) for g in order if g >= self.count)
            maxp = _short(maxp, 28, max(unpack(">H", maxp[28:30])[0], elements))
            maxp = _short(maxp, 30, max(unpack(">H", maxp[30:32])[0], *(s[2] for s in sizes)))
        output.add("maxp", maxp)
        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + 2 * len(glyphs) + 2, 0, 0, len(glyphs) + 1, 0]
        cmap += [index[g] for g in glyphs]
        output.add("cmap", pack(f">{len(cmap)}H", *cmap))
        offsets, chunks, pos = [], [], 0
        for gid in order:
            offsets.append(pos)
            if gid >= self.count:
                data = self._composite_data(self.composites[gid - self.count], index)
            else:
                data = self._renumbered(self._data(gid), index)
            chunks.append(data + b"\0" * (-len(data) % 4))
            pos += len(chunks[-1])
        offsets.append(pos)
        output.add("glyf", b"".join(chunks))
        long = (pos + 1) >> 1 > 0xFFFF
        loca = pack(f">{len(offsets)}L", *offsets) if long else \
            pack(f">{len(offsets)}H", *(o >> 1 for o in offsets))
        output.add("loca", loca)
        output.add("head", _short(face.get_table("head"), 50, 1 if long else 0))
        return output.font_file()

    @staticmethod
    def _renumbered(data: bytes, index: dict[int, int]) -> bytes:
        for pos, glyph in _component_refs(data):
            data = _short(data, pos, index[glyph])
        return data


class _Tables:
    """A TrueType file's tables, put together as ReportLab's font maker does (tables in tag
    order, each padded to four bytes, the checksums and the head's adjustment): the same
    bytes, without importing ReportLab's font module, whose import took 50 ms of every
    start."""

    def __init__(self) -> None:
        self.tables: dict[str, bytes] = {}

    def add(self, tag: str, data: bytes) -> None:
        if tag == "head":  # its checksum adjustment is worked out at the end
            data = data[:8] + b"\0\0\0\0" + data[12:]
        self.tables[tag] = data

    def font_file(self) -> bytes:
        count = len(self.tables)
        search = 1
        selector = 0
        while search * 2 <= count:
            search *= 2
            selector += 1
        search *= 16
        head = [pack(">lHHHH", 0x00010000, count, search, selector, count * 16 - search)]
        bodies = []
        offset = 12 + count * 16
        head_offset = 0
        for tag, data in sorted(self.tables.items()):
            if tag == "head":
                head_offset = offset
            head.append(tag.encode("latin-1") + pack(">LLL", calcChecksum(data), offset,
                                                     len(data)))
            padded = data + b"\0" * (-len(data) % 4)
            bodies.append(padded)
            offset += len(padded)
        font = bytearray(b"".join(head) + b"".join(bodies))
        adjustment = add32(0xB1B0AFBA, -calcChecksum(bytes(font)))
        font[head_offset + 8:head_offset + 12] = pack(">L", adjustment)
        return bytes(font)


def _component_refs(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each component of a composite glyph
    record; none for a simple or empty glyph."""
    if len(data) < 10 or unpack(">h", data[:2])[0] >= 0:
        return []
    found, pos, flags = [], 10, GF_MORE_COMPONENTS
    while flags & GF_MORE_COMPONENTS:
        flags, glyph = unpack(">HH", data[pos:pos + 4])
        found.append((pos + 2, glyph))
        pos += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
        if flags & GF_WE_HAVE_A_SCALE:
            pos += 2
        elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
            pos += 4
        elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
            pos += 8
    return found
