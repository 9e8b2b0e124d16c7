"""Shared machinery of the consolidated workbook: formats, columns, tables, sheet names.

How values go into cells (typed and checked writes, text cut to what a cell holds, row
heights) and how every workbook looks (colours, print setup) are the same for the
templates: they live in ``write.cells`` and ``write.style``, and are imported here so that
the consolidated writers find every helper in one place. A write xlsxwriter refuses
stops the whole workbook with a ``ConsolidationError`` naming the sheet and the cell.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import SEVERITY_LABELS
from pianoperf_xl.write import style
# Imported here for the consolidated writers too: their helpers are all in this module.
from pianoperf_xl.write.cells import (  # noqa: F401
    LINE_HEIGHT, SURELY_FITS, check, excel_text, new_workbook, put, row_height, set_height,
    set_width, utf16_len,
)
from pianoperf_xl.write.style import print_setup  # noqa: F401

# Cell kinds: how a column's values are written and formatted.
TEXT = "text"  # short text, one line
WRAP = "wrap"  # long text, wrapped
INT = "int"
NUMBER = "number"  # two decimals
AMOUNT = "amount"  # euro, two decimals
FTE = "fte"
HOURS = "hours"
PERCENT = "percent"  # a fraction shown as a percentage
DATE = "date"
ANY = "any"  # typed per value (a finding's value)
MIRRORED = "mirrored"  # a number shown without its sign (left half of a pyramid)
YEAR = "year"  # a year: no thousands separator

NUMBER_FORMATS = {
    INT: style.THOUSANDS,
    NUMBER: style.TWO_DECIMALS,
    AMOUNT: style.TWO_DECIMALS,
    FTE: "0.00",
    HOURS: style.WHOLE,
    PERCENT: style.PERCENTAGE,
    DATE: style.DAY,
    MIRRORED: "#,##0;#,##0",
    YEAR: style.WHOLE,
}
NUMERIC_KINDS = (INT, NUMBER, AMOUNT, FTE, HOURS, PERCENT, MIRRORED, YEAR)
WRAPPED_KINDS = (WRAP, ANY)

TABLE_STYLE = "Table Style Medium 2"
SHEET_NAME_MAX = 31  # UTF-16 code units, as Excel counts them
EXCEL_MAX_COLUMNS = 16_384
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_RESERVED_SHEET_NAMES = {"history"}  # Excel reserves it for change tracking


class ConsolidationError(Unusable):
    """The consolidated workbook cannot be written (the message is Italian)."""


@dataclass(frozen=True)
class Column:
    """One column of a written table: Italian header, kind of its cells, width; ``key``,
    where the column shows a template column as typed, is that column's key."""

    header: str
    kind: str = TEXT
    width: float = 14
    key: str | None = None


def cell(row: int, col: int, *, absolute: bool = False) -> str:
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


class Book:
    """The workbook being written, with its formats and unique sheet names."""

    def __init__(self, path: str) -> None:
        self.wb = new_workbook(path)
        self.formats = Formats(self.wb)
        self._taken: set[str] = set()
        self._table_count = 0
        self._cell_pool: dict = {}  # equal cells of every sheet, one record (Sheet.share_row)

    def add_sheet(self, wanted: str):
        """A new worksheet named after ``wanted``, cleaned and made unique."""
        name = unique_sheet_name(wanted, self._taken)
        self._taken.add(name.casefold())
        ws = self.wb.add_worksheet(name)
        ws.cell_pool = self._cell_pool
        return ws

    def add_sector_sheets(self, names: Sequence[str | None]) -> list:
        """One worksheet per sector, named by ``sector_sheet_names``."""
        return [self.add_sheet(name) for name in sector_sheet_names(names)]

    def table_name(self, stem: str) -> str:
        self._table_count += 1
        return f"{stem}{self._table_count}"


# -- sheet names -------------------------------------------------------------------------


def _utf16_cut(text: str, limit: int) -> str:
    while utf16_len(text) > limit:
        text = text[:-1]
    return text


def clean_sheet_name(raw: str | None) -> str:
    """``raw`` without the characters Excel forbids, within 31 characters (cut at a word
    boundary when one is near)."""
    text = _FORBIDDEN_IN_SHEET_NAMES.sub(" ", raw or "")
    text = " ".join(text.split()).strip("'").strip()
    cut = _utf16_cut(text, SHEET_NAME_MAX)
    if cut != text and text[len(cut)] != " " and cut.rfind(" ") >= SHEET_NAME_MAX // 2:
        cut = cut[:cut.rfind(" ")]
    return cut.strip().strip("'").strip() or "Foglio"


