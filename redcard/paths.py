"""Where the shipped cards, fonts and data live, in a source checkout or an installed wheel.

A wheel carries `cards/` and `fonts/` inside the package as `redcard/_cards` and
`redcard/_fonts` (see pyproject.toml); a checkout has them beside the package. Sizes,
templates and the hotline directory are always in `redcard/data/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT_ROOT = _PACKAGE.parent


def _beside_or_inside(checkout_name: str) -> Path:
    installed = _PACKAGE / f"_{checkout_name}"
    if installed.is_dir():
        return installed
    return _CHECKOUT_ROOT / checkout_name


def cards_dir() -> Path:
    return _beside_or_inside("cards")


def fonts_dir() -> Path:
    return _beside_or_inside("fonts")


def data_dir() -> Path:
    return _PACKAGE / "data"
