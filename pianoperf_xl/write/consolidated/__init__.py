"""The consolidated workbook: the whole plan in one .xlsx, checked and cross-linked.

``write_consolidated(plan, path)`` writes, in this order: Sintesi, Verifiche, Obiettivi,
Personale, Matrice, Bilancio, Contesto, Organizzazione and one sheet per sector. Sheets are
created first and filled afterwards, so a sheet can link to the cells of one written later
(Sintesi shows Bilancio's totals through formulas).
"""

from __future__ import annotations

import os
from pathlib import Path

from pianoperf_xl.model import Plan
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.cells import CellWriteError
from pianoperf_xl.write.consolidated import (
    budget, context, findings, matrix, objectives, organisation, sectors, staff, summary,
)
from pianoperf_xl.write.consolidated.base import Book, ConsolidationError
from pianoperf_xl.write.consolidated.derived import derive

__all__ = ["write_consolidated", "ConsolidationError", "SHEETS"]

SHEETS = (summary.SHEET, findings.SHEET, objectives.SHEET, staff.SHEET, matrix.SHEET,
          budget.SHEET, context.SHEET, organisation.SHEET)


def write_consolidated(plan: Plan, path: str | os.PathLike) -> Path:
    """Write the consolidated workbook of ``plan`` to ``path`` (atomically); return the path."""
    try:
        return _write(plan, path)
    except CellWriteError as exc:
        raise ConsolidationError(f"Impossibile scrivere {exc.what} {exc.where} del documento "
                                 f"consolidato: {exc.reason}.") from exc


def _write(plan: Plan, path: str | os.PathLike) -> Path:
    derived = derive(plan)
    with atomic_path(path) as tmp:
        book = Book(str(tmp))
        with book.wb:
            sheets = {name: book.add_sheet(name) for name in SHEETS}
            sector_sheets = [book.add_sheet(sector.name) for sector in plan.sectors]
            found = findings.write_findings(book, sheets[findings.SHEET], plan.findings)
            figures = budget.write_budget(book, sheets[budget.SHEET], plan.budget)
            objectives.write_objectives(book, sheets[objectives.SHEET], plan.sectors, derived)
            staff.write_staff(book, sheets[staff.SHEET], plan.staff, derived)
            matrix.write_matrix(book, sheets[matrix.SHEET], plan, derived)
            context.write_context(book, sheets[context.SHEET], plan.ente)
            organisation.write_organisation(book, sheets[organisation.SHEET], plan.ente)
            for sector, ws in zip(plan.sectors, sector_sheets):
                sectors.write_sector(book, ws, sector, plan, derived)
            summary.write_summary(book, sheets[summary.SHEET], plan, found, figures)
            book.wb.set_properties({"title": f"Piano della Performance {plan.year or ''}",
                                    "subject": "Documento consolidato",
                                    "author": "pianoperf_xl"})
    return Path(path)
