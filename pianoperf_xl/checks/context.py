"""Context checks: the ente's demographic and staff tables add up (design §3, "Context").

Every rule compares a declared figure with its computation from other figures of the
same workbook, and points at the declared cell. Blanks are blanks, never zero:

- a rule whose declared figure is blank is skipped (nothing to contradict);
- in the Popolazione form, a rule is skipped when any of its inputs is blank;
- in sums over table rows (staff grades, age classes) blank parts count for nothing, and
  a rule whose parts are all blank is skipped (no breakdown given for that year/column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Iterable, Iterator, Sequence

from pianoperf_xl.checks.base import check
from pianoperf_xl.codes import (
    POPULATION_BALANCE, SALDO_MISMATCH, SEX_TOTAL, AGE_BANDS_TOTAL, PYRAMID_ROW,
    PYRAMID_TOTAL, PYRAMID_PERCENT, STAFF_GROUP_TOTAL, STAFF_TOTAL,
    INHABITANTS_PER_EMPLOYEE, DENSITY_MISMATCH, INHABITANTS_MISMATCH,
    FOREIGNERS_PERCENT, emit,
)
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Plan, Record
from pianoperf_xl.spec import LAST_PLAN_YEAR, STAFF_HISTORY_ROWS, staff_groups
from pianoperf_xl.spec.ente import AGE_BANDS, PYRAMID
from pianoperf_xl.values import format_date, format_number

# Staff history groups ("gruppo_personale" list of the ente spec), of any plan year.
STAFF_GROUPS = staff_groups(LAST_PLAN_YEAR)
# The rows the template prints below the groups (and computes, but for the inhabitants).
TOTAL_STAFF, INHABITANTS, INHABITANTS_PER_EMPLOYEE_ROW = STAFF_HISTORY_ROWS

PYRAMID_TOTAL_CODE = next(row.code for row in PYRAMID.rows if row.is_total)
# percentage column -> (its numerator column, True when divided by the grand total)
PYRAMID_PERCENTS = {
    "perc_maschi": ("maschi", False),
    "perc_femmine": ("femmine", False),
    "perc_totale": ("totale", True),
}
PYRAMID_LABELS = {"maschi": "maschi", "femmine": "femmine", "totale": "totale",
                  "perc_maschi": "% maschi", "perc_femmine": "% femmine",
                  "perc_totale": "% sul totale"}

PERCENT_STEP = Decimal("0.001")  # one decimal of a percent, as a fraction
RATIO_STEP = Decimal("0.01")
RATIO_TOLERANCE = Decimal("0.01")

MINUS = "\u2212"
Term = tuple[int, "str | None", "Decimal | int"]  # (sign, label, value)


# --- formatting ------------------------------------------------------------------------

def _num(value: Decimal | int) -> str:
    """An Italian number, negative with a true minus sign: '−12'."""
    text = format_number(value)
    return MINUS + text[1:] if text.startswith("-") else text


def _percent(fraction: Decimal) -> str:
    return format_number(Decimal(fraction) * 100, 1) + "%"


def _ratio(value: Decimal) -> str:
    return format_number(value, 2)


def _expression(terms: Sequence[Term]) -> tuple[str, Decimal | int]:
    """'immigrati 239 − emigrati 251' and its result."""
    text, total = "", 0
    for i, (sign, label, value) in enumerate(terms):
        if i:
            text += " + " if sign > 0 else f" {MINUS} "
        elif sign < 0:
            text += f"{MINUS} "
        text += f"{label} {_num(value)}" if label else _num(value)
        total += sign * value
    return text, total


# --- comparisons -----------------------------------------------------------------------

def _round(value: Decimal, step: Decimal) -> Decimal:
    """``value`` to ``step``, with the digits it takes: an absurd figure (a surface of
    1e-298 km², a density of 1e300) is compared, not a crash."""
    value = Decimal(value)
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() - step.as_tuple().exponent + 2)
        return value.quantize(step, rounding=ROUND_HALF_UP)


def _percent_differs(declared: Decimal, computed: Decimal) -> bool:
    """Different even once both are rounded to one decimal of a percent."""
    return _round(declared, PERCENT_STEP) != _round(computed, PERCENT_STEP)


def _ratio_differs(declared: Decimal, computed: Decimal) -> bool:
    """More than 0,01 apart once the computation is rounded to two decimals."""
    return abs(Decimal(declared) - _round(computed, RATIO_STEP)) > RATIO_TOLERANCE


def _parts_sum(values: Iterable[Decimal | int | None]) -> Decimal | int | None:
    """The sum of the non-blank values; None when all are blank."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# --- Popolazione form -------------------------------------------------------------------

