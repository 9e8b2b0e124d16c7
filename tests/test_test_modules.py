"""The test suite's own layout: what test modules share is in helpers.py and cases.py
(fixtures in conftest.py), so no test module imports another, nor conftest."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    """The top-level names of every module the file imports, at any depth of its code."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_test_module_imports_another_or_conftest():
    sources = sorted(TESTS.glob("*.py"))
    assert len([p for p in sources if p.name.startswith("test_")]) > 30
    wrong = {path.name: sorted(name for name in imported_modules(path)
                               if name.startswith("test_") or name == "conftest")
             for path in sources}
    assert {name: found for name, found in wrong.items() if found} == {}


def test_the_check_sees_imports_inside_functions(tmp_path):
    path = tmp_path / "test_example.py"
    path.write_text("import os\n\ndef test_x():\n    from test_other import thing\n"
                    "    import conftest, test_third.sub\n", encoding="utf-8")
    assert imported_modules(path) == {"os", "test_other", "conftest", "test_third"}
