"""The package's shape: imports point down the layers, no cycles, private
names stay private, and imports inside functions only where a heavy library
is loaded late on purpose (see docs/ARCHITECTURE.md).

The import-linter contracts live in pyproject.toml; the other rules are
read from the source with ``ast`` here.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mazur_nn"
ROOT = PACKAGE.parent
HEAVY = ("sympy", "matplotlib", "ipywidgets", "sklearn", "numpy", "scipy")
MAX_LOCAL_IMPORTS = 40


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path):
    """``(node, inside_a_function, imported module)`` for every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        up, inside = node, False
        while up in parents:
            up = parents[up]
            if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside = True
                break
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, inside, alias.name
        else:
            assert node.level == 0, f"{path}: relative import (use mazur_nn.... paths)"
            yield node, inside, node.module


def test_import_linter_contracts_are_kept():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_no_import_cycles_between_modules():
    """Lazy imports included: grimp reads every import statement."""
    graph = grimp.build_graph("mazur_nn", cache_dir=None)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in sorted(edges):
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_private_name_is_imported_from_another_module():
    found = []
    for name, path in MODULES.items():
        for node, _, module in imports(path):
            if isinstance(node, ast.ImportFrom) and module.startswith("mazur_nn"):
                private = [
                    a.name for a in node.names if a.name.startswith("_") and a.name[1] != "_"
                ]
                hidden = any(part.startswith("_") for part in module.split("."))
                if private or hidden:
                    found.append(f"{name}: from {module} import {', '.join(private) or '...'}")
    assert found == []


def loads_heavy_library(module: str) -> bool:
    """Whether importing ``module`` (a mazur_nn module or a library) loads
    one of the heavy libraries, measured in a fresh interpreter."""
    if module.split(".")[0] in HEAVY:
        return True
    code = f"import sys, {module}; print(any(m in sys.modules for m in {HEAVY!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


def test_imports_inside_functions_only_load_a_heavy_library_late():
    local = [
        (name, node.lineno, module)
        for name, path in MODULES.items()
        for node, inside, module in imports(path)
        if inside
    ]
    assert len(local) <= MAX_LOCAL_IMPORTS, "\n".join(f"{n}:{line} {m}" for n, line, m in local)
    light = sorted({m for _, _, m in local if not loads_heavy_library(m)})
    assert light == [], f"imported inside a function, but loads no heavy library: {light}"


@pytest.mark.parametrize("module", ["mazur_nn", "mazur_nn.core", "mazur_nn.cli"])
def test_the_core_loads_no_heavy_library(module):
    assert not loads_heavy_library(module)


def test_every_module_imports_on_its_own():
    for name in MODULES:
        importlib.import_module(name)


def test_the_type_checker_passes_on_core_symbolic_and_course(tmp_path):
    """mypy over the layers below the views (configured in pyproject.toml)."""
    from mypy import api

    out, err, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path)]
    )
    assert status == 0, out + err


def test_no_dataclass_field_is_typed_object():
    """The core, symbolic and course layers say what their fields hold."""
    found = []
    for name, path in MODULES.items():
        if name.split(".")[1:2] not in (["core"], ["symbolic"], ["course"]):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.AnnAssign) and ast.unparse(item.annotation) == "object":
                        found.append(f"{name}.{node.name}.{ast.unparse(item.target)}")
    assert found == []
