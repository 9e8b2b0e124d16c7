"""A canonical dump of what a workbook holds, to compare two workbooks by content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl


def workbook_content(path: Path) -> dict[str, Any]:
    """Sheets (in order, with visibility), every non-empty cell's value or formula,
    data validations, frozen panes, print titles and column widths."""
    book = openpyxl.load_workbook(path)
    content: dict[str, Any] = {"sheets": []}
    for ws in book.worksheets:
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row
                 if c.value is not None}
        validations = sorted((str(dv.sqref), dv.type, dv.formula1, dv.formula2)
                             for dv in ws.data_validations.dataValidation)
        widths = {k: round(v.width, 2) for k, v in ws.column_dimensions.items() if v.width}
        content["sheets"].append({
            "title": ws.title, "state": ws.sheet_state, "cells": cells,
            "validations": validations, "freeze": ws.freeze_panes,
            "print_titles": ws.print_title_rows, "widths": widths,
        })
    return content
