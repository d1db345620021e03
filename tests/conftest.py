from __future__ import annotations

from pathlib import Path

import pytest

from redcard import CardExtras, Library
from redcard.model.extras import hotline_line
from redcard.text.fonts import FontRegistry

HOTLINE_ID = "la-county"


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped cards, fonts, templates and hotlines, loaded once for the whole run."""
    return Library.load()


@pytest.fixture(scope="session")
def registry(library) -> FontRegistry:
    return library.fonts


@pytest.fixture(scope="session")
def sheets_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sheets")


@pytest.fixture(scope="session")
def hotline_sheets(library, tmp_path_factory) -> dict[str, Path]:
    """Every language built once with the la-county hotline: one card per PDF (id1, red)."""
    from making import build

    out = tmp_path_factory.mktemp("hotline")
    extras = CardExtras(hotline=hotline_line(library.hotlines.get(HOTLINE_ID)))
    return {code: build(library, out, code, extras=extras, copies=1)[0]
            for code in library.languages}


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
