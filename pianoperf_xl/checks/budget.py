"""Budget checks: the three-year budget adds up and balances (art. 162 and 168 TUEL,
D.Lgs. 118/2011).

Every comparison is made per year in exact Decimal cents. A blank line counts as 0; a
blank total (a formula the spreadsheet never computed) counts as the sum of its lines
wherever the total is used, and is itself reported by ``budget-total-mismatch``. A
comparison whose line is missing altogether (a deleted row or sheet, which the reader
reports) is skipped rather than reported again.
"""

from __future__ import annotations

import re
import functools
from collections import defaultdict
from decimal import Decimal
from typing import Callable, Iterable, Iterator, Sequence

from pianoperf_xl import reference
from pianoperf_xl.checks.base import CheckFunction, check
from pianoperf_xl.codes import (
    TOTAL_MISMATCH, REVENUE_EXPENSE, MISSIONS_TITLES, PARTITE_GIRO, ANTICIPAZIONI,
    BALANCE_NEGATIVE, BALANCE, UNKNOWN_CODE, LABEL_DIFFERS, PROGRAMMES_MISMATCH, emit,
)
from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Budget, BudgetLine
from pianoperf_xl.spec.bilancio import (
    DEFICIT, FPV_CURRENT, GRAND_TOTAL, SURPLUS_CURRENT, TOTAL_TITLES,
)
from pianoperf_xl.values import format_amount, normalize_key

REVENUE, EXPENSE, MISSIONS, PROGRAMMES = "Entrate", "Spese", "Missioni", "Programmi"
ZERO = Decimal("0.00")

# The equilibrio di parte corrente: (sign, sheet, code, name in messages).
CURRENT_BALANCE = (
    (1, REVENUE, "1", "entrate titolo 1"),
    (1, REVENUE, "2", "titolo 2"),
    (1, REVENUE, "3", "titolo 3"),
    (1, REVENUE, FPV_CURRENT, "FPV per spese correnti"),
    (1, REVENUE, SURPLUS_CURRENT, "avanzo per spese correnti"),
    (-1, EXPENSE, "1", "spese titolo 1"),
    (-1, EXPENSE, "4", "titolo 4"),
    (-1, EXPENSE, DEFICIT, "disavanzo"),
)

CODE_NOUNS = {REVENUE: "un titolo di entrata", EXPENSE: "un titolo di spesa",
              MISSIONS: "una missione"}


# --- helpers -------------------------------------------------------------------------


def _budget_check(*codes: str) -> Callable[[Callable[[Budget], Iterator[Finding]]],
                                           CheckFunction]:
    """Register a check of the budget; it yields nothing when the plan has no budget."""

    def register(func: Callable[[Budget], Iterator[Finding]]) -> CheckFunction:
        @functools.wraps(func)
        def run(reading: PlanReading) -> Iterator[Finding]:
            if reading.plan.budget is not None:
                yield from func(reading.plan.budget)

        return check(*codes)(run)

    return register


def _lines(budget: Budget, sheet: str) -> list[BudgetLine]:
    return {REVENUE: budget.revenue, EXPENSE: budget.expense, MISSIONS: budget.missions,
            PROGRAMMES: budget.programmes}[sheet]


def _fixed_lines(budget: Budget) -> list[BudgetLine]:
    """The lines of the printed tables (Entrate, Spese, Missioni)."""
    return budget.revenue + budget.expense + budget.missions


def _line(budget: Budget, sheet: str, code: str) -> BudgetLine | None:
    return next((line for line in _lines(budget, sheet) if line.code == code), None)


def _amount(budget: Budget, sheet: str, code: str, year: int) -> Decimal:
    """A line's amount; a blank or missing line is 0, a blank total the sum of its lines."""
    line = _line(budget, sheet, code)
    if line is None:
        return ZERO
    value = line.amounts.get(year)
    if value is None and line.is_total:
        return _sum(budget, sheet, line.sum_of, year)
    return value if value is not None else ZERO


