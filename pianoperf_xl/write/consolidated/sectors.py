"""One sheet per sector, laid out as its section of the plan: head, staff, objectives."""

from __future__ import annotations

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Sector
from pianoperf_xl.values import normalize_key
from pianoperf_xl.write.consolidated import objectives, staff
from pianoperf_xl.write.consolidated.base import (
    FTE, INT, LINE_HEIGHT, TEXT, WRAP, YEAR, Book, Column, check, form, print_setup, put,
    set_height, set_widths, subtitle, title, write_table,
)
from pianoperf_xl.write.consolidated.layout import OBJECTIVE_COLUMNS, plan_title
from pianoperf_xl.write.cells import row_height

# The staff table shares the sheet's columns with the objectives table below it, so each
# staff field spans as many of those columns as it needs to be read (merged cells): the
# staff field (from ``staff.COLUMNS``, by header) and the objective columns it spans.
STAFF_SPANS = (
    (Column("N.", INT), 1),
    ("Cognome e nome", 2),  # Area strategica + Azione
    ("Profilo professionale", 1),  # Obiettivo
    ("Ufficio / servizio", 2),  # Indicatore + Target
    ("Categoria", 1),  # Scadenza
    ("Ore settimanali", 1),
    ("FTE", 1),
    ("Rapporto", 1),  # Personale
    ("Obiettivi", 1),  # Peso
    ("Note", 3),  # Missione + Programma + Note
)
NOTES_LAST_COL = len(OBJECTIVE_COLUMNS) - 1


# Up to this many sectors, each sector's sheet repeats its objectives' header on every
# printed page. LibreOffice lays out the pages of every sheet with print titles when it
# opens the workbook: at 100 sectors that took 23 of the 28 seconds the L benchmark plan
# took to open; a plan that big is printed from the Allegato A and from «Obiettivi».
PRINT_TITLES_MAX_SECTORS = 30
# Likewise the filter buttons of each sector's objectives table: LibreOffice sets up every
# table's filter on opening (at 100 sectors 0.6 to 1.5 s of the 11–12 s of processor
# time the L benchmark plan took to open, medians of quiet and loaded runs, against
# 7.5 s for a plain workbook of the same cells). Past this many sectors the sector tables keep their look
# and their names; the filters are on «Obiettivi», whose «Settore» column picks a sector.
FILTERS_MAX_SECTORS = PRINT_TITLES_MAX_SECTORS


def write_sector(book: Book, ws, sector: Sector, reading: PlanReading,
                 remarks: staff.Remarks) -> None:
    f = book.formats
    plan = reading.plan
    set_widths(ws, 0, OBJECTIVE_COLUMNS)
    ente = plan.ente.name if plan.ente and plan.ente.name else sector.ente
    heading = " - ".join(str(p) for p in (ente, plan_title(plan.year)) if p).strip()
    row = title(book, ws, sector.name, heading)
    people = sector.staff
    # What the sector's file says of the ente and the year, where the plan's differ.
    own = [("Ente indicato nel file", sector.ente, TEXT)] if sector.ente and ente and \
        normalize_key(sector.ente) != normalize_key(ente) else []
    if sector.year is not None and plan.year is not None and sector.year != plan.year:
        own.append(("Anno indicato nel file", sector.year, YEAR))
    row = form(book, ws, row, (
        *own,
        ("Responsabile", sector.head, TEXT),
        ("Email", sector.email, TEXT),
        ("Persone", len(people), INT),
        ("Personale equivalente (FTE)", reading.fte(people), FTE),
        ("Obiettivi", len(sector.objectives), INT),
        ("Indicatori", len(sector.indicators), INT),
    ), value_col=2)
    if sector.notes:
        put(ws, row, 0, "Note", f.label)
        check(ws.merge_range(row, 2, row, NOTES_LAST_COL, "", f.cell(WRAP)), ws, row, 2)
        put(ws, row, 2, sector.notes, f.cell(WRAP))
        width = sum(c.width for c in OBJECTIVE_COLUMNS[2:])
        set_height(ws, row, row_height([(sector.notes, width)]))
        row += 1
    row = subtitle(book, ws, row + 1, "Risorse umane del servizio", NOTES_LAST_COL)
    rows = [(i,) + staff.staff_row(p, reading, remarks)[1:10]
            for i, p in enumerate(people, start=1)]
    row = _staff_table(book, ws, row, rows)
    row = subtitle(book, ws, row + 1, "Obiettivi", NOTES_LAST_COL)
    header_row = row
    write_table(book, ws, header_row, 0, OBJECTIVE_COLUMNS,
                objectives.objective_rows(sector.objectives, reading, sector=False),
                "ObiettiviSettore", filters=len(plan.sectors) <= FILTERS_MAX_SECTORS)
    titles = len(plan.sectors) <= PRINT_TITLES_MAX_SECTORS
    print_setup(ws, landscape=True, repeat_row=header_row if titles else None)



def staff_layout() -> list[tuple[Column, int, int]]:
    """Each staff field with the first and last sheet column it spans."""
    by_header = {column.header: column for column in staff.COLUMNS}
    layout, col = [], 0
    for field, span in STAFF_SPANS:
        column = field if isinstance(field, Column) else by_header[field]
        layout.append((column, col, col + span - 1))
        col += span
    return layout


def _staff_table(book: Book, ws, row: int, rows: list[tuple]) -> int:
    """The sector's staff, each field over the columns ``STAFF_SPANS`` gives it; returns
    the next free row."""
    f = book.formats
    layout = staff_layout()
    widths = [sum(OBJECTIVE_COLUMNS[c].width for c in range(first, last + 1))
              for _, first, last in layout]

    def put_span(r: int, first: int, last: int, value, fmt) -> None:
        if first == last:
            put(ws, r, first, value, fmt)
        else:
            check(ws.merge_range(r, first, r, last, "", fmt), ws, r, first)
            put(ws, r, first, value, fmt)

    for column, first, last in layout:
        put_span(row, first, last, column.header, f.header)
    set_height(ws, row, max(30.0, row_height([(c.header, w) for (c, _, _), w
                                                in zip(layout, widths)])))
    for values in rows:
        row += 1
        for (column, first, last), value in zip(layout, values):
            put_span(row, first, last, value, f.spaced(column.kind))
        texts = [(v, w) for v, w in zip(values, widths) if isinstance(v, str)]
        height = row_height(texts) if texts else 0
        if height > LINE_HEIGHT:
            set_height(ws, row, height)
    return row + 1
