"""Write a template workbook (blank or pre-filled) from its spec, with xlsxwriter.

The same function writes the blank templates of ``pianoperf templates``, the filled
sample workbooks and the pre-filled copies ``pianoperf distribute`` sends to each sector:
a ``fill`` mapping gives values per sheet (see ``Fill``), everything else comes from the
spec. Values go in through the checked writes of ``write.cells`` and look as
``write.style`` says, like every workbook the tool writes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from pianoperf_xl import __version__
from pianoperf_xl import spec as specs
from pianoperf_xl.write import style
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.cells import (
    check, new_workbook, put, row_height, set_height, set_width, sum_formula,
)
from pianoperf_xl.spec.base import (
    AMOUNT, CHOICE, DATE, DECIMAL, EMAIL, FIRST_DATA_ROW, HEADER_ROW, HOURS, INT, LONG_TEXT,
    NOTE_ROW, PERCENT, TITLE_ROW, Field, FixedTable, FormSheet, TableSheet, TemplateSpec,
)

# Values for one workbook: sheet name -> {key: value} (forms), [ {key: value} ] (tables),
# or {row code: {"label": str, column key: value}} (fixed tables).
Fill = Mapping[str, Any]

# Fixed timestamp so that generating the same template twice gives the same file.
FIXED_CREATED = dt.datetime(2000, 1, 1)

NUMBER_FORMATS = {
    AMOUNT: style.TWO_DECIMALS,
    INT: style.THOUSANDS,
    DECIMAL: style.TWO_DECIMALS,
    PERCENT: style.PERCENTAGE,
    DATE: style.DAY,
    HOURS: style.WHOLE,
}
WRAPPED_TYPES = (LONG_TEXT, "text", EMAIL, CHOICE)
INSTRUCTIONS_WIDTH = 110

TYPE_DESCRIPTIONS = {
    "text": "testo",
    LONG_TEXT: "testo, anche lungo (Alt+Invio per andare a capo)",
    INT: "numero intero",
    AMOUNT: "importo in euro con due decimali",
    DECIMAL: "numero",
    PERCENT: "percentuale (es. 25%)",
    DATE: "data (gg/mm/aaaa)",
    EMAIL: "indirizzo email",
    HOURS: "ore settimanali da 1 a 36",
    CHOICE: "valore da scegliere dall'elenco",
}

GENERAL_RULES = (
    "Si compilano solo le celle gialle. Le celle grigie sono calcolate o prestampate.",
    "Non rinominare, spostare o eliminare i fogli; non modificare le intestazioni delle colonne.",
    "Si possono aggiungere righe in fondo alle tabelle; le righe vuote sono ignorate.",
    "Gli importi e i numeri vanno scritti come numeri, senza il simbolo dell'euro.",
    "Le date vanno scritte come date (es. 31/12/2022).",
    "Il file va restituito in formato .xlsx, con lo stesso nome o con un nome a scelta.",
    "Il foglio nascosto «_meta» identifica il modello: non va modificato.",
)

_PLACEHOLDER = re.compile(r"\{(\w+)(?:@([\w+-]+))?\}")


def write_template(spec: TemplateSpec, path: str | os.PathLike, fill: Fill | None = None,
                   *, meta: Sequence[tuple[str, str]] = ()) -> Path:
    """Write ``spec`` (optionally filled) to ``path`` atomically and return the path.

    ``meta``: extra (key, value) rows for the hidden ``_meta`` sheet, after the template's
    own (e.g. the fingerprints of carried-over objectives, see ``carryover``).
    """
    with atomic_path(path) as tmp:
        _TemplateWriter(spec, str(tmp), fill or {}, meta).write()
    return Path(path)


def write_blank_templates(directory: str | os.PathLike, year: int) -> list[Path]:
    return [write_template(specs.spec_for(kind, year), Path(directory) / specs.spec_for(
        kind, year).file_name) for kind in specs.KINDS]


class _TemplateWriter:
    def __init__(self, spec: TemplateSpec, path: str, fill: Fill,
                 meta: Sequence[tuple[str, str]] = ()) -> None:
        self.spec = spec
        self.fill = fill
        self.extra_meta = tuple(meta)
        self.book = new_workbook(path, in_memory=True)  # a sector's form: small
        self.book.set_properties({
            "title": spec.title,
            "subject": f"Modello {specs.KIND_LABELS[spec.kind]}",
            "author": "pianoperf_xl",
            "comments": f"Modello {spec.kind} versione {spec.version}, anno {spec.year}",
            "created": FIXED_CREATED,
        })
        self.formats = _Formats(self.book)
        # A blank template's formulas really are 0; a filled one's are unknown until a
        # spreadsheet recalculates them, and an empty cached value says so to readers.
        self.formula_value: int | str = "" if fill else 0

    def write(self) -> None:
        unknown = set(self.fill) - {s.name for s in self.spec.sheets}
        if unknown:
            raise ValueError(f"fill names sheets the template does not have: {sorted(unknown)}")
        self._instructions()
        for sheet in self.spec.sheets:
            data = self.fill.get(sheet.name)
            if isinstance(sheet, FormSheet):
                self._form(sheet, {**_form_defaults(sheet, self.spec.year), **(data or {})})
            elif isinstance(sheet, TableSheet):
                self._table(sheet, data or [])
            else:
                self._fixed(sheet, data or {})
        self._lists()
        self._meta()
        self.book.close()

    # -- sheets -----------------------------------------------------------------------

    def _instructions(self) -> None:
        ws = self.book.add_worksheet(specs.INSTRUCTIONS_SHEET)
        set_width(ws, 0, 0, 4)
        set_width(ws, 1, 1, INSTRUCTIONS_WIDTH)
        f = self.formats
        put(ws, 0, 1, self.spec.title, f.title)
        self._paragraph(ws, 1, self.spec.purpose)
        row = 3
        put(ws, row, 1, "Come si compila", f.subtitle)
        for rule in GENERAL_RULES:
            row += 1
            self._paragraph(ws, row, rule, bullet=True)
        for sheet in self.spec.sheets:
            row += 2
            put(ws, row, 1, f"Foglio «{sheet.name}» - {sheet.title}", f.subtitle)
            row += 1
            self._paragraph(ws, row, sheet.note)
            for field in _input_fields(sheet):
                row += 1
                self._paragraph(ws, row, _describe(field), bullet=True)
        style.print_setup(ws, footer=False, margins=None)
        ws.activate()

    def _paragraph(self, ws, row: int, text: str, *, bullet: bool = False) -> None:
        """A wrapped line of the instructions, with its row as tall as the text."""
        if bullet:
            put(ws, row, 0, "•", self.formats.plain)
        put(ws, row, 1, text, self.formats.wrap)
        set_height(ws, row, row_height([(text, INSTRUCTIONS_WIDTH)]))

    def _form(self, sheet: FormSheet, data: Mapping[str, Any]) -> None:
        ws = self._sheet_start(sheet.name, sheet.title, sheet.note)
        f = self.formats
        set_width(ws, 0, 0, 46)
        value_width = max(fl.width for fl in sheet.fields) + 10
        set_width(ws, 1, 1, value_width)
        set_width(ws, 2, 2, 60)
        put(ws, HEADER_ROW, 0, "Voce", f.header)
        put(ws, HEADER_ROW, 1, "Valore", f.header)
        put(ws, HEADER_ROW, 2, "Note per la compilazione", f.header)
        cells = {fl.key: xl_rowcol_to_cell(FIRST_DATA_ROW + i, 1)
                 for i, fl in enumerate(sheet.fields)}
        for i, field in enumerate(sheet.fields):
            row = FIRST_DATA_ROW + i
            label = field.label + (" *" if field.required else "")
            put(ws, row, 0, label, f.label)
            if field.formula and field.key not in data:
                self._formula(ws, row, 1, _expand(field.formula, lambda k, _c: cells[k]),
                              f.computed(field.type))
            else:
                put(ws, row, 1, data.get(field.key), f.cell(field))
                if not field.locked:
                    self._validate(ws, row, 1, row, 1, field)
            # Text even when empty, as the committed templates have it.
            check(ws.write_string(row, 2, field.help, f.help), ws, row, 2)
            value = data.get(field.key)
            set_height(ws, row, row_height([(label, 46), (field.help, 60),
                                            (value if isinstance(value, str) else "",
                                             value_width)]))
        _protect_if_locked(ws, sheet.fields)
        style.print_setup(ws, footer=False, margins=None)

    def _table(self, sheet: TableSheet, rows: list[Mapping[str, Any]]) -> None:
        ws = self._sheet_start(sheet.name, sheet.title, sheet.note)
        f = self.formats
        last_col = len(sheet.columns) - 1
        for col, field in enumerate(sheet.columns):
            set_width(ws, col, col, field.width)
            put(ws, HEADER_ROW, col, field.label + (" *" if field.required else ""), f.header)
            last_row = FIRST_DATA_ROW + sheet.validated_rows - 1
            if not field.locked:
                self._validate(ws, FIRST_DATA_ROW, col, last_row, col, field)
        layout = _table_layout(sheet, rows)
        formulas = _printed_formulas(sheet, layout)
        styled = max(sheet.blank_rows, len(layout) + 5)
        for i in range(styled):
            row_data = layout[i] if i < len(layout) else {}
            unknown = set(row_data) - {c.key for c in sheet.columns}
            if unknown:
                raise ValueError(f"{sheet.name}: unknown columns {sorted(unknown)}")
            printed = (sheet.printed_row(row_data.get(sheet.row_key),
                                         row_data.get(sheet.part_key)) if row_data else None)
            for col, field in enumerate(sheet.columns):
                formula = formulas.get((i, col))
                if formula and field.key not in row_data:
                    # "" as the cached value: blank until a spreadsheet computes it
                    check(ws.write_formula(FIRST_DATA_ROW + i, col, "=" + formula,
                                           f.total(field.type) if printed.sum_of
                                           else f.computed(field.type), ""),
                          ws, FIRST_DATA_ROW + i, col, "la formula")
                elif printed is not None and field.key in (sheet.row_key, sheet.part_key):
                    put(ws, FIRST_DATA_ROW + i, col, row_data.get(field.key), f.label_total)
                else:
                    put(ws, FIRST_DATA_ROW + i, col, row_data.get(field.key), f.cell(field))
            if row_data:
                set_height(ws, FIRST_DATA_ROW + i, row_height(
                    [(v, c.width) for c in sheet.columns
                     if isinstance(v := row_data.get(c.key), str)]))
        ws.freeze_panes(FIRST_DATA_ROW, 0)
        check(ws.autofilter(HEADER_ROW, 0, FIRST_DATA_ROW + styled - 1, last_col), ws,
              HEADER_ROW, 0, "il filtro di")
        _protect_if_locked(ws, sheet.columns)
        style.print_setup(ws, landscape=True, repeat_row=HEADER_ROW, margins=None)

    def _fixed(self, sheet: FixedTable, data: Mapping[str, Mapping[str, Any]]) -> None:
        ws = self._sheet_start(sheet.name, sheet.title, sheet.note)
        f = self.formats
        unknown = set(data) - {r.code for r in sheet.rows}
        if unknown:
            raise ValueError(f"{sheet.name}: unknown row codes {sorted(unknown)}")
        set_width(ws, 0, 0, 10)
        set_width(ws, 1, 1, 62)
        put(ws, HEADER_ROW, 0, sheet.code_header, f.header)
        put(ws, HEADER_ROW, 1, sheet.label_header, f.header)
        row_of = {r.code: FIRST_DATA_ROW + i for i, r in enumerate(sheet.rows)}
        col_of = {c.key: 2 + i for i, c in enumerate(sheet.value_columns)}
        for field in sheet.value_columns:
            set_width(ws, col_of[field.key], col_of[field.key], field.width)
            put(ws, HEADER_ROW, col_of[field.key], field.label, f.header)
        for fixed_row in sheet.rows:
            row = row_of[fixed_row.code]
            values = data.get(fixed_row.code, {})
            total = fixed_row.is_total
            put(ws, row, 0, fixed_row.code, f.code_total if total else f.code)
            label = values.get("label", fixed_row.label)
            label_format = (f.label_total if total
                            else f.input("text") if sheet.label_editable else f.label)
            put(ws, row, 1, label, label_format)
            for field in sheet.value_columns:
                col = col_of[field.key]
                formula = _fixed_formula(field, fixed_row, row_of, col_of, col)
                if formula and field.key not in values:
                    cell_format = f.total(field.type) if total else f.computed(field.type)
                    self._formula(ws, row, col, formula, cell_format)
                else:
                    cell_format = f.total(field.type) if total else f.input(field.type)
                    put(ws, row, col, values.get(field.key), cell_format)
                    if not total:
                        self._validate(ws, row, col, row, col, field)
        ws.freeze_panes(FIRST_DATA_ROW, 2)
        style.print_setup(ws, repeat_row=HEADER_ROW, margins=None)

    def _sheet_start(self, name: str, title: str, note: str):
        ws = self.book.add_worksheet(name)
        put(ws, TITLE_ROW, 0, title, self.formats.title)
        put(ws, NOTE_ROW, 0, note, self.formats.note)
        set_height(ws, NOTE_ROW, 30)
        set_height(ws, HEADER_ROW, 32)
        return ws

    def _formula(self, ws, row: int, col: int, formula: str, cell_format) -> None:
        check(ws.write_formula(row, col, "=" + formula, cell_format, self.formula_value),
              ws, row, col, "la formula")

    def _lists(self) -> None:
        ws = self.book.add_worksheet(specs.LISTS_SHEET)
        for col, name in enumerate(_list_names(self.spec)):
            put(ws, 0, col, name)
            for i, value in enumerate(specs.choices(name, self.spec.year)):
                put(ws, 1 + i, col, value)
        ws.hide()

    def _meta(self) -> None:
        ws = self.book.add_worksheet(specs.META_SHEET)
        rows = (("kind", self.spec.kind), ("version", self.spec.version),
                ("year", self.spec.year), ("generator", f"pianoperf_xl {__version__}"),
                *self.extra_meta)
        for i, (key, value) in enumerate(rows):
            put(ws, i, 0, key)
            put(ws, i, 1, value)
        ws.hide()

    # -- cells ------------------------------------------------------------------------

    def _validate(self, ws, first_row: int, first_col: int, last_row: int, last_col: int,
                  field: Field) -> None:
        rule = _validation(field)
        if field.choices:
            # Lists are written last, so refer to them by the range they will have.
            rule = {"validate": "list", "source": _list_source(self.spec, field.choices),
                    "error_title": "Valore non previsto",
                    "error_message": "Scegliere un valore dall'elenco."}
        if rule is None:
            return
        if field.help:
            rule["input_title"] = field.label[:32]
            rule["input_message"] = field.help[:255]
        ws.data_validation(first_row, first_col, last_row, last_col, rule)


def _protect_if_locked(ws, fields: Sequence[Field]) -> None:
    """A sheet with locked cells is protected without a password (Excel and LibreOffice
    both open it; «Rimuovi protezione» needs no password): the locked cells cannot be
    typed over by mistake, while rows, columns and the filter still work."""
    if any(field.locked for field in fields):
        ws.protect("", {"autofilter": True, "sort": True, "format_cells": True,
                        "format_columns": True, "format_rows": True})


def _form_defaults(sheet: FormSheet, year: int) -> dict[str, Any]:
    """The plan year is known when the template is generated: print it."""
    return {f.key: year for f in sheet.fields if f.key == "anno"}


def _list_names(spec: TemplateSpec) -> list[str]:
    """The closed lists a template uses, one column each of the hidden lists sheet."""
    return sorted({fl.choices for s in spec.sheets for fl in _input_fields(s) if fl.choices})


def _list_source(spec: TemplateSpec, name: str) -> str:
    letter = xl_col_to_name(_list_names(spec).index(name))
    size = len(specs.choices(name, spec.year))
    return f"='{specs.LISTS_SHEET}'!${letter}$2:${letter}${1 + size}"


def _validation(field: Field) -> dict[str, Any] | None:
    if field.bounds is not None and field.type in (INT, DECIMAL):
        low, high = field.bounds
        shown = f"da {low:g} a {high:g}".replace(".", ",")
        return {"validate": "integer" if field.type == INT else "decimal",
                "criteria": "between", "minimum": low, "maximum": high,
                "error_title": "Valore fuori scala",
                "error_message": f"Scrivere un numero {shown}."}
    if field.type == HOURS:
        return {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 36,
                "error_title": "Ore non valide",
                "error_message": "Le ore settimanali vanno da 1 a 36."}
    if field.type == PERCENT:
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
                "error_title": "Percentuale non valida",
                "error_message": "Scrivere una percentuale tra 0% e 100%."}
    if field.type == DATE:
        return {"validate": "date", "criteria": "between",
                "minimum": dt.date(1900, 1, 1), "maximum": dt.date(2100, 12, 31),
                "error_title": "Data non valida", "error_message": "Scrivere una data gg/mm/aaaa."}
    if field.type in (INT, AMOUNT, DECIMAL):
        return {"validate": "decimal", "criteria": "between",
                "minimum": -1e15, "maximum": 1e15, "error_type": "warning",
                "error_title": "Numero atteso", "error_message": "Qui va scritto un numero."}
    return None


def _fixed_formula(field: Field, fixed_row, row_of, col_of, col: int) -> str | None:
    """The formula of a fixed-table cell: the column's own formula, else the row's sum."""
    if field.formula:
        def cell(key: str, code: str | None) -> str:
            if code:
                return xl_rowcol_to_cell(row_of[code], col_of[key], row_abs=True, col_abs=True)
            return xl_rowcol_to_cell(row_of[fixed_row.code], col_of[key])
        return _expand(field.formula, cell)
    if fixed_row.is_total:
        return sum_formula(sorted(row_of[code] for code in fixed_row.sum_of), col)
    return None


def _table_layout(sheet: TableSheet, rows: Sequence[Mapping[str, Any]]
                  ) -> list[Mapping[str, Any]]:
    """The rows of a table as written: the filled rows as given, or, in a blank template,
    the sheet's printed rows, each followed by its empty rows."""
    if rows or not sheet.printed:
        return list(rows)
    layout: list[Mapping[str, Any]] = []
    for printed in sheet.printed:
        layout.append({sheet.row_key: printed.name})
        layout.extend({} for _ in range(printed.blank_after))
    return layout