def unique_sheet_name(raw: str | None, taken: set[str]) -> str:
    """A clean name not in ``taken`` (casefolded names), numbered " (2)", " (3)" if needed."""
    base = clean_sheet_name(raw)
    name, number = base, 1
    while name.casefold() in taken or name.casefold() in _RESERVED_SHEET_NAMES:
        number += 1
        suffix = f" ({number})"
        name = _utf16_cut(base, SHEET_NAME_MAX - len(suffix)).rstrip().rstrip("'") + suffix
    return name


_SECTOR_WORD = re.compile(r"^\s*settore\s+", re.IGNORECASE)
_ELLIPSIS = "…"


def sector_sheet_names(names: Sequence[str | None]) -> list[str]:
    """The sector sheets' names: each sector's own name (cleaned, cut to 31 characters)
    while cutting leaves different names different; else all numbered in the plan's
    order, «01 Affari Generali», the word «Settore» left out and a long name shortened in
    the middle, so that at 100 sectors («Settore Affari Generali - Municipio 2», «… -
    Municipio 3») each sheet still says which sector it is. The sheet's title holds the
    full name; names the same once cleaned are told apart by ``unique_sheet_name``."""
    clean = [clean_sheet_name(name) for name in names]
    whole = [" ".join(_FORBIDDEN_IN_SHEET_NAMES.sub(" ", name or "").split()).strip("'")
             for name in names]
    cut_from: dict[str, set[str]] = {}
    for cut, text in zip(clean, whole):
        cut_from.setdefault(cut.casefold(), set()).add(text.casefold())
    if all(len(texts) == 1 for texts in cut_from.values()):
        return clean
    digits = max(2, len(str(len(names))))
    limit = SHEET_NAME_MAX - digits - 1
    return [f"{i:0{digits}d} " + _shortened(_SECTOR_WORD.sub("", text) or text or "Settore",
                                            limit)
            for i, text in enumerate(whole, start=1)]


def _shortened(text: str, limit: int) -> str:
    """``text`` within ``limit`` UTF-16 units: whole, else its start and, when it ends with
    « - Something» (a municipio, an office), that end, joined by «…»."""
    if utf16_len(text) <= limit:
        return text
    head, _, tail = text.rpartition(" - ")
    if head and utf16_len(tail) <= limit // 2:
        tail = f"{_ELLIPSIS} - {tail}"
    else:
        head, tail = text, _ELLIPSIS
    return _utf16_cut(head, limit - utf16_len(tail)).rstrip() + tail


# -- formats -----------------------------------------------------------------------------


class Formats:
    """Cell styles of the consolidated workbook, created once and shared."""

    def __init__(self, wb) -> None:
        self.wb = wb
        self.title = wb.add_format(style.TITLE)
        self.subtitle = wb.add_format({"bold": True, "font_size": 12, "font_color": style.BLUE,
                                       "bottom": 1})
        self.note = wb.add_format(style.NOTE)
        self.label = wb.add_format({"bold": True, "valign": "top"})
        self.header = wb.add_format({**style.HEADER, "border_color": style.BORDER})
        self.header_rotated = wb.add_format({"bold": True, "rotation": 90, "align": "center",
                                             "valign": "bottom", "font_color": style.WHITE,
                                             "bg_color": style.BLUE, "border": 1,
                                             "border_color": style.BORDER})
        self.mark = wb.add_format({"num_format": '"●"', "align": "center", "border": 1,
                                   "border_color": style.FAINT_LINE})
        self.count = wb.add_format({"bold": True, "align": "center", "num_format": style.WHOLE,
                                    "bg_color": style.COMPUTED_FILL, **_BOX})
        self.good = wb.add_format(style.GOOD)
        self.bad = wb.add_format(style.BAD)
        self.severity = {SEVERITY_LABELS[severity]: wb.add_format(colours)
                         for severity, colours in style.SEVERITY.items()}
        self._cells = style.CellFormats(wb, NUMBER_FORMATS, WRAPPED_KINDS, {"valign": "top"})

    def cell(self, kind: str):
        """A plain data cell of ``kind``; a value of any type (a finding's) is aligned left,
        so that a number never reads as the start of the next column's text."""
        return self._cells.get("cell", kind, {"align": "left"} if kind == ANY else {})

    def boxed(self, kind: str):
        """A data cell with a light border, for ranges that are not Excel tables."""
        return self._cells.get("boxed", kind, _BOX)

    def spaced(self, kind: str):
        """A boxed cell for a range where numbers and text alternate: numbers centred,
        text indented, so that neither reads as the start of the next cell."""
        extra = {"align": "center"} if kind in NUMERIC_KINDS else {"indent": 1}
        return self._cells.get("spaced", kind, {**_BOX, **extra})

    def total(self, kind: str):
        """A bold, shaded total cell."""
        return self._cells.get("total", kind, {"bold": True, "bg_color": style.COMPUTED_FILL,
                                               **_BOX})


