"""Raster logos as image XObjects, each file written once per document however many cards
show it. JPEG photographs go in as they are (DCTDecode); everything else as 8-bit RGB, with
its transparency as a soft mask."""

from __future__ import annotations

from pathlib import Path

from .writer import PdfWriter, ref

_JPEG_COLOUR_SPACES = {"RGB": "/DeviceRGB", "L": "/DeviceGray"}


class ImageStore:
    """The images one document uses, by file: their resource names and objects."""

    def __init__(self, writer: PdfWriter) -> None:
        self._writer = writer
        self._names: dict[Path, str] = {}
        self._entries: list[str] = []

    def resource(self, path: Path) -> str:
        """The resource name that draws the image in `path` (written on first use)."""
        path = Path(path)
        resource = self._names.get(path)
        if resource is None:
            resource = self._names[path] = f"Im{len(self._names)}"
            self._entries.append(f"/{resource} {ref(self._write(path))}")
        return resource

    def entries(self) -> str:
        """The /XObject resource dictionary's entries."""
        return "".join(self._entries)

    def _write(self, path: Path) -> int:
        from PIL import Image

        with Image.open(path) as image:
            image.load()
            size = f"/Type/XObject/Subtype/Image/Width {image.width}/Height {image.height}" \
                   "/BitsPerComponent 8"
            if image.format == "JPEG" and image.mode in _JPEG_COLOUR_SPACES:
                return self._writer.new_stream(
                    path.read_bytes(), f"{size}/ColorSpace{_JPEG_COLOUR_SPACES[image.mode]}"
                                       "/Filter/DCTDecode", compress=False)
            transparent = image.mode in ("RGBA", "LA", "PA") or \
                "transparency" in image.info
            rgba = image.convert("RGBA") if transparent else None
            colour = (rgba or image).convert("RGB").tobytes()
            mask = ""
            if rgba is not None:
                alpha = rgba.getchannel("A")
                if alpha.getextrema()[0] < 255:
                    soft = self._writer.new_stream(
                        alpha.tobytes(), f"/Type/XObject/Subtype/Image/Width {image.width}"
                                         f"/Height {image.height}/BitsPerComponent 8"
                                         "/ColorSpace/DeviceGray")
                    mask = f"/SMask {ref(soft)}"
            return self._writer.new_stream(colour, f"{size}/ColorSpace/DeviceRGB{mask}")