def _printed_formulas(sheet: TableSheet, layout: Sequence[Mapping[str, Any]]
                      ) -> dict[tuple[int, int], str]:
    """(layout index, column) -> formula of the printed rows the layout holds.

    A total of parts adds the rows below it up to the next printed row; a total or a ratio
    of printed rows refers to the rows the layout holds (none: the cell is left to type).
    """
    if not sheet.printed:
        return {}
    col_of = {c.key: i for i, c in enumerate(sheet.columns)}
    at: dict[int, Any] = {}
    for i, data in enumerate(layout):
        printed = sheet.printed_row(data.get(sheet.row_key), data.get(sheet.part_key))
        if printed is not None:
            at[i] = printed
    first = {}
    for i, printed in at.items():
        first.setdefault(printed.name, i)
    starts = sorted(at) + [len(layout)]
    name_col, part_col = col_of[sheet.row_key], col_of[sheet.part_key]

    def cell(i: int, col: int, **absolute: bool) -> str:
        return xl_rowcol_to_cell(FIRST_DATA_ROW + i, col, **absolute)

    def span(lo: int, hi: int, col: int) -> str:
        return f"{cell(lo, col, col_abs=True)}:{cell(hi, col, col_abs=True)}"

    formulas = {}
    for n, (i, printed) in enumerate(sorted(at.items())):
        for field in sheet.computed_columns:
            col = col_of[field.key]
            if printed.parts:
                lo, hi = i + 1, starts[n + 1] - 1
                if hi < lo:
                    continue
                own = (f"{span(lo, hi, name_col)},{cell(i, name_col, col_abs=True)},"
                       f'{span(lo, hi, part_col)},"<>"')
                values = f"{cell(lo, col)}:{cell(hi, col)}"
                formulas[(i, col)] = (f'IF(COUNTIFS({own},{values},"<>")=0,"",'
                                      f"SUMIFS({values},{own}))")
            elif printed.sum_of:
                cells = ",".join(cell(first[name], col) for name in printed.sum_of
                                 if name in first)
                if cells:
                    formulas[(i, col)] = f'IF(COUNT({cells})=0,"",SUM({cells}))'
            elif printed.ratio and all(name in first for name in printed.ratio):
                top, bottom = (cell(first[name], col) for name in printed.ratio)
                formulas[(i, col)] = (f'IF(OR(NOT(ISNUMBER({top})),N({bottom})=0),"",'
                                      f"ROUND({top}/{bottom},2))")
    return formulas


