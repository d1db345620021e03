"""Drawing a face's shapes (hotline band, QR code, logo) on a ReportLab canvas, in points.

Kept apart from redcard.pdf so that the sheet writer only calls `draw_shapes` once per form.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from .face import Box, CardFace, Picture, QrMark
from .text.layout import PT_MM

QR_TAG = "RC_QR"  # marked-content tag around a QR code's modules (tests find them by it)


def _pt(mm: float) -> float:
    return mm / PT_MM


def draw_shapes(canvas: Canvas, face: CardFace) -> None:
    for shape in face.shapes:
        if isinstance(shape, Box):
            _box(canvas, shape)
        elif isinstance(shape, QrMark):
            _qr(canvas, shape)
        elif isinstance(shape, Picture):
            _picture(canvas, shape)
        else:  # pragma: no cover - a new shape type without a drawing
            raise TypeError(f"cannot draw {shape!r}")


def _box(canvas: Canvas, box: Box) -> None:
    canvas.saveState()
    fill = box.fill is not None
    stroke = box.stroke is not None and box.line_mm > 0
    if fill:
        canvas.setFillColorRGB(*box.fill)
    if stroke:
        canvas.setStrokeColorRGB(*box.stroke)
        canvas.setLineWidth(_pt(box.line_mm))
    args = (_pt(box.x_mm), _pt(box.y_mm), _pt(box.width_mm), _pt(box.height_mm))
    if box.radius_mm > 0:
        canvas.roundRect(*args, _pt(box.radius_mm), stroke=int(stroke), fill=int(fill))
    else:
        canvas.rect(*args, stroke=int(stroke), fill=int(fill))
    canvas.restoreState()


def _qr(canvas: Canvas, mark: QrMark) -> None:
    """Runs of dark modules as rectangles, filled as one path: no seams between rows when
    anti-aliased, and a small PDF."""
    canvas.saveState()
    canvas.addLiteral(f"/{QR_TAG} BMC")
    canvas.setFillColorRGB(*mark.colour)
    path = canvas.beginPath()
    for x, y, w, h in mark.rects():
        path.rect(_pt(x), _pt(y), _pt(w), _pt(h))
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.addLiteral("EMC")
    canvas.restoreState()


def _picture(canvas: Canvas, picture: Picture) -> None:
    x, y = _pt(picture.x_mm), _pt(picture.y_mm)
    w, h = _pt(picture.width_mm), _pt(picture.height_mm)
    if picture.kind == "svg":
        from reportlab.graphics import renderPDF

        from .logo import load_svg
        drawing = load_svg(picture.path)
        # ReportLab starts a drawing in Helvetica, a base-14 font that is never embedded;
        # start it in the canvas's own (embedded) font instead. The SVG has no text.
        drawing.initialFontName = canvas._fontname
        drawing.initialFontSize = canvas._fontsize
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(w / float(drawing.width), h / float(drawing.height))
        renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
        canvas.restoreState()
    else:
        canvas.drawImage(str(picture.path), x, y, w, h, mask="auto")
