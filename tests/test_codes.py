"""One registry of codes: every code any module can emit is in ``pianoperf check
--list-codes``, and ``codes.emit`` is the one way to make a finding.

The codes are collected by reading the sources: every string shaped like a code (the
literal passed to ``emit``, a refusal's ``code=``, a set of codes a module looks for, the
registry's own declarations) and every registry constant a module imports. A code built
at run time (an f-string passed to ``emit``) could not be checked this way, so the
reading refuses it; so it does a ``Finding`` built anywhere but in the registry.
"""

from __future__ import annotations

import ast
import codecs
import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pianoperf_xl.codes import CODES, FAMILIES, emit
from pianoperf_xl.findings import Location

from helpers import ROOT, SAMPLE, pianoperf

PACKAGE = ROOT / "pianoperf_xl"
REGISTRY = "codes.py"
CODE_SHAPE = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")
DISTRIBUTION = ("sector-no-email", "due-date-past", "office-sector-unknown",
                "previous-plan-year", "previous-sector-unmatched")


@dataclass
class Sources:
    codes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # -> where
    computed: list[str] = field(default_factory=list)  # emit() calls with a computed code
    constructed: list[str] = field(default_factory=list)  # Finding(...) outside the registry


# Values of HTTP headers the web page sends or reads (pianoperf_xl/web/security.py), and
# Excel's built-in date formats (pianoperf_xl/read/styles.py): hyphenated, not codes.
NOT_CODES = {"cross-site", "same-site", "same-origin", "no-store",
             "d-mmm-yy", "d-mmm", "mmm-yy"}


def is_code_shaped(text: str) -> bool:
    if not CODE_SHAPE.fullmatch(text) or text in NOT_CODES:
        return False
    try:
        codecs.lookup(text)  # "utf-8", "quoted-printable": an encoding, not a code
    except LookupError:
        return True
    return False


def registry_constants(package: Path) -> dict[str, str]:
    """``NAME = _define("code", ...)`` in the registry: NAME -> code."""
    constants = {}
    for node in ast.parse((package / REGISTRY).read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and isinstance(node.value.args[0], ast.Constant)):
            constants[node.targets[0].id] = node.value.args[0].value
    return constants


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def called(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def read_sources(package: Path) -> Sources:
    """Every code the modules of ``package`` can emit, and where each appears."""
    constants = registry_constants(package)
    sources = Sources()
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            where = f"{module}:{getattr(node, 'lineno', 0)}"
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip and is_code_shaped(node.value)):
                sources.codes[node.value].add(where)
            elif isinstance(node, ast.ImportFrom) and node.module == "pianoperf_xl.codes":
                for alias in node.names:
                    if alias.name in constants:
                        sources.codes[constants[alias.name]].add(where)
            elif isinstance(node, ast.Call) and called(node) == "emit" and node.args:
                if isinstance(node.args[0], (ast.JoinedStr, ast.BinOp, ast.Call)):
                    sources.computed.append(where)
            elif (isinstance(node, ast.Call) and called(node) == "Finding"
                  and module != REGISTRY):
                sources.constructed.append(where)
    return sources


@pytest.fixture(scope="module")
def listed() -> dict[str, str]:
    """``check --list-codes`` as printed: code -> the family it is listed under."""
    result = pianoperf("check", "--list-codes")
    assert result.returncode == 0, result.stderr
    rows = {}
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) == 6 and cells[1] and cells[1] != "Codice":
            rows[cells[1]] = cells[3]
    return rows


def not_listed(sources: Sources, listed: dict[str, str]) -> dict[str, list[str]]:
    return {code: sorted(where) for code, where in sources.codes.items() if code not in listed}


def test_every_code_the_sources_can_emit_is_listed(listed):
    sources = read_sources(PACKAGE)
    assert not_listed(sources, listed) == {}
    assert sources.computed == [] and sources.constructed == []
    # each way a code reaches a finding is seen: a literal passed to emit, a refusal's
    # code, a registry constant imported by a check, a code of the distribution round
    seen = {code: {w.split(":")[0] for w in where} for code, where in sources.codes.items()}
    assert "read/__init__.py" in seen["folder-empty"]
    assert "read/safety.py" in seen["file-encrypted"]
    assert "checks/budget.py" in seen["budget-total-mismatch"]
    assert "distribute/prepare.py" in seen["previous-sector-unmatched"]
    # and nothing but the registry's codes is listed
    assert set(listed) == set(CODES) <= set(sources.codes)


def test_the_reading_finds_a_code_emitted_without_being_declared(tmp_path, listed):
    """The same reading, on a copy of the sources where the round emits an undeclared
    code, builds one at run time and makes a finding by hand, reports all three."""
    copy = tmp_path / "pianoperf_xl"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    prepare = copy / "distribute" / "prepare.py"
    prepare.write_text(prepare.read_text(encoding="utf-8") + '''

def _made_up(kind: str, where: Location) -> list[Finding]:
    return [emit("distribution-made-up", "Un codice non dichiarato.", where),
            emit(f"distribution-{kind}", "Un codice costruito.", where),
            Finding("previous-plan-year", "warning", "Fatto a mano.", where.file)]
''', encoding="utf-8")
    sources = read_sources(copy)
    assert list(not_listed(sources, listed)) == ["distribution-made-up"]
    assert [w.split(":")[0] for w in sources.computed] == ["distribute/prepare.py"]
    assert [w.split(":")[0] for w in sources.constructed] == ["distribute/prepare.py"]


def test_the_distribution_round_codes_are_listed_under_their_own_family(listed):
    assert {code: listed[code] for code in DISTRIBUTION} == {
        code: "Distribuzione delle schede" for code in DISTRIBUTION}
    assert {CODES[code].family for code in DISTRIBUTION} == {"distribution"}
    assert FAMILIES["distribution"] == "Distribuzione delle schede"


def test_select_and_ignore_know_the_distribution_family():
    selected = pianoperf("check", SAMPLE, "--json", "--select", "distribution")
    assert selected.returncode == 0, selected.stderr  # check emits none of them
    assert json.loads(selected.stdout)["findings"] == []
    ignored = pianoperf("check", SAMPLE, "--json", "--ignore", "distribution,sector-no-email")
    assert ignored.returncode == 1, ignored.stderr
    assert "context-saldo-mismatch" in {f["code"] for f in json.loads(ignored.stdout)["findings"]}


def test_a_finding_takes_its_severity_from_the_registry_and_its_code_must_be_declared():
    where = Location("Ente.xlsx", "Organigramma", "F7")
    finding = emit("sector-no-email", "Manca l'email.", where, value="x@", hint="Scriverla.")
    assert (finding.code, finding.severity, finding.file, finding.sheet, finding.cell,
            finding.value, finding.hint) == ("sector-no-email", CODES["sector-no-email"].severity,
                                             "Ente.xlsx", "Organigramma", "F7", "x@", "Scriverla.")
    with pytest.raises(ValueError, match="not declared in pianoperf_xl/codes.py: made-up"):
        emit("made-up", "Un codice non dichiarato.", where)