_BOX = {"border": 1, "border_color": style.LIGHT_BORDER}


# -- writing cells -----------------------------------------------------------------------


def _undecorated(ws, name: str) -> Callable[..., int]:
    """xlsxwriter's ``write_string``/``write_number`` without the decorator that accepts
    "A1" addresses (``_write_string``, ``_write_number``: the same checks and return
    codes; the decorator was a sixth of the consolidated workbook's time). The public
    method where a version of xlsxwriter has no such twin."""
    return getattr(ws, f"_{name}", None) or getattr(ws, name)


def _number_writer(ws) -> Callable[..., int]:
    write_number = _undecorated(ws, "write_number")
    return lambda row, col, value, fmt: write_number(row, col, float(value), fmt)


def _text_writer(ws) -> Callable[..., int]:
    """``write_string``; a value that is not text (a number typed in a text column) is
    written with its own type."""
    write_string = _undecorated(ws, "write_string")
    return lambda row, col, value, fmt: (
        write_string(row, col, value if len(value) <= SURELY_FITS else excel_text(value), fmt)
        if value.__class__ is str else put(ws, row, col, value, fmt))


def _any_writer(ws, date_format) -> Callable[..., int]:
    def write(row: int, col: int, value: Any, fmt) -> int:
        return put(ws, row, col, value, date_format if isinstance(value, dt.date) else fmt)
    return write


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates, as xlsxwriter counts
_FIRST_PLAIN_DAY = dt.date(1900, 3, 1)  # from here on no 1900-leap-year correction applies


def _date_writer(ws) -> Callable[..., int]:
    """``write_datetime``, with a day written straight as the serial number it stores
    (xlsxwriter's general conversion costs some 30 µs a date; a big plan has thousands)."""
    write_number, write_datetime = _undecorated(ws, "write_number"), ws.write_datetime

    def write(row: int, col: int, value: Any, fmt) -> int:
        if value.__class__ is dt.date and value >= _FIRST_PLAIN_DAY:
            return write_number(row, col, float((value - _EXCEL_EPOCH).days), fmt)
        return write_datetime(row, col, value, fmt)
    return write


def cell_writer(ws, kind: str, fmt: Callable[[str], Any]) -> Callable[..., int]:
    """The xlsxwriter method that writes a value of ``kind``: typed, never ``write``."""
    if kind in NUMERIC_KINDS:
        return _number_writer(ws)
    if kind == DATE:
        return _date_writer(ws)
    if kind == ANY:
        return _any_writer(ws, fmt(DATE))
    return _text_writer(ws)


def formula(ws, row: int, col: int, text: str, fmt, value: Any) -> None:
    """A live formula with its value computed in Python, for viewers that do not recalculate."""
    shown = float(value) if isinstance(value, (Decimal, int)) and not isinstance(value, bool) \
        else value
    check(ws.write_formula(row, col, text, fmt, shown), ws, row, col, "la formula")


def write_rows(ws, first_row: int, first_col: int, columns: Sequence[Column],
               rows: Iterable[Sequence[Any]], fmt: Callable[[str], Any]) -> int:
    """Write ``rows`` (one value per column) from ``first_row``; returns the next free row.

    Rows with wrapped text get a height that shows it whole, since spreadsheets do not
    grow the rows a library writes.
    """
    targets = [(first_col + i, cell_writer(ws, c.kind, fmt), fmt(c.kind))
               for i, c in enumerate(columns)]
    wrapped = [(i, c.width, _one_line_chars(c.width)) for i, c in enumerate(columns)
               if c.kind in WRAPPED_KINDS]
    share_row = getattr(ws, "share_row", None)
    row = first_row
    for values in rows:
        for (col, write, cell_format), value in zip(targets, values):
            if value is None or value == "":
                continue
            code = write(row, col, value, cell_format)
            if code:
                check(code, ws, row, col)
        if wrapped:
            texts = [(text, width) for i, width, one_line in wrapped
                     if isinstance(text := values[i], str)
                     and (len(text) > one_line or "\n" in text)]
            if texts:  # else every text fits on one line: the default height
                height = row_height(texts)
                if height > LINE_HEIGHT:
                    set_height(ws, row, height)
        if share_row is not None:
            share_row(row)
        row += 1
    return row


@functools.lru_cache(maxsize=None)
def _one_line_chars(width: float) -> int:
    """The longest text ``row_height`` puts on one line of a column ``width`` wide."""
    low, high = 0, 1
    while row_height([("x" * high, width)]) <= LINE_HEIGHT:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        fits = row_height([("x" * middle, width)]) <= LINE_HEIGHT
        low, high = (middle, high) if fits else (low, middle)
    return low


def set_widths(ws, first_col: int, columns: Sequence[Column]) -> None:
    for i, column in enumerate(columns):
        set_width(ws, first_col + i, first_col + i, column.width)


