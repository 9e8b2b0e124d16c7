"""One streaming pass over a sheet's XML, before python-calamine reads that sheet.

python-calamine gives values only. This pass finds what it cannot tell, or would get
wrong, without building the sheet in memory:

- the extent of the cells python-calamine will store, so that a sheet with a stray
  value in XFD1048576 is refused instead of making it allocate billions of cells (it
  aborts the process when that fails: no exception to catch);
- the last row with real content, so that trailing rows of empty strings are never
  materialised; formatting alone (styled empty rows or cells, a ``<dimension>`` that
  claims the whole sheet) costs nothing, as python-calamine ignores it too;
- formula cells without a cached value (files written by libraries: python-calamine
  returns '' for them, the same as an empty cell) and formula cells whose cached value
  is an error such as #DIV/0! (also returned as '');
- hidden rows that hold content, and hidden columns.

The XML is parsed by expat with every DTD and entity declaration refused (as defusedxml
does); ``safety.check_file`` has already refused DTDs and capped the inflated bytes.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterable
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden

from pianoperf_xl.read.package import is_true
from pianoperf_xl.read.safety import MAX_MARKED_CELLS, damaged, stream_entry, xml_entities

_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")
# Cell types whose cell python-calamine stores even with an empty value.
_STORED_WHEN_EMPTY = {"str", "inlineStr", "e", "b"}


def _number(text: str | None) -> int:
    """A 1-based row or column number attribute; 1 when missing or not a number."""
    return int(text) if text and text.isdigit() and len(text) < 9 else 1


def parse_ref(ref: str) -> tuple[int, int] | None:
    """'AB12' -> (11, 27), zero-based; None when it is not an A1 reference."""
    m = _REF.match(ref)
    if not m:
        return None
    col = 0
    for letter in m[1].upper():
        col = col * 26 + ord(letter) - 64
    return int(m[2]) - 1, col - 1


@functools.lru_cache(maxsize=1024)
def column_name(col: int) -> str:
    """Zero-based column to its letters: 0 -> 'A', 27 -> 'AB' (remembered: every cell of
    a column asks for the same letters)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """Zero-based row and column to an A1 address."""
    return f"{column_name(col)}{row + 1}"


@dataclass
class SheetScan:
    max_row: int = -1  # extent of the cells python-calamine stores (zero-based)
    max_col: int = -1
    last_content_row: int = -1  # last row with a non-empty value
    content_cells: int = 0
    uncomputed: set[tuple[int, int]] = field(default_factory=set)  # formula, no value
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # '#DIV/0!', ...
    hidden_rows: set[int] = field(default_factory=set)  # hidden and not empty
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)  # (first, last)
    overflow: bool = False  # more than MAX_MARKED_CELLS formula cells to remember

    @property
    def cells(self) -> int:
        """How many cells python-calamine's dense grid needs, from A1."""
        return (self.max_row + 1) * (self.max_col + 1)