def _sum(budget: Budget, sheet: str, codes: Iterable[str], year: int) -> Decimal:
    return sum((_amount(budget, sheet, code, year) for code in codes), ZERO)


def quoted(amount: Decimal | None) -> str:
    return "vuoto" if amount is None else format_amount(amount)


def _mismatch(code: str, subject: str, year: int,
              sides: Sequence[tuple[str, Decimal | None]], where: BudgetLine,
              hint: str) -> Iterator[Finding]:
    """One finding at ``where``'s cell for ``year`` when the named amounts differ.

    A blank (None) counts as 0 but is shown as "vuoto".
    """
    if len({amount or ZERO for _, amount in sides}) <= 1:
        return
    figures = ", ".join(f"{name} {quoted(amount)}" for name, amount in sides)
    yield emit(code, f"{subject} {year}: {figures}", where.record.at(str(year)),
               value=where.amounts.get(year), hint=hint)


def _compare_lines(budget: Budget, code: str, subject: str,
                   terms: Sequence[tuple[str, str, str]], hint: str) -> Iterator[Finding]:
    """Compare lines given as (name, sheet, code), each year; the finding points at the last."""
    lines = [_line(budget, sheet, line_code) for _, sheet, line_code in terms]
    if any(line is None for line in lines):
        return
    for year in budget.years:
        sides = [(name, _amount(budget, sheet, line_code, year))
                 for name, sheet, line_code in terms]
        yield from _mismatch(code, subject, year, sides, lines[-1], hint)


