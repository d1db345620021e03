"""Text drawn glyph by glyph, with a text layer every reader gets right.

Each line is drawn as the units `render.units` plans: one glyph per unit (a composite of the
unit's HarfBuzz glyphs where it has several), in logical order, each placed with `Tm`, each
code mapped in ToUnicode to exactly the text it stands for. Lines with right-to-left text
also carry ActualText for poppler (inline, per unit) and PDFium (named, per line).

A font's tables are read once per process (`face`, from the bytes the font registry already
read) and shared by every document; what one document uses is kept per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..geometry.units import MM_PER_PT, mm
from ..text.fonts import LoadedFont
from ..text.layout import Line, ParagraphLayout
from .content import Content
from .face import FontFace
from .subset import Composite, SubsetMaker
from .units import (
    RLM,
    LinePlan,
    PageText,
    Unit,
    distribute,
    is_rtl_char,
    join_row,
    plan_line,
    poppler_pieces,
    poppler_reads,
    poppler_visual,
)
from .writer import FONT_COMPRESSION, PdfWriter, name, number, numbers, ref

_CODES_PER_SUBSET = 256
PITCH_EM = 1.2  # the smallest baseline-to-baseline drop on a card, in ems of the type


@dataclass
class _DocumentGlyphs:
    """Which (glyph, text) pairs one document uses of one font, in order of first use, one
    code each."""

    internal_name: str
    subsets: list[list[tuple[int, str]]] = field(default_factory=lambda: [[(0, "")]])
    codes: dict[tuple[int, str], tuple[str, int]] = field(default_factory=dict)  # resource, code


class GlyphFont:
    """A TrueType font embedded by glyph ID, 255 (glyph, text) codes per subset, with the
    composite glyphs the text layer asks for."""

    def __init__(self, loaded: LoadedFont) -> None:
        self.face = FontFace(loaded.data)
        self.loaded = loaded
        self._composites: list[Composite] = []
        self._composite_ids: dict[tuple, int] = {}  # by (components, advance)
        self._count = len(self.face.glyphPos) - 1
        self._subsets = SubsetMaker(self.face, self._composites)  # for every document

    def glyph_for(self, components: tuple[tuple[int, int, int], ...], advance: int) -> int:
        """A glyph that draws `components` with `advance`: the one glyph itself where that
        is all it is, else a composite (the same one for the same components)."""
        if len(components) == 1:
            gid, dx, dy = components[0]
            if dx == 0 and dy == 0 and self.face.advance(gid) == advance:
                return gid
        key = (components, advance)
        gid = self._composite_ids.get(key)
        if gid is None:
            gid = self._composite_ids[key] = self._count + len(self._composites)
            self._composites.append(Composite(components, advance))
        return gid

    def advance(self, gid: int) -> int:
        if gid < self._count:
            return self.face.advance(gid)
        return self._composites[gid - self._count].advance

    def write_subset(self, writer: PdfWriter, internal: str, index: int,
                     subset: list[tuple[int, str]]) -> int:
        """One subset as a PDF font (its program, descriptor and ToUnicode map); the
        font dictionary's number."""
        face = self.face
        base_name = f"{_subset_tag(index)}+{face.name.decode('latin-1')}"
        program = self._subsets.make([gid for gid, _ in subset[1:]])
        font_file = writer.new_stream(program, f"/Length1 {len(program)}",
                                      level=FONT_COMPRESSION)
        cmap = writer.new_stream(_to_unicode_cmap(base_name, [text for _, text in subset])
                                 .encode("latin-1"))
        descriptor = writer.reserve()
        writer.pack(descriptor, (
            f"<</Type/FontDescriptor/Ascent {number(face.ascent)}"
            f"/CapHeight {number(face.capHeight)}"
            f"/Descent {number(face.descent)}/Flags {face.flags}"
            f"/FontBBox{numbers(face.bbox)}/FontName{name(base_name)}"
            f"/ItalicAngle {number(face.italicAngle)}/StemV {face.stemV}"
            f"/FontFile2 {ref(font_file)}/MissingWidth {number(face.defaultWidth)}>>"))
        font = writer.reserve()
        widths = numbers(self.advance(gid) * 1000 / self.loaded.upem for gid, _ in subset)
        writer.pack(font, (
            f"<</Type/Font/Subtype/TrueType/Name/{internal}+{index}"
            f"/BaseFont{name(base_name)}/FirstChar 0/LastChar {len(subset) - 1}"
            f"/Widths{widths}/FontDescriptor {ref(descriptor)}/ToUnicode {ref(cmap)}>>"))
        return font


