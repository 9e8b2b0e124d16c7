"""The *Personale* sheet: every staff member, their workload and the findings on their row."""

from __future__ import annotations

from typing import Any

from pianoperf_xl.model import FULL_TIME_HOURS, StaffMember
from pianoperf_xl.write.consolidated.base import (
    FTE, HOURS, INT, TEXT, WRAP, Book, Column, print_setup, set_widths, title, write_table,
)
from pianoperf_xl.write.consolidated.derived import Derived

COLUMNS = (
    Column("Settore", WRAP, 22),
    Column("Cognome e nome", WRAP, 24),
    Column("Profilo professionale", WRAP, 20),
    Column("Ufficio / servizio", WRAP, 22),
    Column("Categoria", TEXT, 10),
    Column("Ore settimanali", HOURS, 10),
    Column("FTE", FTE, 7),
    Column("Rapporto", TEXT, 12),
    Column("Obiettivi", INT, 10),
    Column("Note", WRAP, 22),
    Column("Segnalazioni", WRAP, 50),
)


def staff_row(person: StaffMember, derived: Derived) -> tuple[Any, ...]:
    """The values of ``COLUMNS`` for one person."""
    hours = person.weekly_hours if person.weekly_hours is not None else FULL_TIME_HOURS
    return (person.sector, person.name, person.profile, person.office, person.grade, hours,
            person.fte, person.relation, derived.objective_count(person), person.notes,
            "\n".join(derived.staff_findings.get(id(person), ())))


def write_staff(book: Book, ws, staff: list[StaffMember], derived: Derived) -> None:
    header_row = title(book, ws, "Personale",
                       "Ore settimanali: 36 per il tempo pieno. FTE = ore / 36. Obiettivi: "
                       "quanti obiettivi indicano la persona. Segnalazioni: i problemi "
                       "trovati sulla sua riga.")
    set_widths(ws, 0, COLUMNS)
    write_table(book, ws, header_row, 0, COLUMNS, [staff_row(p, derived) for p in staff],
                "Personale")
    ws.freeze_panes(header_row + 1, 2)
    print_setup(ws, landscape=True, repeat_row=header_row)
