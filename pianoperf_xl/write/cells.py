"""How values go into every workbook the tool writes (templates, consolidated workbook).

Untrusted text never becomes a formula or a link: workbooks are opened with xlsxwriter's
conversions off (``new_workbook``), and values go in with the method their type calls for
(``put``: ``write_string``, ``write_number``, ``write_datetime``), never with ``write``.
Every xlsxwriter call that reports an error code is checked (``check``): a negative code
stops the write with a ``CellWriteError`` naming the sheet and the cell.

Text longer than an Excel cell holds (32,767 characters) is the one thing written other
than as read: it is cut, with a visible marker at the end (``excel_text``). The reader has
already reported the cell (``cell-too-long``), and the Word annex keeps the whole text.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import Decimal
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from pianoperf_xl.write.sheet import Sheet

EXCEL_MAX_CHARS = 32_767  # UTF-16 code units in one cell, as Excel counts them
SURELY_FITS = EXCEL_MAX_CHARS // 2  # characters: at most two code units each
TRUNCATION_MARK = ("… [testo troncato: il testo completo è nel file di origine, vedere la "
                   "segnalazione]")
MAX_ROW_HEIGHT = 409  # points: the tallest row Excel has
LINE_HEIGHT = 15  # points: one line of text in the default font

_ERRORS = {
    -1: "fuori dai limiti del foglio",
    -2: "valore troppo lungo o non valido",
    -3: "operazione non ammessa",
}


class CellWriteError(RuntimeError):
    """xlsxwriter refused a write; ``what`` (Italian, e.g. "la cella") at ``where``
    ("Foglio!A1"), and why."""

    def __init__(self, what: str, where: str, reason: str) -> None:
        self.what, self.where, self.reason = what, where, reason
        super().__init__(f"Impossibile scrivere {what} {where}: {reason}.")


def new_workbook(path: str, *, in_memory: bool = False):
    """An xlsxwriter workbook that writes text as text: no formulas, links or numbers
    made out of strings; its sheets are :class:`~pianoperf_xl.write.sheet.Sheet`.

    ``in_memory``: each part of the file is built in memory instead of a temporary file
    of its own; a small workbook is then written about three times faster (creating and
    deleting a dozen temporary files costs more than filling them), a big one would hold
    all its XML in memory at once."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False,
                                      "strings_to_urls": False,
                                      "strings_to_numbers": False,
                                      "in_memory": in_memory})
    book.worksheet_class = Sheet
    return book


def check(code: int | None, ws, row: int = 0, col: int = 0, what: str = "la cella") -> None:
    """Fail loudly on a negative xlsxwriter return code."""
    if code is not None and code < 0:
        raise CellWriteError(what, f"{ws.name}!{xl_rowcol_to_cell(row, col)}",
                             _ERRORS.get(code, f"errore {code}"))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def excel_text(text: str) -> str:
    """``text`` as it fits in one Excel cell: whole, or cut to 32,767 UTF-16 code units
    ending with ``TRUNCATION_MARK`` (a character outside the Basic Multilingual Plane is
    never split in half)."""
    if len(text) <= SURELY_FITS:
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * EXCEL_MAX_CHARS:
        return text
    keep = EXCEL_MAX_CHARS - utf16_len(TRUNCATION_MARK)
    return units[:2 * keep].decode("utf-16-le", "ignore").rstrip() + TRUNCATION_MARK


def put(ws, row: int, col: int, value: Any, fmt=None) -> int:
    """Write one value with the method its Python type calls for; None leaves a blank."""
    if value is None or value == "":
        code = ws.write_blank(row, col, None, fmt) if fmt is not None else 0
    elif isinstance(value, bool):
        code = ws.write_string(row, col, "Sì" if value else "No", fmt)
    elif isinstance(value, (int, float, Decimal)) and math.isfinite(value):
        code = ws.write_number(row, col, float(value), fmt)
    elif isinstance(value, (dt.date, dt.datetime)):
        code = ws.write_datetime(row, col, value, fmt)
    else:  # text; also a number no cell can hold ("inf" read from a file, in a finding)
        code = ws.write_string(row, col, excel_text(str(value)), fmt)
    check(code, ws, row, col)
    return code


def row_height(texts: list[tuple[str, float]], line_height: float = LINE_HEIGHT) -> float:
    """A row height that shows wrapped text whole: spreadsheets do not grow rows written
    by a library, so estimate the lines from the text length and the column width."""
    lines = 1
    for text, width in texts:
        lines = max(lines, text_lines(text, max(int(width * 1.15), 1)))
    return lines * line_height


@functools.lru_cache(maxsize=1024)
def text_lines(text: str, chars_per_line: int) -> int:
    """The lines ``text`` takes wrapped at ``chars_per_line`` (remembered for the last
    texts: an objective's texts are on the rows of each of its indicators, one after
    the other)."""
    return sum(wrapped_lines(part, chars_per_line) for part in text.split("\n"))


def wrapped_lines(text: str, chars_per_line: int) -> int:
    """The lines ``text`` takes when wrapped at spaces, as spreadsheets wrap it: a word
    that does not fit on the current line starts the next (a longer one is cut)."""
    if len(text) <= chars_per_line:
        return 1
    lines, used = 1, 0
    for word in text.split(" "):
        size = len(word)
        if used and used + 1 + size > chars_per_line:
            lines, used = lines + 1, 0
        if used:
            used += 1
        while size > chars_per_line:
            lines, size = lines + 1, size - chars_per_line
        used += size
    return lines


def set_height(ws, row: int, height: float) -> None:
    check(ws.set_row(row, min(height, MAX_ROW_HEIGHT)), ws, row, 0, "la riga di")


def set_width(ws, first_col: int, last_col: int, width: float) -> None:
    check(ws.set_column(first_col, last_col, width), ws, 0, first_col, "la colonna di")


def sum_formula(rows: list[int], col: int) -> str:
    """SUM over zero-based ``rows`` of column ``col``, contiguous rows as one range:
    rows 4, 5, 6, 9 of column 2 give SUM(C5:C7,C10); no rows give 0."""
    if not rows:
        return "0"
    runs: list[list[int]] = []
    for r in rows:
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    parts = [xl_rowcol_to_cell(run[0], col)
             + (":" + xl_rowcol_to_cell(run[-1], col) if len(run) > 1 else "") for run in runs]
    return f"SUM({','.join(parts)})"
