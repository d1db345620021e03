"""A printer's measured error, undone on every page (see `redcard calibrate`)."""

from __future__ import annotations

from dataclasses import dataclass

from .affine import Affine


@dataclass(frozen=True)
class PageCorrection:
    """Scale about the page centre, then shift.

    Offsets are in mm as each side is viewed when printed (x right, y up).
    """

    front_offset_mm: tuple[float, float] = (0.0, 0.0)
    back_offset_mm: tuple[float, float] = (0.0, 0.0)
    scale_x: float = 1.0
    scale_y: float = 1.0

    def page_transform(self, width_mm: float, height_mm: float, back: bool) -> Affine:
        dx, dy = self.back_offset_mm if back else self.front_offset_mm
        cx, cy = width_mm / 2, height_mm / 2
        return (Affine.translate(-cx, -cy)
                .then(Affine.scale(self.scale_x, self.scale_y))
                .then(Affine.translate(cx + dx, cy + dy)))

    @property
    def is_identity(self) -> bool:
        return self == PageCorrection()
