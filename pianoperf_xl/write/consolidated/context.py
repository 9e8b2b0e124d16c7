"""The *Contesto* sheet: territory, population balance, age pyramid, staff history and
average age, with charts."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from pianoperf_xl.model import Ente, Record
from pianoperf_xl.spec import base as spec
from pianoperf_xl.spec.ente import POPULATION
from pianoperf_xl.values import format_date, normalize_key
from pianoperf_xl.write import style
from pianoperf_xl.write.consolidated.base import (
    DATE, INT, MIRRORED, NUMBER, NUMBER_FORMATS, PERCENT, TEXT, YEAR, Book, Column,
    cell, check, conditional, formula, insert_chart, print_setup, put, set_width, subtitle,
    title, write_header,
)

KINDS = {spec.INT: INT, spec.DECIMAL: NUMBER, spec.PERCENT: PERCENT, spec.DATE: DATE}
# Population figures the sheet recomputes: key -> terms (sign, key).
COMPUTED = {
    "saldo_naturale": ((1, "nati"), (-1, "deceduti")),
    "saldo_migratorio": ((1, "immigrati"), (-1, "emigrati")),
    "popolazione_fine": ((1, "popolazione_inizio"), (1, "nati"), (-1, "deceduti"),
                         (1, "immigrati"), (-1, "emigrati")),
}
NOT_STAFF_GROUPS = {"totale personale", "abitanti", "abitanti per dipendente"}
# The pyramid chart draws males leftwards from a helper column of negated counts: it lies
# far right of every table and is hidden (the chart plots hidden cells).
CHART_HELPER_COL = 40


def write_context(book: Book, ws, ente: Ente | None) -> None:
    set_width(ws, 0, 0, 44)
    set_width(ws, 1, 1, 12)
    set_width(ws, 2, 11, 10)
    if ente is None:
        title(book, ws, "Contesto dell'ente", "Il file dell'ente non è stato fornito.")
        return
    row = title(book, ws, f"Contesto - {ente.name or 'ente'}",
                "Dati dichiarati dall'ente; le colonne «Calcolato» sono formule.")
    row = _territory(book, ws, row, ente) + 1
    if ente.population is not None:
        row = _population(book, ws, row, ente.population) + 1
    breaks = []  # each section with a chart starts a printed page
    if ente.pyramid:
        breaks.append(row)
        row = _pyramid(book, ws, row, ente) + 1
    breaks.append(row)
    charts = []
    for records, heading, headers, keys, kind in (
            (ente.staff_history, "Personale dipendente al 31 dicembre", ("Gruppo", "Categoria"),
             ("gruppo", "categoria"), "column"),
            (ente.average_age, "Età media del personale", ("Gruppo", ""), ("gruppo", None),
             "line")):
        if records:
            row, chart = _yearly(book, ws, row, records, heading, headers, keys, kind)
            row += 1
            charts.append(chart)
    # The charts of the yearly tables side by side on a page of their own, within the
    # tables' width.
    charts = [c for c in charts if c is not None]
    if charts:
        breaks.append(row)
    for col, chart in zip((0, 4), charts):
        insert_chart(ws, row + 1, col, chart, y_scale=1.5)
    ws.set_h_pagebreaks(breaks)
    print_setup(ws, landscape=True)


def _territory(book: Book, ws, row: int, ente: Ente) -> int:
    f = book.formats
    row = subtitle(book, ws, row, "Territorio e popolazione", 2)
    items = (("Superficie (km²)", ente.area_km2, NUMBER), ("Abitanti", ente.inhabitants, INT),
             ("Densità dichiarata (ab/km²)", ente.density_declared, NUMBER))
    cells = {}
    for label, value, kind in items:
        put(ws, row, 0, label, f.label)
        put(ws, row, 1, value, f.boxed(kind))
        cells[label] = (cell(row, 1), value)
        row += 1
    (area_cell, area), (people_cell, people) = cells["Superficie (km²)"], cells["Abitanti"]
    if area and people is not None:
        put(ws, row, 0, "Densità calcolata (ab/km²)", f.label)
        formula(ws, row, 1, f"={people_cell}/{area_cell}", f.total(NUMBER),
                Decimal(people) / Decimal(area))
        row += 1
    return row


def _population(book: Book, ws, row: int, population: Record) -> int:
    f = book.formats
    values = population.values
    year = values.get("anno_bilancio")
    row = subtitle(book, ws, row, f"Bilancio demografico {year or ''}".strip(), 2)
    write_header(book, ws, row, 0, (Column("Voce", TEXT, 44), Column("Valore", INT, 12),
                                    Column("Calcolato", INT, 10)))
    row += 1
    row_of = {field.key: row + i for i, field in enumerate(POPULATION.fields)}
    for field in POPULATION.fields:
        r = row_of[field.key]
        put(ws, r, 0, field.label, f.boxed(TEXT))
        kind = YEAR if field.key.startswith("anno_") else KINDS.get(field.type, TEXT)
        put(ws, r, 1, values.get(field.key), f.boxed(kind))
    for key, terms in COMPUTED.items():
        if all(isinstance(values.get(k), int) for _, k in terms):
            text = "".join(("+" if sign > 0 else "-") + cell(row_of[k], 1) for sign, k in terms)
            formula(ws, row_of[key], 2, "=" + text.lstrip("+"), f.total(INT),
                    sum(sign * values[k] for sign, k in terms))
            first = cell(row_of[key], 2)
            conditional(ws, row_of[key], 2, row_of[key], 2, {
                "type": "formula", "format": f.bad,
                "criteria": f"=AND(ISNUMBER({first}),{first}<>{cell(row_of[key], 1)})"})
    return row + len(POPULATION.fields)


def _pyramid(book: Book, ws, row: int, ente: Ente) -> int:
    f = book.formats
    when = ente.population.get("data_piramide") if ente.population else None
    heading = "Popolazione per classi di età" + (f" al {format_date(when)}" if when else "")
    row = subtitle(book, ws, row, heading, 4)
    write_header(book, ws, row, 0, (
        Column("Classe di età", TEXT, 44), Column("Maschi", INT, 12), Column("Femmine", INT, 10),
        Column("Totale", INT, 10), Column("% sul totale", PERCENT, 10)))
    write_header(book, ws, row, CHART_HELPER_COL, (Column("Maschi (grafico)", INT, 10),))
    check(ws.set_column(CHART_HELPER_COL, CHART_HELPER_COL, 10, None, {"hidden": True}),
          ws, row, CHART_HELPER_COL, "la colonna")
    classes = [r for r in ente.pyramid if r.get("code") != "TOT"]
    first, last = row + 1, row + len(classes)
    total_row = last + 1
    grand = sum(_n(r.get("maschi")) + _n(r.get("femmine")) for r in classes)
    for i, record in enumerate(classes):
        r = first + i
        males, females = _n(record.get("maschi")), _n(record.get("femmine"))
        put(ws, r, 0, record.get("label") or record.get("code"), f.boxed(TEXT))
        put(ws, r, 1, record.get("maschi"), f.boxed(INT))
        put(ws, r, 2, record.get("femmine"), f.boxed(INT))
        formula(ws, r, 3, f"={cell(r, 1)}+{cell(r, 2)}", f.boxed(INT), males + females)
        total = cell(total_row, 3, absolute=True)
        formula(ws, r, 4, f"=IF({total}=0,0,{cell(r, 3)}/{total})", f.boxed(PERCENT),
                Decimal(males + females) / grand if grand else 0)
        formula(ws, r, CHART_HELPER_COL, f"=-{cell(r, 1)}", f.boxed(MIRRORED), -males)
    put(ws, total_row, 0, "Totale", f.total(TEXT))
    for col, value in ((1, sum(_n(r.get("maschi")) for r in classes)),
                       (2, sum(_n(r.get("femmine")) for r in classes)), (3, grand)):
        formula(ws, total_row, col, f"=SUM({cell(first, col)}:{cell(last, col)})",
                f.total(INT), value)
    formula(ws, total_row, 4, f"=SUM({cell(first, 4)}:{cell(last, 4)})", f.total(PERCENT),
            1 if grand else 0)
    chart = book.wb.add_chart({"type": "bar"})
    for name, col, colour in (("Maschi", CHART_HELPER_COL, style.MALE),
                              ("Femmine", 2, style.FEMALE)):
        chart.add_series({"name": name, "categories": [ws.name, first, 0, last, 0],
                          "values": [ws.name, first, col, last, col],
                          "fill": {"color": colour}, "gap": 8, "overlap": 100})
    chart.set_title({"name": heading, "name_font": {"size": 11}})
    chart.set_x_axis({"num_format": NUMBER_FORMATS[MIRRORED],
                      "major_gridlines": {"visible": True, "line": {"color": style.FAINT_LINE}}})
    chart.set_y_axis({"label_position": "low", "num_font": {"size": 8}})
    chart.set_legend({"position": "bottom"})
    chart.show_hidden_data()
    insert_chart(ws, row, 6, chart, x_scale=0.85, y_scale=1.35)
    return total_row + 1


def _yearly(book: Book, ws, row: int, records: list[Record], heading: str,
            headers: tuple[str, str], keys: tuple[str, str | None], chart_type: str):
    """A table of one row per group and one column per year; returns the next free row
    and the chart of its groups (None when there is nothing to draw)."""
    f = book.formats
    years = sorted({k for r in records for k in r.values if k.isdigit()})
    row = subtitle(book, ws, row, heading, 1 + len(years))
    write_header(book, ws, row, 0, [Column(h, TEXT, 12) for h in headers]
                 + [Column(y, INT, 10) for y in years])
    header_row, first = row, row + 1
    series = []
    for i, record in enumerate(records):
        r = first + i
        group = record.get(keys[0])
        subtotal = keys[1] is not None and not record.get(keys[1])
        style = f.total if subtotal else f.boxed
        put(ws, r, 0, group, style(TEXT))
        put(ws, r, 1, record.get(keys[1]) if keys[1] else None, style(TEXT))
        kind = INT if all(_whole(record.get(y)) for y in years) else NUMBER
        for j, year in enumerate(years):
            put(ws, r, 2 + j, record.get(year), style(kind))
        if (subtotal or keys[1] is None) and normalize_key(group) not in NOT_STAFF_GROUPS:
            series.append(r)
    chart = (_year_chart(book, ws, header_row, series, len(years), heading, chart_type)
             if series and years else None)
    return first + len(records), chart


def _year_chart(book: Book, ws, header_row: int, rows: list[int], n_years: int,
                heading: str, chart_type: str):
    options: dict[str, Any] = {"type": chart_type}
    if chart_type == "column":
        options["subtype"] = "stacked"
    chart = book.wb.add_chart(options)
    for r, colour in zip(rows, itertools.cycle(style.SERIES)):
        series: dict[str, Any] = {
            "name": [ws.name, r, 0],
            "categories": [ws.name, header_row, 2, header_row, 1 + n_years],
            "values": [ws.name, r, 2, r, 1 + n_years]}
        if chart_type == "line":
            series["line"] = {"color": colour, "width": 2}
            series["marker"] = {"type": "circle", "size": 5, "fill": {"color": colour},
                                "border": {"color": colour}}
        else:
            series["fill"] = {"color": colour}
            series["gap"] = 60
        chart.add_series(series)
    chart.set_title({"name": heading, "name_font": {"size": 11}})
    chart.set_legend({"position": "bottom"})
    chart.show_blanks_as("gap")
    return chart


def _n(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _whole(value: Any) -> bool:
    return value is None or (isinstance(value, (int, Decimal)) and value == int(value))
