"""The *Personale* sheet: every staff member, their workload and the findings on their row."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from pianoperf_xl.findings import Finding
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Plan, StaffMember
from pianoperf_xl.write.consolidated.base import (
    Book, print_setup, set_widths, title, write_table,
)
from pianoperf_xl.write.consolidated.layout import STAFF_COLUMNS

COLUMNS = STAFF_COLUMNS
_CELL_ROW = re.compile(r"(\d+)$")

# The messages of the findings on each staff row, by id() of its StaffMember.
Remarks = dict[int, list[str]]


def remarks_by_member(plan: Plan) -> Remarks:
    """The messages of the findings whose file, sheet and cell row are a person's row."""
    by_row: dict[tuple[str, str | None, int], list[str]] = defaultdict(list)
    for finding in plan.findings:
        row = _finding_row(finding)
        if row is not None:
            by_row[(finding.file, finding.sheet, row)].append(finding.message)
    return {id(p): by_row[key] for p in plan.staff
            if (key := (p.record.file, p.record.sheet, p.record.row)) in by_row}


def _finding_row(finding: Finding) -> int | None:
    match = _CELL_ROW.search(finding.cell or "")
    return int(match.group(1)) if match else None


def staff_row(person: StaffMember, reading: PlanReading, remarks: Remarks) -> tuple[Any, ...]:
    """The values of ``COLUMNS`` for one person."""
    return (person.sector, person.name, person.profile, person.office, person.grade,
            reading.hours(person), reading.member_fte(person), person.relation,
            reading.objective_count(person), person.notes,
            "\n".join(remarks.get(id(person), ())))


def write_staff(book: Book, ws, reading: PlanReading, remarks: Remarks) -> None:
    header_row = title(book, ws, "Personale",
                       "Ore settimanali: 36 per il tempo pieno. FTE = ore / 36. Obiettivi: "
                       "quanti obiettivi indicano la persona. Segnalazioni: i problemi "
                       "trovati sulla sua riga.")
    set_widths(ws, 0, COLUMNS)
    write_table(book, ws, header_row, 0, COLUMNS,
                [staff_row(p, reading, remarks) for p in reading.staff], "Personale")
    ws.freeze_panes(header_row + 1, 2)
    print_setup(ws, landscape=True, repeat_row=header_row)
