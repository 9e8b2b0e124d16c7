"""Checks on objectives, their indicators and deadlines (design §3, §4).

Each row of an objective is judged as :mod:`pianoperf_xl.interpret.indicators` reads it:
its deadline from «Scadenza» or, when that is blank, from «Indicatore».
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from pianoperf_xl.carryover import MARK_KEY, fingerprint
from pianoperf_xl.checks.base import check
from pianoperf_xl.codes import (
    NO_INDICATOR, NO_STAFF, NOT_MEASURABLE, NO_TARGET, UNPARSED_DEADLINE, OUTSIDE_YEAR,
    BEFORE_APPROVAL, WEIGHTS_SUM, DUPLICATE_CODE, CARRIED_UNTOUCHED, emit,
)
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.deadlines import ON_DEMAND, RECURRENCE, UNPARSED, describe
from pianoperf_xl.interpret.indicators import DEADLINE_KEY, IndicatorReading
from pianoperf_xl.model import Objective, Plan, Sector
from pianoperf_xl.values import quoted, format_date, format_number, is_blank, normalize_key

NOT_MEASURABLE_KINDS = (RECURRENCE, ON_DEMAND)
FULL_WEIGHT = Decimal(1)
WEIGHT_TOLERANCE = Decimal("0.00005")  # half a hundredth of a percent: 1/3 typed as a formula


# --- messages ---------------------------------------------------------------------------


def _name(objective: Objective) -> str:
    """'PL.1 «Controllo e gestione…»': the typed code and the title, as the user wrote them."""
    title = f"«{quoted(objective.title)}»" if objective.title else None
    return " ".join(filter(None, (objective.code, title))) or objective.ref


def _who(sector: Sector, objective: Objective) -> str:
    """'Settore Polizia Locale, obiettivo PL.1 «Controllo e gestione…»'."""
    return f"{sector.name}, obiettivo {_name(objective)}"


def _row_who(row: IndicatorReading) -> str:
    return _who(row.sector, row.objective)


def _has_target(row: IndicatorReading) -> bool:
    return not is_blank(row.indicator.target)


def _quoted(row: IndicatorReading) -> str:
    return f"«{quoted(row.deadline.text, 80)}»"


def _percent(weight: Decimal) -> str:
    return f"{format_number(weight * 100)}%"




# --- checks -----------------------------------------------------------------------------


def _has_indicator(objective: Objective) -> bool:
    return any(not is_blank(value) for ind in objective.indicators
               for value in (ind.description, ind.target, ind.deadline))


@check(NO_INDICATOR)
def objectives_without_indicator(reading: PlanReading) -> Iterable[Finding]:
    plan = reading.plan
    for sector in plan.sectors:
        for objective in sector.objectives:
            if not _has_indicator(objective):
                yield emit(NO_INDICATOR,
                           f"{_who(sector, objective)}: nessuna riga indica indicatore, "
                           "target o scadenza, quindi l'obiettivo non si può misurare.",
                           objective.record.at("indicatore"),
                           hint="Indicare cosa si misura, il valore atteso e la scadenza, "
                                "es. «Numero di controlli» – «40» – «entro il 31/12».")


@check(NO_STAFF)
def objectives_without_staff(reading: PlanReading) -> Iterable[Finding]:
    plan = reading.plan
    for sector in plan.sectors:
        for objective in sector.objectives:
            if not objective.staff_refs:
                yield emit(NO_STAFF,
                           f"{_who(sector, objective)}: nessuna persona indicata in "
                           "«Personale coinvolto».", objective.record.at("personale"),
                           hint="Indicare i cognomi di chi lavora all'obiettivo, separati "
                                "da virgola: la valutazione individuale si basa su questi.")


def _not_measurable(row: IndicatorReading) -> Finding:
    meaning = (f"attività ricorrente: {row.deadline.recurrence}"
               if row.deadline.kind == RECURRENCE else describe(row.deadline))
    return emit(NOT_MEASURABLE,
                f"{_row_who(row)}: la scadenza {_quoted(row)} ({meaning}) non fissa un termine e "
                "la riga non ha target né indicatore: l'obiettivo non è misurabile.",
                row.at(row.deadline_key), value=row.deadline.text,
                hint="Indicare un target misurabile, es. «40 controlli entro il 31/12».")


def _no_target(row: IndicatorReading) -> Finding:
    measure = row.measure
    return emit(NO_TARGET,
                f"{_row_who(row)}: l'indicatore «{quoted(measure, 80)}» non ha un target né "
                "una scadenza con una data.", row.at(row.measure_key), value=measure,
                hint="Indicare in «Target» il valore atteso, es. «40 controlli», e una "
                     "scadenza come «entro il 31/12».")


@check(NOT_MEASURABLE, NO_TARGET)
def unmeasurable_indicators(reading: PlanReading) -> Iterable[Finding]:
    """Rows without a target: a bare recurrence or on-demand term, or a count with no date.

    A row with no indicator, target nor deadline at all (the title row of an objective
    measured on the rows below, or a row adding staff) is no indicator: an objective with
    only such rows is objective-no-indicator's, not repeated here."""
    for row in reading.indicators:
        if _has_target(row) or not _has_indicator(row.objective):
            continue
        if row.measure_key is None and row.deadline.kind in NOT_MEASURABLE_KINDS:
            yield _not_measurable(row)
        elif row.measure_key is not None and not row.deadline.dated:
            yield _no_target(row)


