"""The checks of an evaluation round, as findings with file, sheet and cell.

Each person's scheda is checked as it is scored (:mod:`score`); the checks over a whole
evaluator's workbook, a group's fund and the staff lists are here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from pianoperf_xl.codes import emit
from pianoperf_xl.evaluation.model import OWN_OBJECTIVES, PersonEvaluation
from pianoperf_xl.evaluation.people import Evaluee
from pianoperf_xl.evaluation.settings import EvaluationSettings
from pianoperf_xl.findings import Finding, Location
from pianoperf_xl.interpret.names import same_person
from pianoperf_xl.model import Record
from pianoperf_xl.results.prepare import SETTINGS_FILE
from pianoperf_xl.values import format_amount, format_number, quoted


def _points(value: Decimal) -> str:
    return format_number(value.quantize(Decimal("0.01")))


def no_group(evaluee: Evaluee) -> Finding:
    record = evaluee.member.record
    return emit("evaluation-group-missing",
                f"{evaluee.name} (categoria {evaluee.member.grade or '—'}) non rientra in "
                "nessun gruppo di valutazione delle regole: non ha una scheda né un premio. "
                "Aggiungere il gruppo nel foglio «Gruppi» delle regole.",
                record.at("categoria") if "categoria" in record.cells else record.at(),
                value=evaluee.member.grade)


def no_objective(evaluee: Evaluee) -> Finding | None:
    """A person with no objective, or none measured when the results are their own."""
    record = evaluee.member.record
    where = record.at("nome") if "nome" in record.cells else record.at()
    if not evaluee.objectives:
        scored = evaluee.group is not None and evaluee.group.results_basis != OWN_OBJECTIVES
        return emit("evaluation-no-objective",
                    f"{evaluee.name} non è indicato su nessun obiettivo del piano: "
                    + ("il punteggio dei risultati è quello del "
                       f"{evaluee.group.results_basis}, ma la valutazione individuale va "
                       "fatta su obiettivi assegnati." if scored else
                       "non ha un punteggio dei risultati, né quindi un premio."),
                    where, value=evaluee.name)
    if evaluee.group is not None and evaluee.group.results_basis == OWN_OBJECTIVES \
            and evaluee.results is None:
        return emit("evaluation-no-objective",
                    f"Nessuno degli obiettivi di {evaluee.name} "
                    f"({', '.join(o.ref for o in evaluee.objectives)}) è stato misurato: "
                    "non ha un punteggio dei risultati, né quindi un premio.",
                    where, value=evaluee.name)
    return None


def scheda_missing(evaluee: Evaluee) -> Finding:
    return emit("evaluation-scheda-missing",
                f"Manca la scheda di {evaluee.name}: non è in nessun file restituito (atteso "
                f"in «{evaluee.evaluator.file_name}», valutatore: {evaluee.evaluator.label}). "
                "Senza scheda non ha un premio.",
                Location(evaluee.evaluator.file_name, "Persone"), value=evaluee.name)


def evaluator_findings(evaluee: Evaluee, form: Record, file_key: str) -> Iterator[Finding]:
    """The scheda is filled by the person's evaluator: the workbook is theirs and the name
    typed is the one the plan gives (the sector head, the segretario)."""
    expected = evaluee.evaluator
    typed = form.get("valutatore")
    if not typed:
        yield emit("evaluation-scheda-incomplete", "Manca il nome del valutatore.",
                   form.at("valutatore"))
    if file_key and file_key != expected.key:
        yield emit("evaluation-evaluator-not-head",
                   f"La scheda di {evaluee.name} è in un file di un altro valutatore: per le "
                   f"regole del comune la valuta il {expected.label}.", form.at("ruolo"),
                   value=file_key)
    elif typed and expected.name and not same_person(typed, expected.name):
        yield emit("evaluation-evaluator-not-head",
                   f"{evaluee.name} è valutato da «{quoted(typed)}», ma per le regole del "
                   f"comune lo valuta il {expected.label}, «{expected.name}».",
                   form.at("valutatore"), value=typed)
    if typed and same_person(typed, evaluee.name):
        yield emit("evaluation-evaluator-not-head",
                   f"{evaluee.name} risulta valutato da sé stesso.", form.at("valutatore"),
                   value=typed)


def days_findings(name: str, row: Record, days, year_days: int) -> Iterator[Finding]:
    if days is None:
        yield emit("evaluation-scheda-incomplete",
                   f"{name}: mancano i giorni di servizio nell'anno: nessun premio calcolato.",
                   row.at("giorni"))
    elif not 0 <= days <= year_days:
        yield emit("evaluation-days-out-of-range",
                   f"{name}: {days} giorni di servizio, ma l'anno ne ha {year_days}: nessun "
                   "premio calcolato finché non è corretto.", row.at("giorni"), value=days)


def no_differentiation(people: Iterable[PersonEvaluation], settings: EvaluationSettings
                       ) -> Iterator[Finding]:
    """One evaluator's totals all within the minimum spread (identical, usually)."""
    by_file: dict[str, list[PersonEvaluation]] = {}
    for p in people:
        if p.total is not None and p.source:
            by_file.setdefault(p.source, []).append(p)
    for file, group in by_file.items():
        if len(group) < 2:
            continue
        totals = [p.total for p in group]
        spread = max(totals) - min(totals)
        if spread < settings.min_spread:
            shown = (f"le {len(group)} schede hanno lo stesso punteggio totale "
                     f"({_points(totals[0])})" if spread == 0 else
                     f"tra il punteggio più alto e il più basso delle {len(group)} schede "
                     f"ci sono solo {_points(spread)} punti")
            yield emit("evaluation-no-differentiation",
                       f"«{file}»: {shown}. La valutazione deve differenziare (art. 18 "
                       "D.Lgs. 150/2009); le regole chiedono almeno "
                       f"{_points(settings.min_spread)} punti di scarto.",
                       Location(file, "Persone"), value=_points(spread))


def fund_findings(settings: EvaluationSettings, groups_used: set[str]) -> Iterator[Finding]:
    for membership in settings.memberships:
        group = membership.group
        if group.code in groups_used and group.code in settings.unfunded:
            where = (settings.fund_cells.get(group.code) if settings.source
                     else None) or Location(SETTINGS_FILE, "Gruppi")
            yield emit("evaluation-fund-missing",
                       f"Il gruppo «{group.name}» non ha il fondo: nessun premio calcolato per "
                       "le sue persone. Indicarlo nel foglio «Gruppi» delle regole.", where)
    if settings.total_resources is not None:
        allotted = sum((g.fund for g in settings.groups), Decimal(0))
        if allotted > settings.total_resources:
            yield emit("evaluation-fund-over-allocated",
                       f"I fondi dei gruppi sommano a {format_amount(allotted)} euro, più delle "
                       f"risorse complessive per i premi ({format_amount(settings.total_resources)}"
                       " euro): ridurre i fondi o correggere le risorse.",
                       settings.total_cell or Location(SETTINGS_FILE, "Valutazione"),
                       value=str(allotted))
