"""Reading the YAML files people edit by hand: every syntax or encoding slip becomes the
caller's one-line error, naming the file, the line and the column."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import RedcardError


def load_yaml(path: Path, error: type[RedcardError], *, fix: str,
              text: str | None = None) -> object:
    """Parse `path` (or `text` already read from it); a missing file is the caller's to handle."""
    name = str(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8") if text is None else text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or "syntax error"
        raise error(f"is not valid YAML ({problem})", file=name, field=where, fix=fix) from None
    except UnicodeDecodeError:
        raise error("is not UTF-8 text", file=name, fix="save the file as UTF-8") from None
