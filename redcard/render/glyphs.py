"""Glyphs drawn by ID on a ReportLab canvas, with copyable text.

ReportLab subsets TrueType fonts by Unicode code point, so ligatures and contextual forms that
have no code point cannot be drawn through its text API. Here each glyph gets a private key
that ReportLab's subsetter resolves to the glyph ID, and each subset's ToUnicode maps the glyph
to the text it shows (valid UTF-16, surrogate pairs included). Every line is wrapped in an
ActualText span so text extraction returns the line's characters in logical order.

A font is parsed by ReportLab once per process (from the bytes the font registry already
read) and shared by every document; what one document uses is kept per document.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

from ..geometry.units import MM_PER_PT
from ..text.fonts import LoadedFont
from ..text.itemize import BIDI_CONTROLS
from ..text.layout import GlyphRun, ParagraphLayout

_GLYPH_KEY_BASE = 0x110000  # beyond Unicode: keys that can never collide with characters
_CODES_PER_SUBSET = 256


@dataclass
class _DocumentGlyphs:
    """Which glyphs one document uses, in order of first use (deterministic output)."""

    internal_name: str | None = None
    subsets: list[list[int]] = field(default_factory=lambda: [[0]])
    codes: dict[int, tuple[int, int]] = field(default_factory=dict)  # gid -> (subset, code)
    text: dict[int, str] = field(default_factory=dict)  # gid -> ToUnicode text


class GlyphFont(TTFont):
    """A TrueType font embedded by glyph ID, one subset of 255 glyphs at a time."""

    def __init__(self, loaded: LoadedFont) -> None:
        super().__init__(loaded.pdf_name, io.BytesIO(loaded.data), asciiReadable=False,
                         shapable=False)
        self.loaded = loaded
        self._documents: WeakKeyDictionary = WeakKeyDictionary()
        self._reverse_cmap: dict[int, str] = {}
        for code in sorted(self.face.charToGlyph, reverse=True):
            self._reverse_cmap[self.face.charToGlyph[code]] = chr(code)

    def _state(self, doc: pdfdoc.PDFDocument) -> _DocumentGlyphs:
        if doc not in self._documents:
            self._documents[doc] = _DocumentGlyphs()
        return self._documents[doc]

    def encode(self, doc: pdfdoc.PDFDocument, gid: int, cluster_text: str) -> tuple[str, int]:
        """The PDF font resource name and the one-byte code that draw glyph `gid`."""
        state = self._state(doc)
        if gid not in state.codes:
            if len(state.subsets[-1]) == _CODES_PER_SUBSET:
                state.subsets.append([0])
            subset = state.subsets[-1]
            key = _GLYPH_KEY_BASE + gid
            self.face.charToGlyph[key] = gid
            self.face.charWidths[key] = self.face.hmetrics[gid][0] * 1000 / self.loaded.upem
            state.codes[gid] = (len(state.subsets) - 1, len(subset))
            state.text[gid] = cluster_text or self._reverse_cmap.get(gid, "")
            subset.append(key)
        subset_index, code = state.codes[gid]
        return self._resource_name(doc, subset_index), code

    def _resource_name(self, doc: pdfdoc.PDFDocument, subset_index: int) -> str:
        state = self._state(doc)
        if state.internal_name is None:
            state.internal_name = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + state.internal_name
            doc.delayedFonts.append(self)
        return f"/{state.internal_name}+{subset_index}"

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802 (ReportLab's name)
        """Called by ReportLab when the document is saved: one PDF font per subset."""
        state = self._state(doc)
        text_by_key = {_GLYPH_KEY_BASE + gid: text for gid, text in state.text.items()}
        for index, subset in enumerate(state.subsets):
            internal = f"{state.internal_name}+{index}"
            base_name = (SUBSETN(index) + b"+" + self.face.name
                         + self.face.subfontNameX).decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.Name = internal
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(k) for k in subset])
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode_cmap(base_name, [text_by_key.get(k, "") for k in subset])
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self._documents[doc]


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    entries = [f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
               for code, text in enumerate(texts) if code and text]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
             f"/CMapName /{name} def", "/CMapType 2 def",
             "1 begincodespacerange", "<00> <FF>", "endcodespacerange"]
    for chunk_start in range(0, len(entries), 100):  # at most 100 entries per block
        chunk = entries[chunk_start:chunk_start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _extraction_kind(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("EN", "AN"):
        return "D"
    return "L" if kind == "L" else "N"


def extraction_text(line: str, rtl: bool, ltr: list[bool] | None = None) -> str:
    """ActualText for a line such that text extractors return `line` in logical order.

    poppler (pdftotext) and MuPDF treat ActualText as visual order and rebuild logical order
    with a simple rule: in a right-to-left page, runs of non-strong-LTR characters read
    right to left and runs of LTR letters and digits read left to right (mirror image for
    left-to-right pages). This builds the visual string that rule turns back into `line`,
    adding an invisible RLM/LRM where a neutral (a full stop after a phone number) would
    otherwise be carried to the wrong side.

    `ltr`, for a right-to-left line, says which characters bidi placed in left-to-right runs
    (an isolated phone number or name). Punctuation inside such a run, such as the closing
    parenthesis of "Network (CHIRLA)", stays with the run, held there by LRMs at its edges.
    """
    kinds = [_extraction_kind(c) for c in line]
    held = [False] * len(line)
    if rtl and ltr is not None and len(ltr) == len(line):
        for i, char in enumerate(line):
            edge = i == 0 or i == len(line) - 1 or not ltr[i - 1] or not ltr[i + 1]
            held[i] = ltr[i] and kinds[i] == "N" and unicodedata.category(char) != "Cf" \
                and not (char.isspace() and edge)
    kinds = ["L" if held[i] else kind for i, kind in enumerate(kinds)]
    mark, after_kinds = ("\u200f", "LD") if rtl else ("\u200e", "R")
    closing = "R" if rtl else "LD"
    marked: list[tuple[str, str]] = []
    for i, char in enumerate(line):
        if held[i] and (i == 0 or not ltr[i - 1]):
            marked.append(("\u200e", "L"))
        marked.append((char, kinds[i]))
        if held[i] and (i == len(line) - 1 or not ltr[i + 1]):
            marked.append(("\u200e", "L"))
        elif rtl and kinds[i] == "N" and not char.isspace() and \
                unicodedata.category(char) != "Cf" and (i == 0 or kinds[i - 1] != "D"):
            marked.append((mark, _extraction_kind(mark)))  # keeps punctuation on the side
            # of the word it follows
        elif kinds[i] in after_kinds:
            j = i + 1
            while j < len(line) and kinds[j] == "N":
                j += 1
            if j > i + 1 and (j == len(line) or kinds[j] in closing):
                marked.append((mark, _extraction_kind(mark)))
    text = "".join(char for char, _ in marked)
    kinds = [kind for _, kind in marked]
    sections: list[str] = []
    i = 0
    while i < len(text):
        j = i
        stop = "LD" if rtl else "R"
        while j < len(text) and kinds[j] not in stop:
            j += 1
        if j > i:
            sections.append(text[i:j][::-1] if rtl else text[i:j])
        i = j
        stop = "R" if rtl else "LD"
        while j < len(text) and kinds[j] not in stop:
            j += 1
        if j > i:
            sections.append(text[i:j] if rtl else text[i:j][::-1])
        i = j
    return "".join(reversed(sections)) if rtl else "".join(sections)


def _ltr_mask(text: str, line) -> list[bool]:
    """For each character of `line.text` (bidi controls removed): is it in an LTR run?"""
    mask = []
    for index in range(line.start, line.end):
        if text[index] in BIDI_CONTROLS:
            continue
        mask.append(any(run.start <= index < run.end and not run.rtl for run in line.runs))
    return mask


def _pdf_hex_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_GLYPH_FONTS: WeakKeyDictionary[LoadedFont, GlyphFont] = WeakKeyDictionary()


def glyph_font(loaded: LoadedFont) -> GlyphFont:
    """The one GlyphFont of a loaded font, shared by every document."""
    if loaded not in _GLYPH_FONTS:
        _GLYPH_FONTS[loaded] = GlyphFont(loaded)
    return _GLYPH_FONTS[loaded]


class TextPainter:
    """Draws laid-out paragraphs on one canvas."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def draw(self, layout: ParagraphLayout, left_mm: float, top_mm: float) -> None:
        """Draw with the box's top-left corner at (left_mm, top_mm) in canvas millimetres."""
        if layout.overflow:
            raise ValueError("refusing to draw a paragraph that overflows its box")
        ops: list[str] = []
        for line in layout.lines:
            baseline_mm = top_mm - line.baseline_mm
            actual = extraction_text(line.text, layout.rtl,
                                     _ltr_mask(layout.text, line) if layout.rtl else None)
            ops.append(f"/Span <</ActualText {_pdf_hex_text(actual)}>> BDC BT")
            for run in line.runs:
                self._draw_run(ops, layout.text, run, left_mm, baseline_mm)
            ops.append("ET EMC")
        self.canvas.addLiteral("\n".join(ops))

    def _draw_run(self, ops: list[str], text: str, run: GlyphRun, left_mm: float,
                  baseline_mm: float) -> None:
        font = glyph_font(run.font)
        doc = self.canvas._doc
        glyphs_per_cluster: dict[int, int] = {}
        for glyph in run.glyphs:
            glyphs_per_cluster[glyph.cluster] = glyphs_per_cluster.get(glyph.cluster, 0) + 1
        current_font = None
        cluster_ends = sorted({g.cluster for g in run.glyphs} | {run.end})
        for glyph in run.glyphs:
            cluster_text = ""
            if glyphs_per_cluster[glyph.cluster] == 1:
                end = next(c for c in cluster_ends if c > glyph.cluster)
                cluster_text = text[glyph.cluster:end]
            resource, code = font.encode(doc, glyph.gid, cluster_text)
            font_op = f"{resource} {_num(run.size_pt)} Tf"
            if font_op != current_font:
                ops.append(font_op)
                current_font = font_op
            x_pt = (left_mm + glyph.x_mm) / MM_PER_PT
            y_pt = (baseline_mm + glyph.y_mm) / MM_PER_PT
            ops.append(f"1 0 0 1 {_num(x_pt)} {_num(y_pt)} Tm <{code:02X}> Tj")
