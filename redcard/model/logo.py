"""Organisation logos: PNG or JPEG (through Pillow), or SVG (through svglib, if installed)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

from ..errors import RedcardError
from ..files import read_bytes
from ..limits import MAX_LOGO_BYTES, MAX_LOGO_PIXELS

RASTER_FORMATS = {"PNG": "PNG", "JPEG": "JPEG"}
MAX_SVG_ELEMENTS = 20_000  # a detailed logo has hundreds; svglib takes ~1 s per 15,000
MAX_SVG_DEPTH = 64
MAX_SVG_UNITS = 1e6  # a width or height beyond this is a broken file, not a logo
MIN_PIXELS = 32  # a smaller bitmap prints as visible squares in a 17 mm wide area


class LogoError(RedcardError):
    """The logo file cannot be read or drawn."""


@dataclass(frozen=True)
class LogoInfo:
    path: Path
    kind: str  # "raster" | "svg"
    width: float  # pixels, or SVG user units
    height: float


def inspect_logo(path: Path) -> LogoInfo:
    return _inspect(Path(path).resolve())


@functools.lru_cache(maxsize=32)
def _inspect(path: Path) -> LogoInfo:
    name = str(path)
    if not path.exists():
        raise LogoError("no such file", file=name, setting="logo",
                        fix="give the path of a PNG, JPEG or SVG file (in a config file, "
                        "relative to the config file's folder)")
    data = read_bytes(path, LogoError, MAX_LOGO_BYTES, what="logo")
    if path.suffix.lower() == ".svg":
        drawing = load_svg(path)
        return LogoInfo(path, "svg", float(drawing.width), float(drawing.height))
    import io
    import warnings

    from PIL import Image, UnidentifiedImageError
    try:
        with warnings.catch_warnings():  # our own limit, below, says it in one line
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
        with image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                raise LogoError(f"is {width} × {height} pixels, more than "
                                f"{MAX_LOGO_PIXELS:,} in all", file=name, setting="logo",
                                fix="scale it down: 600 pixels wide prints sharply")
            image.verify()
    except Image.DecompressionBombError:
        raise LogoError(f"has more than {MAX_LOGO_PIXELS:,} pixels", file=name,
                        setting="logo", fix="scale it down: 600 pixels wide prints sharply") \
            from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise LogoError(f"is not a readable image ({exc.__class__.__name__})", file=name,
                        setting="logo", fix="save the logo as PNG or JPEG") from None
    if kind not in RASTER_FORMATS:
        raise LogoError(f"is a {kind} image; redcard takes PNG, JPEG or SVG logos", file=name,
                        setting="logo", fix="save the logo as PNG (or SVG)")
    if min(width, height) < MIN_PIXELS:
        raise LogoError(f"is only {width} × {height} pixels", file=name, setting="logo",
                        fix=f"use an image at least {MIN_PIXELS} pixels on its shorter side "
                        "(about 600 pixels wide prints sharply)")
    return LogoInfo(path, "raster", float(width), float(height))


@functools.lru_cache(maxsize=8)
def load_svg(path: Path):
    """The SVG as a ReportLab drawing. Text in the SVG is refused: ReportLab would set it in
    a base-14 font that is not embedded, and the printed logo could change."""
    name = str(path)
    try:
        from reportlab.graphics.shapes import String
        from svglib.svglib import svg2rlg
    except ImportError:
        raise LogoError("SVG logos need svglib, which is not installed", file=name,
                        setting="logo", fix="pip install 'redcard[svg]', or use a PNG logo") \
            from None
    _check_svg_elements(path)
    try:
        drawing = svg2rlg(name)
    except Exception as exc:  # svglib raises lxml's, ValueError on NaN sizes, and its own
        raise LogoError(f"is not a readable SVG ({exc.__class__.__name__})", file=name,
                        setting="logo", fix="export the logo as plain SVG or PNG") from None
    if drawing is None or not all(math.isfinite(v) and 0 < v < MAX_SVG_UNITS
                                  for v in (drawing.width, drawing.height)):
        raise LogoError("is not a readable SVG (no usable size)", file=name, setting="logo",
                        fix="give the SVG a width, height or viewBox, or use PNG")

    shapes = []
    pending = list(drawing.contents)
    while pending:  # a loop, not recursion: groups may nest deeply
        node = pending.pop()
        children = getattr(node, "contents", None)
        if children is None:
            shapes.append(node)
        else:
            pending.extend(children)
    if any(isinstance(shape, String) for shape in shapes):
        raise LogoError("contains text, which would print in a font that is not embedded",
                        file=name, setting="logo",
                        fix="convert the text to outlines (paths) in your editor, or use PNG")
    if not shapes:
        raise LogoError("draws nothing", file=name, setting="logo",
                        fix="export the logo again as plain SVG, or use PNG")
    return drawing


def _check_svg_elements(path: Path) -> None:
    """Refuse an SVG with more elements or deeper nesting than a logo has, before svglib
    spends minutes on it (or draws nothing past its recursion limit)."""
    from lxml import etree
    name = str(path)
    depth = elements = 0
    try:
        for event, _ in etree.iterparse(name, events=("start", "end"), resolve_entities=False,
                                        no_network=True, huge_tree=False):
            if event == "end":
                depth -= 1
                continue
            depth, elements = depth + 1, elements + 1
            if elements > MAX_SVG_ELEMENTS or depth > MAX_SVG_DEPTH:
                raise LogoError(f"has more than {MAX_SVG_ELEMENTS:,} elements or nests them "
                                f"more than {MAX_SVG_DEPTH} deep", file=name, setting="logo",
                                fix="simplify the logo in your editor, or use PNG")
    except etree.LxmlError as exc:
        raise LogoError(f"is not a readable SVG ({exc.__class__.__name__})", file=name,
                        setting="logo", fix="export the logo as plain SVG or PNG") from None
