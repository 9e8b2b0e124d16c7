"""The *Obiettivi* sheet: one row per indicator of every objective of every sector, with
every column of the template's objectives sheet (and the deadline as interpreted)."""

from __future__ import annotations

from typing import Any, Iterable

from pianoperf_xl import reference
from pianoperf_xl.carryover import MARK_KEY
from pianoperf_xl.model import Objective, Sector
from pianoperf_xl.write.consolidated.base import Book, print_setup, set_widths, title, write_table
from pianoperf_xl.write.consolidated.derived import Derived
from pianoperf_xl.write.consolidated.layout import (
    OBJECTIVE_COLUMNS, SECTOR_COLUMN, UNRESOLVED_MARK,
)

def choice_label(code: str | None, labels: dict[str, str]) -> str | None:
    """A missione or programme as its dropdown shows it ('01 - Servizi istituzionali…');
    a value that is no official code as it was typed."""
    return f"{code} - {labels[code]}" if code in labels else code


def objective_rows(objectives: Iterable[Objective], derived: Derived,
                   *, sector: bool) -> list[tuple[Any, ...]]:
    """One row per indicator (the objective's own values repeated, so filters work)."""
    rows = []
    missions, programmes = reference.missions(), reference.programmes()
    for objective in objectives:
        head = ((objective.sector,) if sector else ()) + (
            objective.ref, objective.area, objective.action, objective.title)
        where = (objective.weight, choice_label(objective.mission, missions),
                 choice_label(objective.programme, programmes))
        for indicator in objective.indicators or [None]:
            if indicator is None:
                rows.append(head + (None,) * 6 + where
                            + (None, objective.record.get(MARK_KEY)))
                continue
            kind, date = derived.deadline(indicator)
            rows.append(head + (indicator.description, indicator.target, indicator.deadline,
                                kind, date, derived.names_of(indicator)) + where
                        + (indicator.notes, indicator.record.get(MARK_KEY)))
    return rows


def write_objectives(book: Book, ws, sectors: list[Sector], derived: Derived) -> None:
    header_row = title(book, ws, "Obiettivi e indicatori",
                       "Una riga per indicatore. Scadenza come scritta dal settore; tipo e "
                       "data come interpretati dal programma. Personale: le persone riconosciute "
                       f"negli elenchi del personale; {UNRESOLVED_MARK.strip()} = nome non "
                       "riconosciuto.")
    columns = (SECTOR_COLUMN,) + OBJECTIVE_COLUMNS
    set_widths(ws, 0, columns)
    rows = objective_rows((o for s in sectors for o in s.objectives), derived, sector=True)
    write_table(book, ws, header_row, 0, columns, rows, "Obiettivi")
    ws.freeze_panes(header_row + 1, 2)
    print_setup(ws, landscape=True, repeat_row=header_row)
