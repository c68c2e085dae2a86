"""The module graph: no import cycles, and every layer imports only the layers below it.

Every import counts, including those inside functions (they hide cycles just as well);
imports under `if TYPE_CHECKING:` do not (they never run). An mplint import inside a function
says in a comment why it is there (a command's start-up, an optional dependency). A new module
must be given a layer here: where it sits is a decision, not an accident.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

from mplint.catalogue import builtin
from mplint.checks import load_all
from mplint.model import Kind

PACKAGE = ROOT / "mplint"

# Lowest first. A module may import its own layer (without a cycle) and the layers below.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("mplint.version", "mplint.model", "mplint.resources", "mplint.suggestions",
              "mplint.discovery", "mplint.interrupts", "mplint.project", "mplint.terminal",
              "mplint.atomicfile", "mplint.reading", "mplint.textsafety")),
    ("api model", ("mplint.apimodel",)),
    ("parsing", ("mplint.parsing",)),
    ("sources", ("mplint.sources",)),
    ("checks", ("mplint.checks", "mplint.conditions", "mplint.schema", "mplint.editor_schema")),
    ("rules and configuration", ("mplint.catalogue", "mplint.ruledocs", "mplint.rule_basis",
                                 "mplint.config")),
    ("filters", ("mplint.filters",)),
    ("engine", ("mplint.engine",)),
    ("fixes", ("mplint.fixes",)),
    ("reporters", ("mplint.reporters", "mplint.outputs")),
    ("runner", ("mplint.runner", "mplint.cache")),
    ("python api", ("mplint.api",)),
    ("language server", ("mplint.lsp",)),
    ("cli", ("mplint.cli", "mplint.apimodel.commands")),
    ("entry point", ("mplint.__main__",)),
    # the package itself: the public API, whose names are imported on first use
    ("package", ("mplint",)),
]  # fmt: skip


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _imports(tree: ast.AST):
    """Every import statement, at any depth, except under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if _type_checking(node):
            yield from (n for child in node.orelse for n in _imports_in(child))
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    else:
        yield from _imports(node)


def graph() -> dict[str, set[str]]:
    """Module -> the mplint modules it imports. `from package import name` is an import of
    the submodule `package.name` when there is one, else of the package."""
    known = modules()
    edges: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            for target in targets:
                while target and target not in known:  # `import mplint.x.y` of a name
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges[name].add(target)
    return edges


def layer_of(module: str) -> int:
    best, index = -1, None
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module.startswith(prefix + ".") and prefix != "mplint"  # the package alone
            if (module == prefix or inside) and len(prefix) > best:
                best, index = len(prefix), i
    assert index is not None, f"{module} has no layer in tests/test_architecture.py"
    return index


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer():
    for module in modules():
        layer_of(module)


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_lower_layers_never_import_higher_ones():
    wrong = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in sorted(graph().items())
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert wrong == []


def test_the_graph_sees_imports_inside_functions():
    """The guard itself: a function-level import is an edge, a TYPE_CHECKING one is not."""
    edges = graph()
    assert "mplint.cli" in edges["mplint.__main__"]  # imported inside main()
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\n"
        "def f():\n    import b\n"
    )
    names = [getattr(n, "module", None) or n.names[0].name for n in _imports(tree)]
    assert names == ["typing", "b"]


def unexplained_deferrals(source: str) -> list[int]:
    """Lines of the mplint imports inside functions that give no reason: a `#` comment on
    the import or on the line before it."""
    lines = source.splitlines()
    found = set()
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = ["mplint" if node.level else node.module or ""]
            else:
                continue
            ours = any(name.split(".")[0] == "mplint" for name in names)
            before = lines[node.lineno - 2].lstrip()
            if ours and "#" not in lines[node.end_lineno - 1] and not before.startswith("#"):
                found.add(node.lineno)
    return sorted(found)


def test_every_import_inside_a_function_says_why():
    """An import inside a function hides a dependency from the reader: mplint defers one
    only to keep a command's start-up lean or for an optional dependency, and says which."""
    silent = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in modules().values()
        for number in unexplained_deferrals(path.read_text(encoding="utf-8"))
    ]
    assert silent == []
    example = "def f():\n    import json\n    from mplint import a\n    import mplint.b  # why\n"
    assert unexplained_deferrals(example) == [3]


def test_every_kind_of_problem_is_a_rule():
    """What the parser, the sources, the schema and the engine report is owned by a rule
    entry, found by name; and no code writes a rule id: checks and fixers are registered
    under their rule's name, everything else reports a kind."""
    catalogue = builtin()
    assert {kind: catalogue.rule_for(kind).name for kind in Kind} == {k: k.value for k in Kind}
    rule_id = re.compile(r"""["']MP\d{3}["']""")
    literals = [
        f"{name}:{number}"
        for name, path in modules().items()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if rule_id.search(line) and not line.lstrip().startswith("#")
    ]
    assert literals == []


def test_every_python_check_is_registered_under_a_rule_name():
    names = {rule.name for rule in builtin()}
    assert set(load_all()) <= names
