"""Fast tables: a header row that repeats on every page, then one row per :class:`Row`.

Big tables are built neither with python-docx's ``add_row()``/``cell.text`` nor element by
element, both slow on thousands of rows: every row is written as WordprocessingML text,
each cell from the prepared start of its kind (header, body, shaded: width, shading,
paragraph style). Until the document is saved a table holds a marker comment instead of
its rows, and :func:`save` writes the rows' text in its place in ``word/document.xml``:
tens of megabytes of rows are never parsed into elements and serialized back. Meanwhile
the rows wait in a temporary file (in memory while small), and ``word/document.xml`` is
streamed into the saved package piece by piece: a big annex is never held whole in memory
(it was a third of the annex's peak). Text from the workbooks is escaped, and characters
XML cannot hold are dropped first.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import weakref
import zipfile
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence, Union

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from pianoperf_xl.write.annex.ooxml import clean
from pianoperf_xl.write.annex.styles import (CELL, CELL_HEAD, GRID, GROUP_FILL, HEADER_FILL,
                                             applied_style_id, style_id)

MERGE = object()  # a cell that continues the vertical merge of the cell above
_MARK = "pianoperf-rows-"
_MARKER = re.compile(rb"<!--" + _MARK.encode() + rb"(\d+)-->")

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
    keep_next: bool = False  # kept on the page of the row below (one objective's rows)


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
    table._tbl.tblStyle_val = applied_style_id(doc, GRID, WD_STYLE_TYPE.TABLE)
    table.autofit = False
    tbl = table._tbl
    for grid_col, twips in zip(tbl.tblGrid.iterchildren(qn("w:gridCol")), widths):
        grid_col.set(qn("w:w"), str(twips))
    tbl_width = tbl.tblPr.find(qn("w:tblW"))
    tbl_width.set(qn("w:type"), "dxa")
    tbl_width.set(qn("w:w"), str(sum(widths)))
    rows = list(rows)
    together = keep and 1 + len(rows) <= KEEP_TOGETHER  # the header row counts
    xml = _RowWriter(doc, cols, widths, together).table([c.title for c in cols], rows)
    pending = _ROWS.get(doc.part)
    if pending is None:
        pending = _ROWS[doc.part] = _PendingRows()
    tbl.append(etree.Comment(f"{_MARK}{pending.add(xml)}"))
    return table


class _PendingRows:
    """The rows of one document's tables as UTF-8 text, one span each, in a temporary
    file that stays in memory while small."""

    IN_MEMORY = 1 << 20  # bytes
    CHUNK = 1 << 20  # bytes written or copied at a time

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=self.IN_MEMORY)
        self._spans: list[tuple[int, int]] = []  # (start, length) of each table's rows

    def add(self, parts: Iterable[str]) -> int:
        """Append one table's rows; its number."""
        start = self._file.seek(0, io.SEEK_END)
        batch: list[str] = []
        size = 0
        for part in parts:
            batch.append(part)
            size += len(part)
            if size >= self.CHUNK:
                self._file.write("".join(batch).encode("utf-8"))
                batch, size = [], 0
        self._file.write("".join(batch).encode("utf-8"))
        self._spans.append((start, self._file.tell() - start))
        return len(self._spans) - 1

    def filled_size(self, body: bytes) -> int:
        """The size of ``body`` once its markers are replaced by their rows."""
        return len(body) + sum(self._spans[int(m[1])][1] - len(m[0])
                               for m in _MARKER.finditer(body))

    def write_filled(self, body: bytes, out: Any) -> None:
        """Write ``body`` to ``out`` with each marker replaced by its table's rows."""
        done = 0
        for marker in _MARKER.finditer(body):
            out.write(body[done:marker.start()])
            start, length = self._spans[int(marker[1])]
            self._file.seek(start)
            while length > 0:
                chunk = self._file.read(min(length, self.CHUNK))
                out.write(chunk)
                length -= len(chunk)
            done = marker.end()
        out.write(body[done:])

    def close(self) -> None:
        self._file.close()


# The rows of each document's tables until the document is saved.
_ROWS: weakref.WeakKeyDictionary[Any, _PendingRows] = weakref.WeakKeyDictionary()


def save(doc: DocxDocument, path: str | os.PathLike) -> None:
    """Save ``doc`` (python-docx), with the rows of its tables written in."""
    pending = _ROWS.pop(doc.part, None)
    if pending is None:
        doc.save(path)
        return
    try:
        saved = io.BytesIO()
        doc.save(saved)
        body = doc.part.partname.lstrip("/")
        with zipfile.ZipFile(saved) as source, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename != body:
                    target.writestr(info, data)
                    continue
                info.file_size = pending.filled_size(data)  # as writestr sets it
                with target.open(info, "w") as out:
                    pending.write_filled(data, out)
    finally:
        pending.close()


def _text_width(doc: DocxDocument) -> float:
    """Width between the margins of the last section, in cm."""
    section = doc.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _widths(cols: Sequence[Col], width_cm: float) -> list[int]:
    """Column widths in twentieths of a point (dxa) filling ``width_cm``."""
    total = sum(c.width for c in cols)
    return [int(width_cm * 567 * c.width / total) for c in cols]


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_RESTART = '<w:vMerge w:val="restart"/>'
_CONTINUE = "<w:vMerge/>"
_INDENT = f'<w:ind w:left="{INDENT_TWIPS}"/>'


