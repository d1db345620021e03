from __future__ import annotations

from pathlib import Path

import pytest

from redcard.content import CardLibrary, load_library
from redcard.fonts import FontRegistry, default_registry
from redcard.paths import cards_dir


@pytest.fixture(scope="session")
def library() -> CardLibrary:
    return load_library(cards_dir())


@pytest.fixture(scope="session")
def registry() -> FontRegistry:
    return default_registry()


@pytest.fixture(scope="session")
def sheets_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sheets")


HOTLINE_ID = "la-county"


@pytest.fixture(scope="session")
def hotline_sheets(library, registry, tmp_path_factory) -> dict[str, Path]:
    """Every language built once with the la-county hotline: one card per PDF (id1, red)."""
    from redcard.build import BuildOptions, build_card
    from redcard.extras import CardExtras, hotline_line
    from redcard.hotlines import load_directory

    out = tmp_path_factory.mktemp("hotline")
    extras = CardExtras(hotline=hotline_line(load_directory().get(HOTLINE_ID)))
    return {code: build_card(card, BuildOptions(copies=1, extras=extras), out, registry).path
            for code, card in library.cards.items()}


LOGO_BLUE = (20, 60, 160)


@pytest.fixture(scope="session")
def logo_png(tmp_path_factory) -> Path:
    """A 2:1 logo with transparency: a blue disc and an orange block."""
    from PIL import Image, ImageDraw

    path = tmp_path_factory.mktemp("logo") / "logo.png"
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 290, 290), fill=(*LOGO_BLUE, 255))
    draw.rectangle((320, 60, 590, 240), fill=(230, 120, 0, 255))
    image.save(path)
    return path
