"""The *Bilancio* sheet: revenue and spending for the three years, with live totals and
balance checks. Every formula carries the value Python computed for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from pianoperf_xl.model import Budget, BudgetLine
from pianoperf_xl.spec.bilancio import (
    DEFICIT, FPV_CURRENT, GRAND_TOTAL, SURPLUS_CURRENT, TOTAL_TITLES,
)
from pianoperf_xl.write.consolidated.base import (
    AMOUNT, TEXT, WRAP, Book, Column, cell, check, conditional, formula, print_setup, put,
    set_height, set_width, set_widths, subtitle, title, write_header,
)
from pianoperf_xl.write.cells import row_height, sum_formula

REVENUE, EXPENSE, MISSIONS = "Entrate", "Spese", "Missioni"
BALANCES = "Equilibri"
CURRENT_BALANCE = "Equilibrio di parte corrente"
ZERO = Decimal(0)
CENT = Decimal("0.01")
FIRST_AMOUNT_COL = 2
OK, NOT_OK = "Rispettata", "Non rispettata"

# (label, rule: ">=0" or "=0", terms (sign, section, code), explanation)
BALANCE_CHECKS = (
    (CURRENT_BALANCE, ">=0",
     ((1, REVENUE, "1"), (1, REVENUE, "2"), (1, REVENUE, "3"), (1, REVENUE, FPV_CURRENT),
      (1, REVENUE, SURPLUS_CURRENT), (-1, EXPENSE, "1"), (-1, EXPENSE, "4"),
      (-1, EXPENSE, DEFICIT)),
     "Entrate dei titoli 1, 2 e 3 + FPV e avanzo applicati alle spese correnti − spese del "
     "titolo 1 − spese del titolo 4 − disavanzo: non deve essere negativo."),
    ("Totale entrate − totale spese", "=0",
     ((1, REVENUE, GRAND_TOTAL), (-1, EXPENSE, GRAND_TOTAL)),
     "Pareggio di bilancio: le entrate complessive devono essere uguali alle spese."),
    ("Totale missioni − totale spese per titoli", "=0",
     ((1, MISSIONS, GRAND_TOTAL), (-1, EXPENSE, TOTAL_TITLES)),
     "La spesa per missioni deve essere uguale alla spesa per titoli."),
    ("Partite di giro: entrate titolo 9 − spese titolo 7", "=0",
     ((1, REVENUE, "9"), (-1, EXPENSE, "7")),
     "Entrate e spese per conto terzi e partite di giro devono essere uguali."),
    ("Partite di giro: spese titolo 7 − missione 99", "=0",
     ((1, EXPENSE, "7"), (-1, MISSIONS, "99")),
     "Le spese per conto terzi devono essere uguali alla missione 99."),
    ("Anticipazioni: entrate titolo 7 − spese titolo 5", "=0",
     ((1, REVENUE, "7"), (-1, EXPENSE, "5")),
     "Le anticipazioni di tesoreria ricevute devono essere uguali alle chiusure."),
)


@dataclass(frozen=True)
class Figure:
    """A written amount: its cell on the Bilancio sheet and its value."""

    cell: str
    value: Decimal


@dataclass
class BudgetLayout:
    """Where the figures are, for the formulas and charts of other sheets."""

    sheet: str
    years: list[int] = field(default_factory=list)
    figures: dict[tuple[str, str], list[Figure]] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # "code label"

    def get(self, section: str, code: str) -> list[Figure] | None:
        return self.figures.get((section, code))


def budget_years(budget: Budget) -> list[int]:
    if budget.years:
        return budget.years
    return sorted({y for line in budget.revenue + budget.expense + budget.missions
                   for y in line.amounts})


def write_budget(book: Book, ws, budget: Budget | None) -> BudgetLayout:
    layout = BudgetLayout(ws.name)
    if budget is None:
        title(book, ws, "Bilancio di previsione", "Il file del bilancio non è stato fornito.")
        return layout
    years = layout.years = budget_years(budget)
    span = f"{years[0]}-{years[-1]}" if years else ""
    note = "Totali e verifiche sono formule: si aggiornano se si modifica un importo."
    if budget.approval:
        note = f"{budget.approval}. {note}"
    row = title(book, ws, f"Bilancio di previsione {span}".strip(), note)
    columns = [Column("Codice", TEXT, 10), Column("Denominazione", WRAP, 58)] + [
        Column(f"Previsione {y}", AMOUNT, 17) for y in years]
    set_widths(ws, 0, columns)
    notes = budget.record.get("note")
    if notes:
        put(ws, row, 0, "Note", book.formats.label)
        put(ws, row, 1, notes, book.formats.cell(WRAP))
        set_height(ws, row, row_height([(notes, 58)]))
        row += 2
    for section, heading, lines in ((REVENUE, "Entrate per titoli", budget.revenue),
                                    (EXPENSE, "Spese per titoli", budget.expense),
                                    (MISSIONS, "Spese per missioni", budget.missions)):
        row = subtitle(book, ws, row, heading, len(columns) - 1)
        row = _section(book, ws, row, columns, section, lines, years, layout) + 1
    if budget.programmes:
        row = subtitle(book, ws, row, "Spese per programmi", len(columns) - 1)
        with_notes = columns + [Column("Note", WRAP, 16)]
        row = _section(book, ws, row, with_notes, "Programmi", budget.programmes, years,
                       layout) + 1
    _balances(book, ws, row, years, layout)
    ws.freeze_panes(3, 2)
    print_setup(ws, landscape=False)
    return layout


def _section(book: Book, ws, row: int, columns: Sequence[Column], section: str,
             lines: list[BudgetLine], years: list[int], layout: BudgetLayout) -> int:
    write_header(book, ws, row, 0, columns)
    row += 1
    # Each line on a row of its own, even when two lines share a code (a row the user
    # added, or two programmes left blank): a total adds up every row of its codes.
    rows_of: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        rows_of.setdefault(line.code, []).append(row + i)
    values = line_values(lines, years)
    f = book.formats
    for r, line in enumerate(lines, start=row):
        style = f.total if line.is_total else f.boxed
        label = line.label or line.official_label or ""
        put(ws, r, 0, line.code, style(TEXT))
        put(ws, r, 1, label, style(WRAP))
        figures = []
        for i, year in enumerate(years):
            col = FIRST_AMOUNT_COL + i
            if line.is_total:
                value = values[line.code][year]
                rows = sorted(x for c in line.sum_of for x in rows_of.get(c, ()))
                formula(ws, r, col, "=" + sum_formula(rows, col), style(AMOUNT), value)
            else:
                value = line.amounts.get(year) or ZERO
                put(ws, r, col, line.amounts.get(year), style(AMOUNT))
            figures.append(Figure(cell(r, col, absolute=True), value))
        if len(columns) > FIRST_AMOUNT_COL + len(years):  # the programmes' notes
            put(ws, r, FIRST_AMOUNT_COL + len(years), line.record.get("note"), style(WRAP))
        layout.figures.setdefault((section, line.code), figures)
        layout.labels.setdefault((section, line.code), f"{line.code} {label}")
    return row + len(lines)


def line_values(lines: list[BudgetLine], years: list[int]) -> dict[str, dict[int, Decimal]]:
    """Each code's amount per year: the sum of its lines (one, unless a code is repeated);
    a total is the sum of its codes, as its formula says."""
    by_code: dict[str, list[BudgetLine]] = {}
    for line in lines:
        by_code.setdefault(line.code, []).append(line)
    memo: dict[tuple[str, int], Decimal] = {}

    def value(code: str, year: int) -> Decimal:
        if (code, year) not in memo:
            first = by_code[code][0]
            if first.is_total:
                memo[code, year] = sum((value(c, year) for c in first.sum_of if c in by_code),
                                       ZERO)
            else:
                memo[code, year] = sum((line.amounts.get(year) or ZERO
                                        for line in by_code[code]), ZERO)
        return memo[code, year]

    return {code: {year: value(code, year) for year in years} for code in by_code}


def _balances(book: Book, ws, row: int, years: list[int], layout: BudgetLayout) -> int:
    f = book.formats
    verdict_col = FIRST_AMOUNT_COL + len(years)
    columns = ([Column("N.", TEXT, 10), Column("Verifica e regola", WRAP, 58)]
               + [Column(f"Differenza {y}", AMOUNT, 17) for y in years]
               + [Column("Esito", TEXT, 16)])
    set_width(ws, verdict_col, verdict_col, 16)
    row = subtitle(book, ws, row, "Verifiche degli equilibri", len(columns) - 1)
    write_header(book, ws, row, 0, columns)
    first = row + 1
    for number, (label, rule, terms, explanation) in enumerate(BALANCE_CHECKS, start=1):
        row += 1
        put(ws, row, 0, str(number), f.boxed(TEXT))
        check(ws.write_rich_string(row, 1, f.label, label, "\n" + explanation, f.boxed(WRAP)),
              ws, row, 1)
        set_height(ws, row, 15 + row_height([(explanation, 58)]))
        results, figures = [], []
        for i in range(len(years)):
            text, value = balance_formula(terms, i, layout)
            formula(ws, row, FIRST_AMOUNT_COL + i, text, f.boxed(AMOUNT), value)
            results.append(value)
            figures.append(Figure(cell(row, FIRST_AMOUNT_COL + i, absolute=True), value))
        layout.figures[(BALANCES, label)] = figures
        _verdict(book, ws, row, verdict_col, rule, results)
    for text, style in ((OK, f.good), (NOT_OK, f.bad)):
        conditional(ws, first, verdict_col, row, verdict_col,
                    {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": style})
    return row + 1


def balance_formula(terms, year_index: int, layout: BudgetLayout) -> tuple[str, Decimal]:
    """``=C9+C10-C25`` over the lines the budget has, and its value."""
    text, value = "", ZERO
    for sign, section, code in terms:
        figures = layout.get(section, code)
        if figures is None:
            continue
        figure = figures[year_index]
        text += ("+" if sign > 0 else "-") + figure.cell
        value += sign * figure.value
    return "=" + (text.lstrip("+") or "0"), value


def _verdict(book: Book, ws, row: int, col: int, rule: str, results: list[Decimal]) -> None:
    operator = ">=" if rule == ">=0" else "="
    tests = ",".join(f"ROUND({cell(row, FIRST_AMOUNT_COL + i)},2){operator}0"
                     for i in range(len(results)))
    passed = all((r.quantize(CENT) >= 0) if rule == ">=0" else (r.quantize(CENT) == 0)
                 for r in results)
    text = f'=IF(AND({tests}),"{OK}","{NOT_OK}")' if results else f'="{OK}"'
    formula(ws, row, col, text, book.formats.boxed(TEXT), OK if passed else NOT_OK)
