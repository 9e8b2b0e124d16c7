"""Open a workbook safely, read its sheets with python-calamine, and its hidden metadata.

Before python-calamine sees a file, ``safety.check_file`` refuses what is not a safe
.xlsx; before it reads a sheet, ``sheetscan`` measures the sheet from its XML. What
python-calamine cannot tell is added to the values it returns:

- a cell of a merged area takes the value of the area's top-left cell (python-calamine
  gives it only there), and ``SheetData.merged`` remembers where it came from;
- a formula cell without a cached value, or with an error value, is a ``NotComputed``
  (blank for every purpose, but ``CellReader`` reports it) instead of '';
- hidden rows, columns and sheets are known, so that their content is reported;
- a number or date cell's number format is known, so that ``SheetData.shown`` gives the
  text the spreadsheet showed (free-text columns keep that text).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pianoperf_xl import spec as specs
from pianoperf_xl.read.numformat import GENERAL, shown_text
from pianoperf_xl.read.package import Package
from pianoperf_xl.read.safety import (
    MAX_MARKED_CELLS, MAX_SHEET_CELLS, MiB, UnreadableWorkbook, check_file, open_zip,
)
from pianoperf_xl.read.sheetscan import (
    FAST_SCAN_MAX_BYTES, SheetScan, cell_name, scan_part, scan_sheet,
)
from pianoperf_xl.read.styles import CellFormats
from pianoperf_xl.values import clean_text, format_number, is_blank, parse_int, typed_value

__all__ = ["Meta", "NotComputed", "Rows", "SheetData", "UnreadableWorkbook", "Workbook"]

Rows = list[list[Any]]
EXCEL_COLUMNS = 16_384  # a hidden range beyond the last column hides nothing more
Cell = tuple[int, int]  # zero-based row and column


class NotComputed(str):
    """A formula cell python-calamine reads as '': no cached value (``error`` is None),
    or an error value such as '#DIV/0!'. It is '' (blank) to everything else."""

    error: str | None
    formula: str  # the formula as written in the file ('' when not known)

    def __new__(cls, error: str | None = None, formula: str = "") -> NotComputed:
        self = super().__new__(cls, "")
        self.error = error
        self.formula = formula
        return self


@dataclass
class Meta:
    kind: str | None
    version: str | None
    year: int | None
    carried: frozenset[str] = frozenset()  # fingerprints of carried-over objectives


@dataclass
class SheetData:
    """The values of one sheet from A1 ('' when empty) and what calamine does not say."""

    name: str
    rows: Rows
    hidden: bool = False
    merged: dict[Cell, Cell] = field(default_factory=dict)  # filled cell -> top-left
    hidden_rows: set[int] = field(default_factory=set)  # hidden rows with content
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)
    styles: dict[Cell, str] = field(default_factory=dict)  # number cell -> style index
    formats: CellFormats | None = None  # the workbook's format code of each style
    _hidden_col_set: frozenset[int] | None = field(default=None, init=False, repr=False,
                                                    compare=False)

    def value(self, r: int, c: int) -> Any:
        rows = self.rows
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""

    def own(self, r: int, c: int) -> Any:
        """The cell's own value: '' for a cell that only shows a merged area's value."""
        return "" if (r, c) in self.merged else self.value(r, c)

    def source(self, r: int, c: int) -> str:
        """The address the value of (r, c) comes from (the top-left of a merged area)."""
        return cell_name(*self.merged.get((r, c), (r, c)))

    def number_format(self, r: int, c: int) -> str:
        """The number format code of the cell the value of (r, c) comes from."""
        style = self.styles.get(self.merged.get((r, c), (r, c)), "0")
        if self.formats is None or not style.isdigit() or len(style) > 8:
            return GENERAL
        return self.formats.code(int(style))

    def shown(self, r: int, c: int) -> str:
        """The text the cell shows in a spreadsheet: a number or a date with its number
        format applied, Italian style («100%», «€ 120.000,00»); other values clean text."""
        value = self.value(r, c)
        if typed_value(value) is None:
            return clean_text(value)
        return shown_text(value, self.number_format(r, c))

    def col_hidden(self, c: int) -> bool:
        hidden = self._hidden_col_set
        if hidden is None:  # once per sheet: a set, not a scan of the ranges per cell
            hidden = self._hidden_col_set = frozenset(
                col for first, last in self.hidden_cols
                for col in range(max(first, 0), min(last, EXCEL_COLUMNS - 1) + 1))
        return c in hidden


class Workbook:
    """Values of one .xlsx file, sheet by sheet, read once and kept."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        self.path = path
        # Parts read next are kept as the check inflated them (see ``_kept``).
        self._parts = check_file(path, keep=_kept)
        self.package = Package.read(path, self._parts)
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except BaseException as exc:  # calamine raises several types for damaged files
            _reraise_unexpected(exc)
            raise UnreadableWorkbook(
                f"Il file «{path.name}» non si apre come cartella di lavoro Excel (.xlsx): "
                "risalvarlo da Excel o LibreOffice in formato .xlsx.") from exc
        self.sheet_names: list[str] = list(self._book.sheet_names)
        self._sheets: dict[str, SheetData] = {}
        self._scans: dict[str, SheetScan] = {}
        self.formats = CellFormats(path, self.package.styles)

    @property
    def date1904(self) -> bool:
        return self.package.date1904

    @property
    def modified(self) -> dt.datetime | None:
        """When the workbook was last saved, by its own properties (docProps/core.xml)."""
        return self.package.modified

    def hidden(self, sheet: str) -> bool:
        part = self.package.sheets.get(sheet)
        return part is not None and part.hidden

    def scan(self, sheet: str) -> SheetScan:
        """The streaming measure of one sheet's XML (see ``sheetscan``)."""
        if sheet not in self._scans:
            part = self.package.sheets.get(sheet)
            if part is None or part.part is None:
                raise self._unreadable(sheet)
            data = self._parts.data.pop(part.part, None)
            if data is not None:
                self._scans[sheet] = scan_part(self.path.name, part.part, data)
            else:
                with open_zip(self.path) as archive:
                    self._scans[sheet] = scan_sheet(self.path.name, archive, part.part)
        return self._scans[sheet]

    def sheet(self, name: str) -> SheetData:
        if name not in self._sheets:
            self._sheets[name] = self._read(name)
        return self._sheets[name]

    def rows(self, sheet: str) -> Rows:
        """All cells of ``sheet`` from A1, '' for empty cells, merged areas filled."""
        return self.sheet(sheet).rows

    def _read(self, name: str) -> SheetData:
        scan = self.scan(name)
        if scan.cells > MAX_SHEET_CELLS:
            raise self._too_large(name, f"ha celle usate fino a "
                                        f"{cell_name(scan.max_row, scan.max_col)}: sono più "
                                        f"di {format_number(MAX_SHEET_CELLS)} celle")
        if scan.overflow:
            raise self._too_large(name, f"ha più di {format_number(MAX_MARKED_CELLS)} "
                                        "formule senza valore calcolato")
        try:
            sheet = self._book.get_sheet_by_name(name)
            # Rows after the last one with content hold only empty strings: not built.
            rows = (sheet.to_python(skip_empty_area=False, nrows=scan.last_content_row + 1)
                    if scan.last_content_row >= 0 else [])
            merges = sheet.merged_cell_ranges or []
        except BaseException as exc:
            _reraise_unexpected(exc)
            raise self._unreadable(name) from exc
        data = SheetData(name, rows, self.hidden(name), hidden_rows=scan.hidden_rows,
                         hidden_cols=scan.hidden_cols, styles=scan.styles,
                         formats=self.formats)
        _mark_formulas(rows, scan)
        for (top, left), (bottom, right) in merges:
            _fill_merged(data, top, left, bottom, right)
        return data

    def _too_large(self, sheet: str, why: str) -> UnreadableWorkbook:
        return UnreadableWorkbook(
            f"Il foglio «{sheet}» del file «{self.path.name}» {why} e non è stato letto. "
            "Di solito è qualcosa dimenticato in fondo al foglio: eliminare le righe e le "
            "colonne vuote dopo i dati e salvare di nuovo.", "sheet-too-large")

    def _unreadable(self, sheet: str) -> UnreadableWorkbook:
        return UnreadableWorkbook(
            f"Il foglio «{sheet}» del file «{self.path.name}» non si legge: "
            "risalvare il file da Excel o LibreOffice.")

    def meta(self) -> Meta:
        """What the template's hidden ``_meta`` sheet says (all None when it is missing)."""
        if specs.META_SHEET not in self.sheet_names:
            return Meta(None, None, None)
        rows = [row for row in self.rows(specs.META_SHEET) if len(row) >= 2]
        pairs = {clean_text(row[0]): row[1] for row in rows}
        year = parse_int(pairs.get("year")).value
        carried = frozenset(clean_text(row[1]) for row in rows
                            if clean_text(row[0]) == specs.META_CARRIED and not is_blank(row[1]))
        return Meta(clean_text(pairs.get("kind")) or None,
                    clean_text(pairs.get("version")) or None,
                    int(year) if year is not None else None, carried)


