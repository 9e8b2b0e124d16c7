"""The *Sintesi* sheet: the plan at a glance, with live links to Verifiche and Bilancio."""

from __future__ import annotations

from collections import Counter
from typing import Any

from xlsxwriter.utility import quote_sheetname

from pianoperf_xl.findings import ERROR, INFO, SEVERITY_LABELS, WARNING
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Plan
from pianoperf_xl.write.consolidated.base import (
    AMOUNT, DATE, FTE, INT, TEXT, WRAP, YEAR, Book, Column, cell, form, formula,
    insert_chart, print_setup, put, set_height, set_width, subtitle, title, write_header,
)
from pianoperf_xl.write.consolidated.budget import (
    BALANCES, CURRENT_BALANCE, EXPENSE, MISSIONS, REVENUE, BudgetLayout,
)
from pianoperf_xl.write.consolidated.findings import FindingsLayout
from pianoperf_xl.write.consolidated.layout import summary_title
from pianoperf_xl.write.cells import row_height
from pianoperf_xl.spec.bilancio import GRAND_TOTAL
from pianoperf_xl.values import normalize_key
from pianoperf_xl.write import style

WIDTHS = (34, 22, 14, 14, 14, 14)
CHART_COL = 7
BUDGET_ROWS = (("Totale entrate", REVENUE, GRAND_TOTAL),
               ("Totale spese", EXPENSE, GRAND_TOTAL),
               ("Totale spese per missioni", MISSIONS, GRAND_TOTAL),
               (CURRENT_BALANCE, BALANCES, CURRENT_BALANCE))


def write_summary(book: Book, ws, reading: PlanReading, findings: FindingsLayout,
                  budget: BudgetLayout) -> None:
    plan = reading.plan
    for col, width in enumerate(WIDTHS):
        set_width(ws, col, col, width)
    ente = plan.ente
    name = (ente.name if ente else None) or (plan.budget.ente if plan.budget else None)
    row = title(book, ws, summary_title(plan.year), name)
    row = subtitle(book, ws, row, "Dati generali", 1)
    budget_ente = plan.budget.ente if plan.budget else None
    general = (
        ("Ente", name, TEXT),
        # What the other files say, where it differs from the plan's.
        ("Ente nel file del bilancio", budget_ente if budget_ente and normalize_key(
            budget_ente) != normalize_key(name) else None, TEXT),
        ("Anno nel file dell'ente", ente.year if ente and ente.year is not None
         and plan.year is not None and ente.year != plan.year else None, YEAR),
        ("Provincia", ente.province if ente else None, TEXT),
        ("Anno del piano", plan.year, YEAR),
        ("Data di approvazione", plan.approval_date or "non indicata", DATE),
        ("Delibera di Giunta n.", (ente.deliberation_number if ente else None)
         or "non indicata", TEXT),
        ("Bilancio di previsione", plan.budget.approval if plan.budget else None, TEXT),
    )
    row = form(book, ws, row, [item for item in general if item[1] is not None]) + 1
    row = subtitle(book, ws, row, "Il piano in cifre", 1)
    stats = plan.stats()
    row = form(book, ws, row, (
        ("Settori", stats["sectors"], INT),
        ("Obiettivi", stats["objectives"], INT),
        ("Indicatori", stats["indicators"], INT),
        ("Persone", stats["staff"], INT),
        ("FTE (equivalenti a tempo pieno)", reading.fte(plan.staff), FTE),
    )) + 1
    row = _findings(book, ws, row, plan, findings) + 1
    if budget.years:
        row = _budget(book, ws, row, budget) + 1
    sector_rows = _sectors(book, ws, row, reading)
    row = sector_rows[1] + 2
    mission_rows = _missions(book, ws, row, budget) if budget.years else None
    if mission_rows:
        _mission_chart(book, ws, mission_rows, budget.years[0])
    if plan.sectors:
        _sector_chart(book, ws, sector_rows, CHART_COL, 22 if mission_rows else 3)
    ws.activate()
    print_setup(ws, landscape=True)


def _findings(book: Book, ws, row: int, plan: Plan, layout: FindingsLayout) -> int:
    f = book.formats
    row = subtitle(book, ws, row, "Verifiche", 1)
    counts = Counter(finding.severity for finding in plan.findings)
    source = f"{quote_sheetname(layout.sheet)}!{layout.severity_range}"
    first = row
    for severity, label in ((ERROR, "Errori"), (WARNING, "Avvisi"),
                            (INFO, "Informazioni")):
        put(ws, row, 0, label, f.label)
        formula(ws, row, 1, f'=COUNTIF({source},"{SEVERITY_LABELS[severity]}")',
                f.cell(INT), counts[severity])
        row += 1
    put(ws, row, 0, "Totale segnalazioni", f.label)
    formula(ws, row, 1, f"=SUM({cell(first, 1)}:{cell(row - 1, 1)})", f.total(INT),
            sum(counts[s] for s in (ERROR, WARNING, INFO)))
    return row + 1


