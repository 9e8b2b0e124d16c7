"""Shared machinery of the consolidated workbook: checked writes, formats, columns, tables.

Every value that comes from a user goes in with ``write_string``, ``write_number`` or
``write_datetime`` (never ``write``, which could turn text into a formula or a link), and
every xlsxwriter call that reports an error code is checked: a negative code stops the
whole write with a ``ConsolidationError`` naming the sheet and the cell.

Text longer than an Excel cell holds (32,767 characters) is the one thing written other
than as read: it is cut, with a visible marker at the end (``excel_text``). The reader has
already reported the cell (``cell-too-long``), and the Word annex keeps the whole text.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from pianoperf_xl.errors import Unusable
from pianoperf_xl.findings import ERROR, INFO, SEVERITY_LABELS, WARNING
from pianoperf_xl.write.cells import row_height

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
    INT: "#,##0",
    NUMBER: "#,##0.00",
    AMOUNT: "#,##0.00",
    FTE: "0.00",
    HOURS: "0",
    PERCENT: "0.0%",
    DATE: "dd/mm/yyyy",
    MIRRORED: "#,##0;#,##0",
    YEAR: "0",
}
NUMERIC_KINDS = (INT, NUMBER, AMOUNT, FTE, HOURS, PERCENT, MIRRORED, YEAR)
WRAPPED_KINDS = (WRAP, ANY)

TABLE_STYLE = "Table Style Medium 2"
SHEET_NAME_MAX = 31  # UTF-16 code units, as Excel counts them
EXCEL_MAX_COLUMNS = 16_384
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_RESERVED_SHEET_NAMES = {"history"}  # Excel reserves it for change tracking
EXCEL_MAX_CHARS = 32_767  # UTF-16 code units in one cell, as Excel counts them
TRUNCATION_MARK = ("… [testo troncato: il testo completo è nel file di origine, vedere la "
                   "segnalazione]")

_ERRORS = {
    -1: "fuori dai limiti del foglio",
    -2: "valore troppo lungo o non valido",
    -3: "operazione non ammessa",
}


class ConsolidationError(Unusable):
    """The consolidated workbook cannot be written (the message is Italian)."""


def check(code: int | None, ws, row: int = 0, col: int = 0, what: str = "la cella") -> None:
    """Fail loudly on a negative xlsxwriter return code."""
    if code is not None and code < 0:
        where = f"{ws.name}!{xl_rowcol_to_cell(row, col)}"
        raise ConsolidationError(f"Impossibile scrivere {what} {where} del documento "
                                 f"consolidato: {_ERRORS.get(code, f'errore {code}')}.")


@dataclass(frozen=True)
class Column:
    """One column of a written table: Italian header, kind of its cells, width."""

    header: str
    kind: str = TEXT
    width: float = 14


def cell(row: int, col: int, *, absolute: bool = False) -> str:
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


class Book:
    """The workbook being written, with its formats and unique sheet names."""

    def __init__(self, path: str) -> None:
        self.wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False,
                                             "strings_to_urls": False,
                                             "strings_to_numbers": False})
        self.formats = Formats(self.wb)
        self._taken: set[str] = set()
        self._table_count = 0

    def add_sheet(self, wanted: str):
        """A new worksheet named after ``wanted``, cleaned and made unique."""
        name = unique_sheet_name(wanted, self._taken)
        self._taken.add(name.casefold())
        return self.wb.add_worksheet(name)

    def table_name(self, stem: str) -> str:
        self._table_count += 1
        return f"{stem}{self._table_count}"


# -- sheet names -------------------------------------------------------------------------


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _utf16_cut(text: str, limit: int) -> str:
    while _utf16_len(text) > limit:
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


# -- cell text ---------------------------------------------------------------------------


def excel_text(text: str) -> str:
    """``text`` as it fits in one Excel cell: whole, or cut to 32,767 UTF-16 code units
    ending with ``TRUNCATION_MARK`` (a character outside the Basic Multilingual Plane is
    never split in half)."""
    if len(text) <= EXCEL_MAX_CHARS // 2:  # at most two code units a character
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * EXCEL_MAX_CHARS:
        return text
    keep = EXCEL_MAX_CHARS - _utf16_len(TRUNCATION_MARK)
    return units[:2 * keep].decode("utf-16-le", "ignore").rstrip() + TRUNCATION_MARK


# -- formats -----------------------------------------------------------------------------


class Formats:
    """Cell styles of the consolidated workbook, created once and shared."""

    HEADER_FILL = "#1F4E78"
    TOTAL_FILL = "#E7E6E6"
    SEVERITY_STYLES = {
        SEVERITY_LABELS[ERROR]: {"bg_color": "#F8CBAD", "font_color": "#9C0006"},
        SEVERITY_LABELS[WARNING]: {"bg_color": "#FFEB9C", "font_color": "#7F6000"},
        SEVERITY_LABELS[INFO]: {"bg_color": "#DDEBF7", "font_color": "#1F4E78"},
    }

    def __init__(self, wb) -> None:
        self.wb = wb
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.subtitle = wb.add_format({"bold": True, "font_size": 12, "font_color": "#1F4E78",
                                       "bottom": 1})
        self.note = wb.add_format({"italic": True, "font_color": "#595959"})
        self.label = wb.add_format({"bold": True, "valign": "top"})
        self.header = wb.add_format({"bold": True, "text_wrap": True, "valign": "vcenter",
                                     "font_color": "#FFFFFF", "bg_color": self.HEADER_FILL,
                                     "border": 1, "border_color": "#A6A6A6"})
        self.header_rotated = wb.add_format({"bold": True, "rotation": 90, "align": "center",
                                             "valign": "bottom", "font_color": "#FFFFFF",
                                             "bg_color": self.HEADER_FILL, "border": 1,
                                             "border_color": "#A6A6A6"})
        self.mark = wb.add_format({"num_format": '"●"', "align": "center", "border": 1,
                                   "border_color": "#D9D9D9"})
        self.count = wb.add_format({"bold": True, "align": "center", "num_format": "0",
                                    "bg_color": self.TOTAL_FILL, "border": 1,
                                    "border_color": "#BFBFBF"})
        self.good = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
        self.bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.severity = {label: wb.add_format(style)
                         for label, style in self.SEVERITY_STYLES.items()}
        self._cells: dict[tuple[str, str], Any] = {}

    def _make(self, variant: str, kind: str, extra: dict[str, Any]):
        key = (variant, kind)
        if key not in self._cells:
            props: dict[str, Any] = {"valign": "top", **extra}
            if kind in NUMBER_FORMATS:
                props["num_format"] = NUMBER_FORMATS[kind]
            if kind in WRAPPED_KINDS:
                props["text_wrap"] = True
            self._cells[key] = self.wb.add_format(props)
        return self._cells[key]

    def cell(self, kind: str):
        """A plain data cell of ``kind``."""
        return self._make("cell", kind, {})

    def boxed(self, kind: str):
        """A data cell with a light border, for ranges that are not Excel tables."""
        return self._make("boxed", kind, {"border": 1, "border_color": "#BFBFBF"})

    def total(self, kind: str):
        """A bold, shaded total cell."""
        return self._make("total", kind, {"bold": True, "bg_color": self.TOTAL_FILL,
                                          "border": 1, "border_color": "#BFBFBF"})


# -- writing cells -----------------------------------------------------------------------


def _number_writer(ws) -> Callable[..., int]:
    write_number = ws.write_number
    return lambda row, col, value, fmt: write_number(row, col, float(value), fmt)


def _text_writer(ws) -> Callable[..., int]:
    """``write_string``; a value that is not text (a number typed in a text column) is
    written with its own type."""
    write_string = ws.write_string
    return lambda row, col, value, fmt: (write_string(row, col, excel_text(value), fmt)
                                         if value.__class__ is str
                                         else put(ws, row, col, value, fmt))


def _any_writer(ws, date_format) -> Callable[..., int]:
    def write(row: int, col: int, value: Any, fmt) -> int:
        return put(ws, row, col, value, date_format if isinstance(value, dt.date) else fmt)
    return write


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial dates, as xlsxwriter counts
_FIRST_PLAIN_DAY = dt.date(1900, 3, 1)  # from here on no 1900-leap-year correction applies


def _date_writer(ws) -> Callable[..., int]:
    """``write_datetime``, with a day written straight as the serial number it stores
    (xlsxwriter's general conversion costs some 30 µs a date; a big plan has thousands)."""
    write_number, write_datetime = ws.write_number, ws.write_datetime

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
    row = first_row
    for values in rows:
        for (col, write, style), value in zip(targets, values):
            if value is None or value == "":
                continue
            code = write(row, col, value, style)
            if code:
                check(code, ws, row, col)
        if wrapped:
            texts = [(text, width) for i, width, one_line in wrapped
                     if isinstance(text := values[i], str)
                     and (len(text) > one_line or "\n" in text)]
            if texts:  # else every text fits on one line: the default height
                height = row_height(texts)
                if height > 15:
                    set_height(ws, row, height)
        row += 1
    return row


@functools.lru_cache(maxsize=None)
def _one_line_chars(width: float) -> int:
    """The longest text ``row_height`` puts on one line of a column ``width`` wide."""
    low, high = 0, 1
    while row_height([("x" * high, width)]) <= 15:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if row_height([("x" * middle, width)]) <= 15 else (low, middle)
    return low


def set_width(ws, first_col: int, last_col: int, width: float) -> None:
    check(ws.set_column(first_col, last_col, width), ws, 0, first_col, "la colonna di")


MAX_ROW_HEIGHT = 409  # points: the tallest row Excel has


def set_height(ws, row: int, height: float) -> None:
    check(ws.set_row(row, min(height, MAX_ROW_HEIGHT)), ws, row, 0, "la riga di")


def set_widths(ws, first_col: int, columns: Sequence[Column]) -> None:
    for i, column in enumerate(columns):
        set_width(ws, first_col + i, first_col + i, column.width)


def write_table(book: Book, ws, first_row: int, first_col: int, columns: Sequence[Column],
                rows: Sequence[Sequence[Any]], name: str) -> int:
    """An Excel table (header, filters, banded rows) with ``rows``; returns the next free row.

    A table needs at least one data row: an empty one is left blank.
    """
    header_row = first_row
    end = write_rows(ws, header_row + 1, first_col, columns, rows, book.formats.cell)
    last_row = max(end - 1, header_row + 1)
    options = {
        "name": book.table_name(name),
        "style": TABLE_STYLE,
        "columns": [{"header": c.header, "header_format": book.formats.header}
                    for c in columns],
    }
    check(ws.add_table(header_row, first_col, last_row, first_col + len(columns) - 1,
                       options), ws, header_row, first_col, "la tabella")
    set_height(ws, header_row, header_height(columns))
    return last_row + 1


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


def print_setup(ws, *, landscape: bool, repeat_row: int | None = None,
                fit_width: bool = True) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    if fit_width:
        ws.fit_to_pages(1, 0)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&RPagina &P di &N")


def conditional(ws, first_row: int, first_col: int, last_row: int, last_col: int,
                options: dict[str, Any]) -> None:
    check(ws.conditional_format(first_row, first_col, last_row, last_col, options),
          ws, first_row, first_col, "la formattazione condizionale di")