def _form_rule(form: Record, code: str, target: str, label: str,
               terms: Sequence[tuple[int, str, str]], *, declared_word: str = "dichiarato",
               where_key: str | None = None, hint: str | None = None) -> Iterator[Finding]:
    """``target`` must equal the signed sum of the form's ``terms`` (sign, label, key).

    Skipped when any input is blank. The finding points at ``where_key`` when given (the
    parts are at fault, the target being checked by another rule), else at the target.
    """
    declared = form.get(target)
    values = [form.get(key) for _, _, key in terms]
    if declared is None or any(v is None for v in values):
        return
    expression, computed = _expression(
        [(sign, name, value) for (sign, name, _), value in zip(terms, values)])
    if computed == declared:
        return
    if where_key is None:
        message = f"{label}: {declared_word} {_num(declared)}, {expression} = {_num(computed)}"
    else:
        message = (f"{label}: {expression} = {_num(computed)}, ma la popolazione al "
                   f"31 dicembre è {_num(declared)}")
    key = where_key or target
    yield emit(code, message, form.at(key), value=form.get(key), hint=hint)


def _population(plan: Plan) -> Record | None:
    return plan.ente.population if plan.ente else None


@check(POPULATION_BALANCE)
def check_population_balance(reading: PlanReading) -> Iterator[Finding]:
    form = _population(reading.plan)
    if form is None:
        return
    yield from _form_rule(
        form, POPULATION_BALANCE, "popolazione_fine", "Popolazione al 31 dicembre",
        ((1, "popolazione al 1° gennaio", "popolazione_inizio"), (1, "nati", "nati"),
         (-1, "deceduti", "deceduti"), (1, "immigrati", "immigrati"),
         (-1, "emigrati", "emigrati")), declared_word="dichiarata",
        hint="Controllare i dati del bilancio demografico dell'anno.")


@check(SALDO_MISMATCH)
def check_saldi(reading: PlanReading) -> Iterator[Finding]:
    form = _population(reading.plan)
    if form is None:
        return
    hint = ("Il saldo è calcolato dal modello: correggere il valore scritto al posto della "
            "formula o i suoi componenti.")
    yield from _form_rule(form, SALDO_MISMATCH, "saldo_naturale", "Saldo naturale",
                          ((1, "nati", "nati"), (-1, "deceduti", "deceduti")), hint=hint)
    yield from _form_rule(form, SALDO_MISMATCH, "saldo_migratorio", "Saldo migratorio",
                          ((1, "immigrati", "immigrati"), (-1, "emigrati", "emigrati")),
                          hint=hint)


@check(SEX_TOTAL)
def check_sex_total(reading: PlanReading) -> Iterator[Finding]:
    form = _population(reading.plan)
    if form is None:
        return
    yield from _form_rule(form, SEX_TOTAL, "popolazione_fine", "Maschi e femmine",
                          ((1, "maschi", "maschi"), (1, "femmine", "femmine")),
                          where_key="maschi")


@check(AGE_BANDS_TOTAL)
def check_age_bands_total(reading: PlanReading) -> Iterator[Finding]:
    form = _population(reading.plan)
    if form is None:
        return
    yield from _form_rule(
        form, AGE_BANDS_TOTAL, "popolazione_fine", "Fasce di età",
        tuple((1, years, key) for key, years, _ in AGE_BANDS),
        where_key="eta_0_6")


# --- Piramide ---------------------------------------------------------------------------

def _pyramid(plan: Plan) -> tuple[list[Record], Record | None]:
    """The age-class rows and the total row of the pyramid."""
    rows = plan.ente.pyramid if plan.ente else []
    classes = [r for r in rows if r.get("code") != PYRAMID_TOTAL_CODE]
    total = next((r for r in rows if r.get("code") == PYRAMID_TOTAL_CODE), None)
    return classes, total


def _row_name(row: Record) -> str:
    code = row.get("code")
    return "riga Totale" if code == PYRAMID_TOTAL_CODE else f"classe {code}"


