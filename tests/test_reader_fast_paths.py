"""The reader's per-cell fast paths give the general path's answer, on the same corpus as
the fast sheet scan: the sample and the hostile inputs of ``tests/data/broken``.

- ``cells.quick_value`` (the commonest cells read without a ``Location``) answers only
  where ``CellReader._convert`` gives the same value and reports nothing;
- the whole corpus read with the fast paths and with the general path alone (every
  cell through ``_convert``) gives the same plans and the same findings.

So do the other ways the reader saves work: plain rows read without a call per cell
(``sheets._read_row``), the parts ``safety.check_file`` keeps inflated for the scan and
the package, and the files opened, checked and read by forked workers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

import pytest

from pianoperf_xl import spec as specs
from pianoperf_xl.findings import FindingList, Location
import pianoperf_xl.read as reader
from pianoperf_xl.read import cells, read_plan, sheets
from pianoperf_xl.read.cells import CellReader, quick_value
from pianoperf_xl.read import workbook
from pianoperf_xl.read.safety import UnreadableWorkbook, check_file, read_entry
from pianoperf_xl.read.workbook import NotComputed, Workbook
from pianoperf_xl.spec import base

from helpers import BROKEN, SAMPLE


def _folders() -> list[Path]:
    return [SAMPLE] + sorted(p for p in BROKEN.iterdir() if p.is_dir())


def _raw_values() -> list:
    """Every distinct value of every sheet of the corpus, and the odd ones on purpose."""
    values = {"", " ", "  \t", "a\nb", "x" * 40_000, "\u200btesto", "testo\x07", " testo ",
              "100%", "1.234,50", "31/12/2022", "VERO"}
    odd = [NotComputed(), NotComputed("#DIV/0!"), NotComputed(formula="SUM(A1:A2)"), 0.0,
           1.5, -3.0, float("nan"), float("inf"), True, False, dt.date(2022, 3, 1),
           dt.datetime(2022, 3, 1, 10, 30), dt.time(9, 0), None]
    for folder in _folders():
        for path in sorted(folder.glob("*.xls*")):
            try:
                book = Workbook(path)
                for name in book.sheet_names:
                    for row in book.rows(name):
                        values.update(v for v in row if isinstance(v, str)
                                      and not isinstance(v, NotComputed))
                        odd.extend(v for v in row if not isinstance(v, str)
                                   or isinstance(v, NotComputed))
            except UnreadableWorkbook:
                continue
    return sorted(values) + odd


def _fields() -> list:
    """One field of every type the templates use, required and not."""
    found = {}
    for kind in specs.KINDS:
        for sheet in specs.spec_for(kind, 2022).sheets:
            for field in getattr(sheet, "fields", ()) or getattr(sheet, "columns", ()) or \
                    getattr(sheet, "value_columns", ()):
                found.setdefault((field.type, field.required, field.choices), field)
    for field in list(found.values()):
        twin = dataclasses.replace(field, required=not field.required)
        found.setdefault((twin.type, twin.required, twin.choices), twin)
    return list(found.values())


def test_quick_value_is_the_general_conversion_where_it_answers():
    answered = 0
    fields = _fields()
    assert {f.type for f in fields} >= {base.TEXT, base.LONG_TEXT, base.CHOICE, base.INT,
                                        base.DATE, base.PERCENT}
    for raw in _raw_values():
        for field in fields:
            quick = quick_value(raw, field)
            if quick is cells._UNSEEN:
                continue
            answered += 1
            findings = FindingList()
            general = CellReader("f.xlsx", 2022, findings)._convert(
                raw, field, Location("f.xlsx", "Foglio", "A1"), False)
            assert (quick, findings.items) == (general, []), (raw, field)
    assert answered > 1_000  # the corpus's texts and blanks, for every field


def _plan_facts(folder: Path) -> tuple:
    plan = read_plan(folder)
    records = []
    for sector in plan.sectors:
        records.append(sector.record)
        records.extend(m.record for m in sector.staff)
        records.extend(i.record for o in sector.objectives for i in o.indicators)
    for item in (plan.ente, plan.budget):
        if item is not None:
            records.extend(v for v in vars(item).values()
                           if type(v).__name__ == "Record")
    return (plan.findings, [(r.file, r.sheet, r.row, r.values, r.cells, r.typed)
                            for r in records], plan.objectives, plan.staff)


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_reading_with_and_without_the_fast_paths_gives_one_plan(folder, monkeypatch):
    fast = _plan_facts(folder)
    monkeypatch.setattr(cells, "quick_value", lambda raw, field: cells._UNSEEN)
    assert _plan_facts(folder) == fast


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_reading_without_the_quick_rows_gives_one_plan(folder, monkeypatch):
    """``sheets._read_row`` takes plain text the quick way in rows it deems plain; with
    every row sent through ``_read`` (and ``quick_value`` off) the plan is the same."""
    fast = _plan_facts(folder)
    monkeypatch.setattr(sheets, "_slow_rows", lambda data: set(range(len(data.rows))))
    monkeypatch.setattr(cells, "quick_value", lambda raw, field: cells._UNSEEN)
    assert _plan_facts(folder) == fast


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_reading_in_forked_workers_gives_one_plan(folder, monkeypatch):
    """Files opened, checked and read by forked workers (each its own share) give the
    plan, findings and their order of reading them all here."""
    here = read_plan(folder)
    monkeypatch.setattr(reader, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(reader.parallel, "cores", lambda: 3)
    assert read_plan(folder) == here


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_the_parts_kept_by_the_check_are_the_parts(folder):
    """``check_file`` keeps, of the parts asked, the bytes ``read_entry`` gives."""
    for path in sorted(folder.glob("*.xls*")):
        try:
            parts = check_file(path, keep=lambda info: True)
        except UnreadableWorkbook:
            continue
        with zipfile.ZipFile(path) as archive:
            assert parts.names == set(archive.namelist())
            for name, data in parts.data.items():
                assert data == read_entry(path.name, archive, name)


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_reading_without_the_kept_parts_gives_one_plan(folder, monkeypatch):
    """The sheet scan and the package read from the parts the check kept, or from the
    archive again: one plan, the same findings (the refusals of the hostile files too)."""
    kept = _plan_facts(folder)
    monkeypatch.setattr(workbook, "_kept", lambda info: False)
    assert _plan_facts(folder) == kept
