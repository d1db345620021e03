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
