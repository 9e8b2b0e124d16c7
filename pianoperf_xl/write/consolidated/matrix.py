"""The *Matrice* sheet: who works on which objective, with counts per person and objective.

A small plan gets one matrix; a big one gets one block per sector (rows: the sector's
staff and whoever else works on its objectives), each within Excel's column limit. Only
the marked cells are written, so the sheet stays sparse.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import Named, named_key
from pianoperf_xl.interpret.people import Person
from pianoperf_xl.write.consolidated.base import (
    EXCEL_MAX_COLUMNS, INT, TEXT, Book, Column, cell, check, formula, print_setup, put,
    set_height, set_width, set_widths, subtitle, title, write_header,
)

SINGLE_BLOCK_MAX_OBJECTIVES = 200
LEAD = (Column("Settore", TEXT, 28), Column("Cognome e nome", TEXT, 24),
        Column("Obiettivi", INT, 10))
FIRST_MARK_COL = len(LEAD)
MAX_BLOCK_OBJECTIVES = EXCEL_MAX_COLUMNS - FIRST_MARK_COL
MARK_WIDTH = 3.6
NOT_LISTED = "(nome non riconosciuto)"
# Printed, a page holds the names and this many objectives, at a scale that keeps the
# marks and the rotated codes readable; the names and the header repeat on every page.
OBJECTIVES_PER_PAGE = 16
PRINT_SCALE = 80


@dataclass
class Block:
    heading: str | None
    people: list[int]  # indices into the people list
    first: int  # objectives first .. last-1 (indices into reading.objectives)
    last: int


def write_matrix(book: Book, ws, reading: PlanReading) -> None:
    objectives = reading.objectives
    people, pairs = assignment_pairs(reading)
    single = len(objectives) <= SINGLE_BLOCK_MAX_OBJECTIVES
    row = title(book, ws, "Matrice personale × obiettivi",
                "● = la persona lavora all'obiettivo. A destra dei nomi il numero di "
                "obiettivi di ciascuno; in fondo a ogni blocco il numero di persone per "
                "obiettivo." + ("" if single else " Un blocco per settore."))
    set_widths(ws, 0, LEAD)
    last_mark_col = FIRST_MARK_COL + min(max(len(objectives), 1), MAX_BLOCK_OBJECTIVES) - 1
    set_width(ws, FIRST_MARK_COL, last_mark_col, MARK_WIDTH)
    blocks = ([Block(None, list(range(len(people))), 0, len(objectives))] if single
              else sector_blocks(reading, people, pairs))
    header_row = row
    codes = [reading.code_of(o) for o in objectives]
    for block in blocks:
        row = _block(book, ws, row, block, people, codes, pairs) + 1
    if single:
        ws.freeze_panes(header_row + 1, FIRST_MARK_COL)
    else:
        ws.freeze_panes(0, FIRST_MARK_COL)
    print_matrix(ws, header_row if single else None, len(objectives) if single else 0)


def print_matrix(ws, header_row: int | None, objectives: int) -> None:
    """Readable pages: ``OBJECTIVES_PER_PAGE`` objectives a page across (a break after
    each group, when the matrix is one block), names repeated on each page."""
    print_setup(ws, landscape=True, fit_width=False, repeat_row=header_row)
    ws.set_print_scale(PRINT_SCALE)
    ws.repeat_columns(0, FIRST_MARK_COL - 1)
    breaks = list(range(FIRST_MARK_COL + OBJECTIVES_PER_PAGE, FIRST_MARK_COL + objectives,
                        OBJECTIVES_PER_PAGE))
    if breaks:
        ws.set_v_pagebreaks(breaks)


def assignment_pairs(reading: PlanReading) -> tuple[list[Named], list[list[int]]]:
    """Everyone (the staff lists' people, then names that are nobody) and, for each
    objective (by its index in ``reading.objectives``), the indices of the people on it."""
    people: list[Named] = list(reading.people)
    index = {named_key(p): i for i, p in enumerate(people)}
    pairs: list[list[int]] = []
    for objective in reading.objectives:
        on_it = []
        for named in reading.members_of(objective):
            key = named_key(named)
            if key not in index:
                index[key] = len(people)
                people.append(named)
            on_it.append(index[key])
        pairs.append(list(dict.fromkeys(on_it)))
    return people, pairs


def sector_blocks(reading: PlanReading, people: list[Named],
                  pairs: list[list[int]]) -> list[Block]:
    """One block per sector (split when over the column limit): rows are the sector's
    staff, then whoever else works on its objectives."""
    index = {named_key(p): i for i, p in enumerate(people)}
    blocks: list[Block] = []
    first_objective = 0
    for sector in reading.sectors:
        own = list(dict.fromkeys(index[id(person)] for m in sector.staff
                                 if (person := reading.person_of(m)) is not None))
        end = first_objective + len(sector.objectives)
        # A sector with staff and no objective still gets its (empty) block.
        starts = range(first_objective, end, MAX_BLOCK_OBJECTIVES) or (
            [first_objective] if own else [])
        for lo in starts:
            hi = min(lo + MAX_BLOCK_OBJECTIVES, end)
            involved = {p for o in range(lo, hi) for p in pairs[o]}
            extra = sorted(involved - set(own))
            part = "" if hi - lo == len(sector.objectives) else \
                f" (obiettivi {lo - first_objective + 1}-{hi - first_objective})"
            blocks.append(Block(sector.name + part, own + extra, lo, hi))
        first_objective = end
    return blocks


def _block(book: Book, ws, row: int, block: Block, people: list[Named],
           codes: list[str], pairs: list[list[int]]) -> int:
    f = book.formats
    width = block.last - block.first
    if block.heading:
        row = subtitle(book, ws, row, block.heading, FIRST_MARK_COL - 1)
    write_header(book, ws, row, 0, LEAD)
    for j in range(width):
        put(ws, row, FIRST_MARK_COL + j, codes[block.first + j], f.header_rotated)
    set_height(ws, row, 62)
    first = row + 1
    last = row + max(len(block.people), 1)
    last_col = FIRST_MARK_COL + max(width, 1) - 1
    row_of = {p: first + i for i, p in enumerate(block.people)}
    mine = [(p, o) for o in range(block.first, block.last) for p in pairs[o] if p in row_of]
    per_person = Counter(p for p, _ in mine)
    per_objective = Counter(o for _, o in mine)
    for p in block.people:
        r = row_of[p]
        named = people[p]
        if isinstance(named, Person):
            sector, name = ", ".join(named.sectors), named.name
        else:
            sector, name = NOT_LISTED, named
        put(ws, r, 0, sector, f.boxed(TEXT))
        put(ws, r, 1, name, f.boxed(TEXT))
        formula(ws, r, 2, f"=COUNT({cell(r, FIRST_MARK_COL)}:{cell(r, last_col)})",
                f.total(INT), int(per_person.get(p, 0)))
    write_number, mark = ws.write_number, f.mark
    for p, o in mine:
        r, c = row_of[p], FIRST_MARK_COL + o - block.first
        check(write_number(r, c, 1, mark), ws, r, c)
    total_row = last + 1
    put(ws, total_row, 0, "Persone per obiettivo", f.total(TEXT))
    put(ws, total_row, 1, "", f.total(TEXT))
    formula(ws, total_row, 2, f"=SUM({cell(first, 2)}:{cell(last, 2)})", f.total(INT),
            len(mine))
    for j in range(width):
        c = FIRST_MARK_COL + j
        formula(ws, total_row, c, f"=COUNT({cell(first, c)}:{cell(last, c)})", f.count,
                int(per_objective.get(block.first + j, 0)))
    return total_row + 1
