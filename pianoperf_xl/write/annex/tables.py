"""Fast tables: a header row that repeats on every page, then one row per :class:`Row`.

Big tables are not built with python-docx's ``add_row()``/``cell.text``, which are slow on
thousands of rows: each table gets one prepared row (``w:tr``) per kind (header, body,
shaded), deep-copied with lxml for every data row, whose cells are then filled with runs.
Text from the workbooks is always set as text (lxml escapes it); characters XML cannot
hold are dropped first.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any, Iterable, Sequence, Union

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from pianoperf_xl.write.annex.ooxml import (TCPR_ORDER, W_B, W_BR, W_I, W_P, W_R, W_RPR, W_T,
                                            W_TC, XML_SPACE, clean, el, insert_ordered,
                                            set_paragraph_property, shading)
from pianoperf_xl.write.annex.styles import CELL, CELL_HEAD, GRID, GROUP_FILL, HEADER_FILL

MERGE = object()  # a cell that continues the vertical merge of the cell above

Run = tuple[str, str]  # (text, format: "" | "b" | "i" | "bi")
Para = tuple[Run, ...]
Cell = Union[None, str, Sequence[Para], object]
LONG_ROW = 1500  # characters: a row longer than this may break across pages
KEEP_TOGETHER = 30  # rows: a table this short is kept on one page when it fits
INDENT_TWIPS = "284"  # 0,5 cm


@dataclass(frozen=True)
class Col:
    title: str
    width: float  # relative to the other columns
    style: str = CELL  # CELL, CELL_NUMBER (right-aligned) or CELL_CENTER


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]
    bold: bool = False
    shaded: bool = False
    indent: bool = False  # the first cell is indented (a sub-item of the row above)


def runs(*parts: Run) -> list[Para]:
    """A cell of one paragraph made of ``parts``."""
    return [tuple(parts)]


def add_table(doc: DocxDocument, cols: Sequence[Col], rows: Iterable[Row], *,
              width: float | None = None, keep: bool = True) -> Table:
    """A table of ``rows`` at the end of ``doc``, ``width`` cm wide (at most the text width
    of the last section); ``keep``: a short table is moved to the next page whole rather
    than split."""
    text_width = _text_width(doc)
    widths = _widths(cols, min(width or text_width, text_width))
    table = doc.add_table(rows=0, cols=len(cols))
    table.style = doc.styles[GRID]
    table.autofit = False
    tbl = table._tbl
    for grid_col, twips in zip(tbl.tblGrid.iterchildren(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(twips))
    tbl_width = tbl.tblPr.find(qn("w:tblW"))
    tbl_width.set(qn("w:type"), "dxa")
    tbl_width.set(qn("w:w"), str(sum(widths)))
    factory = _RowFactory(doc, cols, widths)
    tbl.append(factory.header([c.title for c in cols]))
    previous = None
    for row in rows:
        previous = factory.row(row, previous)
        tbl.append(previous)
    if keep and len(tbl.tr_lst) <= KEEP_TOGETHER:
        _keep_together(tbl)
    return table


def _text_width(doc: DocxDocument) -> float:
    """Width between the margins of the last section, in cm."""
    section = doc.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _widths(cols: Sequence[Col], width_cm: float) -> list[int]:
    """Column widths in twentieths of a point (dxa) filling ``width_cm``."""
    total = sum(c.width for c in cols)
    return [int(width_cm * 567 * c.width / total) for c in cols]


def _keep_together(tbl: Any) -> None:
    """Keep-with-next on every row but the last: word processors then move a short table
    to the next page whole instead of splitting it."""
    for tr in tbl.tr_lst[:-1]:
        for p in tr.iter(W_P):
            set_paragraph_property(p, el("keepNext"))


class _RowFactory:
    """Prepared ``w:tr`` elements for one table, deep-copied for every row."""

    def __init__(self, doc: DocxDocument, cols: Sequence[Col], widths: Sequence[int]):
        self._styles = [doc.styles[c.style].style_id for c in cols]
        self._head_style = doc.styles[CELL_HEAD].style_id
        self._widths = widths
        self._protos: dict[str, Any] = {}

    def _proto(self, kind: str) -> Any:
        if kind not in self._protos:
            self._protos[kind] = self._build(kind)
        return self._protos[kind]

    def _build(self, kind: str) -> Any:
        tr = el("tr")
        trpr = el("trPr")
        trpr.append(el("cantSplit"))
        if kind == "head":
            trpr.append(el("tblHeader"))
        tr.append(trpr)
        for style, width in zip(self._styles, self._widths):
            tc = el("tc")
            tcpr = el("tcPr")
            tcpr.append(el("tcW", w=str(width), type="dxa"))
            if kind in ("head", "shaded"):
                tcpr.append(shading(HEADER_FILL if kind == "head" else GROUP_FILL))
            if kind == "head":
                tcpr.append(el("vAlign", val="center"))
            tc.append(tcpr)
            p = el("p")
            ppr = el("pPr")
            ppr.append(el("pStyle", val=self._head_style if kind == "head" else style))
            p.append(ppr)
            tc.append(p)
            tr.append(tc)
        return tr

    def header(self, titles: Sequence[str]) -> Any:
        tr = deepcopy(self._proto("head"))
        for tc, title in zip(tr.iterchildren(W_TC), titles):
            _fill(tc, title, False)
        return tr

    def row(self, row: Row, previous: Any | None) -> Any:
        tr = deepcopy(self._proto("shaded" if row.shaded else "body"))
        above = list(previous.iterchildren(W_TC)) if previous is not None else []
        for index, (tc, value) in enumerate(zip(tr.iterchildren(W_TC), row.cells)):
            if value is MERGE:
                if index < len(above):
                    _merge_down(above[index], tc)
            else:
                _fill(tc, value, row.bold)
        if row.indent:
            _indent(next(tr.iterchildren(W_TC)))
        if _text_length(row.cells) > LONG_ROW:
            trpr = tr[0]
            trpr.remove(trpr.find(qn("w:cantSplit")))
        return tr


def _text_length(cells: Sequence[Cell]) -> int:
    total = 0
    for value in cells:
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, (list, tuple)):
            total += sum(len(text) for para in value for text, _ in para)
    return total


def _indent(tc: Any) -> None:
    for p in tc.iterchildren(W_P):
        set_paragraph_property(p, el("ind", left=INDENT_TWIPS))


def _merge_down(above: Any, tc: Any) -> None:
    above_pr = above.find(qn("w:tcPr"))
    if above_pr.find(qn("w:vMerge")) is None:
        insert_ordered(above_pr, el("vMerge", val="restart"), TCPR_ORDER)
    insert_ordered(tc.find(qn("w:tcPr")), el("vMerge"), TCPR_ORDER)


def _paragraphs(value: Cell) -> Sequence[Para]:
    if value is None or value is MERGE:
        return ()
    if isinstance(value, str):
        return (((value, ""),),) if value else ()
    return value  # type: ignore[return-value]


def _fill(tc: Any, value: Cell, bold: bool) -> None:
    """Write ``value`` into the cell's prepared paragraph (and copies of it)."""
    paragraphs = _paragraphs(value)
    if not paragraphs:
        return
    first = tc.find(W_P)
    blank = deepcopy(first) if len(paragraphs) > 1 else None
    for index, parts in enumerate(paragraphs):
        p = first
        if index:
            p = deepcopy(blank)
            tc.append(p)
        for text, fmt in parts:
            _add_run(p, text, fmt + ("b" if bold else ""))


def _add_run(p: Any, text: str, fmt: str) -> None:
    """A ``w:r`` of ``text`` (newlines as ``w:br``) in bold/italic as ``fmt`` says."""
    text = clean(text)
    if not text:
        return
    r = etree.SubElement(p, W_R)
    if fmt:
        rpr = etree.SubElement(r, W_RPR)
        if "b" in fmt:
            etree.SubElement(rpr, W_B)
        if "i" in fmt:
            etree.SubElement(rpr, W_I)
    for index, line in enumerate(text.split("\n")):
        if index:
            etree.SubElement(r, W_BR)
        t = etree.SubElement(r, W_T)
        t.text = line
        if line != line.strip():
            t.set(XML_SPACE, "preserve")
