"""One sheet per sector, laid out as its section of the plan: head, staff, objectives."""

from __future__ import annotations

from dataclasses import replace

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Sector
from pianoperf_xl.values import normalize_key
from pianoperf_xl.write.consolidated import objectives, staff
from pianoperf_xl.write.consolidated.base import (
    FTE, INT, TEXT, WRAP, YEAR, Book, Column, check, form, print_setup, put, set_height, set_widths,
    subtitle,
    title, write_table,
)
from pianoperf_xl.write.consolidated.layout import OBJECTIVE_COLUMNS, plan_title
from pianoperf_xl.write.cells import row_height

# The staff table borrows the objectives table's columns: widths follow those.
STAFF_COLUMNS = tuple(replace(column, width=width) for column, width in zip(
    (Column("N.", INT),) + staff.COLUMNS[1:10],
    (c.width for c in OBJECTIVE_COLUMNS)))
NOTES_LAST_COL = len(OBJECTIVE_COLUMNS) - 1


# Up to this many sectors, each sector's sheet repeats its objectives' header on every
# printed page. LibreOffice lays out the pages of every sheet with print titles when it
# opens the workbook: at 100 sectors that took 23 of the 28 seconds the L benchmark plan
# took to open; a plan that big is printed from the Allegato A and from «Obiettivi».
PRINT_TITLES_MAX_SECTORS = 30


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
    row = write_table(book, ws, row, 0, STAFF_COLUMNS, rows, "PersonaleSettore")
    row = subtitle(book, ws, row + 1, "Obiettivi", NOTES_LAST_COL)
    header_row = row
    write_table(book, ws, header_row, 0, OBJECTIVE_COLUMNS,
                objectives.objective_rows(sector.objectives, reading, sector=False),
                "ObiettiviSettore")
    titles = len(plan.sectors) <= PRINT_TITLES_MAX_SECTORS
    print_setup(ws, landscape=True, repeat_row=header_row if titles else None)