def _budget(book: Book, ws, row: int, layout: BudgetLayout) -> int:
    f = book.formats
    row = subtitle(book, ws, row, "Bilancio di previsione", len(layout.years))
    write_header(book, ws, row, 0, [Column("Voce", TEXT, WIDTHS[0])]
                 + [Column(str(y), AMOUNT, 14) for y in layout.years])
    sheet = quote_sheetname(layout.sheet)
    for label, section, code in BUDGET_ROWS:
        figures = layout.get(section, code)
        if figures is None:
            continue
        row += 1
        put(ws, row, 0, label, f.boxed(TEXT))
        for i, figure in enumerate(figures):
            formula(ws, row, 1 + i, f"={sheet}!{figure.cell}", f.boxed(AMOUNT), figure.value)
    return row + 1


def _sectors(book: Book, ws, row: int, reading: PlanReading) -> tuple[int, int]:
    """The per-sector table; returns its first and last data rows."""
    f = book.formats
    row = subtitle(book, ws, row, "Per settore", 5)
    write_header(book, ws, row, 0, (
        Column("Settore", TEXT, WIDTHS[0]), Column("Responsabile", TEXT, WIDTHS[1]),
        Column("Persone", INT, 14), Column("FTE", FTE, 14), Column("Obiettivi", INT, 14),
        Column("Indicatori", INT, 14)))
    first = row + 1
    for sector in reading.sectors:
        row += 1
        values: tuple[tuple[Any, str], ...] = (
            (sector.name, WRAP), (sector.head, WRAP), (len(sector.staff), INT),
            (reading.fte(sector.staff), FTE), (len(sector.objectives), INT),
            (len(sector.indicators), INT))
        for col, (value, kind) in enumerate(values):
            put(ws, row, col, value, f.boxed(kind))
        set_height(ws, row, row_height([(sector.name, WIDTHS[0]),
                                        (sector.head or "", WIDTHS[1])]))
    return first, max(row, first)


def _missions(book: Book, ws, row: int, layout: BudgetLayout) -> tuple[int, int] | None:
    """Spending by missione (missions with an amount), linked to Bilancio."""
    f = book.formats
    missions = [(code, figures) for (section, code), figures in layout.figures.items()
                if section == MISSIONS and code != GRAND_TOTAL
                and any(fig.value for fig in figures)]
    if not missions:
        return None
    row = subtitle(book, ws, row, "Spesa per missione", len(layout.years))
    write_header(book, ws, row, 0, [Column("Missione", TEXT, WIDTHS[0])]
                 + [Column(str(y), AMOUNT, 14) for y in layout.years])
    sheet = quote_sheetname(layout.sheet)
    first = row + 1
    for code, figures in missions:
        row += 1
        label = layout.labels.get((MISSIONS, code), code)
        put(ws, row, 0, label, f.boxed(WRAP))
        set_height(ws, row, row_height([(label, WIDTHS[0])]))
        for i, figure in enumerate(figures):
            formula(ws, row, 1 + i, f"={sheet}!{figure.cell}", f.boxed(AMOUNT), figure.value)
    return first, row


def _mission_chart(book: Book, ws, rows: tuple[int, int], year: int) -> None:
    first, last = rows
    chart = book.wb.add_chart({"type": "bar"})
    chart.add_series({"name": f"Spesa {year}", "categories": [ws.name, first, 0, last, 0],
                      "values": [ws.name, first, 1, last, 1], "fill": {"color": style.BLUE},
                      "gap": 40})
    chart.set_title({"name": f"Spesa per missione {year} (migliaia di euro)",
                     "name_font": {"size": 11}})
    chart.set_x_axis({"num_format": "#,##0,", "num_font": {"size": 8, "rotation": 0},
                      "major_gridlines": {"visible": True, "line": {"color": style.FAINT_LINE}}})
    # Categories from the top down, the value axis still at the bottom.
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": {"size": 8}})
    chart.set_legend({"none": True})
    insert_chart(ws, 3, CHART_COL, chart, x_scale=1.5, y_scale=1.3)


def _sector_chart(book: Book, ws, rows: tuple[int, int], col: int, row: int) -> None:
    first, last = rows
    chart = book.wb.add_chart({"type": "column"})
    for name, data_col, colour in (("Obiettivi", 4, style.SERIES[0]),
                                     ("Persone", 2, style.SERIES[1])):
        chart.add_series({"name": name, "categories": [ws.name, first, 0, last, 0],
                          "values": [ws.name, first, data_col, last, data_col],
                          "fill": {"color": colour}, "gap": 80})
    chart.set_title({"name": "Obiettivi e personale per settore", "name_font": {"size": 11}})
    chart.set_x_axis({"num_font": {"size": 8}})
    chart.set_legend({"position": "bottom"})
    insert_chart(ws, row, col, chart, x_scale=1.5, y_scale=1.2)