@check(PYRAMID_ROW)
def check_pyramid_rows(reading: PlanReading) -> Iterator[Finding]:
    classes, total = _pyramid(reading.plan)
    for row in classes + ([total] if total else []):
        declared = row.get("totale")
        parts = [row.get("maschi"), row.get("femmine")]
        if declared is None or _parts_sum(parts) is None:
            continue
        expression, computed = _expression(
            [(1, name, value or 0) for name, value in zip(("maschi", "femmine"), parts)])
        if computed != declared:
            yield emit(PYRAMID_ROW,
                       f"Piramide delle età, {_row_name(row)}: totale dichiarato "
                       f"{_num(declared)}, {expression} = {_num(computed)}",
                       row.at("totale"), value=declared)


@check(PYRAMID_TOTAL)
def check_pyramid_total(reading: PlanReading) -> Iterator[Finding]:
    classes, total = _pyramid(reading.plan)
    if total is None:
        return
    for key in ("maschi", "femmine", "totale"):
        declared = total.get(key)
        computed = _parts_sum(row.get(key) for row in classes)
        if declared is None or computed is None or computed == declared:
            continue
        yield emit(PYRAMID_TOTAL,
                   f"Piramide delle età, riga Totale, {PYRAMID_LABELS[key]}: dichiarato "
                   f"{_num(declared)}, somma delle classi di età {_num(computed)}",
                   total.at(key), value=declared)


@check(PYRAMID_PERCENT)
def check_pyramid_percent(reading: PlanReading) -> Iterator[Finding]:
    classes, total = _pyramid(reading.plan)
    grand_total = total.get("totale") if total else None
    for row in classes + ([total] if total else []):
        for key, (numerator_key, of_grand_total) in PYRAMID_PERCENTS.items():
            declared = row.get(key)
            numerator = row.get(numerator_key)
            denominator = grand_total if of_grand_total else row.get("totale")
            if declared is None or numerator is None or denominator is None:
                continue
            computed = Decimal(numerator) / denominator if denominator else Decimal(0)
            if not _percent_differs(declared, computed):
                continue
            of = "totale generale" if of_grand_total else "totale"
            yield emit(PYRAMID_PERCENT,
                       f"Piramide delle età, {_row_name(row)}, {PYRAMID_LABELS[key]}: "
                       f"dichiarata {_percent(declared)}, {numerator_key} {_num(numerator)} / "
                       f"{of} {_num(denominator)} = {_percent(computed)}",
                       row.at(key), value=declared)


# --- Personale storico -------------------------------------------------------------------

@dataclass
class _Group:
    """A staff group of the history: its total row (no categoria) and its grade rows."""

    name: str
    total: Record | None = None
    grades: list[Record] = field(default_factory=list)

    def value(self, year: str) -> Decimal | None:
        """The declared total, or the sum of the grade rows when none is declared."""
        declared = self.total.get(year) if self.total else None
        if declared is not None:
            return declared
        return _parts_sum(row.get(year) for row in self.grades)


@dataclass
class _History:
    groups: dict[str, _Group]
    rows: dict[str, Record]  # Totale personale, Abitanti, Abitanti per dipendente
    years: list[str]


def _history(plan: Plan) -> _History:
    records = plan.ente.staff_history if plan.ente else []
    groups: dict[str, _Group] = {}
    rows: dict[str, Record] = {}
    for record in records:
        name = record.get("gruppo")
        if name in STAFF_GROUPS:
            group = groups.setdefault(name, _Group(name))
            if record.get("categoria"):
                group.grades.append(record)
            elif group.total is None:
                group.total = record
        elif name:
            rows.setdefault(name, record)
    years = sorted({key for r in records for key in r.values if key.isdigit()})
    return _History(groups, rows, years)


@check(STAFF_GROUP_TOTAL)
def check_staff_group_totals(reading: PlanReading) -> Iterator[Finding]:
    history = _history(reading.plan)
    for group in history.groups.values():
        if group.total is None or not group.grades:
            continue
        for year in history.years:
            declared = group.total.get(year)
            terms = [(1, row.get("categoria"), row.get(year)) for row in group.grades
                     if row.get(year) is not None]
            if declared is None or not terms:
                continue
            expression, computed = _expression(terms)
            if computed != declared:
                yield emit(STAFF_GROUP_TOTAL,
                           f"Personale storico, {group.name} {year}: totale dichiarato "
                           f"{_num(declared)}, somma delle categorie {expression} = "
                           f"{_num(computed)}",
                           group.total.at(year), value=declared)


