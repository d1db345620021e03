"""Printer profiles: a printer's measured offsets and scale, kept in the user's config folder.

Every printer shifts and scales a little, and differently on each side of the sheet; measured
once with `redcard calibrate`, the error is undone on every build (see
geometry.correction.PageCorrection).
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import RedcardError
from ..files import write_atomically
from ..geometry.correction import PageCorrection
from ..textsafety import checked_text, shorten
from ..yamlfile import load_yaml

MAX_OFFSET_MM = 25.0  # more than this is a mistake (wrong sign of the page, not an offset)
MAX_NAME_CHARS = 40
SCALE_RANGE = (0.9, 1.1)  # beyond this the printer is scaling to fit: fix that in the dialog


class PrinterError(RedcardError):
    """A printer profile or correction is missing or out of range."""


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    front_offset_mm: tuple[float, float] = (0.0, 0.0)
    back_offset_mm: tuple[float, float] = (0.0, 0.0)
    scale_x: float = 1.0
    scale_y: float = 1.0

    def correction(self) -> PageCorrection:
        return PageCorrection(self.front_offset_mm, self.back_offset_mm, self.scale_x,
                              self.scale_y)


def config_dir() -> Path:
    """REDCARD_CONFIG_DIR, else the platform's per-user config folder."""
    if override := os.environ.get("REDCARD_CONFIG_DIR"):
        return Path(override)
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "redcard"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "redcard"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "redcard"


def profiles_path() -> Path:
    return config_dir() / "printers.yaml"


def validate(profile: PrinterProfile, source: str | None = None) -> PrinterProfile:
    """The profile, or PrinterError naming the setting (or, in a profile file, the field)."""
    def where(setting: str, key: str) -> dict[str, str | None]:
        if source:
            return {"file": source, "field": f"printers.{profile.name}.{key}"}
        return {"setting": setting}

    named = {"file": source, "field": "printers"} if source else {"setting": "printer_name"}
    checked_text(profile.name, max_chars=MAX_NAME_CHARS, error=PrinterError, **named)
    if not profile.name.strip():
        raise PrinterError("a profile needs a name", fix="name it after the printer, e.g. "
                           "office", **named)
    for setting, key, (x, y) in (("offset_front", "front_offset_mm", profile.front_offset_mm),
                                 ("offset_back", "back_offset_mm", profile.back_offset_mm)):
        if not all(math.isfinite(v) and abs(v) <= MAX_OFFSET_MM for v in (x, y)):
            raise PrinterError(f"offset {x},{y} mm is beyond ±{MAX_OFFSET_MM:g} mm",
                               **where(setting, key),
                               fix="measure again with `redcard calibrate`; offsets are "
                                   "usually a few millimetres")
    low, high = SCALE_RANGE
    for axis, value in (("x", profile.scale_x), ("y", profile.scale_y)):
        if not (math.isfinite(value) and low <= value <= high):
            raise PrinterError(f"scale {axis} {value} is outside {low}–{high}",
                               **where("scale", f"scale_{axis}"),
                               fix="turn off 'fit to page' in the print dialog, then measure "
                                   "the 100 mm rulers again")
    return profile


def load_profiles(path: Path | None = None) -> dict[str, PrinterProfile]:
    path = path or profiles_path()
    if not path.exists():
        return {}
    data = load_yaml(path, PrinterError,
                     fix="fix or delete the file, then `redcard printer set` again") or {}
    printers = data.get("printers") if isinstance(data, dict) else None
    if not isinstance(printers, dict):
        raise PrinterError("expected a 'printers:' mapping", file=str(path),
                           fix="fix or delete the file, then `redcard printer set` again")
    profiles = {}
    for name, entry in printers.items():
        try:
            profile = PrinterProfile(
                name=str(name),
                front_offset_mm=_pair(entry.get("front_offset_mm", [0, 0])),
                back_offset_mm=_pair(entry.get("back_offset_mm", [0, 0])),
                scale_x=float(entry.get("scale_x", 1.0)),
                scale_y=float(entry.get("scale_y", 1.0)))
        except (AttributeError, TypeError, ValueError, OverflowError):
            raise PrinterError("malformed entry", file=str(path), field=f"printers.{name}",
                               fix="set it again with `redcard printer set`") from None
        profiles[profile.name] = validate(profile, str(path))
    return profiles


def get_profile(name: str, path: Path | None = None) -> PrinterProfile:
    path = path or profiles_path()
    profiles = load_profiles(path)
    if name not in profiles:
        known = ", ".join(profiles) or "none yet"
        raise PrinterError(f"no printer profile named {shorten(name)} (saved: {known})",
                           file=str(path), setting="printer",
                           fix=f"create it with `redcard printer set {name} --offset-back X,Y`")
    return profiles[name]


def save_profile(profile: PrinterProfile, path: Path | None = None) -> Path:
    """Add or replace one profile, writing the file atomically."""
    path = path or profiles_path()
    validate(profile)
    profiles = load_profiles(path)
    profiles[profile.name] = profile
    _write(profiles, path)
    return path


def remove_profile(name: str, path: Path | None = None) -> Path:
    path = path or profiles_path()
    profiles = load_profiles(path)
    if name not in profiles:
        raise PrinterError(f"no printer profile named {shorten(name)}", file=str(path),
                           field="name", fix="see `redcard printer`")
    del profiles[name]
    _write(profiles, path)
    return path


def _pair(value: object) -> tuple[float, float]:
    x, y = value  # type: ignore[misc]
    return (float(x), float(y))


def _write(profiles: dict[str, PrinterProfile], path: Path) -> None:
    data = {"printers": {
        p.name: {"front_offset_mm": list(p.front_offset_mm),
                 "back_offset_mm": list(p.back_offset_mm),
                 "scale_x": p.scale_x, "scale_y": p.scale_y}
        for p in sorted(profiles.values(), key=lambda p: p.name)}}
    text = "# redcard printer profiles: measured with `redcard calibrate`\n" + \
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    write_atomically(path, text.encode("utf-8"))
