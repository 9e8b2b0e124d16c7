"""Read the three sheet shapes of the spec into ``Record`` objects.

Columns and form fields are found by their header text, not by position, so a sheet
still reads when a user moved a column or inserted a row above the table. Every
non-empty row ends up in a record or in a finding.

A merged area's value counts in every cell of the area, but the record points at the
cell where the value is (its top-left cell), and a row whose only content comes from
a merged area above it is not a row of its own.

A number or a date in a free-text column (a target typed as 100%) is kept as the text
the spreadsheet showed, so that every output prints what the user saw, and as the value
itself in ``Record.typed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Location
from pianoperf_xl.model import Record
from pianoperf_xl.read.cells import EXCEL_MAX_CHARS, CellReader, match_choice
from pianoperf_xl.read.sheetscan import cell_name, column_name
from pianoperf_xl.read.workbook import Rows, SheetData
from pianoperf_xl.spec.base import CHOICE, FREE_TEXT, HEADER_ROW, FixedTable, FormSheet, TableSheet
from pianoperf_xl.values import clean_text, is_blank, normalize_key, typed_value

HEADER_SEARCH_ROWS = 20  # how far down a moved header row is looked for


def _label_key(label: str) -> str:
    return normalize_key(label.rstrip(" *"))


@dataclass(frozen=True)
class _Target:
    """A template field read from one column of a sheet: what every cell of that column
    shares, worked out once per column rather than once per cell."""

    field: Any
    col: int
    letters: str  # the column's letters, for the cells' A1 addresses
    hidden: bool  # the column is hidden
    free_text: bool
    computed: bool  # the template computes it: a total row, or a column with a formula
    choice: bool = False  # a value of a closed list

    @classmethod
    def of(cls, data: SheetData, field: Any, c: int, total: bool = False) -> _Target:
        """``total``: the template computes this cell (a total row); like a column with a
        formula, the checks recompute it from its inputs when it has no cached value."""
        return cls(field, c, column_name(c), data.col_hidden(c), field.type in FREE_TEXT,
                   total or bool(field.formula), field.type == CHOICE)


def _read(data: SheetData, r: int, target: _Target, reader: CellReader, record: Record,
          row_number: str | None = None) -> None:
    """Convert one cell into ``record``: its value, and the address it comes from.
    ``row_number``: ``str(r + 1)``, when the caller has it already."""
    c, field = target.col, target.field
    if (r, c) in data.merged:
        address = data.source(r, c)
    else:  # what data.source gives, without building the address again per cell
        address = target.letters + (row_number or str(r + 1))
    record.cells[field.key] = address
    value = data.value(r, c)
    row_hidden = r in data.hidden_rows
    if (row_hidden or target.hidden) and not is_blank(value):
        reader.hidden(data.name, r, c, row_hidden, field)
    if target.free_text and value.__class__ is not str:  # text is no number or date
        typed = typed_value(value)
        if typed is not None:
            record.typed[field.key] = typed
            value = data.shown(r, c)
    record.values[field.key] = reader.value(value, field, data.name, address,
                                            computed=target.computed)


def _read_row(data: SheetData, r: int, targets: list[_Target], reader: CellReader,
              record: Record, row_number: str, plain: bool) -> None:
    """``_read`` for each target, in order. In a ``plain`` row (neither hidden nor
    holding a merged cell) a visible column's printable text takes the quick way, with
    the answer ``_read`` gives it (``cells.quick_value``'s, or a value of a closed list
    as ``CellReader._choice`` finds it): no call per such cell."""
    row = data.rows[r]
    width = len(row)
    values, cells = record.values, record.cells
    for target in targets:
        if plain and not target.hidden:
            c = target.col
            value = row[c] if c < width else ""
            if (value.__class__ is str and len(value) <= EXCEL_MAX_CHARS
                    and value.isprintable()):
                text = value.strip()
                if text and target.free_text:
                    key = target.field.key
                    cells[key] = target.letters + row_number
                    values[key] = text
                    continue
                if text and target.choice:  # a value of its list, as _convert finds it
                    found = match_choice(text, target.field.choices, reader.year)
                    if found is not None:
                        key = target.field.key
                        cells[key] = target.letters + row_number
                        values[key] = found
                        continue
                if not text and not target.field.required:
                    key = target.field.key
                    cells[key] = target.letters + row_number
                    values[key] = None
                    continue
        _read(data, r, target, reader, record, row_number)


def _slow_rows(data: SheetData) -> set[int]:
    """The rows whose cells all go through ``_read``: hidden rows with content, and rows
    with a cell of a merged area."""
    return data.hidden_rows | {r for r, _ in data.merged}


def read_form(data: SheetData, sheet: FormSheet, reader: CellReader) -> Record:
    """Labels in column A, values in column B."""
    rows = data.rows
    by_label = {}
    for r, row in enumerate(rows):
        if row and not is_blank(data.own(r, 0)):
            by_label.setdefault(_label_key(clean_text(row[0])), r)
    record = Record(reader.file, sheet.name, 0)
    for field in sheet.fields:
        r = by_label.get(_label_key(field.label))
        if r is None:
            reader.findings.append(emit(
                "field-missing", f"Nel foglio «{sheet.name}» manca la riga «{field.label}»: "
                "usare il modello senza modificarne le etichette.",
                Location(reader.file, sheet.name, None)))
            continue
        record.row = record.row or r + 1
        _read(data, r, _Target.of(data, field, 1), reader, record)
    known = {_label_key(f.label) for f in sheet.fields}
    for label, r in by_label.items():
        if r > HEADER_ROW and label not in known and not is_blank(data.own(r, 1)):
            reader.findings.append(emit(
                "field-unknown",
                f"Nel foglio «{sheet.name}» la riga «{clean_text(rows[r][0])}» "
                "non fa parte del modello: il suo valore non è stato usato.",
                Location(reader.file, sheet.name, cell_name(r, 1)),
                value=rows[r][1]))
    return record


def _find_header(rows: Rows, labels: list[str]) -> tuple[int, dict[str, int]]:
    """The header row and the column of each expected label found in it."""
    wanted = {_label_key(label): label for label in labels}
    best: tuple[int, dict[str, int]] = (HEADER_ROW, {})
    for r in range(min(len(rows), HEADER_SEARCH_ROWS)):
        found = {}
        for c, value in enumerate(rows[r]):
            text = clean_text(value) if value is not None else ""  # blank: ""
            key = _label_key(text) if text else ""
            if key in wanted and wanted[key] not in found:
                found[wanted[key]] = c
        if len(found) > len(best[1]):
            best = (r, found)
    return best


def _columns(data: SheetData, sheet_name: str, labels: list[str], reader: CellReader
             ) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """Header row, column of each label, and any extra headed columns."""
    rows = data.rows
    header, found = _find_header(rows, labels)
    if not found:
        reader.findings.append(emit(
            "header-missing", f"Nel foglio «{sheet_name}» non si trova la riga di intestazione "
            "del modello: il foglio non è stato letto.",
            Location(reader.file, sheet_name, cell_name(HEADER_ROW, 0))))
        return None
    for label in labels:
        if label not in found:
            reader.findings.append(emit(
                "column-missing", f"Nel foglio «{sheet_name}» manca la colonna «{label}».",
                Location(reader.file, sheet_name, cell_name(header, 0))))
    used = set(found.values())
    # Every other column: headed by a title the template does not have, or by nothing
    # (a title deleted, or cleared by merging the header cells); "" for no title.
    width = max((len(row) for row in rows[header + 1:]), default=0)
    extra = {c: "" if is_blank(data.own(header, c)) else clean_text(data.value(header, c))
             for c in range(max(width, len(rows[header]))) if c not in used}
    return header, found, extra


def _blank_row(data: SheetData, r: int, cols: list[int]) -> bool:
    """Whether row ``r`` has nothing of its own in ``cols`` (``data.own`` blank in each)."""
    row, merged = data.rows[r], data.merged
    width = len(row)
    for c in cols:
        if c < width:
            value = row[c]
            if value != "" and not is_blank(value) and (r, c) not in merged:
                return False
    return True


def _report_extra(data: SheetData, sheet: str, header: int, extra: dict[int, str],
                  reader: CellReader) -> None:
    """Values in a column the template does not have are never used silently."""
    for c, title in extra.items():
        filled = [r for r in range(header + 1, len(data.rows)) if not is_blank(data.own(r, c))]
        if not filled:
            continue
        what = (f"la colonna «{title}» non fa parte del modello" if title else
                f"la colonna {column_name(c)} non ha intestazione")
        reader.findings.append(emit(
            "column-unknown", f"Nel foglio «{sheet}» {what}: i suoi {len(filled)} valori non "
            "sono stati usati.",
            Location(reader.file, sheet, cell_name(filled[0], c))))


def read_table(data: SheetData, sheet: TableSheet, reader: CellReader) -> list[Record]:
    """One record per non-empty row below the header."""
    labels = [c.label for c in sheet.columns]
    located = _columns(data, sheet.name, labels, reader)
    if located is None:
        return []
    header, found, extra = located
    records = []
    known_cols = sorted(set(found.values()))
    computed = {f.key for f in sheet.computed_columns} if sheet.printed else set()
    columns = {f.key: found[f.label] for f in sheet.columns if f.label in found}
    targets = [_Target.of(data, field, found[field.label]) for field in sheet.columns
               if field.label in found]
    # on a printed row with formulas (a group's total), the computed cells are totals
    totals = [_Target.of(data, field, found[field.label], total=field.key in computed)
              for field in sheet.columns if field.label in found] if computed else targets
    slow_rows = _slow_rows(data)
    for r in range(header + 1, len(data.rows)):
        if _blank_row(data, r, known_cols):
            continue
        printed = _printed(data, r, sheet, columns)
        if printed is not None and all(
                is_blank(value := data.own(r, c)) and not getattr(value, "error", None)
                for key, c in columns.items() if key != sheet.row_key):
            continue  # a row as the template prints it, nothing filled or computed yet
        record = Record(reader.file, sheet.name, r + 1)
        _read_row(data, r, totals if printed is not None and printed.computed else targets,
                  reader, record, str(r + 1), r not in slow_rows)
        records.append(record)
    _report_extra(data, sheet.name, header, extra, reader)
    return records


def _printed(data: SheetData, r: int, sheet: TableSheet, columns: dict[str, int]):
    """The ``TableRow`` row ``r`` is, when the sheet prints rows and it is one of them
    (``columns``: the column of each key found)."""
    if not sheet.printed:
        return None

    def text(key: str):
        c = columns.get(key)
        return None if c is None or is_blank(data.value(r, c)) else clean_text(data.value(r, c))
    return sheet.printed_row(text(sheet.row_key), text(sheet.part_key))


def read_fixed(data: SheetData, sheet: FixedTable, reader: CellReader) -> list[Record]:
    """One record per row with a code or a value; ``code`` and ``label`` are values too.

    Rows are matched by the code in the first column, so inserted or reordered rows
    still read; codes the template does not print are kept (the checks judge them).
    """
    labels = [sheet.code_header, sheet.label_header] + [c.label for c in sheet.value_columns]
    located = _columns(data, sheet.name, labels, reader)
    if located is None:
        return []
    rows = data.rows
    header, found, extra = located
    code_col = found.get(sheet.code_header, 0)
    label_col = found.get(sheet.label_header, 1)
    values = [(f, found.get(f.label)) for f in sheet.value_columns]
    totals = {row.code for row in sheet.rows if row.is_total}
    records = []
    for r in range(header + 1, len(rows)):
        code = clean_text(data.value(r, code_col))
        if all(is_blank(data.own(r, c)) for c in [code_col] + [c for _, c in values]
               if c is not None):
            if not is_blank(data.own(r, label_col)):
                reader.findings.append(emit(
                    "row-ignored", f"Nel foglio «{sheet.name}» la riga "
                    f"«{clean_text(data.value(r, label_col))}» non ha codice né "
                    "importi: non è stata usata.",
                    Location(reader.file, sheet.name, cell_name(r, label_col))))
            continue
        record = Record(reader.file, sheet.name, r + 1)
        record.values["code"] = code
        record.cells["code"] = data.source(r, code_col)
        record.values["label"] = data.shown(r, label_col) or None
        record.cells["label"] = data.source(r, label_col)
        for field, c in values:
            if c is not None:
                _read(data, r, _Target.of(data, field, c, total=code in totals), reader,
                      record)
        if not code:
            reader.findings.append(emit(
                "row-without-code",
                f"Nel foglio «{sheet.name}» una riga ha valori ma non il codice "
                f"({sheet.code_header}).",
                Location(reader.file, sheet.name, cell_name(r, code_col))))
        records.append(record)
    _report_extra(data, sheet.name, header, extra, reader)
    return records