class DocumentFonts:
    """The fonts one document draws with: each font's resource name and the codes it has
    handed out; written (subset) when the document ends."""

    def __init__(self) -> None:
        self._fonts: dict[GlyphFont, _DocumentGlyphs] = {}

    def encode(self, font: GlyphFont, gid: int, text: str) -> tuple[str, int]:
        """The PDF font resource name and the one-byte code that draw `gid` as `text`."""
        state = self._fonts.get(font)
        if state is None:
            state = self._fonts[font] = _DocumentGlyphs(f"F{len(self._fonts) + 1}")
        key = (gid, text)
        coded = state.codes.get(key)
        if coded is None:
            if len(state.subsets[-1]) == _CODES_PER_SUBSET:
                state.subsets.append([(0, "")])
            subset = state.subsets[-1]
            coded = state.codes[key] = (f"/{state.internal_name}+{len(state.subsets) - 1}",
                                        len(subset))
            subset.append(key)
        return coded

    def write(self, writer: PdfWriter) -> str:
        """Every subset written; the /Font resource dictionary's entries."""
        entries = []
        for font, state in self._fonts.items():
            for index, subset in enumerate(state.subsets):
                number_ = font.write_subset(writer, state.internal_name, index, subset)
                entries.append(f"/{state.internal_name}+{index} {ref(number_)}")
        return "".join(entries)


def _subset_tag(index: int) -> str:
    """The six capitals before a subset's font name (AAAAAA, AAAAAB, ...): the index's six
    decimal digits written with letters, as ReportLab names its subsets."""
    return f"{index:06d}".translate(_DIGIT_LETTERS)


_DIGIT_LETTERS = str.maketrans("0123456789", "ABCDEFGIJK")


def _mapped_text(text: str) -> str:
    """A unit's ToUnicode text. A lone right-to-left character (the closing ״ after a full
    stop drawn from another font) is mapped with an RLM after it: pypdf turns its reading
    direction on a one-character right-to-left mapping and reverses what follows."""
    return text + RLM if len(text) == 1 and is_rtl_char(text) else text


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


def _pdf_hex_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_PLANS: dict[int, tuple[Line, LinePlan]] = {}  # by id(line): a line drawn again
_PLANS_KEPT = 512
_DRAWN_KEPT = 4096


def _plan(layout: ParagraphLayout, line: Line) -> LinePlan:
    """The line's plan, made once for a line drawn again: on many pages (the slug's shared
    words) or in many documents (the back's statement, whose layout every language's card
    shares)."""
    if layout.overflow:
        raise ValueError("refusing to draw a paragraph that overflows its box")
    kept = _PLANS.get(id(line))
    if kept is not None and kept[0] is line:
        return kept[1]
    if len(_PLANS) >= _PLANS_KEPT:
        _PLANS.clear()
    plan = _new_plan(layout, line)
    _PLANS[id(line)] = (line, plan)
    return plan


def _new_plan(layout: ParagraphLayout, line: Line) -> LinePlan:
    line_left = min(g.pen_mm for run in line.runs for g in run.glyphs)
    size_pt = line.runs[0].size_pt
    # PDFium finds line breaks by comparing the drop to the next line with the widths of the
    # objects at the lines' ends: the drop can be less than this line's own height (a tall
    # Nastaliq band line above the small footer row), so measure by the type size too
    pitch_mm = min(line.ascent_mm + line.descent_mm, mm(PITCH_EM * size_pt))
    return plan_line(layout.text, line, layout.rtl, size_pt, pitch_mm, line_left)


_GLYPH_FONTS: dict[LoadedFont, GlyphFont] = {}  # loaded fonts live as long as the process


def glyph_font(loaded: LoadedFont) -> GlyphFont:
    """The one GlyphFont of a loaded font, shared by every document."""
    font = _GLYPH_FONTS.get(loaded)
    if font is None:
        font = _GLYPH_FONTS[loaded] = GlyphFont(loaded)
    return font


