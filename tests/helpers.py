"""What the test modules share, in one place (conftest.py turns some of it into fixtures;
test data shared by several modules is in cases.py). No test module imports another.

- where things are: the repository, the bundled sample, the templates, the broken-input
  corpus and the script that generates it, the benchmarks' scripts;
- plans: purpose-made workbooks written from a fill, a folder read as a plan and
  interpreted, the checks of one family run on it;
- findings flattened for exact assertions (``codes``, ``where``, ``only``…);
- the command line: in a process of its own as a user runs it, or through click's
  CliRunner;
- outputs: the text of a .docx, a workbook's content, file digests, two builds compared;
- the distribution round's inputs made from the sample.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import os
import re
import socket
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

import openpyxl
from click.testing import CliRunner, Result
from docx import Document

from pianoperf_xl import spec as specs
from pianoperf_xl.checks import load_checks
from pianoperf_xl.checks.base import CHECKS, CheckFunction
from pianoperf_xl.cli import cli
from pianoperf_xl.distribute.prepare import Distribution, prepare_outbox
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading, interpret
from pianoperf_xl.model import Plan
from pianoperf_xl.pipeline import read_and_check
from pianoperf_xl.read import read_plan
from pianoperf_xl.report import Report
from pianoperf_xl.write.consolidated import write_consolidated
from pianoperf_xl.write.templates import write_template

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "calcinate-2022"
SAMPLE_SOURCE = ROOT / "samples" / "source" / "calcinate-2022"
TEMPLATES = ROOT / "workbook_templates"
BROKEN = ROOT / "tests" / "data" / "broken"  # written by scripts/make_broken_inputs.py
BENCHMARKS = ROOT / "benchmarks"


@functools.cache
def load_script(path: Path, name: str) -> ModuleType:
    """A script of the repository (not part of the package), loaded once as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def benchmark_module(name: str) -> ModuleType:
    """benchmarks/<name>.py; the folder goes on the path, as run.py imports generate."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    return load_script(BENCHMARKS / f"{name}.py", f"benchmarks_{name}")


# The generator of tests/data/broken/: its fills and zip-editing helpers make new cases.
SCRIPT = load_script(ROOT / "scripts" / "make_broken_inputs.py", "make_broken_inputs")


# -- plans ------------------------------------------------------------------------------


def write_workbook(kind: str, fill: dict, folder: Path, *, name: str | None = None,
                   year: int = 2022) -> Path:
    """A template of ``kind`` filled with ``fill``, written into ``folder``."""
    return write_template(specs.spec_for(kind, year), folder / (name or f"{kind}.xlsx"), fill)


def write_plan(folder: Path, sectors: Iterable[dict] = (), *, ente: dict | None = None,
               budget: dict | None = None) -> Path:
    """A plan folder of purpose-made workbooks: ``settore1.xlsx``… one per sector fill,
    and the ente's and the budget's when given."""
    folder.mkdir(parents=True)
    for i, fill in enumerate(sectors, 1):
        write_workbook("settore", fill, folder, name=f"settore{i}.xlsx")
    if ente is not None:
        write_workbook("ente", ente, folder, name="ente.xlsx")
    if budget is not None:
        write_workbook("bilancio", budget, folder, name="bilancio.xlsx")
    return folder


def read_clean(folder: Path) -> Plan:
    """The folder read as a plan, which the reader has nothing to say about (only the
    checks will speak)."""
    plan = read_plan(folder)
    assert plan.findings == []
    return plan


def reading_of(folder: Path) -> PlanReading:
    """The folder read as a plan and interpreted, as the checks and writers receive it."""
    return interpret(read_plan(folder))


def checks_of(module: ModuleType) -> list[CheckFunction]:
    """Every registered check of one family (``pianoperf_xl.checks.staff``…), in order."""
    load_checks()
    return [func for func in CHECKS if func.__module__ == module.__name__]


def run_checks(plan: Plan, checks: Iterable[CheckFunction]) -> list[Finding]:
    """The findings of ``checks`` on the plan, interpreted once."""
    reading = interpret(plan)
    return [f for check in checks for f in check(reading)]


# -- findings ---------------------------------------------------------------------------


def flat(findings: Iterable[Finding], *keys: str) -> list[tuple]:
    """The chosen fields of every finding, in order (``Report.flatten``)."""
    return Report(None, {}, tuple(findings), 0).flatten(keys)


def codes(findings: Iterable[Finding]) -> list[str]:
    return [f.code for f in findings]


def of(findings: Iterable[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def where(findings: Iterable[Finding], code: str | None = None) -> list[tuple]:
    """(code, file, sheet, cell) of every finding, or of those with ``code``."""
    return flat((f for f in findings if code in (None, f.code)), "code", "file", "sheet", "cell")


def only(findings: Iterable[Finding], code: str) -> Finding:
    """The one finding with ``code`` (fails if there are none or more)."""
    [found] = of(findings, code)
    return found


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def corrected_sample(folder: Path) -> Path:
    """A copy of the sample with its one error corrected (the saldo migratorio is
    239 - 251 = -12, not 12): a whole plan with no error finding."""
    import openpyxl

    shutil.copytree(SAMPLE, folder)
    ente = openpyxl.load_workbook(folder / "Ente.xlsx")
    ente["Popolazione"]["B14"].value = -12
    ente.save(folder / "Ente.xlsx")
    return folder


# -- the command line -------------------------------------------------------------------


def pianoperf(*args: Any, env: dict[str, str] | None = None, cwd: Path | None = None,
              timeout: float = 600) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a process of its own, on a wide terminal;
    ``env`` is added to the environment."""
    full = {**os.environ, "COLUMNS": "250", "PYTHONPATH": os.pathsep.join(
        filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))), **(env or {})}
    full.pop("PIANOPERF_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "pianoperf_xl", *map(str, args)], cwd=cwd,
                          env=full, capture_output=True, text=True, timeout=timeout)


