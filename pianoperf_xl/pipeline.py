"""The library functions behind the commands: read a folder, check it, (later) write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pianoperf_xl import parallel
from pianoperf_xl.model import Plan


def check_folder(folder: str | Path, *, year: int | None = None,
                 approval_date: dt.date | None = None, select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> Plan:
    """Read every workbook of ``folder`` and run the cross-checks; findings in the plan."""
    from pianoperf_xl.checks import run_checks
    from pianoperf_xl.read import read_plan

    plan = read_plan(folder, year=year)
    plan.approval_date_override = approval_date
    run_checks(plan, select=select, ignore=ignore)
    return plan


@dataclass
class BuildResult:
    plan: Plan
    outputs: list[Path]
    pdf_problem: str | None = None  # why the PDF could not be made, when asked for


def output_names(plan: Plan) -> dict[str, str]:
    stem = f"piano-{plan.year}" if plan.year else "piano"
    return {"consolidated": f"{stem}-consolidato.xlsx", "annex": f"{stem}-allegato-A.docx",
            "pdf": f"{stem}-allegato-A.pdf", "json": f"{stem}-verifiche.json",
            "html": f"{stem}-verifiche.html"}


# From this many indicators on, the annex is written beside the consolidated workbook.
BESIDE_MIN_INDICATORS = 2_000


def _indicators(plan: Plan) -> int:
    return sum(len(objective.indicators) for objective in plan.objectives)


def build(folder: str | Path, out_dir: str | Path, *, year: int | None = None,
          approval_date: dt.date | None = None, delibera_numero: str | None = None,
          delibera_data: dt.date | None = None, pdf: bool = False,
          base_docx: str | Path | None = None,
          progress: Callable[[str], None] = lambda step: None) -> BuildResult:
    """The main job: check the folder, then write the consolidated workbook, the annex
    (marked BOZZA when errors exist) and the findings report into ``out_dir``."""
    from pianoperf_xl.inputs import build_inputs
    from pianoperf_xl.office import OfficeUnavailable
    from pianoperf_xl.write.annex import annex_to_pdf, write_annex
    from pianoperf_xl.write.annex.styles import open_base
    from pianoperf_xl.write.consolidated import write_consolidated
    from pianoperf_xl.write.report import write_html_report, write_json_report

    if base_docx is not None:
        open_base(base_docx)  # an unusable base document stops the run before any output
    progress("Lettura e verifica dei file")
    plan = check_folder(folder, year=year, approval_date=approval_date)
    out_dir = Path(out_dir)
    names = output_names(plan)
    progress("Report delle verifiche")
    outputs = [write_json_report(plan, out_dir / names["json"], inputs=build_inputs(folder)),
               write_html_report(plan, out_dir / names["html"])]
    annex_args = (plan, out_dir / names["annex"])
    annex_options = {"delibera_numero": delibera_numero, "delibera_data": delibera_data,
                     "base": base_docx}
    # A big plan's annex is written by a second process while this one writes the
    # consolidated workbook (the two need nothing from each other).
    beside = (parallel.Beside(write_annex, *annex_args, **annex_options)
              if _indicators(plan) >= BESIDE_MIN_INDICATORS and parallel.worth_it() else None)
    progress("Cartella di lavoro consolidata")
    outputs.append(write_consolidated(plan, out_dir / names["consolidated"]))
    progress("Allegato A (Word)")
    annex = beside.result() if beside else write_annex(*annex_args, **annex_options)
    outputs.append(annex)
    result = BuildResult(plan, outputs)
    if pdf:
        progress("Allegato A in PDF/A (LibreOffice)")
        try:
            outputs.append(annex_to_pdf(annex, out_dir / names["pdf"]))
        except OfficeUnavailable as exc:
            result.pdf_problem = str(exc)
    return result
