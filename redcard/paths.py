"""Where the shipped cards and fonts live, in a source checkout or an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def _data_dir(checkout_name: str, package: str) -> Path:
    checkout = _CHECKOUT_ROOT / checkout_name
    if (_CHECKOUT_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return Path(str(resources.files(package)))


def cards_dir() -> Path:
    return _data_dir("cards", "redcard._cards")


def fonts_dir() -> Path:
    return _data_dir("fonts", "redcard._fonts")
