"""The package reads as its stages: ingest → extract → resolve → read → serve / report / exports, with no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "threadline"

# Each module's stage; a module may import from its own stage and the stages before it.
STAGES = ("base", "extract", "resolve", "read", "use")
BASE = {
    "config", "datafiles", "document", "domain", "errors", "ingest", "metadata", "migrations", "money", "pipeline",
    "places", "given_names", "readers", "clean", "sentences", "store", "timeml", "timeutil", "words", "windows", "removal", "files",
}


def stage(module: str) -> str:
    """`module` is dotted under the package ("read.ledger", "store")."""
    top = module.split(".")[0]
    if top in BASE:
        return "base"
    if top in ("extract", "discourse", "analyze", "token_attributes"):
        return "extract"
    if top in ("resolve", "review"):
        return "resolve"
    if top == "read":
        return "read"
    return "use"  # serve, report, exports, cli, corpus, engines, watching and alerts, the package's own API


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1] or ["threadline"]  # the package itself: its public API
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: set[str], *, top_level_only: bool) -> set[str]:
    """The package modules `name` imports (TYPE_CHECKING blocks left out; function bodies too if `top_level_only`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ([] if name == "threadline" else name.split(".")) if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                elif (node.module or "").startswith("threadline"):
                    target = node.module.removeprefix("threadline").lstrip(".")
                else:
                    continue
                for alias in node.names:
                    full = f"{target}.{alias.name}".strip(".")
                    found.add(full if full in known else target)
            elif isinstance(node, ast.Import):
                found.update(a.name.removeprefix("threadline.") for a in node.names if a.name.startswith("threadline."))
            if not top_level_only or isinstance(node, (ast.If, ast.Try, ast.With)):
                for child in ast.iter_child_nodes(node):
                    if isinstance(child, ast.stmt):
                        visit([child])
                    elif not top_level_only:
                        visit([n for n in ast.walk(child) if isinstance(n, ast.stmt)])

    visit(tree.body)
    return {m for m in found if m in known and m != name}


def test_layout_each_stage_imports_only_the_stages_before_it():
    known = modules()
    wrong = []
    for name, path in sorted(known.items()):
        for target in sorted(imports(name, path, set(known), top_level_only=False)):
            if STAGES.index(stage(target)) > STAGES.index(stage(name)):
                wrong.append(f"{name} ({stage(name)}) imports {target} ({stage(target)})")
    assert not wrong, "\n".join(wrong)


def test_layout_has_no_import_cycle():
    """No cycle among the modules' imports, lazy ones included. A package registering its own
    parts at import time (the CLI's commands) is not counted as an edge; its parts' imports are."""
    known = modules()
    graph = {}
    for name, path in known.items():
        registered = {t for t in imports(name, path, set(known), top_level_only=True) if t.startswith(f"{name}.")}
        graph[name] = imports(name, path, set(known), top_level_only=False) - registered
    state: dict[str, int] = {}
    cycles = []

    def walk(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else nxt)
            elif nxt not in state:
                walk(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("folder", ["read", "resolve", "extract", "exports", "serve"])
def test_layout_folders_say_what_they_hold(folder):
    init = PACKAGE / folder / "__init__.py"
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{folder}/__init__.py needs a one-line docstring"