class TextPainter:
    """Draws laid-out paragraphs into a content stream; `page` says what the page needs (poppler's
    direction for it, PDFium's ActualText state and named property lists)."""

    def __init__(self, content: Content, fonts: DocumentFonts) -> None:
        self.content = content
        self.fonts = fonts
        self.page = PageText(rtl=False)
        # a unit drawn again at the same place (the slug's shared words on every sheet):
        # (unit, its font operator, its glyph operator), by (id(unit), left, baseline, size)
        self._drawn: dict[tuple[int, float, float, float], tuple[Unit, str, str]] = {}
        # each unit's resource and code in this document, by what the unit draws
        self._codes: dict[tuple, tuple[str, int]] = {}

    def draw(self, layout: ParagraphLayout, left_mm: float, top_mm: float) -> None:
        """Draw with the box's top-left corner at (left_mm, top_mm), in millimetres in the
        content's current coordinates."""
        ops: list[str] = []
        for line in layout.lines:
            if line.runs:
                self._line(ops, _plan(layout, line), left_mm, top_mm - line.baseline_mm,
                           line.runs[0].size_pt)
        self.content.literal("\n".join(ops))

    def draw_row(self, blocks: list[tuple[ParagraphLayout, float, float]]) -> None:
        """One-line paragraphs (layout, left, top) on one baseline, drawn as one line (its
        units' operators kept: most of a row is drawn again on the next sheet)."""
        plans = []
        for layout, left_mm, top_mm in blocks:
            (line,) = layout.lines
            plans.append((_plan(layout, line), left_mm, top_mm - line.baseline_mm))
        ops: list[str] = []
        first = blocks[0][0].lines[0]
        self._line(ops, join_row(plans), plans[0][1], plans[0][2], first.runs[0].size_pt,
                   keep=True)
        self.content.literal("\n".join(ops))

    def _line(self, ops: list[str], plan: LinePlan, left_mm: float, baseline_mm: float,
              size_pt: float, keep: bool = False) -> None:
        named, close = None, []
        if plan.rtl_text:  # per unit: poppler's piece, and PDFium's line text inside it
            left_to_right = sorted(plan.units, key=lambda u: u.left_mm)
            try:
                pieces = poppler_pieces(plan.text, left_to_right, self.page.rtl)
            except ValueError:  # e.g. Arabic with full stops on a left-to-right page
                pieces = distribute(poppler_visual(plan.text, self.page.rtl), left_to_right)
            for unit, piece in zip(left_to_right, pieces):
                unit.actual_text = piece
            named = self.page.pdfium_text(plan)
        elif not poppler_reads(plan.text, sorted(plan.units, key=lambda u: u.left_mm),
                               self.page.rtl):
            # a left-to-right line on a right-to-left page: the whole line, for poppler
            # (which reads it as visual order) and, innermost, for PDFium
            ops.append(f"/Span <</ActualText "
                       f"{_pdf_hex_text(poppler_visual(plan.text, self.page.rtl))}>> BDC "
                       f"/Span /{self.page.pdfium_text(plan)} BDC")
            close = ["EMC EMC"]
        hidden = "" if plan.rtl_text else None  # helpers and pads say nothing to poppler
        ops.append("BT")
        current = None
        size_tf = f" {_num(size_pt)} Tf"
        rows: dict[float, str] = {}  # the Tm's y for each rise above the baseline
        drawn = self._drawn if keep and named is None else None
        for unit in plan.units:
            if unit.helper is not None:
                ops.append(self._glyph(unit.helper, left_mm, baseline_mm, size_pt, hidden,
                                       None, with_font=True))
                current = None
            if drawn is not None and unit.actual_text is None:
                key = (id(unit), left_mm, baseline_mm, size_pt)
                kept = drawn.get(key)
                if kept is None or kept[0] is not unit:
                    resource, code = self._code(unit, size_pt)
                    kept = (unit, resource + size_tf,
                            self._glyph(unit, left_mm, baseline_mm, size_pt, None, None,
                                        coded=(resource, code)))
                    if len(drawn) >= _DRAWN_KEPT:
                        drawn.clear()
                    drawn[key] = kept
                font_op, draw = kept[1], kept[2]
            else:
                resource, code = self._code(unit, size_pt)
                font_op = resource + size_tf
                y = rows.get(unit.dy_mm)
                if y is None:
                    y = rows[unit.dy_mm] = _num((baseline_mm + unit.dy_mm) / MM_PER_PT)
                draw = f"1 0 0 1 {_num((left_mm + unit.left_mm) / MM_PER_PT)} {y} " \
                       f"Tm <{code:02X}> Tj"
                if named is not None:
                    draw = f"/Span /{named} BDC {draw} EMC"
                if unit.actual_text is not None:
                    draw = f"/Span <</ActualText {_pdf_hex_text(unit.actual_text)}>> BDC " \
                           f"{draw} EMC"
            if font_op != current:
                ops.append(font_op)
                current = font_op
            ops.append(draw)
        for pad in plan.pads:
            ops.append(self._glyph(pad, left_mm, baseline_mm, size_pt, hidden, None,
                                   with_font=True))
        ops.append("ET")
        ops += close

    def _code(self, unit: Unit, size_pt: float) -> tuple[str, int]:
        key = (unit.font, unit.components, unit.advance_mm, size_pt, unit.text)
        coded = self._codes.get(key)
        if coded is None:
            font = _GLYPH_FONTS.get(unit.font) or glyph_font(unit.font)
            gid = font.glyph_for(unit.components, round(
                unit.advance_mm * unit.font.upem / (size_pt * MM_PER_PT)))
            coded = self._codes[key] = self.fonts.encode(font, gid, _mapped_text(unit.text))
        return coded

    def _glyph(self, unit: Unit, left_mm: float, baseline_mm: float, size_pt: float,
               actual_text: str | None, named: str | None, with_font: bool = False,
               coded: tuple[str, int] | None = None) -> str:
        """One unit as one glyph, inside its ActualText spans where the line has them
        (`coded`: its resource and code, when the caller has them already)."""
        resource, code = coded or self._code(unit, size_pt)
        draw = (f"1 0 0 1 {_num((left_mm + unit.left_mm) / MM_PER_PT)} "
                f"{_num((baseline_mm + unit.dy_mm) / MM_PER_PT)} Tm <{code:02X}> Tj")
        if with_font:
            draw = f"{resource} {_num(size_pt)} Tf {draw}"
        if named is not None:
            draw = f"/Span /{named} BDC {draw} EMC"
        if actual_text is not None:
            draw = f"/Span <</ActualText {_pdf_hex_text(actual_text)}>> BDC {draw} EMC"
        return draw
