"""The *Obiettivi* sheet: one row per indicator of every objective of every sector, with
every column of the template's objectives sheet, each row as the plan's reading reads it:
what is measured, the deadline's text, kind and date, the people named."""

from __future__ import annotations

from typing import Any, Iterable

from pianoperf_xl import reference
from pianoperf_xl.carryover import MARK_KEY
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.interpret.people import Person
from pianoperf_xl.model import Objective
from pianoperf_xl.write.consolidated.base import Book, print_setup, set_widths, title, write_table
from pianoperf_xl.write.consolidated.layout import (
    OBJECTIVE_COLUMNS, SECTOR_COLUMN, UNRESOLVED_MARK,
)


def choice_label(code: str | None, labels: dict[str, str]) -> str | None:
    """A missione or programme as its dropdown shows it ('01 - Servizi istituzionali…');
    a value that is no official code as it was typed."""
    return f"{code} - {labels[code]}" if code in labels else code


def names_of(row: IndicatorReading) -> str:
    """Who an indicator names, by their staff-list name; "(?)" marks a name as typed
    that is nobody or several people."""
    return ", ".join(p.name if isinstance(p, Person) else p + UNRESOLVED_MARK
                     for p in row.named)


def objective_rows(objectives: Iterable[Objective], reading: PlanReading,
                   *, sector: bool) -> list[tuple[Any, ...]]:
    """One row per indicator (the objective's own values repeated, so filters work)."""
    rows = []
    missions, programmes = reference.missions(), reference.programmes()
    for objective in objectives:
        head = ((objective.sector,) if sector else ()) + (
            reading.code_of(objective), objective.area, objective.action, objective.title)
        where = (objective.weight, choice_label(objective.mission, missions),
                 choice_label(objective.programme, programmes))
        for indicator in objective.indicators or [None]:
            if indicator is None:
                rows.append(head + (None,) * 6 + where
                            + (None, objective.record.get(MARK_KEY)))
                continue
            read = reading.of(indicator)
            rows.append(head + (read.measure, indicator.target, read.deadline_text,
                                read.deadline.label, read.deadline.date, names_of(read))
                        + where + (indicator.notes, indicator.record.get(MARK_KEY)))
    return rows


def write_objectives(book: Book, ws, reading: PlanReading) -> None:
    header_row = title(book, ws, "Obiettivi e indicatori",
                       "Una riga per indicatore. Indicatore: cosa si misura; Scadenza: il "
                       "testo da cui è letta la scadenza (da «Indicatore» quando «Scadenza» "
                       "è vuota), come scritti dal settore; tipo e data come interpretati "
                       "dal programma. Personale: le persone riconosciute negli elenchi del "
                       f"personale; {UNRESOLVED_MARK.strip()} = nome non riconosciuto.")
    columns = (SECTOR_COLUMN,) + OBJECTIVE_COLUMNS
    set_widths(ws, 0, columns)
    rows = objective_rows(reading.objectives, reading, sector=True)
    write_table(book, ws, header_row, 0, columns, rows, "Obiettivi")
    ws.freeze_panes(header_row + 1, 2)
    print_setup(ws, landscape=True, repeat_row=header_row)
