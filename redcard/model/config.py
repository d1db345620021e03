"""Project config: an organisation's defaults in `redcard.yaml` (or `--config PATH`).

The file is a flat mapping of command-line option names to values, for example

    hotline: la-county
    org: Example Legal Aid
    logo: logo.png         # relative paths are relative to this file's folder
    theme: economy
    paper: a4

This module only reads and shapes the file; which keys are valid, and what their values
mean, is decided by the commands' own options (see redcard.cli)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RedcardError
from ..textsafety import shorten
from ..yamlfile import load_yaml

CONFIG_NAME = "redcard.yaml"


class ConfigError(RedcardError):
    """The project config file is unreadable or names an unknown option."""


@dataclass(frozen=True)
class Config:
    path: Path
    values: dict[str, Any]  # option name as on the command line, without "--"

    @property
    def folder(self) -> Path:
        return self.path.parent

    def resolve(self, value: str | Path) -> Path:
        """A path from the file, made relative to the file's folder."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.folder / path


def find_config(explicit: Path | None, cwd: Path) -> Path | None:
    """`--config PATH` (which must exist), else `redcard.yaml` in the working directory."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("no such file", file=str(explicit), setting="config",
                              fix=f"give the path of a {CONFIG_NAME} file")
        return explicit
    candidate = cwd / CONFIG_NAME
    return candidate if candidate.is_file() else None


def read_config(path: Path) -> Config:
    name = str(path)
    raw = load_yaml(path, ConfigError, fix="write one `option: value` per line")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError("must be a mapping of option names to values", file=name,
                          fix="write one `option: value` per line, e.g. `theme: economy`")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            raise ConfigError(f"{shorten(key)} is not an option name", file=name, field=str(key),
                              fix="use option names such as hotline, org, theme")
        normal = key.strip().lstrip("-").replace("_", "-")
        if normal in values:
            raise ConfigError("is given twice", file=name, field=key, fix="keep one of them")
        values[normal] = value
    return Config(path=path.resolve(), values=values)