_PACKAGE_PARTS = ("docProps/", "_rels/", "xl/_rels/", "xl/workbook.xml")


def _kept(info: zipfile.ZipInfo) -> bool:
    """The parts read right after the check: a worksheet the scan reads whole, and the
    small parts ``Package`` reads."""
    name = info.filename
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        return info.file_size <= FAST_SCAN_MAX_BYTES
    return name.startswith(_PACKAGE_PARTS) and info.file_size <= MiB


def _reraise_unexpected(exc: BaseException) -> None:
    """python-calamine fails with exceptions of its own and, on a Rust panic, with
    ``pyo3_runtime.PanicException`` (a BaseException): both mean a damaged file.
    Anything else (KeyboardInterrupt, SystemExit) goes on."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _mark_formulas(rows: Rows, scan: SheetScan) -> None:
    """Formula cells without a usable cached value become ``NotComputed``."""
    marks = {cell: NotComputed(formula=formula) for cell, formula in scan.uncomputed.items()}
    marks.update((cell, NotComputed(error)) for cell, error in scan.errors.items())
    for (r, c), mark in marks.items():
        if r >= len(rows):
            continue  # a row with nothing else in it: blank either way
        row = rows[r]
        if c >= len(row):
            row.extend([""] * (c + 1 - len(row)))
        if row[c] == "":
            row[c] = mark


def _fill_merged(data: SheetData, top: int, left: int, bottom: int, right: int) -> None:
    """Give every cell of a merged area the value of its top-left cell.

    Only the rows that were read are filled: a merged area cannot make a row of its own.
    """
    value = data.value(top, left)
    if is_blank(value):
        return
    rows = data.rows
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        row = rows[r]
        for c in range(left, min(right, len(row) - 1) + 1):
            if (r, c) != (top, left) and is_blank(row[c]):
                row[c] = value
                data.merged[(r, c)] = (top, left)


def open_returned(entry: Any, paths: dict[str, Path], found: list
                  ) -> tuple[Workbook, Meta] | None:
    """A returned file of a round (a ``read.folder`` entry) opened with its ``_meta``;
    None, with the reason added to ``found``, when it is refused, not a workbook or
    unreadable. Shared by the rounds after the plan, which read any folder of returns."""
    from pianoperf_xl.codes import emit
    from pianoperf_xl.findings import Location

    if entry.refusal is not None:
        found.append(entry.refusal)
        return None
    if Path(entry.name).suffix.lower() not in (".xlsx", ".xlsm"):
        found.append(emit("file-not-workbook", f"«{entry.name}» non è una cartella "
                          "di lavoro Excel (.xlsx): ignorato.", Location(entry.name)))
        return None
    try:
        book = Workbook(paths[entry.name])
        return book, book.meta()
    except UnreadableWorkbook as exc:
        found.append(emit(exc.code, str(exc), Location(entry.name)))
        return None
