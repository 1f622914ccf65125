"""The package's modules import each other in one direction: no import cycle between them.

Every import counts, also one inside a function: a function-level import may defer a heavy
library (python-docx, jinja2) to the code that needs it, but between two modules of fzcheck it
would only hide a cycle. Edges of a cycle that another part of the restructure removes are
listed in PENDING with who removes them; the list is emptied as those branches are merged (a
test fails once a listed edge is gone, so that the entry goes too).
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "checker"

# importer -> imported: edges of cycles left to other owners, removed at merge
PENDING: dict[tuple[str, str], str] = {}


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test)


def _imports(tree: ast.AST):
    """Every import statement of a module, at any depth (functions, ``try``, ``if``), except
    those under ``if TYPE_CHECKING:`` (never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            else:
                stack.append(child)


def import_graph(package: Path = PACKAGE, root: Path = ROOT) -> dict[str, set[str]]:
    files = {_module_name_in(p, root): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package_name = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            if node.level:
                parts = package_name.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets.update(f"{module}.{a.name}" if f"{module}.{a.name}" in files else module for a in node.names)
        deps: set[str] = set()
        for target in targets:
            parts = target.split(".")
            # importing a.b.c runs a/__init__ and a/b/__init__ first
            deps.update(".".join(parts[:k]) for k in range(1, len(parts) + 1))
        graph[name] = {d for d in deps if d in files and d != name and not name.startswith(d + ".")}
    return graph


def _module_name_in(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted, and one
    cycle through each shown as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(_one_cycle(graph, group) for group in groups)


def _one_cycle(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """A path from the group's first module back to it, inside the group (breadth first)."""
    members, start = set(group), group[0]
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if nxt not in came:
                    came[nxt] = node
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return group


def without_pending(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {m: {d for d in deps if (m, d) not in PENDING} for m, deps in graph.items()}


def test_no_import_cycle_between_modules():
    graph = import_graph()
    assert "checker.engine" in graph and graph["checker.engine"]  # the walk sees the package
    found = cycles(without_pending(graph))
    assert found == [], "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_pending_edges_still_exist():
    """A PENDING edge that is gone (its owner's branch merged) is taken off the list."""
    graph = import_graph()
    gone = [f"{a} → {b} ({who})" for (a, b), who in PENDING.items() if b not in graph.get(a, ())]
    assert not gone, "remove from PENDING:\n" + "\n".join(gone)


def test_function_level_imports_are_seen(tmp_path: Path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from . import b\n", encoding="utf-8")
    (package / "b.py").write_text("def f():\n    from .a import x\n    return x\n", encoding="utf-8")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n", encoding="utf-8"
    )
    graph = import_graph(package, tmp_path)
    assert graph["pkg.b"] == {"pkg.a"} and graph["pkg.c"] == set()
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_the_walk_finds_a_cycle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