def _expand(formula: str, cell) -> str:
    return _PLACEHOLDER.sub(lambda m: cell(m.group(1), m.group(2)), formula)


def _input_fields(sheet) -> tuple[Field, ...]:
    if isinstance(sheet, FormSheet):
        return sheet.fields
    if isinstance(sheet, TableSheet):
        return sheet.columns
    return sheet.value_columns


def _describe(field: Field) -> str:
    parts = [f"{field.label}: {TYPE_DESCRIPTIONS[field.type]}"]
    if field.required:
        parts.append("obbligatorio")
    if field.formula:
        parts.append("calcolato dal modello")
    if field.locked:
        parts.append("prestampato, non modificabile")
    text = ", ".join(parts)
    return f"{text}. {field.help}" if field.help else text + "."


class _Formats:
    """The template's cell styles: yellow inputs, grey computed cells, bold totals."""

    def __init__(self, book) -> None:
        border = {"border": 1, "border_color": style.BORDER, "valign": "top"}
        grey = {"bg_color": style.COMPUTED_FILL}
        self.title = book.add_format(style.TITLE)
        self.subtitle = book.add_format({"bold": True, "font_size": 12})
        self.note = book.add_format(style.NOTE)
        self.plain = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.help = book.add_format({"text_wrap": True, "valign": "top", **style.NOTE})
        self.header = book.add_format(style.HEADER)
        self.label = book.add_format({**border, "text_wrap": True})
        self.code = book.add_format({**border, **grey})
        self.code_total = book.add_format({**border, **grey, "bold": True})
        self.label_total = book.add_format({**border, **grey, "bold": True, "text_wrap": True})
        self._cells = style.CellFormats(book, NUMBER_FORMATS, WRAPPED_TYPES, border)

    def input(self, cell_type: str):
        return self._cells.get("input", cell_type, {"bg_color": style.INPUT_FILL,
                                                    "locked": False})

    def cell(self, field: Field):
        """A value cell: locked and grey when the field is locked, else a yellow input."""
        return self.computed(field.type) if field.locked else self.input(field.type)

    def computed(self, cell_type: str):
        return self._cells.get("computed", cell_type, {"bg_color": style.COMPUTED_FILL})

    def total(self, cell_type: str):
        return self._cells.get("total", cell_type, {"bg_color": style.COMPUTED_FILL,
                                                    "bold": True})
