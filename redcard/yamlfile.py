"""Reading the YAML files people edit by hand: every syntax or encoding slip becomes the
caller's one-line error, naming the file, the line and the column; a file too big, too deep
or too full of aliases is refused before it can take the memory or the time."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import RedcardError
from .files import read_bytes
from .limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_VALUES


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that counts nesting and size while composing, before any object exists:
    a 20,000-deep list or an alias bomb stops at once, not in RecursionError or in the code
    that walks the result. A key given twice is refused, not silently overwritten."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._weights: dict[int, int] = {}  # id(node) → values it stands for, aliases expanded

    def compose_node(self, parent, index):  # noqa: ANN001 (PyYAML's signature)
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise _Refused(f"nests lists and mappings more than {MAX_YAML_DEPTH} deep",
                           self.peek_event().start_mark, "write the file flat, as the "
                           "examples are")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if id(node) not in self._weights:
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [part for pair in node.value for part in pair]
            else:
                children = []
            self._weights[id(node)] = 1 + sum(self._weights.get(id(child), 1)
                                              for child in children)
            if self._weights[id(node)] > MAX_YAML_VALUES:
                raise _Refused(f"holds more than {MAX_YAML_VALUES} values (counting what each "
                               "*alias repeats)", node.start_mark,
                               "write the values out, without aliases")
        return node

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 (PyYAML's signature)
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *base`, overridden at will
                continue
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) or key is None:
                if key in seen:
                    raise _Refused(f"gives {str(key)[:40]!r} twice", key_node.start_mark,
                                   "keep one of the two")
                seen.add(key)
        return super().construct_mapping(node, deep)


class _Refused(Exception):
    def __init__(self, what: str, mark: yaml.Mark, fix: str) -> None:
        super().__init__(what)
        self.what, self.mark, self.fix = what, mark, fix


def load_yaml(path: Path, error: type[RedcardError], *, fix: str,
              text: str | None = None) -> object:
    """Parse `path` (or `text` already read from it)."""
    name = str(path)
    if text is None:
        data = read_bytes(path, error, MAX_YAML_BYTES, what="YAML file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise error(f"is not UTF-8 text (byte {exc.start + 1})", file=name,
                        fix="save the file as UTF-8") from None
    if len(text) > MAX_YAML_BYTES:
        raise error(f"holds {len(text)} characters, more than {MAX_YAML_BYTES}", file=name,
                    fix="split it into smaller files")
    loader = None
    try:
        loader = _LimitedLoader(text)
        return loader.get_single_data()
    except _Refused as exc:
        raise error(exc.what, file=name, field=_where(exc.mark), fix=exc.fix) from None
    except yaml.reader.ReaderError as exc:
        raise error(f"character {exc.position + 1} is U+{exc.character:04X}, which a YAML file "
                    "may not hold", file=name, fix="delete it (an editor that shows invisible "
                    "characters helps)") from None
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "syntax error"
        raise error(f"is not valid YAML ({problem})", file=name,
                    field=_where(getattr(exc, "problem_mark", None)), fix=fix) from None
    except (ValueError, TypeError, IndexError, AttributeError, OverflowError) as exc:
        # PyYAML's constructors: an impossible date (2024-13-45), a 5,000-digit number,
        # `!!int many`, a bare `!!timestamp`
        raise error(f"holds a value YAML cannot read ({_first_words(exc)})", file=name,
                    fix="quote values that are text, and write dates as 2026-11-22") from None
    finally:
        if loader is not None:
            loader.dispose()


def _first_words(exc: Exception) -> str:
    text = str(exc).split("\n")[0] or exc.__class__.__name__
    return text if len(text) <= 60 else text[:59] + "…"


def _where(mark: yaml.Mark | None) -> str | None:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
