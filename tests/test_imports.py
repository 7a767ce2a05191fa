"""The import layers: nnmath below scenes below scripts, and the scripts stages in a render's order
(files, voice, media, render, publish, the pipeline, the command line), without cycles.

A test of our own over the import graph read with ``ast`` (every import, also those inside
functions, which is where the command line and the workers import): import-linter would need a
new dependency and a config beside pyproject for what fits in this file.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("nnmath", "scenes", "scripts")
# Lowest first: a module may import its own layer and those before it, never a later one.
LAYERS = ["nnmath", "scenes", "scripts.files", "scripts.interrupts", "scripts.settings",
          "scripts.toolchain",
          "scripts.voice",
          "scripts.media", "scripts.render", "scripts.publish", "scripts.pipeline", "scripts.cli",
          "scripts.dev"]


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules that ``name`` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(filter(None, [*anchor, base]))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def layer(name: str) -> int:
    """The index in LAYERS of the longest prefix of ``name`` (scripts itself: the bottom)."""
    matches = [index for index, prefix in enumerate(LAYERS)
               if name == prefix or name.startswith(prefix + ".")]
    return max(matches, key=lambda index: len(LAYERS[index])) if matches else -1


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def stage(name: str) -> str:
    """A module's node in the printed graph: scenes and nnmath whole, scripts by module."""
    return name.split(".")[0] if name.split(".")[0] in ("nnmath", "scenes") else name


def stage_graph(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    collapsed: dict[str, set[str]] = {}
    for source, targets in edges.items():
        for target in targets:
            if stage(source) != stage(target) and target != "scripts":
                collapsed.setdefault(stage(source), set()).add(stage(target))
    return collapsed


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_project_module_sits_in_a_layer():
    assert [name for name in modules() if layer(name) < 0 and name != "scripts"] == []


def test_no_module_imports_a_later_layer():
    wrong = [f"{source} imports {target}" for source, targets in sorted(graph().items())
             for target in sorted(targets) if layer(target) > layer(source)]
    assert wrong == []


def test_the_stages_import_no_circle():
    assert cycles(stage_graph(graph())) == []


def test_a_circle_and_an_upward_import_are_caught():
    """The checks can fail: a circle of two, and media importing render."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert layer("scripts.render.clip") > layer("scripts.media.video") > layer("scripts.voice.audio")
    assert layer("scripts.dev.bench_render") > layer("scripts.cli") > layer("scripts.pipeline")


if __name__ == "__main__":   # the graph, for a review or a closing note
    collapsed = stage_graph(graph())
    for source in sorted(collapsed):
        print(f"{source} -> {', '.join(sorted(collapsed[source]))}")
    for circle in cycles(collapsed):
        print("CYCLE:", " <-> ".join(circle))
