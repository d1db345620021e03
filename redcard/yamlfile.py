"""Reading the YAML files people edit by hand: every syntax or encoding slip becomes the
caller's one-line error, naming the file, the line and the column; a file too big, too deep
or too full of aliases is refused before it can take the memory or the time.

libyaml's C parser reads the files when PyYAML has it (`yaml.CSafeLoader`): the limits are
checked on its event stream before any node exists, and a file it refuses is read again by
the pure-Python loader, whose messages (and character positions) are the ones users see."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import RedcardError
from .files import read_bytes
from .limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_VALUES


class _UniqueKeys:
    """A key given twice is refused, not silently overwritten (shared by both loaders)."""

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


class _LimitedLoader(_UniqueKeys, yaml.SafeLoader):
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


_CLoader = getattr(yaml, "CSafeLoader", None)


if _CLoader is not None:
    class _FastLoader(_UniqueKeys, _CLoader):
        """libyaml's parser and composer with the same constructor checks."""


def _check_events(loader) -> None:  # noqa: ANN001 (a C loader)
    """The depth and alias-expanded size limits, on the parser's events: the same numbers
    `_LimitedLoader` counts on nodes (an alias stands for what its anchor holds)."""
    weights: dict[str, int] = {}
    stack: list[list] = [[0, None]]  # per open collection: [values inside, anchor]
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            return
        if isinstance(event, yaml.NodeEvent) and len(stack) > MAX_YAML_DEPTH:
            raise _Refused("", event.start_mark, "")
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([0, event.anchor])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            inside, anchor = stack.pop()
            weight = 1 + inside
        elif isinstance(event, yaml.ScalarEvent):
            weight, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            weight, anchor = weights.get(event.anchor, 1), None
        else:
            continue
        if weight > MAX_YAML_VALUES:
            raise _Refused("", event.start_mark, "")
        if anchor is not None:
            weights[anchor] = weight
        stack[-1][0] += weight


def _load_fast(text: str) -> object:
    """The document through libyaml; any problem (a limit, a syntax error) raises, and the
    caller reads the file again with `_LimitedLoader` for the message."""
    checker = _CLoader(text)
    try:
        _check_events(checker)
    finally:
        checker.dispose()
    loader = _FastLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


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
    if _CLoader is not None:
        try:
            return _load_fast(text)
        except Exception:  # read again below, for the user's message
            pass
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