class _Scanner:
    """Expat callbacks: the state of the current row and cell.

    Sheets formatted down to row 1,048,576 have millions of empty ``<c r="A9" s="1"/>``
    elements, so such an element costs one call and a few assignments: references are
    parsed only for cells that hold something, and the end-of-element callback is set
    only while inside such a cell.
    """

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.scan = SheetScan()
        self.row = -1
        self.col = -1
        self.ref: str | None = None  # reference of the last cell, not parsed yet
        self.row_hidden = False
        self.row_content = False
        self.in_cell = False  # after <c>, until another element shows it has closed
        self.active = False  # inside a cell with children (end callback set)
        self.type = "n"
        self.parts: set[str] = set()  # which of v, t, f, is the cell has
        self.text: list[str] | None = None  # collecting the text of <v> or <t>
        self.value = ""
        self.inline = ""
        self.names: dict[str, str] = {}  # element name as written -> local name

    def local(self, name: str) -> str:
        found = self.names.get(name)
        if found is None:
            found = self.names[name] = name.rpartition(":")[2]
        return found

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = self.local(name)
        if local == "c":
            self._start_cell(attrs)
        elif local == "row":
            self._start_row(attrs)
        elif self.active or (self.in_cell and local in ("v", "f", "is")):
            self._cell_child(local)
        elif local == "col":
            self._col(attrs)
        else:
            self.in_cell = False

    def end(self, name: str) -> None:
        local = self.local(name)
        if local == "c":
            self._end_cell()
        elif self.text is not None and local in ("v", "t"):
            text = "".join(self.text)
            if local == "v":
                self.value = text
            else:
                self.inline += text
            self.text = None

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def finish(self) -> SheetScan:
        self._end_row()
        return self.scan

    def _start_row(self, attrs: dict[str, str]) -> None:
        self._end_row()
        number = attrs.get("r")
        self.row = _number(number) - 1 if number else self.row + 1
        self.col, self.ref, self.in_cell = -1, None, False
        self.row_hidden = is_true(attrs.get("hidden"))

    def _end_row(self) -> None:
        if self.row_hidden and self.row_content:
            self.scan.hidden_rows.add(self.row)
        self.row_content = False

    def _col(self, attrs: dict[str, str]) -> None:
        if is_true(attrs.get("hidden")):
            first, last = _number(attrs.get("min")), _number(attrs.get("max"))
            self.scan.hidden_cols.append((first - 1, max(first, last) - 1))

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref is None:
            self._locate()
            self.col += 1
        self.ref = ref
        self.in_cell = True
        self.type = attrs.get("t", "n")

    def _locate(self) -> None:
        """Bring row and column up to date with the last cell's reference."""
        if self.ref is not None:
            where = parse_ref(self.ref)
            if where is not None:
                self.row, self.col = where
            self.ref = None

    def _cell_child(self, local: str) -> None:
        if not self.active:
            self.active = True
            self.parts, self.value, self.inline = set(), "", ""
            self.parser.EndElementHandler = self.end
        if local in ("v", "t", "f", "is"):
            self.parts.add(local)
        if local in ("v", "t"):
            self.text = []

    def _end_cell(self) -> None:
        self.parser.EndElementHandler = None
        self.active = self.in_cell = False
        self._locate()
        scan, where, parts = self.scan, (self.row, self.col), self.parts
        content = bool(self.value) or bool(self.inline)
        formula_only = "f" in parts and not self.value
        stored = content or ("v" in parts or "is" in parts) and self.type in _STORED_WHEN_EMPTY
        if (formula_only or self.type == "e") and (
                len(scan.uncomputed) + len(scan.errors) >= MAX_MARKED_CELLS):
            scan.overflow = True
        elif formula_only:
            scan.uncomputed.add(where)
        elif self.type == "e" and self.value:
            scan.errors[where] = self.value
        if stored or formula_only:
            scan.max_row = max(scan.max_row, self.row)
            scan.max_col = max(scan.max_col, self.col)
        if content:
            scan.content_cells += 1
            scan.last_content_row = max(scan.last_content_row, self.row)
            self.row_content = True


def _forbid_dtd(*_args: Any) -> None:
    raise DTDForbidden(None, None, None)


def _forbid_entity(name: str, *_args: Any) -> None:
    raise EntitiesForbidden(name, None, None, None, None, None)


def scan_xml(chunks: Iterable[bytes]) -> SheetScan:
    """Scan sheet XML given as byte chunks (expat errors propagate)."""
    parser = expat.ParserCreate()
    scanner = _Scanner(parser)
    parser.buffer_text = True
    parser.StartElementHandler = scanner.start
    parser.CharacterDataHandler = scanner.chars
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_entity
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return scanner.finish()


def scan_sheet(file: str, archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Scan the XML part ``part`` of ``archive`` (the workbook file ``file``)."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise damaged(file) from None
    try:
        return scan_xml(stream_entry(file, archive, info))
    except (DTDForbidden, EntitiesForbidden):
        raise xml_entities(file, part) from None
    except (expat.ExpatError, ValueError, LookupError):  # LookupError: unknown encoding
        raise damaged(file) from None
