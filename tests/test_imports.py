"""Import structure of the package: no cycles, and importing any module has no side effects.

The graph counts every import of a transnews module, at module level and inside
functions alike: a lazy import only delays a cycle (and hides a layering mistake),
it does not remove it. Imports under ``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import transnews

PACKAGE = Path(transnews.__file__).resolve().parent
# Heavy or optional libraries a command imports when it needs them, never at import time.
LAZY = ("argostranslate", "babel", "ctranslate2", "markdown_it", "numpy", "rapidfuzz", "sacremoses",
        "sentencepiece", "spacy", "stanza", "torch", "wordfreq")


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is a package)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["transnews", *path.relative_to(PACKAGE).with_suffix("").parts]
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _runtime_imports(tree: ast.AST):
    """Import statements that can run: everything but the bodies of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _runtime_imports(ast.Module([child], [])))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _runtime_imports(node)


def _targets(name: str, is_pkg: bool, node: ast.Import | ast.ImportFrom, modules) -> set[str]:
    """The transnews modules one import statement loads (the nearest known module for names)."""
    if isinstance(node, ast.Import):
        found = [a.name for a in node.names]
    else:
        if node.level:
            base = name.split(".") if is_pkg else name.split(".")[:-1]
            base = base[:len(base) - (node.level - 1)]
            mod = ".".join(base + ([node.module] if node.module else []))
        else:
            mod = node.module or ""
        found = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in modules else mod for a in node.names]
    out = set()
    for target in found:
        if target != "transnews" and not target.startswith("transnews."):
            continue
        while target not in modules:
            target = target.rsplit(".", 1)[0]
        if target != name:
            out.add(target)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, (path, is_pkg) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = set().union(*(_targets(name, is_pkg, n, modules) for n in _runtime_imports(tree)))
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, …, a]``, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(v: str) -> list[str] | None:
        state[v] = 1
        path.append(v)
        for w in sorted(graph[v]):
            if state.get(w) == 1:
                return path[path.index(w):] + [w]
            if w not in state and (cycle := visit(w)):
                return cycle
        path.pop()
        state[v] = 2
        return None

    for v in sorted(graph):
        if v not in state and (cycle := visit(v)):
            return cycle
    return None


def test_graph_sees_module_and_function_level_imports():
    graph = import_graph()
    assert "transnews.errors" in graph["transnews.fsio"]  # module level
    assert "transnews.glossary.interchange" in graph["transnews.glossary.store"]  # inside a function
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_importing_any_module_has_no_side_effects(tmp_path):
    """Every module imports in a fresh interpreter without output, files, or heavy libraries."""
    names = sorted(_modules())
    script = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in {LAZY!r} if m in sys.modules)))\n"
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert json.loads(proc.stdout) == [], "imported at import time"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    assert list(home.iterdir()) == []


def test_cli_app_import_is_light():
    """``transnews --help`` must not load the MT stack or the word lists."""
    script = ("import json, sys\nimport transnews.cli.app\n"
              f"print(json.dumps(sorted(m for m in {LAZY!r} if m in sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
