"""The library functions behind the commands: read a folder and check it (a ``Report``),
then write the consolidated workbook, the annex and the findings reports (``build``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from pianoperf_xl import parallel
from pianoperf_xl.model import Plan
from pianoperf_xl.report import Report

if TYPE_CHECKING:
    from pianoperf_xl.interpret import PlanReading


def read_and_check(folder: str | Path, *, year: int | None = None,
                   approval_date: dt.date | None = None, select: Iterable[str] = (),
                   ignore: Iterable[str] = ()) -> PlanReading:
    """Read every workbook of ``folder``, interpret the plan once and run the cross-checks
    on that reading; findings in the plan. The writers take the same reading."""
    from pianoperf_xl.checks import run_checks
    from pianoperf_xl.interpret import interpret
    from pianoperf_xl.read import read_plan

    plan = read_plan(folder, year=year)
    plan.approval_date_override = approval_date
    reading = interpret(plan)
    run_checks(reading, select=select, ignore=ignore)
    return reading


def check_folder(folder: str | Path, *, year: int | None = None,
                 approval_date: dt.date | None = None, select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> Report:
    """Read every workbook of ``folder``, interpret the plan once and run the cross-checks:
    the report, with the plan and its reading for what is written from them."""
    reading = read_and_check(folder, year=year, approval_date=approval_date, select=select,
                             ignore=ignore)
    return Report.of(reading.plan, reading)


@dataclass
class BuildResult:
    report: Report
    outputs: list[Path]
    pdf_problem: str | None = None  # why the PDF could not be made, when asked for


def output_names(plan: Plan) -> dict[str, str]:
    stem = f"piano-{plan.year}" if plan.year else "piano"
    return {"consolidated": f"{stem}-consolidato.xlsx", "annex": f"{stem}-allegato-A.docx",
            "pdf": f"{stem}-allegato-A.pdf", "json": f"{stem}-verifiche.json",
            "html": f"{stem}-verifiche.html", "deliberation": f"{stem}-delibera.docx",
            "csv": f"{stem}-obiettivi.csv", "opendata": f"{stem}-obiettivi.json"}


# From this many indicators on, the annex is written beside the consolidated workbook.
BESIDE_MIN_INDICATORS = 2_000


def _indicators(plan: Plan) -> int:
    return sum(len(objective.indicators) for objective in plan.objectives)


def _annex_with_charts(drawing: parallel.Beside | None, *args: object,
                       **options: object) -> Path:
    """In the annex's process: the annex, with the charts the drawing process drew."""
    from pianoperf_xl.write.annex import write_annex

    return write_annex(*args, **options, charts=drawing.answer() if drawing else None)


def build(folder: str | Path, out_dir: str | Path, *, year: int | None = None,
          approval_date: dt.date | None = None, delibera_numero: str | None = None,
          delibera_data: dt.date | None = None, pdf: bool = False,
          base_docx: str | Path | None = None, piao: bool = False,
          progress: Callable[[str], None] = lambda step: None) -> BuildResult:
    """The main job: check the folder, then write the consolidated workbook, the annex
    and the draft deliberation (marked BOZZA when errors exist), the open data and the
    findings report into ``out_dir``. ``piao``: the annex framed as PIAO subsection 2.2."""
    from pianoperf_xl.inputs import build_inputs
    from pianoperf_xl.office import OfficeUnavailable
    from pianoperf_xl.write.annex import annex_to_pdf, charts, write_annex
    from pianoperf_xl.write.annex.styles import open_base
    from pianoperf_xl.write.consolidated import write_consolidated
    from pianoperf_xl.write.output_set import OutputSet
    from pianoperf_xl.write.deliberation import write_deliberation
    from pianoperf_xl.write.opendata import write_open_data
    from pianoperf_xl.write.report import write_html_report, write_json_report

    if base_docx is not None:
        open_base(base_docx)  # an unusable base document stops the run before any output
    progress("Lettura e verifica dei file")
    report = check_folder(folder, year=year, approval_date=approval_date)
    reading, plan = report.reading, report.plan
    names = output_names(plan)
    annex_options = {"delibera_numero": delibera_numero, "delibera_data": delibera_data,
                     "base": base_docx, "piao": piao}
    pdf_problem = None
    annex_beside = _indicators(plan) >= BESIDE_MIN_INDICATORS and parallel.worth_it()
    # The annex's charts (matplotlib's import and drawing: most of a small plan's annex
    # time) are drawn by a second process while the reports, the deliberation and the
    # open data are written here. For a big plan it is a new interpreter (a forked one
    # would keep the original of every page of the plan these writers touch, copied on
    # write), and the annex's process takes its pictures instead of importing
    # matplotlib itself: about 50 MB less at the build's peak on L.
    drawing = None
    if charts.has_any(plan.ente) and parallel.worth_it():
        start = parallel.Beside.fresh if annex_beside else parallel.Beside
        drawing = start(charts.draw_all, plan.ente, reading.year)
    beside = None
    try:
        with OutputSet(out_dir) as staged:
            progress("Report delle verifiche")
            write_json_report(report, staged.path(names["json"]),
                              inputs=build_inputs(folder))
            write_html_report(report, staged.path(names["html"]))
            progress("Proposta di deliberazione e dati aperti")
            write_deliberation(reading, staged.path(names["deliberation"]), **annex_options)
            write_open_data(reading, staged.path(names["csv"]),
                            staged.path(names["opendata"]))
            annex_args = (reading, staged.path(names["annex"]))
            # A big plan's annex is written by a second process while this one writes
            # the consolidated workbook (the two need nothing from each other); started
            # last, it rarely waits for its charts.
            beside = (parallel.Beside(_annex_with_charts, drawing, *annex_args,
                                      **annex_options) if annex_beside else None)
            progress("Cartella di lavoro consolidata")
            write_consolidated(reading, staged.path(names["consolidated"]))
            progress("Allegato A (Word)")
            annex = (beside.result() if beside else write_annex(
                *annex_args, **annex_options, charts=drawing.result() if drawing else None))
            if pdf:
                progress("Allegato A in PDF/A (LibreOffice)")
                try:
                    annex_to_pdf(annex, staged.path(names["pdf"]))
                except OfficeUnavailable as exc:
                    pdf_problem = str(exc)
            # the record of the inputs last; an older PDF would look like this annex's
            outputs = staged.publish(last=names["json"], drop=(names["pdf"],))
    finally:
        for child in (beside, drawing):
            if child:
                child.stop()
    return BuildResult(report, outputs, pdf_problem)
