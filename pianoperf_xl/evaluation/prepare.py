"""One ``scheda`` workbook per evaluator, pre-filled from the plan and the measured
results, with the e-mail drafts that ``pianoperf send`` sends."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from pianoperf_xl import spec as specs
from pianoperf_xl.evaluation.people import Evaluator, Evaluee, by_evaluator
from pianoperf_xl.evaluation.settings import EvaluationSettings
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.results.prepare import SETTINGS_FILE
from pianoperf_xl.spec.scheda import META_EVALUATOR, META_INVENTED, scheda_spec
from pianoperf_xl.spec.smvp import default_fill


def year_days(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


def scale_text(evaluee: Evaluee) -> str:
    return f"da 0 a {evaluee.group.scale_max:g}" if evaluee.group else ""


def scheda_fill(reading: PlanReading, evaluator: Evaluator, people: list[Evaluee]
                ) -> dict[str, Any]:
    """The values of one evaluator's workbook."""
    ente = reading.plan.ente.name if reading.plan.ente else None
    days = year_days(reading.year)
    persons, objectives, behaviours = [], [], []
    for e in people:
        member = e.member
        persons.append({"nome": e.name, "settore": e.sector.name if e.sector else member.sector,
                        "profilo": member.profile, "categoria": member.grade,
                        "gruppo": e.group.name, "ore": e.person.weekly_hours,
                        "risultati": e.results,
                        "peso_risultati": e.group.results_weight / 100, "giorni": days})
        weights = {(o.sector, o.ref): o.weight
                   for o in reading.workload(e.person).objectives}
        objectives.extend({"nome": e.name, "settore": o.sector, "rif": o.ref,
                           "obiettivo": o.title, "peso": weights.get((o.sector, o.ref)),
                           "quota": o.share, "raggiungimento": o.percent}
                          for o in e.objectives)
        behaviours.extend({"nome": e.name, "codice": b.code, "comportamento": b.name,
                           "peso": b.weight, "scala": scale_text(e)}
                          for b in e.group.behaviours)
    return {"Valutatore": {"ente": ente, "anno": str(reading.year), "ruolo": evaluator.label,
                           "settore": evaluator.sector or None, "valutatore": evaluator.name},
            "Persone": persons, "Obiettivi": objectives, "Comportamenti": behaviours}


def write_scheda(reading: PlanReading, evaluator: Evaluator, people: list[Evaluee],
                 path: Path, *, fill: dict[str, Any] | None = None, invented: bool = False
                 ) -> Path:
    """One evaluator's workbook: pre-filled (``fill``: values already filled in, for the
    sample, whose ``invented`` data the hidden ``_meta`` sheet marks)."""
    from pianoperf_xl.write.templates import write_template

    scale = max((int(e.group.scale_max) for e in people), default=10)
    template = scheda_spec(reading.year, specs.TEMPLATE_VERSION, scale)
    meta = ((META_EVALUATOR, evaluator.key),) + (((META_INVENTED, "sì"),) if invented else ())
    return write_template(template, path, fill or scheda_fill(reading, evaluator, people),
                          meta=meta)


def scheda_draft(reading: PlanReading, evaluator: Evaluator, attachment: Path, due: dt.date):
    """The e-mail draft to a head (the sector's address); None for the Nucleo and the
    segretario, whose addresses the plan does not give, or without a valid address."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    from pianoperf_xl.distribute.email_drafts import draft
    from pianoperf_xl.values import format_date

    sector = next((s for s in reading.plan.sectors if s.name == evaluator.sector), None)
    if sector is None or not sector.email or "@" not in sector.email:
        return None
    try:
        to = Address(display_name=sector.head or "", addr_spec=sector.email.strip())
    except (ValueError, IndexError, HeaderParseError):
        return None
    subject = f"Valutazione individuale {reading.year} - {sector.name}"
    body = (f"Gentile {sector.head or 'Responsabile'},\n\n"
            f"in allegato le schede di valutazione individuale {reading.year} del personale "
            f"del {sector.name}, con gli obiettivi di ciascuno e il raggiungimento misurato "
            "a fine anno. Per ogni persona si chiede il punteggio di ogni comportamento, i "
            "giorni di servizio nell'anno (già inserito l'anno intero), la data del colloquio "
            "e un commento. Le celle grigie non si modificano.\n\n"
            "Le schede contengono dati personali: non inoltrarle.\n\n"
            f"Si prega di restituire il file compilato entro il {format_date(due)}.\n\n"
            "Grazie,\nla Segreteria\n")
    return draft(to, subject, body, attachment)


def write_schede(reading: PlanReading, people: list[Evaluee], settings: EvaluationSettings,
                 out_dir: str | Path, due: dt.date | None = None,
                 settings_file: Path | None = None) -> list[Path]:
    """One workbook per evaluator, and the settings workbook beside them, which ``pianoperf
    evaluation`` reads back: the one given, copied as it is (one written before the
    evaluation sheets existed gets them, with their defaults), else the defaults; with
    ``due``, the e-mail drafts to the heads."""
    from pianoperf_xl.distribute.email_drafts import write_eml
    from pianoperf_xl.write.atomic import atomic_path
    from pianoperf_xl.write.templates import write_template

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for evaluator, group in by_evaluator(people).values():
        path = write_scheda(reading, evaluator, group, out_dir / evaluator.file_name)
        written.append(path)
        message = scheda_draft(reading, evaluator, path, due) if due is not None else None
        if message is not None:
            written.append(write_eml(message, path.with_suffix(".eml")))
    target = out_dir / SETTINGS_FILE
    rules = settings_rules(settings_file, reading.year) if settings_file is not None else None
    if rules is None and settings_file is not None:  # it has the evaluation sheets
        with atomic_path(target) as tmp:
            shutil.copyfile(settings_file, tmp)
        written.append(target)
    else:
        written.append(write_template(specs.spec_for("smvp", reading.year), target,
                                      {**default_fill(), **({"Regole": rules} if rules else {})}))
    return written


def settings_rules(path: Path, year: int) -> dict[str, Any] | None:
    """The measurement rules of a settings workbook written before the evaluation sheets
    existed (to write them again with the evaluation sheets beside); None when it has them
    or cannot be read (then it is copied as it is)."""
    from pianoperf_xl.findings import FindingList
    from pianoperf_xl.read import read_records
    from pianoperf_xl.read.workbook import UnreadableWorkbook, Workbook

    try:
        book = Workbook(path)
        if "Gruppi" in book.sheet_names:
            return None
        return dict(read_records(book, "smvp", year, FindingList())["Regole"].values)
    except UnreadableWorkbook:
        return None