@check(STAFF_TOTAL)
def check_staff_total(reading: PlanReading) -> Iterator[Finding]:
    history = _history(reading.plan)
    total = history.rows.get(TOTAL_STAFF)
    if total is None:
        return
    for year in history.years:
        declared = total.get(year)
        terms = [(1, name, value) for name in STAFF_GROUPS if name in history.groups
                 and (value := history.groups[name].value(year)) is not None]
        if declared is None or not terms:
            continue
        expression, computed = _expression(terms)
        if computed != declared:
            yield emit(STAFF_TOTAL,
                       f"Personale storico, {TOTAL_STAFF} {year}: dichiarato {_num(declared)}, "
                       f"{expression} = {_num(computed)}",
                       total.at(year), value=declared)


@check(INHABITANTS_PER_EMPLOYEE)
def check_inhabitants_per_employee(reading: PlanReading) -> Iterator[Finding]:
    history = _history(reading.plan)
    rows = [history.rows.get(name)
            for name in (INHABITANTS_PER_EMPLOYEE_ROW, INHABITANTS, TOTAL_STAFF)]
    if None in rows:
        return
    ratio_row = rows[0]
    for year in history.years:
        declared, inhabitants, staff = (row.get(year) for row in rows)
        if declared is None or inhabitants is None or not staff:
            continue
        computed = Decimal(inhabitants) / staff
        if _ratio_differs(declared, computed):
            yield emit(INHABITANTS_PER_EMPLOYEE,
                       f"Personale storico, {INHABITANTS_PER_EMPLOYEE_ROW} {year}: dichiarato "
                       f"{_num(declared)}, abitanti {_num(inhabitants)} / totale personale "
                       f"{_num(staff)} = {_ratio(computed)}",
                       ratio_row.at(year), value=declared)


# --- Ente form ------------------------------------------------------------------------

@check(DENSITY_MISMATCH)
def check_density(reading: PlanReading) -> Iterator[Finding]:
    ente = reading.plan.ente
    if ente is None:
        return
    declared, inhabitants, area = ente.density_declared, ente.inhabitants, ente.area_km2
    if declared is None or inhabitants is None or not area:
        return
    computed = Decimal(inhabitants) / area
    if _ratio_differs(declared, computed):
        yield emit(DENSITY_MISMATCH,
                   f"Densità demografica: dichiarata {_num(declared)} ab/km², abitanti "
                   f"{_num(inhabitants)} / superficie {_num(area)} km² = "
                   f"{_ratio(computed)} ab/km²",
                   ente.record.at("densita"), value=declared,
                   hint="Correggere la densità o lasciarla vuota: è facoltativa.")


@check(INHABITANTS_MISMATCH)
def check_inhabitants(reading: PlanReading) -> Iterator[Finding]:
    ente = reading.plan.ente
    if ente is None or ente.inhabitants is None:
        return
    history = _history(reading.plan)
    row = history.rows.get(INHABITANTS)
    if row is None or not history.years:
        return
    year = history.years[-1]
    in_history = row.get(year)
    if in_history is None or in_history == ente.inhabitants:
        return
    yield emit(INHABITANTS_MISMATCH,
               f"Abitanti: {_num(ente.inhabitants)} nel foglio Ente, {_num(in_history)} nel "
               f"foglio Personale storico al 31/12/{year}",
               ente.record.at("abitanti"), value=ente.inhabitants)


@check(FOREIGNERS_PERCENT)
def check_foreigners(reading: PlanReading) -> Iterator[Finding]:
    form = _population(reading.plan)
    _, total = _pyramid(reading.plan)
    if form is None or total is None:
        return
    declared, foreigners = form.get("stranieri_percentuale"), form.get("stranieri")
    date, residents = form.get("data_stranieri"), total.get("totale")
    if (declared is None or foreigners is None or not residents or date is None
            or date != form.get("data_piramide")):
        return
    computed = Decimal(foreigners) / residents
    if _percent_differs(declared, computed):
        yield emit(FOREIGNERS_PERCENT,
                   f"Stranieri sul totale dei residenti: dichiarata {_percent(declared)}, "
                   f"stranieri {_num(foreigners)} / residenti {_num(residents)} (piramide "
                   f"delle età al {format_date(date)}) = {_percent(computed)}",
                   form.at("stranieri_percentuale"), value=declared)