class _RowWriter:
    """The rows of one table as WordprocessingML text.

    Each cell is kept as [start of w:tcPr, vertical merge, rest of w:tcPr and the
    paragraphs] until the next row is known, because a cell marked MERGE turns the cell
    above it into the start of a merge. ``together``: keep-with-next on the paragraphs of
    every row but the last, so that word processors move a short table to the next page
    whole instead of splitting it.
    """

    def __init__(self, doc: DocxDocument, cols: Sequence[Col], widths: Sequence[int],
                 together: bool = False):
        self._styles = [_attr(style_id(doc, c.style)) for c in cols]
        self._head_style = _attr(style_id(doc, CELL_HEAD))
        self._widths = widths
        self._together = together

    def _cell_start(self, width: int) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'

    def _cell_props(self, kind: str) -> str:
        if kind == "head":
            return (f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>'
                    '<w:vAlign w:val="center"/></w:tcPr>')
        if kind == "shaded":
            return f'<w:shd w:val="clear" w:color="auto" w:fill="{GROUP_FILL}"/></w:tcPr>'
        return "</w:tcPr>"

    def table(self, titles: Sequence[str], rows: Iterable[Row]) -> Iterator[str]:
        rows = list(rows)
        starts = [self._cell_start(w) for w in self._widths]
        keep = "<w:keepNext/>" if self._together else ""
        yield '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
        head = (f'<w:pPr><w:pStyle w:val="{self._head_style}"/>{keep if rows else ""}'
                '</w:pPr>')
        props = self._cell_props("head")
        for start, title in zip(starts, titles):
            yield start + props + _paragraphs(title, head, False) + "</w:tc>"
        for start in starts[len(titles):]:
            yield start + props + f"<w:p>{head}</w:p></w:tc>"
        yield "</w:tr>"
        body, shaded = self._cell_props("body"), self._cell_props("shaded")
        keep = "<w:keepNext/>"
        pprs = {(indent, kept): [f'<w:pPr><w:pStyle w:val="{style}"/>{keep if kept else ""}'
                                 f'{_INDENT if indent else ""}</w:pPr>' for style in self._styles]
                for indent in (False, True) for kept in (False, True)}
        above: list[list[str]] | None = None
        pending: list[list[str]] = []  # cells of the last row, until the next one is known
        for number, row in enumerate(rows, start=1):
            props = shaded if row.shaded else body
            kept = number < len(rows) and (self._together or row.keep_next)
            plain = pprs[False, kept]
            first = pprs[row.indent, kept][0]
            cells = []
            for index, start in enumerate(starts):
                value = row.cells[index] if index < len(row.cells) else None
                ppr = first if index == 0 else plain[index]
                merge = ""
                if value is MERGE:
                    value = None
                    if above is not None:
                        if not above[index][1]:
                            above[index][1] = _RESTART
                        merge = _CONTINUE
                cells.append([start, merge, props + _paragraphs(value, ppr, row.bold)
                              + "</w:tc>"])
            props_tr = ("<w:trPr/>" if _text_length(row.cells) > LONG_ROW
                        else "<w:trPr><w:cantSplit/></w:trPr>")
            cells[0][0] = f"<w:tr>{props_tr}" + cells[0][0]
            cells[-1][2] += "</w:tr>"
            yield from (part for cell in pending for part in cell)  # now final
            pending = above = cells
        yield from (part for cell in pending for part in cell)


def _text_length(cells: Sequence[Cell]) -> int:
    total = 0
    for value in cells:
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, (list, tuple)):
            total += sum(len(text) for para in value for text, _ in para)
    return total


def _paragraphs(value: Cell, ppr: str, bold: bool) -> str:
    """The paragraphs of a cell: one empty paragraph when there is no value."""
    if value is None or value is MERGE or value == "":
        return f"<w:p>{ppr}</w:p>"
    if isinstance(value, str):
        return f"<w:p>{ppr}{_run(value, 'b' if bold else '')}</w:p>"
    if not value:
        return f"<w:p>{ppr}</w:p>"
    extra = "b" if bold else ""
    return "".join(f"<w:p>{ppr}{''.join(_run(text, fmt + extra) for text, fmt in parts)}</w:p>"
                   for parts in value)


def _run(text: str, fmt: str) -> str:
    """A ``w:r`` of ``text`` (newlines as ``w:br``) in bold/italic as ``fmt`` says."""
    text = clean(text)
    if not text:
        return ""
    props = ""
    if fmt:
        props = (("<w:b/>" if "b" in fmt else "") + ("<w:i/>" if "i" in fmt else ""))
        props = f"<w:rPr>{props}</w:rPr>" if props else "<w:rPr/>"
    lines = []
    for line in text.split("\n"):
        space = ' xml:space="preserve"' if line != line.strip() else ""
        lines.append(f"<w:t{space}>{_text(line)}</w:t>")
    return f"<w:r>{props}{'<w:br/>'.join(lines)}</w:r>"
