"""How the package's modules import each other, read from the sources (every import, at
module level or inside a function): the pipeline and the distribution round do not import
each other both ways, and no module takes another's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pianoperf_xl

PACKAGE = Path(pianoperf_xl.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str) -> list[tuple[str, list[str]]]:
    """(module, names taken from it) for every import of module ``name``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.append((base, [alias.name for alias in node.names]))
    return found


def dependencies(name: str) -> set[str]:
    """The package's modules that importing ``name`` runs (a submodule runs its parents)."""
    deps = set()
    for module, names in imports(name):
        targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES] or [module]
        for target in targets:
            parts = target.split(".")
            deps |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)
                     if ".".join(parts[:i]) in MODULES}
    return deps - {name}


def reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for dep in dependencies(todo.pop()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def test_the_import_graph_is_read_from_the_sources():
    assert {"pianoperf_xl.pipeline", "pianoperf_xl.distribute.annotate",
            "pianoperf_xl.inputs"} <= set(MODULES)
    assert "pianoperf_xl.pipeline" in dependencies("pianoperf_xl.distribute.annotate")
    assert "pianoperf_xl.inputs" in dependencies("pianoperf_xl.pipeline")


def test_the_pipeline_does_not_import_the_distribution_round():
    """The round builds on the pipeline (``annotate`` checks the inbox with it), never the
    other way round: nothing the pipeline imports, directly or not, is in ``distribute``."""
    round_modules = {m for m in reachable("pianoperf_xl.pipeline")
                     if m == "pianoperf_xl.distribute" or m.startswith("pianoperf_xl.distribute.")}
    assert round_modules == set()


def test_no_module_imports_a_private_name_of_another():
    taken = [(name, f"{module}.{n}") for name in MODULES for module, names in imports(name)
             if module.startswith("pianoperf_xl") for n in names
             if n.startswith("_") and not n.startswith("__")]
    assert taken == []
