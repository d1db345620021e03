"""PDF objects written as they are made: the file grows page by page and nothing of a page is
kept once it is written, so a run of 1,250 sheets needs no more memory than a run of ten.

Small objects (pages, structure elements, font dictionaries) go into compressed object
streams, everything else into the file directly; a cross-reference stream ends the file
(PDF 1.5). The bytes depend only on what is written: the file ID is a digest of them.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from array import array
from typing import BinaryIO

from reportlab.lib.rl_accel import fp_str

PDF_VERSION = "1.7"  # viewer preferences Duplex (1.7), PrintScaling (1.6), tagging (1.4)
PACKED_PER_STREAM = 1000  # small objects per object stream: fewer headers, better deflate
COMPRESSION = 6  # zlib's level: level 9 saves under 1 % here and costs twice the time
# Font programs: binary outlines that deflate barely shrinks; level 1 leaves them 4 % larger
# than level 6 at less than two thirds of the time
FONT_COMPRESSION = 1


def number(value: float) -> str:
    """A PDF number as ReportLab writes it (at most 4 significant decimals, no exponent)."""
    return fp_str(value)


@functools.lru_cache(maxsize=4096)
def name(text: str) -> str:
    """A PDF name object: `/` and the text, with delimiters and non-ASCII escaped."""
    out = []
    for char in text.encode("utf-8"):
        if 0x21 <= char <= 0x7E and chr(char) not in "#/()<>[]{}%":
            out.append(chr(char))
        else:
            out.append(f"#{char:02X}")
    return "/" + "".join(out)


def text_string(text: str) -> str:
    """A PDF text string: literal where it is printable ASCII, else UTF-16 with its mark."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def ref(number_: int) -> str:
    return f"{number_} 0 R"


def numbers(values) -> str:
    return "[" + " ".join(number(v) for v in values) + "]"


class PdfWriter:
    """Numbers objects, writes them to `out` and ends the file with its cross-reference
    stream. Object numbers may be reserved before their objects are written (a page names
    its parent before the page tree is written)."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._digest = hashlib.md5(usedforsecurity=False)
        self._position = 0
        # per object: 1 = at an offset in the file, 2 = packed in an object stream
        self._kind = array("B", [0])
        self._where = array("q", [0])  # the offset, or the object stream's number
        self._index = array("l", [0])  # the place within that object stream
        self._packed: list[tuple[int, bytes]] = []
        self._emit(f"%PDF-{PDF_VERSION}\n%\xe2\xe3\xcf\xd3\n".encode("latin-1"))

    def reserve(self) -> int:
        """A new object number, for an object written later."""
        self._kind.append(0)
        self._where.append(0)
        self._index.append(0)
        return len(self._kind) - 1

    def _emit(self, data: bytes) -> None:
        self._out.write(data)
        self._digest.update(data)
        self._position += len(data)

    def write(self, number_: int, body: str | bytes) -> None:
        """An object (not a stream) that may not go into an object stream."""
        if isinstance(body, str):
            body = body.encode("latin-1")
        self._kind[number_], self._where[number_] = 1, self._position
        self._emit(b"%d 0 obj\n%s\nendobj\n" % (number_, body))

    def pack(self, number_: int, body: str) -> None:
        """A small object, into the next object stream."""
        self._packed.append((number_, body.encode("latin-1")))
        if len(self._packed) >= PACKED_PER_STREAM:
            self._flush_packed()

    def stream(self, number_: int, data: bytes, entries: str = "",
               compress: bool = True, level: int = COMPRESSION) -> None:
        """A stream object; `entries` are its dictionary's other keys (already PDF)."""
        if compress:
            data = zlib.compress(data, level)
            entries = "/Filter/FlateDecode" + entries
        self._kind[number_], self._where[number_] = 1, self._position
        self._emit(b"%d 0 obj\n<<%s/Length %d>>\nstream\n" % (
            number_, entries.encode("latin-1"), len(data)))
        self._emit(data)
        self._emit(b"\nendstream\nendobj\n")

    def new_stream(self, data: bytes, entries: str = "", compress: bool = True,
                   level: int = COMPRESSION) -> int:
        number_ = self.reserve()
        self.stream(number_, data, entries, compress, level)
        return number_

    def _flush_packed(self) -> None:
        if not self._packed:
            return
        container = self.reserve()
        heads, bodies, offset = [], [], 0
        for index, (number_, body) in enumerate(self._packed):
            self._kind[number_], self._where[number_], self._index[number_] = \
                2, container, index
            heads.append(b"%d %d" % (number_, offset))
            bodies.append(body)
            offset += len(body) + 1
        head = b" ".join(heads) + b"\n"
        self._packed = []
        self.stream(container, head + b"\n".join(bodies),
                    f"/Type/ObjStm/N {len(heads)}/First {len(head)}")

    def close(self, root: int, info: int) -> None:
        """Writes what is still packed and the cross-reference stream: the file is done."""
        self._flush_packed()
        xref = self.reserve()
        file_id = self._digest.hexdigest().upper()
        width = max(1, (self._position.bit_length() + 7) // 8)
        columns = 1 + width + 2
        rows = bytearray()
        previous = bytes(columns)
        for number_ in range(len(self._kind)):
            kind = self._kind[number_]
            if number_ == xref:
                kind, where, index = 1, self._position, 0
            else:
                where, index = self._where[number_], self._index[number_]
            if kind == 0:  # the free list's head, and any number reserved but not used
                row = b"\x00" + bytes(width) + b"\xff\xff"
            else:
                row = bytes((kind,)) + where.to_bytes(width, "big") + index.to_bytes(2, "big")
            # PNG's Up predictor: each row as its difference from the row before, which
            # deflate packs to almost nothing (neighbouring objects differ little)
            rows.append(2)
            rows += bytes((a - b) & 0xFF for a, b in zip(row, previous))
            previous = row
        self.stream(xref, bytes(rows),
                    f"/Type/XRef/Size {len(self._kind)}/W[1 {width} 2]"
                    f"/DecodeParms<</Predictor 12/Columns {columns}>>/Root {ref(root)}"
                    f"/Info {ref(info)}/ID[<{file_id}><{file_id}>]")
        self._emit(b"startxref\n%d\n%%%%EOF\n" % self._where[xref])
