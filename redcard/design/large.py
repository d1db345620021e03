"""Large faces of a card: the card's own design scaled up, so a lock screen or a door sign is
set by the same designer (fonts, bidi, line breaking, auto-fit) as the printed card."""

from __future__ import annotations

from dataclasses import fields, replace

from .card import CardDesign

# Ratios of the body size or of the fonts' own line height: the same at every scale.
CARD = CardDesign()
UNSCALED = {"point_gap", "title_gap", "bullet_indent", "line_spacing", "band_line_spacing",
            "title_ratio", "min_title_ratio"}


def scaled_design(factor: float, design: CardDesign = CARD, *,
                  min_body_pt: float | None = None) -> CardDesign:
    """Every length and size of `design` times `factor`; `min_body_pt` is the smallest body
    size auto-fit may choose (large print stays large)."""
    if factor <= 0:
        raise ValueError("the scale factor must be positive")
    values = {field.name: getattr(design, field.name) * factor for field in fields(design)
              if field.name not in UNSCALED and isinstance(getattr(design, field.name), float)}
    if min_body_pt is not None:
        values["min_body_pt"] = min_body_pt
    return replace(design, **values)
