"""One reading of the plan: the deadline and «what is measured» of every indicator, as the
consolidated workbook and the Allegato A show them, are the ones the checks judged.

Each plan is built by the real pipeline (``build``), its outputs opened again (openpyxl,
python-docx), and every indicator compared with the reading of the same folder; the
findings of the deadline and indicator checks are tied to the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.deadlines import COUNT, DATE, MISSING
from pianoperf_xl.pipeline import build, read_and_check
from pianoperf_xl.write.annex.text import COLS_OBJECTIVES, LABEL_DEADLINE, LABEL_TARGET

from helpers import SAMPLE, benchmark_module

# Findings whose value is the deadline's text, and the one whose value is what is measured.
ON_THE_DEADLINE = {"indicator-not-measurable", "deadline-unparsed", "deadline-outside-year",
                   "deadline-before-approval"}
ON_THE_MEASURE = {"indicator-no-target"}


def _benchmark_size(name: str) -> dict:
    """The arguments of one of the benchmark's sizes (benchmarks/run.py)."""
    return benchmark_module("run").SIZES[name].generate


def _generate(folder: Path, arguments: dict) -> Path:
    import generate  # benchmarks/generate.py, on the path after _benchmark_size

    return generate.generate_plan(folder, **arguments).folder


# --- what the outputs show --------------------------------------------------------------


def workbook_rows(path: Path) -> list[dict]:
    """The «Obiettivi» sheet's data rows, header -> value."""
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Obiettivi"].iter_rows(values_only=True))
    book.close()
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Settore")
    header = [h for h in rows[start] if h is not None]
    return [dict(zip(header, row)) for row in rows[start + 1:]
            if any(v is not None for v in row[:len(header)])]


def annex_cells(path: Path) -> list[list[str]]:
    """The «Indicatore / target / scadenza» cell of every data row of the sectors'
    objectives tables, in order: the text of each of its paragraphs."""
    document = docx.Document(str(path))
    column = COLS_OBJECTIVES.index("Indicatore / target / scadenza")
    cells = []
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        if not rows or _text(rows[0].findall(qn("w:tc"))[0]) != COLS_OBJECTIVES[0]:
            continue
        for row in rows[1:]:
            tc = row.findall(qn("w:tc"))[column]
            cells.append([text for p in tc.findall(qn("w:p")) if (text := _text(p))])
    return cells


def _text(element) -> str:
    return "".join(element.xpath(".//w:t/text()"))


def expected_cell(read) -> list[str]:
    """The annex cell of an indicator as the reading has it."""
    cell = [read.measure] if read.measure else []
    if read.indicator.target:
        cell.append(f"{LABEL_TARGET}{read.indicator.target}")
    if read.deadline_text:
        cell.append(f"{LABEL_DEADLINE}{read.deadline_text}")
    return cell


def as_datetime(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time()) if day else None


# --- the comparison ---------------------------------------------------------------------


def assert_one_reading(folder: Path, out: Path) -> PlanReading:
    """Build ``folder``; every indicator reads the same in the checks and both outputs."""
    result = build(folder, out)
    reading = read_and_check(folder)  # the same folder read again: what the checks judged
    assert sorted(map(str, result.report.findings)) == sorted(map(str, reading.plan.findings))
    [workbook] = [p for p in result.outputs if p.suffix == ".xlsx"]
    [annex] = [p for p in result.outputs if p.name.endswith("-allegato-A.docx")]

    rows, cells = workbook_rows(workbook), annex_cells(annex)
    # the workbook and the annex print the sectors in the organigram's order
    reads = [reading.of(i) if i else None
             for o in reading.objectives for i in (o.indicators or [None])]
    assert len(rows) == len(cells) == len(reads)
    for row, read in zip(rows, reads):
        if read is None:  # an objective with no indicator row
            continue
        where = (read.indicator.record.file, read.indicator.record.row)
        assert (row["Indicatore"], row["Scadenza"]) == (read.measure, read.deadline_text), where
        assert row["Tipo di scadenza"] == read.deadline.label, where
        assert row["Data di scadenza"] == as_datetime(read.deadline.date), where
    for cell, read in zip(cells, reads):
        if read is not None:
            assert cell == expected_cell(read), (read.indicator.record.file,
                                                 read.indicator.record.row)

    # The checks' findings on a deadline or a measure name the text the outputs show.
    by_cell = {(r.indicator.record.file, r.at(key).cell): r for r in reading.indicators
               for key in (r.deadline_key, r.measure_key) if key}
    tied = [f for f in reading.plan.findings if f.code in ON_THE_DEADLINE | ON_THE_MEASURE]
    for finding in tied:
        read = by_cell[(finding.file, finding.cell)]
        shown = read.measure if finding.code in ON_THE_MEASURE else read.deadline.text
        assert finding.value == shown, finding
    return reading


