"""The stages' import rule, read from the source: a module imports only its own stage and the
stages before it (imports for type hints only are not imports), and nothing imports in a
cycle. The package root counts as the base: it holds the version and names it imports
lazily, on first use."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "redcard"
# In order: each may import itself and anything earlier.
STAGES = [
    ("base", {"__init__", "errors", "files", "phone", "paths", "yamlfile",
              "textsafety", "limits", "collector"}),
    ("geometry", {"geometry"}),
    ("model", {"model"}),
    ("text", {"text"}),
    ("design", {"design"}),
    ("render", {"render"}),
    ("library", {"printing", "digital", "sign", "review", "fit", "library", "site"}),
    ("check", {"check"}),
    ("cli", {"cli"}),
]


def stage_of(module: str) -> int:
    first = module.split(".")[0]
    return next(i for i, (_, names) in enumerate(STAGES) if first in names)


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)] \
            = path
    return found


def imports(module: str, path: Path) -> set[str]:
    """redcard modules this one imports at run time, relative to the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                   for node in ast.walk(block)}
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only or not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[:len(package) - node.level + 1]
        elif node.module and node.module.startswith("redcard."):
            base = []
        else:
            continue
        module_parts = node.module.removeprefix("redcard.").split(".") if node.module else []
        target = ".".join(base + module_parts)
        if node.module is None:  # from . import a, b: modules a and b, or names of the package
            for alias in node.names:
                name = ".".join(base + [alias.name])
                is_module = (PACKAGE.joinpath(*base, alias.name + ".py").is_file()
                             or PACKAGE.joinpath(*base, alias.name).is_dir())
                found.add(name if is_module else ".".join(base) or "__init__")
        else:
            found.add(target or "__init__")
    return found


def test_no_stage_imports_a_later_one():
    late = []
    for module, path in modules().items():
        for target in imports(module, path):
            if stage_of(target) > stage_of(module):
                late.append(f"{module} ({STAGES[stage_of(module)][0]}) imports {target} "
                            f"({STAGES[stage_of(target)][0]})")
    assert not late, late


def test_no_import_cycles():
    graph = {module: {t for t in imports(module, path) if t in modules()}
             for module, path in modules().items()}
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, " -> ".join(trail + (module,))
        if module in done:
            return
        for target in graph.get(module, ()):
            visit(target, trail + (module,))
        done.add(module)

    for module in graph:
        visit(module, ())