def invoke(*args: Any, env: dict[str, str] | None = None, input: str | None = None
           ) -> Result:
    """The command through click's CliRunner, in this process."""
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, input=input)


# -- outputs ----------------------------------------------------------------------------


def pdf_pages(soffice: str, document: Path, out_dir: Path, *, layout: bool = False
              ) -> list[str]:
    """``document`` converted to PDF by LibreOffice in ``out_dir``; the text of each page
    (``layout``: laid out as on the page, columns kept apart)."""
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir),
                    str(document)], check=True, capture_output=True, timeout=240)
    pdf = out_dir / (document.stem + ".pdf")
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1])
    options = ["-layout"] if layout else []
    return [subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), *options,
                            str(pdf), "-"], capture_output=True, text=True).stdout
            for page in range(1, count + 1)]


def document_text(path: Path) -> list[str]:
    """Every paragraph of the document, its tables' cells (nested ones too), headers and
    footers, in order."""
    doc = Document(path)
    parts: list[str] = []

    def table_text(table) -> None:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    table_text(inner)

    parts.extend(p.text for p in doc.paragraphs)
    for table in doc.tables:
        table_text(table)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            parts.extend(p.text for p in part.paragraphs)
    return parts


def workbook_content(path: Path) -> dict[str, Any]:
    """A canonical dump of what a workbook holds, to compare two workbooks by content:
    sheets (in order, with visibility), every non-empty cell's value or formula, data
    validations, frozen panes, print titles and column widths."""
    book = openpyxl.load_workbook(path)
    content: dict[str, Any] = {"sheets": []}
    for ws in book.worksheets:
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row
                 if c.value is not None}
        validations = sorted((str(dv.sqref), dv.type, dv.formula1, dv.formula2)
                             for dv in ws.data_validations.dataValidation)
        widths = {k: round(v.width, 2) for k, v in ws.column_dimensions.items() if v.width}
        content["sheets"].append({
            "title": ws.title, "state": ws.sheet_state, "cells": cells,
            "validations": validations, "freeze": ws.freeze_panes,
            "print_titles": ws.print_title_rows, "widths": widths,
        })
    return content


def cached_values(path: Path) -> dict[str, dict[str, object]]:
    """Every sheet's computed values, as Excel or LibreOffice last saved them."""
    book = openpyxl.load_workbook(path, data_only=True)
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row
                       if c.value is not None} for ws in book.worksheets}


def digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (by relative path) -> its SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def same_outputs(first: Path, second: Path, consolidated: str, annex: str) -> None:
    """Two builds wrote the same consolidated workbook and the same annex."""
    assert workbook_content(first / consolidated) == workbook_content(second / consolidated)
    assert cached_values(first / consolidated) == cached_values(second / consolidated)
    assert document_text(first / annex) == document_text(second / annex)


# -- the distribution round -------------------------------------------------------------

ENTE = SAMPLE / "Ente.xlsx"
DUE = dt.date(2030, 10, 31)
# Settori of the sample's organigram -> their heads and addresses
SECTORS = {
    "Settore Finanziario": ("Ferri Raffaella", "ragioneria@comune.calcinate.bg.it"),
    "Settore Affari Generali": ("Cairo Micaela", "segreteria@comune.calcinate.bg.it"),
    "Settore Demografico": ("Airoldi Sonia", "stato.civile@comune.calcinate.bg.it"),
    "Settore Gestione del Territorio": ("Spinelli Carlo", "edilizia@comune.calcinate.bg.it"),
    "Settore Polizia Locale - Commercio": ("Mastroiusto Marco",
                                           "polizialocale@comune.calcinate.bg.it"),
}


def consolidated(folder: Path) -> Path:
    """The sample's consolidated workbook, as `build` writes it (the 2022 plan)."""
    return write_consolidated(read_and_check(SAMPLE), folder / "piano-2022-consolidato.xlsx")


def outbox(folder: Path, *, year: int | None = 2023, previous: Path | None = None
           ) -> Distribution:
    """The distribution round prepared from the sample's ente."""
    return prepare_outbox(ENTE, folder, year=year, previous_path=previous, due=DUE,
                          today=dt.date(2030, 10, 1))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
