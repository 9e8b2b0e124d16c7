"""An evaluation round end to end: the approved plan, the year-end results measured by
the results round, the returned schede; checks, scores, the funds split, and the outputs.

``evaluate`` computes the :class:`~pianoperf_xl.evaluation.model.Evaluation`;
``write_outputs`` is the one place where it is written (the findings report here; the
Word schede, the private workbook and the public tables of ``write/evaluation`` join it
there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import Finding
from pianoperf_xl.evaluation import checks
from pianoperf_xl.evaluation.model import Evaluation
from pianoperf_xl.evaluation.people import figures_of, roster
from pianoperf_xl.evaluation.prepare import year_days
from pianoperf_xl.evaluation.read import read_schede, read_settings
from pianoperf_xl.evaluation.score import match_schede, score_person, split_funds
from pianoperf_xl.report import Report
from pianoperf_xl.results import FINAL


def measured(results_folder: str | Path, plan_folder: str | Path):
    """The year-end results round, measured (``results.run.measure_round``)."""
    from pianoperf_xl.results.run import measure_round

    outcome = measure_round(results_folder, plan_folder)
    if outcome.returns.round_kind != FINAL:
        raise Unusable(f"La cartella «{results_folder}» contiene i rendiconti di un "
                       "monitoraggio: la valutazione individuale si fa sul consuntivo di fine "
                       "anno.")
    return outcome


def results_settings_file(outcome, results_folder: str | Path) -> Path | None:
    source = outcome.returns.settings.source
    return Path(results_folder) / source if source else None


def evaluate(schede_folder: str | Path, plan_folder: str | Path,
             results_folder: str | Path) -> Evaluation:
    """Read, check and compute an evaluation round."""
    return assess(schede_folder, plan_folder, results_folder)[0]


def assess(schede_folder: str | Path, plan_folder: str | Path, results_folder: str | Path
           ) -> tuple[Evaluation, Report]:
    """The evaluation round computed, and the report of its findings."""
    outcome = measured(results_folder, plan_folder)
    reading = outcome.reading
    schede = read_schede(schede_folder, reading.year,
                         results_settings_file(outcome, results_folder))
    settings = schede.settings
    findings = list(schede.findings)
    people = roster(reading, settings, figures_of(outcome.tables))
    evaluated = [e for e in people if e.group is not None]
    findings.extend(checks.no_group(e) for e in people if e.group is None)
    findings.extend(f for e in people if (f := checks.no_objective(e)) is not None)
    filled, problems = match_schede(evaluated, schede.schede)
    findings.extend(problems)
    days = year_days(reading.year)
    scored = []
    for evaluee in evaluated:
        person, problems = score_person(evaluee, filled.get(id(evaluee)), settings, days)
        scored.append(person)
        findings.extend(problems)
    findings.extend(checks.no_differentiation(scored, settings))
    findings.extend(checks.fund_findings(settings, {e.group.code for e in evaluated}))
    scored, funds = split_funds(scored, settings)
    ente = reading.plan.ente.name if reading.plan.ente else ""
    evaluation = Evaluation(reading.year, ente or "", settings.groups, scored, funds,
                            findings, settings.privacy_threshold,
                            invented=any(s.invented for s in schede.schede),
                            notes=settings.notes)
    stats = {**reading.plan.stats(), "files": len(schede.files)}
    return evaluation, Report(reading.year, stats, tuple(findings), len(schede.schede))


def prepare_round(plan_folder: str | Path, results_folder: str | Path, out_dir: str | Path,
                  due=None) -> tuple[list[Path], list[Finding]]:
    """``evaluation-templates``: one pre-filled workbook per evaluator; the findings on
    the settings and on the people the schede cannot be made for."""
    from pianoperf_xl.evaluation.prepare import write_schede
    from pianoperf_xl.evaluation.settings import default_settings

    outcome = measured(results_folder, plan_folder)
    settings_file = results_settings_file(outcome, results_folder)
    settings, findings = read_settings(settings_file, outcome.year) if settings_file \
        else (default_settings(), [])
    people = roster(outcome.reading, settings, figures_of(outcome.tables))
    findings.extend(checks.no_group(e) for e in people if e.group is None)
    return write_schede(outcome.reading, people, settings, out_dir, due=due,
                        settings_file=settings_file), findings


def write_outputs(evaluation: Evaluation, out_dir: str | Path, report: Report, *,
                  base_docx: str | Path | None = None, pdf: bool = False,
                  inputs: dict[str, str] | None = None) -> list[Path]:
    """Everything a round writes, from the computed ``evaluation``: the schede, the
    private workbook and the findings report in the private folder, the transparency
    tables in the public one (``write/evaluation``)."""
    from pianoperf_xl.write.evaluation import write_evaluation

    return write_evaluation(evaluation, out_dir, base_docx=base_docx, pdf=pdf, report=report,
                            inputs=inputs)


def run_evaluation(schede_folder: str | Path, plan_folder: str | Path,
                   results_folder: str | Path, out_dir: str | Path, *,
                   base_docx: str | Path | None = None, pdf: bool = False,
                   progress: Callable[[str], None] = lambda step: None
                   ) -> tuple[Evaluation, Report, list[Path]]:
    progress("Lettura del piano, dei risultati e delle schede; verifiche e calcolo")
    evaluation, report = assess(schede_folder, plan_folder, results_folder)
    progress("Scrittura dei risultati")
    from pianoperf_xl.inputs import build_inputs

    return evaluation, report, write_outputs(evaluation, out_dir, report, base_docx=base_docx,
                                             pdf=pdf, inputs=build_inputs(schede_folder))
