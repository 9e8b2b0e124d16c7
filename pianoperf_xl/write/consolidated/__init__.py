"""The consolidated workbook: the whole plan in one .xlsx, checked and cross-linked.

``write_consolidated(reading, path)`` writes, in this order: Sintesi, Verifiche, Obiettivi,
Personale, Matrice, Bilancio, Contesto, Organizzazione and one sheet per sector (names,
headers and titles that are read back are declared in ``layout``). Sheets are
created first and filled afterwards, so a sheet can link to the cells of one written later
(Sintesi shows Bilancio's totals through formulas).
"""

from __future__ import annotations

import os
from pathlib import Path

from pianoperf_xl import own_outputs
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.cells import CellWriteError
from pianoperf_xl.write.consolidated import (
    budget, context, findings, layout, matrix, objectives, organisation, sectors, staff, summary,
)
from pianoperf_xl.write.consolidated.base import Book, ConsolidationError
from pianoperf_xl.write.consolidated.layout import SHEETS
from pianoperf_xl.gcpolicy import quiet_gc

__all__ = ["write_consolidated", "ConsolidationError", "SHEETS"]


@quiet_gc
def write_consolidated(reading: PlanReading, path: str | os.PathLike) -> Path:
    """Write the consolidated workbook of the plan ``reading`` reads (atomically, to
    ``path``) with its findings; return the path."""
    try:
        return _write(reading, path)
    except CellWriteError as exc:
        raise ConsolidationError(f"Impossibile scrivere {exc.what} {exc.where} del documento "
                                 f"consolidato: {exc.reason}.") from exc


def _write(reading: PlanReading, path: str | os.PathLike) -> Path:
    plan = reading.plan
    remarks = staff.remarks_by_member(plan)
    with atomic_path(path) as tmp:
        book = Book(str(tmp))
        with book.wb:
            sheets = {name: book.add_sheet(name) for name in SHEETS}
            # the sectors in the organigram's order, as the annex prints them
            ordered = reading.sectors
            sector_sheets = book.add_sector_sheets([sector.name for sector in ordered])
            found = findings.write_findings(book, sheets[layout.FINDINGS_SHEET], plan.findings)
            figures = budget.write_budget(book, sheets[layout.BUDGET_SHEET], plan.budget)
            objectives.write_objectives(book, sheets[layout.OBJECTIVES_SHEET], reading)
            staff.write_staff(book, sheets[layout.STAFF_SHEET], reading, remarks)
            matrix.write_matrix(book, sheets[layout.MATRIX_SHEET], reading)
            context.write_context(book, sheets[layout.CONTEXT_SHEET], plan.ente)
            organisation.write_organisation(book, sheets[layout.ORGANISATION_SHEET], plan.ente)
            for sector, ws in zip(ordered, sector_sheets):
                sectors.write_sector(book, ws, sector, reading, remarks)
            summary.write_summary(book, sheets[layout.SUMMARY_SHEET], reading, found, figures)
            book.wb.set_properties({"title": layout.plan_title(plan.year),
                                    "subject": own_outputs.CONSOLIDATED_SUBJECT,
                                    "author": own_outputs.CREATOR})
            book.wb.set_custom_property(own_outputs.MARK, own_outputs.CONSOLIDATED)
    return Path(path)
