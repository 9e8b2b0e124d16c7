"""The public tables as files for «Amministrazione trasparente»: one workbook
(``trasparenza-premi-ANNO.xlsx``, a sheet per table and the notes) and one CSV per table
(UTF-8 with BOM, ``;``-separated, decimal comma: as Italian spreadsheets open it, the
choices of :mod:`pianoperf_xl.write.opendata`).

No Word document: the section publishes data in an open tabular format (art. 7 D.Lgs.
33/2013), and the workbook carries the same titles and notes a document would.
"""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from pianoperf_xl.evaluation.model import Evaluation
from pianoperf_xl.write import style
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.opendata import csv_cell
from pianoperf_xl.write.cells import new_workbook, put, row_height, set_height, set_width
from pianoperf_xl.write.evaluation import text as txt
from pianoperf_xl.write.evaluation.public import (AMOUNT, INT, LABEL, OMITTED, PERCENT,
                                                  Table, tables)

HEADER_ROW = 3
NUMBER_FORMATS = {INT: "#,##0", AMOUNT: style.TWO_DECIMALS, PERCENT: "0.0%"}
LAW = ("Art. 20 del D.Lgs. 14 marzo 2013, n. 33 – «Amministrazione trasparente», "
       "sotto-sezione «Performance»: «Ammontare complessivo dei premi» e «Dati relativi ai "
       "premi».")


def _marks(evaluation: Evaluation) -> list[str]:
    marks = []
    if evaluation.invented:
        marks.append(txt.INVENTED)
    if txt.errors(evaluation):
        marks.append(txt.draft_note(txt.errors(evaluation)))
    return marks


def write_public_workbook(evaluation: Evaluation, path: str | os.PathLike) -> Path:
    with atomic_path(path) as tmp:
        book = new_workbook(str(tmp), in_memory=True)  # a few small tables
        book.set_properties({"title": f"Premi {evaluation.year} – dati per Amministrazione "
                                      "trasparente",
                             "author": evaluation.ente, "subject": LAW,
                             "keywords": "Amministrazione trasparente; premi; performance",
                             "comments": txt.INVENTED if evaluation.invented else ""})
        formats = _Formats(book)
        for table in tables(evaluation):
            _sheet(book, formats, table, evaluation)
        book.close()
    return Path(path)


class _Formats:
    def __init__(self, book) -> None:
        border = {"border": 1, "border_color": style.BORDER, "valign": "top"}
        self.title = book.add_format(style.TITLE)
        self.note = book.add_format({**style.NOTE, "text_wrap": True, "valign": "top"})
        self.mark = book.add_format({"bold": True, "font_color": "#C00000", "text_wrap": True,
                                     "valign": "top"})
        self.header = book.add_format(style.HEADER)
        self.cells = {(kind, total): book.add_format({
            **border, "num_format": NUMBER_FORMATS.get(kind, "General"),
            "text_wrap": kind == LABEL, "bold": total,
            **({"bg_color": style.COMPUTED_FILL} if total else {})})
            for kind in (LABEL, INT, AMOUNT, PERCENT) for total in (False, True)}
        self.hidden = {total: book.add_format({**border, "italic": True, "text_wrap": True,
                                               "align": "center",
                                               "font_color": style.GREY_TEXT, "bold": total,
                                               **({"bg_color": style.COMPUTED_FILL}
                                                  if total else {})})
                       for total in (False, True)}


def _sheet(book, f: _Formats, table: Table, evaluation: Evaluation) -> None:
    ws = book.add_worksheet(table.sheet)
    last = len(table.columns) - 1
    width = sum(c.width for c in table.columns)
    put(ws, 0, 0, table.title, f.title)
    for row, text, fmt in ((1, LAW, f.note), (2, " · ".join(_marks(evaluation)), f.mark)):
        ws.merge_range(row, 0, row, last, "", fmt)
        put(ws, row, 0, text, fmt)
        set_height(ws, row, row_height([(text, width)]))
    for col, column in enumerate(table.columns):
        set_width(ws, col, col, column.width)
        put(ws, HEADER_ROW, col, column.header, f.header)
    set_height(ws, HEADER_ROW, 45)
    figures = next(i for i, c in enumerate(table.columns) if c.kind != LABEL)
    row = HEADER_ROW + 1
    for line in table.lines:
        texts = []
        for col, (value, column) in enumerate(zip(line.cells, table.columns)):
            if line.omitted and col >= figures:
                continue
            put(ws, row, col, float(value) if isinstance(value, Decimal) else value,
                f.cells[column.kind, line.total])
            if isinstance(value, str):
                texts.append((value, column.width))
        if line.omitted:
            ws.merge_range(row, figures, row, last, "", f.hidden[line.total])
            put(ws, row, figures, line.omitted, f.hidden[line.total])
            texts.append((line.omitted, sum(c.width for c in table.columns[figures:])))
        set_height(ws, row, row_height(texts))
        row += 1
    for note in table.notes:
        row += 1
        ws.merge_range(row, 0, row, last, "", f.note)
        put(ws, row, 0, note, f.note)
        set_height(ws, row, row_height([(note, width)]))
    ws.freeze_panes(HEADER_ROW + 1, 0)
    style.print_setup(ws, landscape=True, repeat_row=HEADER_ROW)


def _csv_value(value: Any, kind: str) -> Any:
    """Amounts with two decimals, shares as percentages («50,00»), decimal comma."""
    if isinstance(value, Decimal):
        if kind == PERCENT:
            value = value * 100
        return format(value.quantize(Decimal("0.01")), "f").replace(".", ",")
    return csv_cell(value)


def write_public_csv(evaluation: Evaluation, folder: Path, stem: str) -> list[Path]:
    """One CSV per table: ``STEM-ammontare.csv``, ``STEM-distribuzione.csv``; every row
    begins with the year and the ente, so that each file stands alone, and ends with why
    its figures are left out («n.d.») and the warnings (invented data, a draft), blank
    when there are none."""
    written = []
    for table in tables(evaluation):
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        warning = " · ".join(_marks(evaluation))
        writer.writerow(["anno", "ente", *(c.csv for c in table.columns), "omissione",
                         "avvertenze"])
        for line in table.lines:
            cells = [OMITTED if line.omitted and c.kind != LABEL else _csv_value(v, c.kind)
                     for v, c in zip(line.cells, table.columns)]
            writer.writerow([evaluation.year, csv_cell(evaluation.ente), *cells,
                             line.omitted, warning])
        path = folder / f"{stem}-{table.csv_name}.csv"
        with atomic_path(path) as tmp:
            Path(tmp).write_bytes(out.getvalue().encode("utf-8-sig"))
        written.append(path)
    return written
