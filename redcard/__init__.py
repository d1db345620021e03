"""redcard: know-your-rights red cards as print-ready PDF sheets, digital cards and previews.

The library in five lines (the same bytes as `redcard build --lang es --template avery-5371
--copies 40`):

    import redcard
    lib = redcard.Library.load()
    deck = lib.deck(["es"], extras=redcard.Extras(hotline="la-county"))
    printout = deck.impose(redcard.PrintSettings(template="avery-5371", copies=40))
    printout.write("es.pdf")

Names are imported when first used, so `import redcard` (and `redcard --help`) stays quick
and the model can be used without ReportLab.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Library": "library", "Deck": "library", "OrderFile": "library",
    "PrintSettings": "model.settings",
    "Extras": "model.extras", "CardExtras": "model.extras",
    "Job": "printing", "PdfFile": "printing", "Printout": "printing",
    "LanguageCount": "printing",
    "DigitalCard": "digital", "LockScreen": "digital",
    "DoorSign": "sign", "door_sign": "sign", "Site": "site", "build_site": "site",
    "CardSize": "geometry.sizes", "PaperSize": "geometry.sizes",
    "Template": "geometry.templates",
    "Theme": "design.themes", "THEMES": "design.themes",
    "PrinterProfile": "model.printers",
    "load_order": "model.orders", "read_config": "model.config",
    "check_cards": "check", "preview": "render.raster",
    "Notice": "errors", "RedcardError": "errors", "ContentError": "errors",
    "FitError": "errors", "FontCoverageError": "errors", "SettingsError": "errors",
}
__all__ = sorted(_EXPORTS) + ["__version__"]

def _version() -> str:
    """The installed version (importlib.metadata takes 30 ms to import: only when asked)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("redcard")
    except PackageNotFoundError:  # running from a source checkout without installing
        return "0.1.0"


def __getattr__(name: str):
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    if name not in _EXPORTS:
        raise AttributeError(f"module 'redcard' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
