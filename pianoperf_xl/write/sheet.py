"""The worksheets of every workbook the tool writes (``write.cells.new_workbook``):
xlsxwriter's, with two fast paths that write the same bytes.

Measured on a 10,000-objective plan, xlsxwriter spends on what the consolidated workbook
writes and a bare write does not:
- a formatted cell's style index goes through the attribute escaper, which fails on a
  number and recovers from the exception (~1 µs a cell, 650,000 cells): here a formatted
  string, number, date or blank cell is written straight, as xlsxwriter would write it;
- every formula is run through some thirty regular expressions that add the ``_xlfn.``
  prefix of Excel 365's dynamic-array functions (~50 µs a formula, 16,000 formulas): here
  a formula whose every function is a classic one is left as it is, which is what those
  expressions would have done to it.
Anything else (another kind of cell, an unknown function, inline strings) takes
xlsxwriter's own path; ``tests/test_write_sheet.py`` holds the bytes equal.
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import (
    CellBlankTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple, Worksheet,
)

# Functions no Excel version prefixes: a formula calling only these needs no ``_xlfn.``.
# None of them ends with the name of a dynamic-array function (xlsxwriter's expressions
# match a name at a word boundary, and «SINGLE(» after any character).
CLASSIC_FUNCTIONS = frozenset({
    "ABS", "AND", "AVERAGE", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF", "COUNTIFS", "IF",
    "IFERROR", "ISBLANK", "ISNUMBER", "MAX", "MIN", "NOT", "OR", "ROUND", "SUM", "SUMIF",
    "SUMIFS", "SUMPRODUCT",
})
_CALL = re.compile(r"[A-Za-z_][\w.]*\(")


def plain_formula(formula: str) -> bool:
    """Whether every function ``formula`` calls is in ``CLASSIC_FUNCTIONS`` (a word right
    before «(» in a string or a sheet name counts as a call: the answer errs towards no)."""
    return all(call[:-1] in CLASSIC_FUNCTIONS for call in _CALL.findall(formula))


class Sheet(Worksheet):
    """An xlsxwriter worksheet whose common cells and formulas take a shorter path, and
    whose equal cells can share one record (``share_row``)."""

    def __init__(self) -> None:
        super().__init__()
        self.cell_pool: dict = {}  # set by the workbook's writer to share across sheets

    def share_row(self, row: int) -> None:
        """Make the text cells of ``row`` that equal one already written (the same shared
        string, the same format) the same record: xlsxwriter keeps a record per
        cell until the file is written, and a plan repeats an objective's texts on every
        indicator's row (a third of the consolidated workbook's memory at 10,000
        objectives). The records are immutable; the file is the same."""
        cells = self.table.get(row)
        if cells:
            share = self.cell_pool.setdefault
            for col, cell in cells.items():
                # Only strings: a number cell equals the string cell whose index is that
                # number (both are tuples), and must not become it.
                if cell.__class__ is CellStringTuple:
                    cells[col] = share(cell, cell)

    def _prepare_formula(self, formula, expand_future_functions=False):
        if expand_future_functions or self.use_future_functions or not plain_formula(formula):
            return super()._prepare_formula(formula, expand_future_functions)
        # What xlsxwriter does first, and all it does to a formula of classic functions.
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula

    def _write_cell(self, row, col, cell):
        fmt = cell.format
        kind = cell.__class__
        if fmt is None or self.constant_memory:
            return super()._write_cell(row, col, cell)
        if kind is CellStringTuple:  # a shared string: its index
            end = f' t="s"><v>{cell.string}</v></c>'
        elif kind is CellNumberTuple or kind is CellDatetimeTuple:
            end = f"><v>{cell.number:.16G}</v></c>"
        elif kind is CellBlankTuple:
            end = "/>"
        else:
            return super()._write_cell(row, col, cell)
        self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}" '
                      f's="{fmt._get_xf_index()}"{end}')
        return None