def _date_findings(row: IndicatorReading, plan: Plan) -> Iterator[Finding]:
    """A date outside the plan year; else one before the approval (not both)."""
    day, where = row.deadline.date, row.at(row.deadline_key)
    if day.year != plan.year:
        yield emit(OUTSIDE_YEAR,
                   f"{_row_who(row)}: la scadenza {_quoted(row)} ({describe(row.deadline)}) è "
                   f"fuori dall'anno del piano {plan.year}.", where, value=row.deadline.text,
                   hint=f"le scadenze degli obiettivi cadono nell'anno del piano "
                        f"(entro il 31/12/{plan.year}).")
    elif plan.approval_date and day < plan.approval_date:
        yield emit(BEFORE_APPROVAL,
                   f"{_row_who(row)}: la scadenza {_quoted(row)} ({describe(row.deadline)}) è "
                   f"precedente all'approvazione del piano ({format_date(plan.approval_date)}).",
                   where, value=row.deadline.text,
                   hint="Un termine già passato quando il piano è approvato non è un "
                        "obiettivo: indicare una scadenza successiva o rendicontarlo come "
                        "già raggiunto.")


@check(UNPARSED_DEADLINE, OUTSIDE_YEAR, BEFORE_APPROVAL)
def deadline_problems(reading: PlanReading) -> Iterable[Finding]:
    plan = reading.plan
    for row in reading.indicators:
        if row.deadline.kind == UNPARSED and row.deadline_key == DEADLINE_KEY:
            yield emit(UNPARSED_DEADLINE,
                       f"{_row_who(row)}: la scadenza {_quoted(row)} non è stata interpretata: "
                       "non se ne verificano la data e l'anno.", row.at(DEADLINE_KEY),
                       value=row.deadline.text,
                       hint="Scriverla in una forma come «entro il 31/12», «entro fine "
                            "aprile», «giugno - settembre», «entro 30 giorni dalla "
                            "richiesta», «costante».")
        elif row.deadline.dated and plan.year:
            yield from _date_findings(row, plan)


def _weights_problem(objectives: list[Objective]) -> str | None:
    weighted = [obj.weight for obj in objectives if obj.weight is not None]
    if not weighted:
        return None
    unweighted = [_name(obj) for obj in objectives if obj.weight is None]
    if unweighted:
        return f"solo alcuni obiettivi hanno un peso: manca a {', '.join(unweighted)}"
    total = sum(weighted, Decimal(0))
    if abs(total - FULL_WEIGHT) > WEIGHT_TOLERANCE:
        return f"i pesi sommano a {_percent(total)} invece di 100%"
    return None


@check(WEIGHTS_SUM)
def objective_weights(reading: PlanReading) -> Iterable[Finding]:
    plan = reading.plan
    for sector in plan.sectors:
        problem = _weights_problem(sector.objectives)
        if problem:
            first = next((obj for obj in sector.objectives if obj.weight is None),
                         sector.objectives[0])
            yield emit(WEIGHTS_SUM, f"{sector.name}: {problem}.", first.record.at("peso"),
                       hint="Dare un peso a ogni obiettivo del settore, in modo che la "
                            "somma sia 100%, oppure a nessuno.")


@check(DUPLICATE_CODE)
def duplicate_codes(reading: PlanReading) -> Iterable[Finding]:
    plan = reading.plan
    """A typed code used again, in the same sector or another: reported at each repeat."""
    first_use: dict[str, tuple[Sector, Objective]] = {}
    for sector in plan.sectors:
        for objective in sector.objectives:
            if is_blank(objective.code):
                continue
            key = normalize_key(objective.code)
            if key not in first_use:
                first_use[key] = (sector, objective)
                continue
            earlier_sector, earlier = first_use[key]
            place = earlier.record.at("codice")
            yield emit(DUPLICATE_CODE,
                       f"{_who(sector, objective)}: il codice «{objective.code}» è già usato "
                       f"({_who(earlier_sector, earlier)}; file «{place.file}», cella "
                       f"{place.cell}).", objective.record.at("codice"),
                       value=objective.code, hint="Dare a ogni obiettivo un codice diverso.")


@check(CARRIED_UNTOUCHED)
def untouched_carry_overs(reading: PlanReading) -> Iterable[Finding]:
    plan = reading.plan
    """An objective still marked as carried over whose rows are exactly as they were sent
    (see ``carryover``): the sector head has not looked at it."""
    for sector in plan.sectors:
        if not sector.carried:
            continue
        for objective in sector.objectives:
            mark = objective.record.get(MARK_KEY)
            if is_blank(mark) or fingerprint(
                    ind.record.values for ind in objective.indicators) not in sector.carried:
                continue
            yield emit(CARRIED_UNTOUCHED,
                       f"{_who(sector, objective)}: è l'obiettivo del {mark} e non è stato "
                       "modificato.", objective.record.at(MARK_KEY), value=mark,
                       hint="Aggiornare indicatori, target, scadenze e personale per "
                            f"il {plan.year or 'nuovo piano'} e poi cancellare la cella "
                            "«Riportato da»; se l'obiettivo resta identico, cancellarla "
                            "per confermarlo.")
