"""Drawing a scene's items as content-stream operators: millimetres in, points out, every piece of
content inside the tag it belongs to (or an artifact)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.rl_accel import fp_str

from ..design.scene import (
    Circle,
    Group,
    Item,
    Line,
    Picture,
    QrCode,
    Rectangle,
    Tag,
    TextBlock,
    TextRow,
)
from ..geometry.affine import Affine
from ..geometry.units import pt
from ..text.fonts import LoadedFont
from .content import Content
from .glyphs import DocumentFonts, TextPainter
from .images import ImageStore
from .structure import StructureWriter

QR_TAG = "RC_QR"  # marked-content tag around a QR code's modules (tests find them by it)


def pt_matrix(transform: Affine) -> tuple[float, ...]:
    """A transform in mm as the six numbers of a PDF `cm` operator (offsets in points)."""
    t = transform
    return (t.a, t.b, t.c, t.d, pt(t.e), pt(t.f))


class UntaggedContent(ValueError):
    """A scene drew something outside every tag: a screen reader would not find it."""


@dataclass
class _Recording:
    """The operators one drawing of a scene wrote, and its structure events: ("open", tag),
    ("mark", index of its BDC operator, role) and ("close",)."""

    code: list[str]
    events: list[tuple]
    carrier_after: str = "N"  # PDFium's ActualText state after the drawing (see units)


class ScenePainter:
    """Draws items in order into one content stream at a time (`content.ops`, which the
    writer takes part by part), in one document, recording the structure."""

    def __init__(self, content: Content, structure: StructureWriter, fonts: DocumentFonts,
                 images: ImageStore, initial_font: LoadedFont) -> None:
        self.content = content
        self.initial_font = initial_font  # an SVG drawing starts in it (it shows no text)
        self.text = TextPainter(content, fonts)
        self.structure = structure
        self.images = images
        self._marked = 0  # inside a tag's marked content or an artifact
        # drawing a repeat (a sheet that prints what an earlier sheet printed): every tag's
        # content is a pagination artifact, and nothing enters the structure
        self.repeat = False
        self._recordings: dict[tuple[str, str, bool, bool], _Recording] = {}
        self._recording: _Recording | None = None

    def draw_repeated(self, key: str, items: tuple[Item, ...]) -> None:
        """Draws items; drawn again (the eight fronts of a sheet, the same card on every
        sheet of an order), they repeat the first drawing's operators, with their own
        marked-content ids, where the page reads the same way (poppler's direction for the
        page, PDFium's ActualText state before the drawing)."""
        code = self.content.ops
        page = self.text.page
        recording_key = (key, page.previous_carrier, page.rtl, self.repeat)
        done = self._recordings.get(recording_key)
        if done is not None:
            page.previous_carrier = done.carrier_after
            repeat = list(done.code)
            for event in done.events:
                if event[0] == "open":
                    self.structure.open(event[1])
                elif event[0] == "mark":
                    repeat[event[1]] = _marked_content(event[2], self.structure.mark())
                else:
                    self.structure.close()
            code.extend(repeat)
            return
        start = len(code)
        self._recording = _Recording([], [])
        self.draw(items)
        self._recording.code = code[start:]
        self._recording.carrier_after = page.previous_carrier
        self._recording.events = [(e[0], e[1] - start, *e[2:]) if e[0] == "mark" else e
                                  for e in self._recording.events]
        self._recordings[recording_key], self._recording = self._recording, None

    def _event(self, *event) -> None:
        if self._recording is not None:
            self._recording.events.append(event)

    def draw(self, items: tuple[Item, ...]) -> None:
        for item in items:
            if isinstance(item, Tag):
                self._tag(item)
                continue
            if isinstance(item, Group):
                self._group(item)
                continue
            if not self._marked:
                raise UntaggedContent(f"{type(item).__name__} outside every tag")
            if isinstance(item, Rectangle):
                self._rectangle(item)
            elif isinstance(item, Circle):
                self._circle(item)
            elif isinstance(item, Line):
                self._line(item)
            elif isinstance(item, TextBlock):
                if item.colour is not None:
                    self.content.fill_colour(item.colour)
                self.text.draw(item.layout, item.left_mm, item.top_mm)
            elif isinstance(item, TextRow):
                if item.blocks[0].colour is not None:
                    self.content.fill_colour(item.blocks[0].colour)
                self.text.draw_row([(b.layout, b.left_mm, b.top_mm) for b in item.blocks])
            elif isinstance(item, QrCode):
                self._qr(item)
            elif isinstance(item, Picture):
                self._picture(item)
            else:  # pragma: no cover - a new item type without a drawing
                raise TypeError(f"cannot draw {item!r}")

    def _tag(self, tag: Tag) -> None:
        """Marked content for a tag of drawing items (an MCID in the structure), an
        artifact, or a structure element that only groups other tags."""
        if self._marked:
            raise UntaggedContent(f"a {tag.role} tag inside marked content")
        if tag.role == "Artifact" or not _holds_tags(tag.items):
            if tag.role == "Artifact" or self.repeat:
                artifact = "Pagination" if tag.role != "Artifact" else tag.artifact
                kind = f" <</Type /{artifact}>> BDC" if artifact else " BMC"
                self.content.literal("/Artifact" + kind)
            else:
                self.structure.open(tag)
                self._event("open", tag)
                self._event("mark", len(self.content.ops), tag.role)
                self.content.literal(_marked_content(tag.role, self.structure.mark()))
                self.structure.close()
                self._event("close")
            self._marked += 1
            self.draw(tag.items)
            self._marked -= 1
            self.content.literal("EMC")
            return
        if self.repeat:
            self.draw(tag.items)
            return
        self.structure.open(tag)
        self._event("open", tag)
        self.draw(tag.items)
        self.structure.close()
        self._event("close")

    def _group(self, group: Group) -> None:
        content = self.content
        if group.isolated:
            content.save()
        if group.stroke is not None:
            content.stroke_colour(group.stroke)
        if group.fill is not None:
            content.fill_colour(group.fill)
        if group.line_mm is not None:
            content.line_width(pt(group.line_mm))
        for transform in group.transforms:
            content.transform(*pt_matrix(transform))
        self.draw(group.items)
        if group.isolated:
            content.restore()

    def _stroke(self, item: Rectangle | Circle | Line) -> bool:
        """Sets the item's own stroke settings; whether it is stroked at all."""
        stroke = item.stroke
        if stroke is None:
            return False
        if stroke.colour is not None:
            self.content.stroke_colour(stroke.colour)
        if stroke.width_mm is not None:
            self.content.line_width(pt(stroke.width_mm))
        return True

    def _rectangle(self, rect: Rectangle) -> None:
        content = self.content
        if rect.isolated:
            content.save()
        if rect.fill is not None:
            content.fill_colour(rect.fill)
        stroke = int(self._stroke(rect))
        fill = int(rect.fill is not None)
        args = (pt(rect.x_mm), pt(rect.y_mm), pt(rect.width_mm), pt(rect.height_mm))
        if rect.radius_mm > 0:
            content.round_rect(*args, pt(rect.radius_mm), stroke, fill)
        else:
            content.rect(*args, stroke, fill)
        if rect.isolated:
            content.restore()

    def _circle(self, circle: Circle) -> None:
        if circle.fill is not None:
            self.content.fill_colour(circle.fill)
        stroke = int(self._stroke(circle))
        self.content.circle(pt(circle.x_mm), pt(circle.y_mm), pt(circle.radius_mm), stroke,
                            int(circle.fill is not None))

    def _line(self, line: Line) -> None:
        self._stroke(line)
        self.content.line(pt(line.x1_mm), pt(line.y1_mm), pt(line.x2_mm), pt(line.y2_mm))

    def _qr(self, mark: QrCode) -> None:
        """Runs of dark modules as rectangles, filled as one path: no seams between rows when
        anti-aliased, and a small PDF."""
        content = self.content
        content.save()
        content.literal(f"/{QR_TAG} BMC")
        content.fill_colour(mark.colour)
        content.fill_rects((pt(x), pt(y), pt(w), pt(h)) for x, y, w, h in mark.rects())
        content.literal("EMC")
        content.restore()

    def _picture(self, picture: Picture) -> None:
        content = self.content
        x, y = pt(picture.x_mm), pt(picture.y_mm)
        w, h = pt(picture.width_mm), pt(picture.height_mm)
        if picture.kind == "svg":
            from reportlab.graphics import renderPDF
            from reportlab.pdfgen.canvas import Canvas

            from ..model.logo import load_svg
            drawing = load_svg(picture.path)
            # ReportLab starts a drawing in Helvetica, a base-14 font that is never embedded
            # (and not in the page's resources); start it in a TrueType font instead, which
            # ReportLab never names in the content. The SVG has no text.
            drawing.initialFontName = _svg_font_name(self.initial_font)
            drawing.initialFontSize = 12
            content.save()
            content.transform(1, 0, 0, 1, x, y)
            content.transform(w / float(drawing.width), 0, 0, h / float(drawing.height), 0, 0)
            canvas = Canvas(io.BytesIO())  # ReportLab's renderer draws on its own canvas
            renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
            content.ops.extend(canvas._code)
            content.restore()
        else:
            resource = self.images.resource(picture.path)
            content.literal(f"q {fp_str(w, 0, 0, h, x, y)} cm /{resource} Do Q")


def _svg_font_name(loaded: LoadedFont) -> str:
    """A TrueType font registered with ReportLab (parsed once, on the first SVG logo)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = loaded.pdf_name + "-svg"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(loaded.data)))
    return name


def _marked_content(role: str, mcid: int) -> str:
    return f"/{role} <</MCID {mcid}>> BDC"


def _holds_tags(items: tuple[Item, ...]) -> bool:
    return any(isinstance(item, Tag) or isinstance(item, Group) and _holds_tags(item.items)
               for item in items)
