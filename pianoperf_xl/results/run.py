"""A results round end to end: read the approved plan and the returned files, check,
measure, and write the consolidated results workbook and the Word documents."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.measure.rules import measure_row
from pianoperf_xl.measure.tables import IndicatorResult
from pianoperf_xl.report import Report
from pianoperf_xl.results import FINAL, MONITORING
from pianoperf_xl.results.checks import (
    match_rows, missing_sector, return_findings, row_findings,
)
from pianoperf_xl.results.read import Returns, read_returns

NOT_MEASURABLE_CODE = "indicator-not-measurable"
_ROW = re.compile(r"(\d+)$")


@dataclass
class RoundResult:
    """A round checked and measured: the plan's reading, the returns, each indicator's
    score, the findings of the round and the measurement tables."""

    reading: PlanReading
    returns: Returns
    results: list[IndicatorResult]
    findings: list[Finding]
    tables: dict[str, Any] = field(default_factory=dict)  # name -> DataFrame, "ente" -> float

    @property
    def year(self) -> int:
        return self.reading.year

    @property
    def report(self) -> Report:
        stats = {**self.reading.plan.stats(), "files": len(self.returns.files)}
        return Report(self.year, stats, tuple(self.findings), len(self.returns.returns))


def not_measurable_rows(reading: PlanReading) -> set[tuple[str, str | None, int]]:
    """(file, sheet, row) of the indicators the plan's checks found not measurable."""
    rows = set()
    for f in reading.plan.findings:
        if f.code == NOT_MEASURABLE_CODE and f.cell and (m := _ROW.search(f.cell)):
            rows.add((f.file, f.sheet, int(m.group(1))))
    return rows


def measure_round(results_folder: str | Path, plan_folder: str | Path, *,
                  round_kind: str | None = None, reference_date: dt.date | None = None
                  ) -> RoundResult:
    from pianoperf_xl.measure import tables as t
    from pianoperf_xl.pipeline import read_and_check

    if not Path(results_folder).is_dir():
        raise Unusable(f"La cartella dei risultati «{results_folder}» non esiste.")
    reading = read_and_check(plan_folder)
    if not reading.plan.sectors:
        raise Unusable(f"Nella cartella del piano «{plan_folder}» non c'è nessun settore "
                       "leggibile: indicare la cartella delle schede del piano approvato.")
    returns = read_returns(results_folder, reading.plan.sectors, reading.year, round_kind,
                           reference_date)
    findings = list(returns.findings)
    flagged = not_measurable_rows(reading)
    results = []
    for returned in returns.returns:
        findings.extend(return_findings(returned, returns))
    matched: dict[int, Any] = {}
    for returned in returns.returns:
        rows, found = match_rows(reading, returned)
        matched.update(rows)
        findings.extend(found)
    for ir in reading.indicators:
        row = matched.get(id(ir))
        record = ir.indicator.record
        score = measure_row(ir, row, returns.settings,
                            (record.file, record.sheet, record.row) in flagged)
        results.append(IndicatorResult(ir, row, score))
        if row is not None:
            findings.extend(row_findings(ir, row, score, returns))
    findings.extend(missing_sector(reading, returns))
    outcome = RoundResult(reading, returns, results, findings)
    indicators = t.indicator_frame(results)
    objectives = t.objective_frame(reading, indicators)
    outcome.tables = {"indicatori": indicators, "obiettivi": objectives,
                      "settori": t.weighted(objectives, "settore"),
                      "aree": t.weighted(objectives, "area"),
                      "persone": t.person_frame(reading, objectives),
                      "ente": t.weighted(objectives, None)}
    return outcome


def compare_with(outcome: RoundResult, mid_year: str | Path, plan_folder: str | Path) -> None:
    """Add the monitoring round's objective percentages beside these (table «confronto»)."""
    from pianoperf_xl.measure.tables import comparison_frame

    earlier = measure_round(mid_year, plan_folder)
    if earlier.returns.round_kind != MONITORING:
        raise Unusable(f"La cartella «{mid_year}» indicata con --monitoraggio non contiene i "
                       "rendiconti di un monitoraggio.")
    outcome.tables["confronto"] = comparison_frame(earlier.tables["obiettivi"],
                                                   outcome.tables["obiettivi"])
    outcome.tables["data_monitoraggio"] = earlier.returns.reference_date