def test_the_sample_reads_the_same_everywhere(tmp_path):
    reading = assert_one_reading(SAMPLE, tmp_path / "out")
    # The seven «Numero ...» rows of Polizia Locale with «Scadenza» blank: counts to
    # report, as the checks judge them, in the workbook and in the annex alike.
    counts = [r for r in reading.indicators
              if r.indicator.deadline is None and r.deadline.kind == COUNT]
    assert [(r.objective.ref, r.indicator.record.row) for r in counts] == [
        ("PL.01", 5), ("PL.04", 9), ("PL.06", 11), ("PL.07", 12), ("PL.08", 13),
        ("PL.10", 15), ("PL.11", 16)]
    assert all(r.deadline.label == "numero da rendicontare" and r.deadline_text is None
               and r.measure == r.indicator.description for r in counts)


def test_a_deadline_typed_in_indicatore_reads_the_same_everywhere(make_workbook, tmp_path):
    """«entro 31/12» in «Indicatore» with «Scadenza» blank is a deadline, dated in the plan
    year; a count typed alone in «Scadenza» is what is measured; an indicator that is no
    deadline leaves the deadline missing."""
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [
        {"codice": "ST.01", "obiettivo": "Archivio", "indicatore": "entro 31/12",
         "personale": "Rossi"},
        {"codice": "ST.02", "obiettivo": "Controlli", "scadenza": "Numero di controlli",
         "personale": "Rossi"},
        {"codice": "ST.03", "obiettivo": "Relazioni", "indicatore": "Relazioni di servizio",
         "target": "4", "personale": "Rossi"},
    ]
    make_workbook("settore", {
        "Settore": {"ente": "Comune di Prova", "settore": "Settore Tecnico",
                    "responsabile": "Rossi Mario"},
        "Personale": [{"nome": "Rossi Mario", "categoria": "D1", "rapporto": "dipendente"}],
        "Obiettivi": rows}, name="Settore Tecnico.xlsx", folder=folder)
    reading = assert_one_reading(folder, tmp_path / "out")
    by_ref = {r.objective.ref: r for r in reading.indicators}
    dated, counted, missing = by_ref["ST.01"], by_ref["ST.02"], by_ref["ST.03"]
    assert (dated.deadline.kind, dated.deadline.date, dated.measure, dated.deadline_text) == (
        DATE, dt.date(2022, 12, 31), None, "entro 31/12")
    assert (counted.deadline.kind, counted.measure, counted.deadline_text) == (
        COUNT, "Numero di controlli", None)
    assert (missing.deadline.kind, missing.measure, missing.deadline_text) == (
        MISSING, "Relazioni di servizio", None)


def test_a_generated_plan_of_benchmark_size_m_reads_the_same_everywhere(tmp_path):
    """Size M (20 sectors, 500 objectives, 1,000 indicators, 600 people): about a minute
    to generate and build on a shared two-core machine."""
    folder = _generate(tmp_path / "m", _benchmark_size("M"))
    reading = assert_one_reading(folder, tmp_path / "out")
    assert len(reading.indicators) == 1_000