def write_table(book: Book, ws, first_row: int, first_col: int, columns: Sequence[Column],
                rows: Sequence[Sequence[Any]], name: str, *, filters: bool = True) -> int:
    """An Excel table (header, filters unless ``filters`` is false, banded rows) with
    ``rows``; returns the next free row.

    A table needs at least one data row: an empty one is left blank.
    """
    header_row = first_row
    end = write_rows(ws, header_row + 1, first_col, columns, rows, book.formats.cell)
    last_row = max(end - 1, header_row + 1)
    options = {
        "name": book.table_name(name),
        "style": TABLE_STYLE,
        "autofilter": filters,
        "columns": [{"header": c.header, "header_format": book.formats.header}
                    for c in columns],
    }
    last_col = first_col + len(columns) - 1
    check(ws.add_table(header_row, first_col, last_row, last_col, options), ws, header_row,
          first_col, "la tabella")
    TableAreas.compact(ws, (header_row, first_col, last_row, last_col))
    set_height(ws, header_row, header_height(columns))
    return last_row + 1


class TableAreas(dict):
    """xlsxwriter's record of the cells its tables cover (``Worksheet.table_cells``: cell
    -> the table's range), kept as the tables' areas instead of one entry per cell.

    xlsxwriter records every cell of a table only to refuse a later table or merged
    range over it (Excel would call the file corrupt); at 10,000 objectives that is
    680,000 entries, 67 MB of the consolidated workbook's peak memory. ``get``, the one
    way xlsxwriter reads the record, answers as the per-cell dictionary did, so its check
    is unchanged; cells xlsxwriter records afterwards go into the dictionary as before,
    until :meth:`compact` moves them into an area too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[tuple[int, int, int, int, str]] = []

    def get(self, cell: tuple[int, int], default: Any = None) -> Any:
        found = super().get(cell)
        if found is not None:
            return found
        row, col = cell
        return next((name for first_row, first_col, last_row, last_col, name in self.areas
                     if first_row <= row <= last_row and first_col <= col <= last_col),
                    default)

    @classmethod
    def compact(cls, ws, area: tuple[int, int, int, int]) -> None:
        """After ``ws.add_table`` over ``area``: keep the sheet's table cells as areas
        (every cell recorded so far belongs to a table placed through here)."""
        recorded = getattr(ws, "table_cells", None)
        if not isinstance(recorded, dict):  # another xlsxwriter: its own record stays
            return
        areas = recorded if isinstance(recorded, cls) else cls()
        areas.areas.append((*area, xl_range(*area)))
        dict.clear(areas)
        ws.table_cells = areas


def header_height(columns: Sequence[Column]) -> float:
    return max(30.0, row_height([(c.header, c.width) for c in columns]))


def write_header(book: Book, ws, row: int, first_col: int, columns: Sequence[Column]) -> None:
    """A header row for a range that is not an Excel table."""
    for i, column in enumerate(columns):
        check(ws.write_string(row, first_col + i, column.header, book.formats.header),
              ws, row, first_col + i)
    set_height(ws, row, header_height(columns))


def title(book: Book, ws, text: str, note: str | None = None) -> int:
    """Sheet title (row 1) and an optional note (row 2); returns the first free row."""
    put(ws, 0, 0, text, book.formats.title)
    set_height(ws, 0, 21)
    if note:
        put(ws, 1, 0, note, book.formats.note)
    return 3


def subtitle(book: Book, ws, row: int, text: str, last_col: int = 0) -> int:
    put(ws, row, 0, text, book.formats.subtitle)
    for col in range(1, last_col + 1):
        check(ws.write_blank(row, col, None, book.formats.subtitle), ws, row, col)
    set_height(ws, row, 18)
    return row + 1


def form(book: Book, ws, row: int, items: Iterable[tuple[str, Any, str]], *,
         value_col: int = 1) -> int:
    """Label / value rows: ``(label, value, kind)``; returns the next free row."""
    for label, value, kind in items:
        put(ws, row, 0, label, book.formats.label)
        put(ws, row, value_col, value, book.formats.cell(kind))
        row += 1
    return row


def insert_chart(ws, row: int, col: int, chart, *, x_scale: float = 1.0,
                 y_scale: float = 1.0) -> None:
    check(ws.insert_chart(row, col, chart, {"x_scale": x_scale, "y_scale": y_scale,
                                            "object_position": 1}),
          ws, row, col, "il grafico")


def conditional(ws, first_row: int, first_col: int, last_row: int, last_col: int,
                options: dict[str, Any]) -> None:
    check(ws.conditional_format(first_row, first_col, last_row, last_col, options),
          ws, first_row, first_col, "la formattazione condizionale di")