def annotate_returns(outcome: RoundResult, results_folder: str | Path, out_dir: str | Path
                     ) -> list[tuple[str, Path | str]]:
    """A copy of each returned file with findings, its cells highlighted and commented as
    ``pianoperf annotate`` does for the plan: (file, copy) or (file, why no copy)."""
    return annotate_files(results_folder, out_dir, [r.file for r in outcome.returns.returns],
                          outcome.findings, "dei rendiconti restituiti")


def annotate_files(folder: str | Path, out_dir: str | Path, files: list[str],
                   findings: list[Finding], what: str) -> list[tuple[str, Path | str]]:
    """An annotated copy of each of ``files`` (in ``folder``) that has findings, into
    ``out_dir``; ``what`` names the folder's files in the message refusing to write over
    them."""
    from pianoperf_xl.distribute.annotate import Unfaithful, annotate_workbook

    folder, out_dir = Path(folder), Path(out_dir)
    if out_dir.resolve() == folder.resolve():
        raise Unusable(f"La cartella delle copie annotate deve essere diversa da quella {what}: "
                       "i file restituiti non vengono mai modificati.")
    done: list[tuple[str, Path | str]] = []
    for file in files:
        own = [f for f in findings if f.file == file]
        if not own:
            continue
        try:
            copy, _ = annotate_workbook(folder / file, out_dir / file, own)
            done.append((file, copy))
        except Unfaithful as exc:
            done.append((file, str(exc)))
    return done


def output_names(outcome: RoundResult) -> dict[str, str]:
    year, kind = outcome.year, outcome.returns.round_kind
    day = outcome.returns.reference_date.isoformat()
    stem = f"risultati-{year}-{kind}-{day}"
    document = (f"relazione-performance-{year}.docx" if kind == FINAL
                else f"report-monitoraggio-{year}-{day}.docx")
    return {"workbook": f"{stem}.xlsx", "document": document,
            "pdf": document.replace(".docx", ".pdf"),
            "json": f"{stem}-verifiche.json", "html": f"{stem}-verifiche.html"}


def run_round(results_folder: str | Path, plan_folder: str | Path, out_dir: str | Path, *,
              round_kind: str | None = None, reference_date: dt.date | None = None,
              mid_year: str | Path | None = None,
              base_docx: str | Path | None = None, pdf: bool = False,
              progress: Callable[[str], None] = lambda step: None
              ) -> tuple[RoundResult, list[Path], str | None]:
    """Check and measure the round, then write its outputs into ``out_dir``; returns the
    outcome, the files written and why the PDF could not be made (when asked for)."""
    from pianoperf_xl.inputs import build_inputs
    from pianoperf_xl.office import OfficeUnavailable
    from pianoperf_xl.write.annex import annex_to_pdf
    from pianoperf_xl.write.annex.styles import open_base
    from pianoperf_xl.write.report import write_html_report, write_json_report
    from pianoperf_xl.write.results.document import write_round_document
    from pianoperf_xl.write.results.workbook import write_results_workbook

    if base_docx is not None:
        open_base(base_docx)
    progress("Lettura del piano e dei rendiconti, verifiche e misurazione")
    outcome = measure_round(results_folder, plan_folder, round_kind=round_kind,
                            reference_date=reference_date)
    if mid_year is not None:
        compare_with(outcome, mid_year, plan_folder)
    out_dir = Path(out_dir)
    names = output_names(outcome)
    report = outcome.report
    # the JSON report keeps each returned file's SHA-256, for «status --build»
    outputs = [write_json_report(report, out_dir / names["json"],
                                 inputs=build_inputs(results_folder)),
               write_html_report(report, out_dir / names["html"])]
    progress("Cartella di lavoro dei risultati")
    outputs.append(write_results_workbook(outcome, out_dir / names["workbook"]))
    progress("Relazione sulla performance" if outcome.returns.round_kind == FINAL
             else "Report di monitoraggio")
    document = write_round_document(outcome, out_dir / names["document"], base=base_docx)
    outputs.append(document)
    problem = None
    if pdf:
        try:
            outputs.append(annex_to_pdf(document, out_dir / names["pdf"]))
        except OfficeUnavailable as exc:
            problem = str(exc)
    return outcome, outputs, problem

