"""Write a template workbook (blank or pre-filled) from its spec, with xlsxwriter.

The same function writes the blank templates of ``pianoperf templates``, the filled
sample workbooks and, later, the pre-filled copies sent to each sector: a ``fill``
mapping gives values per sheet (see ``Fill``), everything else comes from the spec.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping, Sequence

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from pianoperf_xl import __version__
from pianoperf_xl import spec as specs
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.cells import row_height, sum_formula
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
    AMOUNT: "#,##0.00",
    INT: "#,##0",
    DECIMAL: "#,##0.00",
    PERCENT: "0.0%",
    DATE: "dd/mm/yyyy",
    HOURS: "0",
}

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
        self.book = xlsxwriter.Workbook(path, {"strings_to_formulas": False,
                                               "strings_to_urls": False,
                                               "strings_to_numbers": False})
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
        ws.set_column(0, 0, 4)
        ws.set_column(1, 1, 110)
        f = self.formats
        ws.write_string(0, 1, self.spec.title, f.title)
        ws.write_string(1, 1, self.spec.purpose, f.wrap)
        ws.set_row(1, row_height([(self.spec.purpose, 110)]))
        row = 3
        ws.write_string(row, 1, "Come si compila", f.subtitle)
        for rule in GENERAL_RULES:
            row += 1
            ws.write_string(row, 0, "•", f.plain)
            ws.write_string(row, 1, rule, f.wrap)
            ws.set_row(row, row_height([(rule, 110)]))
        for sheet in self.spec.sheets:
            row += 2
            ws.write_string(row, 1, f"Foglio «{sheet.name}» - {sheet.title}", f.subtitle)
            row += 1
            ws.write_string(row, 1, sheet.note, f.wrap)
            ws.set_row(row, row_height([(sheet.note, 110)]))
            for field in _input_fields(sheet):
                row += 1
                ws.write_string(row, 0, "•", f.plain)
                ws.write_string(row, 1, _describe(field), f.wrap)
                ws.set_row(row, row_height([(_describe(field), 110)]))
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.activate()

    def _form(self, sheet: FormSheet, data: Mapping[str, Any]) -> None:
        ws = self._sheet_start(sheet.name, sheet.title, sheet.note)
        f = self.formats
        ws.set_column(0, 0, 46)
        value_width = max(fl.width for fl in sheet.fields) + 10
        ws.set_column(1, 1, value_width)
        ws.set_column(2, 2, 60)
        ws.write_string(HEADER_ROW, 0, "Voce", f.header)
        ws.write_string(HEADER_ROW, 1, "Valore", f.header)
        ws.write_string(HEADER_ROW, 2, "Note per la compilazione", f.header)
        cells = {fl.key: xl_rowcol_to_cell(FIRST_DATA_ROW + i, 1)
                 for i, fl in enumerate(sheet.fields)}
        for i, field in enumerate(sheet.fields):
            row = FIRST_DATA_ROW + i
            label = field.label + (" *" if field.required else "")
            ws.write_string(row, 0, label, f.label)
            if field.formula and field.key not in data:
                ws.write_formula(row, 1, "=" + _expand(field.formula, lambda k, _c: cells[k]),
                                 f.computed(field.type), self.formula_value)
            else:
                self._value(ws, row, 1, field, data.get(field.key), f.input(field.type))
                self._validate(ws, row, 1, row, 1, field)
            ws.write_string(row, 2, field.help, f.help)
            value = data.get(field.key)
            ws.set_row(row, row_height([(label, 46), (field.help, 60),
                                        (value if isinstance(value, str) else "", value_width)]))
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)

    def _table(self, sheet: TableSheet, rows: list[Mapping[str, Any]]) -> None:
        ws = self._sheet_start(sheet.name, sheet.title, sheet.note)
        f = self.formats
        last_col = len(sheet.columns) - 1
        for col, field in enumerate(sheet.columns):
            ws.set_column(col, col, field.width)
            ws.write_string(HEADER_ROW, col, field.label + (" *" if field.required else ""),
                            f.header)
            last_row = FIRST_DATA_ROW + sheet.validated_rows - 1
            self._validate(ws, FIRST_DATA_ROW, col, last_row, col, field)
        styled = max(sheet.blank_rows, len(rows) + 5)
        for i in range(styled):
            row_data = rows[i] if i < len(rows) else {}
            unknown = set(row_data) - {c.key for c in sheet.columns}
            if unknown:
                raise ValueError(f"{sheet.name}: unknown columns {sorted(unknown)}")
            for col, field in enumerate(sheet.columns):
                self._value(ws, FIRST_DATA_ROW + i, col, field, row_data.get(field.key),
                            f.input(field.type))
            if row_data:
                ws.set_row(FIRST_DATA_ROW + i, row_height(
                    [(v, c.width) for c in sheet.columns
                     if isinstance(v := row_data.get(c.key), str)]))
        ws.freeze_panes(FIRST_DATA_ROW, 0)
        ws.autofilter(HEADER_ROW, 0, FIRST_DATA_ROW + styled - 1, last_col)
        self._print_setup(ws, landscape=True)

    def _fixed(self, sheet: FixedTable, data: Mapping[str, Mapping[str, Any]]) -> None:
        ws = self._sheet_start(sheet.name, sheet.title, sheet.note)
        f = self.formats
        unknown = set(data) - {r.code for r in sheet.rows}
        if unknown:
            raise ValueError(f"{sheet.name}: unknown row codes {sorted(unknown)}")
        ws.set_column(0, 0, 10)
        ws.set_column(1, 1, 62)
        ws.write_string(HEADER_ROW, 0, sheet.code_header, f.header)
        ws.write_string(HEADER_ROW, 1, sheet.label_header, f.header)
        row_of = {r.code: FIRST_DATA_ROW + i for i, r in enumerate(sheet.rows)}
        col_of = {c.key: 2 + i for i, c in enumerate(sheet.value_columns)}
        for field in sheet.value_columns:
            ws.set_column(col_of[field.key], col_of[field.key], field.width)
            ws.write_string(HEADER_ROW, col_of[field.key], field.label, f.header)
        for fixed_row in sheet.rows:
            row = row_of[fixed_row.code]
            values = data.get(fixed_row.code, {})
            total = fixed_row.is_total
            ws.write_string(row, 0, fixed_row.code, f.code_total if total else f.code)
            label = values.get("label", fixed_row.label)
            label_format = (f.label_total if total
                            else f.input("text") if sheet.label_editable else f.label)
            ws.write_string(row, 1, label, label_format)
            for field in sheet.value_columns:
                col = col_of[field.key]
                formula = _fixed_formula(field, fixed_row, row_of, col_of, col)
                if formula and field.key not in values:
                    style = f.total(field.type) if total else f.computed(field.type)
                    ws.write_formula(row, col, "=" + formula, style, self.formula_value)
                else:
                    style = f.total(field.type) if total else f.input(field.type)
                    self._value(ws, row, col, field, values.get(field.key), style)
                    if not total:
                        self._validate(ws, row, col, row, col, field)
        ws.freeze_panes(FIRST_DATA_ROW, 2)
        self._print_setup(ws, landscape=False)

    def _sheet_start(self, name: str, title: str, note: str):
        ws = self.book.add_worksheet(name)
        ws.write_string(TITLE_ROW, 0, title, self.formats.title)
        ws.write_string(NOTE_ROW, 0, note, self.formats.note)
        ws.set_row(NOTE_ROW, 30)
        ws.set_row(HEADER_ROW, 32)
        return ws

    def _print_setup(self, ws, *, landscape: bool) -> None:
        ws.set_paper(9)
        if landscape:
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW)
        ws.set_footer("&L&A&RPagina &P di &N")

    def _lists(self) -> None:
        ws = self.book.add_worksheet(specs.LISTS_SHEET)
        for col, name in enumerate(_list_names(self.spec)):
            ws.write_string(0, col, name)
            for i, value in enumerate(specs.choices(name, self.spec.year)):
                ws.write_string(1 + i, col, value)
        ws.hide()

    def _meta(self) -> None:
        ws = self.book.add_worksheet(specs.META_SHEET)
        rows = (("kind", self.spec.kind), ("version", self.spec.version),
                ("year", self.spec.year), ("generator", f"pianoperf_xl {__version__}"),
                *self.extra_meta)
        for i, (key, value) in enumerate(rows):
            ws.write_string(i, 0, key)
            if isinstance(value, int):
                ws.write_number(i, 1, value)
            else:
                ws.write_string(i, 1, value)
        ws.hide()

    # -- cells ------------------------------------------------------------------------

    def _value(self, ws, row: int, col: int, field: Field, value: Any, style) -> None:
        if value is None or value == "":
            ws.write_blank(row, col, None, style)
        elif isinstance(value, bool):
            ws.write_string(row, col, str(value), style)
        elif isinstance(value, (int, float, Decimal)):
            ws.write_number(row, col, float(value), style)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(row, col, value, style)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), style)
        else:
            ws.write_string(row, col, str(value), style)

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
    text = ", ".join(parts)
    return f"{text}. {field.help}" if field.help else text + "."


class _Formats:
    """The workbook's cell styles: yellow inputs, grey computed cells, bold totals."""

    INPUT_FILL = "#FFF2CC"
    COMPUTED_FILL = "#E7E6E6"
    HEADER_FILL = "#1F4E78"

    def __init__(self, book) -> None:
        self.book = book
        border = {"border": 1, "border_color": "#A6A6A6", "valign": "top"}
        self._border = border
        self.title = book.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.subtitle = book.add_format({"bold": True, "font_size": 12})
        self.note = book.add_format({"italic": True, "font_color": "#595959"})
        self.plain = book.add_format({"valign": "top"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.help = book.add_format({"text_wrap": True, "valign": "top", "italic": True,
                                     "font_color": "#595959"})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "vcenter",
                                       "font_color": "#FFFFFF", "bg_color": self.HEADER_FILL,
                                       "border": 1})
        self.label = book.add_format({**border, "text_wrap": True})
        self.code = book.add_format({**border, "bg_color": self.COMPUTED_FILL})
        self.code_total = book.add_format({**border, "bg_color": self.COMPUTED_FILL,
                                           "bold": True})
        self.label_total = book.add_format({**border, "bold": True, "text_wrap": True,
                                            "bg_color": self.COMPUTED_FILL})
        self._cache: dict[tuple[str, str], Any] = {}

    def _make(self, kind: str, cell_type: str, extra: dict[str, Any]):
        key = (kind, cell_type)
        if key not in self._cache:
            props = {**self._border, **extra}
            if cell_type in NUMBER_FORMATS:
                props["num_format"] = NUMBER_FORMATS[cell_type]
            if cell_type in (LONG_TEXT, "text", EMAIL, CHOICE):
                props["text_wrap"] = True
            self._cache[key] = self.book.add_format(props)
        return self._cache[key]

    def input(self, cell_type: str):
        return self._make("input", cell_type, {"bg_color": self.INPUT_FILL, "locked": False})

    def computed(self, cell_type: str):
        return self._make("computed", cell_type, {"bg_color": self.COMPUTED_FILL})

    def total(self, cell_type: str):
        return self._make("total", cell_type, {"bg_color": self.COMPUTED_FILL, "bold": True})