def _label_key(text: str) -> str:
    """A label for comparison only: no case, accents, punctuation or extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", normalize_key(text)).split())


# --- checks --------------------------------------------------------------------------


@_budget_check(TOTAL_MISMATCH)
def check_totals(budget: Budget) -> Iterator[Finding]:
    hint = ("Correggere le righe o il totale. Un totale scritto a mano va riportato alla "
            "formula del modello; gli importi scritti come testo non entrano nella formula e "
            "vanno riscritti come numeri.")
    for line in _fixed_lines(budget):
        if not line.is_total:
            continue
        for year in budget.years:
            sides = [("dichiarato", line.amounts.get(year)),
                     ("somma delle righe", _sum(budget, line.section, line.sum_of, year))]
            yield from _mismatch(TOTAL_MISMATCH, f"{line.official_label} (foglio {line.section})",
                                 year, sides, line, hint)


@_budget_check(REVENUE_EXPENSE)
def check_revenue_expense(budget: Budget) -> Iterator[Finding]:
    yield from _compare_lines(
        budget, REVENUE_EXPENSE, "Pareggio tra entrate e spese",
        [("totale entrate", REVENUE, GRAND_TOTAL), ("totale spese", EXPENSE, GRAND_TOTAL)],
        "Il bilancio deve essere in pareggio (art. 162 TUEL): il totale complessivo delle "
        "entrate deve essere uguale al totale complessivo delle spese.")


@_budget_check(MISSIONS_TITLES)
def check_missions_titles(budget: Budget) -> Iterator[Finding]:
    yield from _compare_lines(
        budget, MISSIONS_TITLES, "Spese per missioni e per titoli",
        [("totale spese per titoli", EXPENSE, TOTAL_TITLES),
         ("totale missioni", MISSIONS, GRAND_TOTAL)],
        "Il totale delle missioni deve essere uguale al totale dei titoli di spesa "
        "(disavanzo escluso).")


@_budget_check(PARTITE_GIRO)
def check_partite_giro(budget: Budget) -> Iterator[Finding]:
    yield from _compare_lines(
        budget, PARTITE_GIRO, "Partite di giro",
        [("entrate titolo 9", REVENUE, "9"), ("spese titolo 7", EXPENSE, "7"),
         ("missione 99", MISSIONS, "99")],
        "Entrate per conto terzi e partite di giro (titolo 9), spese del titolo 7 e "
        "missione 99 devono essere uguali.")


@_budget_check(ANTICIPAZIONI)
def check_anticipazioni(budget: Budget) -> Iterator[Finding]:
    yield from _compare_lines(
        budget, ANTICIPAZIONI, "Anticipazioni di tesoreria",
        [("entrate titolo 7", REVENUE, "7"), ("spese titolo 5", EXPENSE, "5")],
        "Le anticipazioni da istituto tesoriere/cassiere (entrate titolo 7) devono essere "
        "uguali alla loro chiusura (spese titolo 5).")


@_budget_check(BALANCE_NEGATIVE, BALANCE)
def check_current_balance(budget: Budget) -> Iterator[Finding]:
    anchor = _line(budget, EXPENSE, "1")
    if anchor is None or _line(budget, REVENUE, "1") is None:
        return
    for year in budget.years:
        terms = [(sign, name, _amount(budget, sheet, code, year))
                 for sign, sheet, code, name in CURRENT_BALANCE]
        balance = sum((sign * amount for sign, _, amount in terms), ZERO)
        parts = " ".join(f"{'+' if sign > 0 else '−'} {name} {format_amount(amount)}"
                         for sign, name, amount in terms)
        formula = f"{format_amount(balance)} = {parts.removeprefix('+ ')}"
        where = anchor.record.at(str(year))
        if balance < 0:
            yield emit(BALANCE_NEGATIVE,
                       f"Equilibrio di parte corrente {year} negativo: {formula}", where,
                       value=balance,
                       hint="Le entrate correnti (titoli 1-3, più FPV e avanzo per spese "
                            "correnti) devono coprire spese correnti, rimborso prestiti e "
                            "disavanzo (art. 162 c. 6 TUEL).")
        yield emit(BALANCE, f"Equilibrio di parte corrente {year}: {formula}", where,
                   value=balance)


@_budget_check(UNKNOWN_CODE)
def check_unknown_codes(budget: Budget) -> Iterator[Finding]:
    # Programmi codes are a closed list: the reader already reports unknown ones.
    for line in _fixed_lines(budget):
        if line.official_label is not None or line.is_total or not line.code:
            continue  # a row without code is reported by the reader
        known = [other.code for other in _lines(budget, line.section)
                 if other.official_label is not None and not other.is_total]
        yield emit(UNKNOWN_CODE,
                   f"Nel foglio «{line.section}» il codice «{line.code}» non è "
                   f"{CODE_NOUNS[line.section]} del D.Lgs. 118/2011 né una voce del modello: "
                   "i suoi importi non entrano nei totali.",
                   line.record.at("code"), value=line.code,
                   hint=f"Usare uno dei codici del modello: {', '.join(known)}.")


@_budget_check(LABEL_DIFFERS)
def check_labels(budget: Budget) -> Iterator[Finding]:
    for line in _fixed_lines(budget):
        if line.is_total or line.official_label is None or line.label is None:
            continue
        if _label_key(line.label) == _label_key(line.official_label):
            continue
        yield emit(LABEL_DIFFERS,
                   f"Nel foglio «{line.section}» la denominazione del codice {line.code} è "
                   f"«{line.label}», quella ufficiale è «{line.official_label}».",
                   line.record.at("label"), value=line.label,
                   hint=f"Scrivere la denominazione ufficiale: «{line.official_label}».")


@_budget_check(PROGRAMMES_MISMATCH)
def check_programmes(budget: Budget) -> Iterator[Finding]:
    by_mission: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in budget.programmes:
        mission = reference.normalize_mission_code(
            reference.normalize_programme_code(line.code))
        if mission is not None:
            by_mission[mission].append(line)
    for mission, programmes in sorted(by_mission.items()):
        mission_line = _line(budget, MISSIONS, mission)
        if mission_line is None:
            continue
        for year in budget.years:
            total = sum((p.amounts.get(year) or ZERO for p in programmes), ZERO)
            sides = [("somma dei programmi", total),
                     (f"missione {mission}", _amount(budget, MISSIONS, mission, year))]
            yield from _mismatch(
                PROGRAMMES_MISMATCH, f"Programmi della missione {mission}", year, sides,
                mission_line, "La somma dei programmi di una missione (foglio Programmi) "
                              "deve essere uguale allo stanziamento della missione.")
