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
- hidden rows that hold content, and hidden columns;
- the style of each cell holding a number (or a date, which is a number with a date
  format): a number typed in a free-text column is shown with its number format
  (``read.numformat``), as the spreadsheet showed it.

The XML is parsed by expat with every DTD and entity declaration refused (as defusedxml
does); ``safety.check_file`` has already refused DTDs and capped the inflated bytes.

Two ways, one answer. The full scan calls Python for every XML event (a few per cell);
the fast scan (``fast_scan``), for a sheet up to ``FAST_SCAN_MAX_BYTES``, lets expat check
the whole part with no Python callback at all, then reads the facts above with regular
expressions over the canonical XML that Excel, LibreOffice and xlsxwriter write: every
byte of ``<sheetData>`` must be a row or a cell of the expected shape, or the fast scan
declines and the full scan reads the part. Both are run on the same corpus, the hostile
one included, by ``tests/test_sheetscan_fast.py``.
"""

from __future__ import annotations

import contextlib
import functools
import re
import zipfile
from dataclasses import dataclass, field
from html import unescape
from itertools import compress
from typing import Any, Iterable, Iterator
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden

from pianoperf_xl.read.package import is_true
from pianoperf_xl.read.safety import (
    MAX_MARKED_CELLS, MiB, damaged, stream_entry, xml_entities,
)

_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")
# Cell types whose cell python-calamine stores even with an empty value.
_STORED_WHEN_EMPTY = {"str", "inlineStr", "e", "b"}
_NUMERIC = {"n", "d"}  # number cells, and ISO dates (t="d")


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


# A formula is shown in a finding up to this many characters.
MAX_FORMULA_SHOWN = 200


@dataclass
class SheetScan:
    max_row: int = -1  # extent of the cells python-calamine stores (zero-based)
    max_col: int = -1
    last_content_row: int = -1  # last row with a non-empty value
    content_cells: int = 0
    # formula cells without a value -> the formula as written (shown to the user)
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # '#DIV/0!', ...
    hidden_rows: set[int] = field(default_factory=set)  # hidden and not empty
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)  # (first, last)
    # Number cells with a style other than the default one: cell -> style index. Past
    # MAX_MARKED_CELLS of them the rest are shown as the General format shows them.
    styles: dict[tuple[int, int], str] = field(default_factory=dict)
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
        self.attrs: dict[str, str] = {}  # the attributes of the current <c>
        self.parts: set[str] = set()  # which of v, t, f, is the cell has
        self.text: list[str] | None = None  # collecting the text of <v>, <t> or <f>
        self.value = ""
        self.formula = ""
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
        elif self.text is not None and local in ("v", "t", "f"):
            text = "".join(self.text)
            if local == "v":
                self.value = text
            elif local == "f":
                self.formula = text[:MAX_FORMULA_SHOWN]
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
        self.attrs = attrs

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
            self.parts, self.value, self.inline, self.formula = set(), "", "", ""
            self.parser.EndElementHandler = self.end
        if local in ("v", "t", "f", "is"):
            self.parts.add(local)
        if local in ("v", "t", "f"):
            self.text = []

    def _end_cell(self) -> None:
        self.parser.EndElementHandler = None
        self.active = self.in_cell = False
        self._locate()
        scan, where, parts = self.scan, (self.row, self.col), self.parts
        kind = self.attrs.get("t", "n")
        content = bool(self.value) or bool(self.inline)
        formula_only = "f" in parts and not self.value
        stored = content or ("v" in parts or "is" in parts) and kind in _STORED_WHEN_EMPTY
        if (formula_only or kind == "e") and (
                len(scan.uncomputed) + len(scan.errors) >= MAX_MARKED_CELLS):
            scan.overflow = True
        elif formula_only:
            scan.uncomputed[where] = self.formula
        elif kind == "e" and self.value:
            scan.errors[where] = self.value
        if content and kind in _NUMERIC:
            style = self.attrs.get("s")
            if style and style != "0" and len(scan.styles) < MAX_MARKED_CELLS:
                scan.styles[where] = style
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


# --- the fast scan ------------------------------------------------------------------------

FAST_SCAN_MAX_BYTES = 16 * MiB  # larger parts are streamed through the full scan
_ATTRS = rb'(?: [A-Za-z_][\w:.-]*="[^"&<]*")*'  # attributes as written: one space, "..."
_DECLARATION = re.compile(rb'<\?xml(?: [a-z]+="[^"]*"|\s+)*\?>')
_UTF8 = re.compile(rb'encoding="(?i:utf-?8)"')
_SHEET_DATA_TAG = re.compile(rb'<sheetData' + _ATTRS + rb'(/?)>')
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(' + _ATTRS + rb')>(.*?)</c>', re.S)
# The commonest cell: a value and nothing else (a shared string, a number, a boolean).
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]*)")?'
                         rb'(?: t="(s|n|str|b)")?><v>[^<]+</v></c>')
_PLAIN_STRIDE = _PLAIN_CELL.groups + 1  # what split gives per plain cell
_PLAIN_NUMBER = frozenset({None, b"n"})  # a plain cell's type when it holds a number
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"' + _ATTRS + rb'/>')
_ROW_TAG = rb'<row' + _ATTRS + rb'/?>'
# An empty cell cannot match _CELL nor a cell with children _EMPTY_CELL: the commoner one
# (styled empty cells, once the plain cells are gone) is tried first.
_ANY_ROW_OR_CELL = re.compile(rb'|'.join((_EMPTY_CELL.pattern, _CELL.pattern, _ROW_TAG,
                                          rb'</row>')), re.S)
_HIDDEN_ROW = re.compile(rb'<row' + _ATTRS + rb' hidden="([^"&<]*)"' + _ATTRS + rb'(/?)>')
_ROW_NUMBER = re.compile(rb' r="([0-9]{1,7})"')
_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_TYPE = re.compile(rb' t="([^"]*)"')
_STYLE = re.compile(rb' s="([^"]*)"')
_FORMULA_TEXT = re.compile(rb'>([^<]*)</f>$')
_NUMERIC_BYTES = {b"n", b"d"}
_BODY = re.compile(rb'(<f' + _ATTRS + rb'(?:/>|>[^<]*</f>))?'
                   rb'(?:<v' + _ATTRS + rb'>([^<]*)</v>|(<v' + _ATTRS + rb'/>)|<is>(.*)</is>)?',
                   re.S)
_TEXT = re.compile(rb'<t' + _ATTRS + rb'>[^<]')  # a <t> with some text
_COL = re.compile(rb'<col(' + _ATTRS + rb')/?>')
_COL_ATTR = re.compile(rb' ([A-Za-z_][\w:.-]*)="([^"]*)"')
# What the full scan would take for a cell, a row or a column outside <sheetData>, or for
# a cell's child right after it; and any prefixed element inside an inline string.
_OUTSIDE_CELL_OR_ROW = re.compile(rb'<(?:[\w.-]+:)?(?:c|row)[\s/>]|<[\w.-]+:col[\s/>]')
_CHILD_AFTER = re.compile(rb'\s*<(?:[\w.-]+:)?(?:v|f|is)[\s/>]')
_INLINE_ODD = re.compile(rb'<[\w.-]+:|<(?:c|row|col|v|f|is)[\s/>]')
_XML_SPACE = b" \t\r\n"


def _check_well_formed(data: bytes) -> None:
    """expat parses the whole part with no Python callback: the same errors as the full
    scan, raised the same way."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_entity
    parser.Parse(data, True)


def _column(letters: bytes, known: dict[bytes, int]) -> int:
    col = known.get(letters)
    if col is None:
        col = 0
        for letter in letters:
            col = col * 26 + letter - 64
        col = known[letters] = col - 1
    return col


def fast_scan(data: bytes) -> SheetScan | None:
    """The scan of a whole sheet part, or None when it is not written the canonical way
    (then ``scan_xml`` reads it). expat errors propagate, as from ``scan_xml``."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.startswith(b"<") or b"<!" in data:  # DTD, comment, CDATA: the full scan
        return None
    declaration = _DECLARATION.match(data)
    if declaration is not None:
        if b"encoding=" in declaration[0] and not _UTF8.search(declaration[0]):
            return None
    if data.count(b"<?") != (declaration is not None):
        return None
    _check_well_formed(data)
    if data.count(b"sheetData") > 2:
        return None
    start = data.find(b"<sheetData")
    tag = _SHEET_DATA_TAG.match(data, start) if start >= 0 else None
    if tag is None:
        return None
    if tag[1]:  # <sheetData/>
        rows, end = b"", tag.end()
    else:
        close = data.find(b"</sheetData>", tag.end())
        if close < 0:
            return None
        rows, end = data[tag.end():close], close + len(b"</sheetData>")
    outside = data[:start] + b"<sheetData/>" + data[end:]
    if _OUTSIDE_CELL_OR_ROW.search(outside) or _CHILD_AFTER.match(data, end):
        return None
    # One pass splits the rows at their plain cells: the pieces between them, then each
    # plain cell's groups (what findall would give, None for an attribute not written).
    pieces = _PLAIN_CELL.split(rows)
    others = b"".join(pieces[::_PLAIN_STRIDE]) if len(pieces) > 1 else rows
    if _ANY_ROW_OR_CELL.sub(b"", others).strip(_XML_SPACE):
        return None  # something other than rows and cells of the expected shape
    scan, content_rows = SheetScan(), set()
    if not _scan_cells(others, scan, content_rows):
        return None
    _add_plain_cells(pieces, scan, content_rows)
    if not _scan_hidden_rows(rows, scan, content_rows):
        return None
    return scan if _scan_cols(outside, scan) else None


def _scan_cells(rows: bytes, scan: SheetScan, content_rows: set[int]) -> bool:
    """What ``_Scanner._end_cell`` records, for every cell with children; the rows with
    content into ``content_rows``."""
    columns: dict[bytes, int] = {}
    uncomputed, errors = scan.uncomputed, scan.errors
    max_row = max_col = last_content = -1
    content_cells = 0
    for letters, digits, attrs, inner in _CELL.findall(rows):
        body = _BODY.fullmatch(inner)
        if body is None:
            return False
        formula, value, empty_v, inline = body.groups()
        kind = _TYPE.search(attrs)[1] if b' t="' in attrs else b"n"
        if inline is not None:
            if _INLINE_ODD.search(inline):
                return False
            has_text = _TEXT.search(inline) is not None
        else:
            has_text = False
        content = bool(value) or has_text
        formula_only = formula is not None and not value
        stored = content or ((value is not None or empty_v is not None or inline is not None)
                             and kind in _STORED_WHEN_EMPTY_BYTES)
        row, col = int(digits) - 1, None
        if formula_only or kind == b"e":
            if len(uncomputed) + len(errors) >= MAX_MARKED_CELLS:
                scan.overflow = True
            elif formula_only:
                col = _column(letters, columns)
                text = _FORMULA_TEXT.search(formula)
                uncomputed[(row, col)] = (unescape(text[1].decode("utf-8"))
                                          if text else "")[:MAX_FORMULA_SHOWN]
            elif value:
                if b"&" in value:
                    return False  # an entity in an error value: decoded by the full scan
                col = _column(letters, columns)
                errors[(row, col)] = value.decode("utf-8")
        if stored or formula_only:
            if col is None:
                col = _column(letters, columns)
            if row > max_row:
                max_row = row
            if col > max_col:
                max_col = col
        if content:
            content_cells += 1
            if row > last_content:
                last_content = row
            content_rows.add(row)
            if kind in _NUMERIC_BYTES and b' s="' in attrs:
                _note_style(scan, row, _column(letters, columns), _STYLE.search(attrs)[1])
    scan.max_row, scan.max_col = max_row, max_col
    scan.last_content_row, scan.content_cells = last_content, content_cells
    return True


def _note_style(scan: SheetScan, row: int, col: int, style: bytes) -> None:
    """A number cell's style, as ``_Scanner._end_cell`` records it."""
    if style and style != b"0" and len(scan.styles) < MAX_MARKED_CELLS:
        scan.styles[(row, col)] = style.decode("ascii")


def _add_plain_cells(pieces: list[bytes | None], scan: SheetScan,
                     content_rows: set[int]) -> None:
    """Cells holding a value and nothing else (``pieces``: the rows split at them),
    counted in bulk: each is stored and has content; the extents need only the distinct
    rows and columns. Number cells with a style are noted one by one, in order (their
    number format may matter)."""
    letters, digits = pieces[1::_PLAIN_STRIDE], pieces[2::_PLAIN_STRIDE]
    if not letters:
        return
    styles, kinds = pieces[3::_PLAIN_STRIDE], pieces[4::_PLAIN_STRIDE]
    columns: dict[bytes, int] = {}
    for i in compress(range(len(kinds)), map(_PLAIN_NUMBER.__contains__, kinds)):
        if styles[i]:
            _note_style(scan, int(digits[i]) - 1, _column(letters[i], columns), styles[i])
    rows = {int(number) - 1 for number in set(digits)}
    last_col = max(_column(column, columns) for column in set(letters))
    last_row = max(rows)
    scan.max_row, scan.max_col = max(scan.max_row, last_row), max(scan.max_col, last_col)
    scan.last_content_row = max(scan.last_content_row, last_row)
    scan.content_cells += len(letters)
    content_rows.update(rows)


def _scan_hidden_rows(rows: bytes, scan: SheetScan, content_rows: set[int]) -> bool:
    """The hidden rows among those with content (each must be numbered, once, and hold
    only its own cells, as the canonical XML has it)."""
    if b' hidden="' not in rows:
        return True
    for found in _HIDDEN_ROW.finditer(rows):
        if not is_true(found[1].decode("utf-8")):
            continue
        tag = found[0]
        number = _ROW_NUMBER.search(tag[:tag.index(b" hidden=")] + b" ")
        if number is None or rows.count(b'<row r="' + number[1] + b'"') != 1:
            return False
        if found[2]:  # <row .../>: no cells
            continue
        end = rows.find(b"</row>", found.end())
        if any(digits != number[1] for digits in _CELL_ROW.findall(rows, found.end(), end)):
            return False
        row = int(number[1]) - 1
        if row in content_rows:
            scan.hidden_rows.add(row)
    return True


def _scan_cols(outside: bytes, scan: SheetScan) -> bool:
    found = _COL.findall(outside)
    if len(found) != outside.count(b"<col ") + outside.count(b"<col>") + \
            outside.count(b"<col/"):
        return False
    for attrs in found:
        values = {name: value for name, value in _COL_ATTR.findall(attrs)}
        if b"&" in b"".join(values.values()):
            return False
        if is_true(values.get(b"hidden", b"").decode("utf-8") or None):
            first = _number(values.get(b"min", b"").decode("utf-8"))
            last = _number(values.get(b"max", b"").decode("utf-8"))
            scan.hidden_cols.append((first - 1, max(first, last) - 1))
    return True


_STORED_WHEN_EMPTY_BYTES = {kind.encode() for kind in _STORED_WHEN_EMPTY}


def scan_bytes(data: bytes) -> SheetScan:
    """The scan of a whole sheet part: fast when it is canonical, else full."""
    scan = fast_scan(data)
    return scan if scan is not None else scan_xml([data])


def scan_sheet(file: str, archive: zipfile.ZipFile, part: str) -> SheetScan:
    """Scan the XML part ``part`` of ``archive`` (the workbook file ``file``)."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise damaged(file) from None
    if info.file_size <= FAST_SCAN_MAX_BYTES:
        return scan_part(file, part, b"".join(stream_entry(file, archive, info)))
    with _refusals(file, part):
        return scan_xml(stream_entry(file, archive, info))


def scan_part(file: str, part: str, data: bytes) -> SheetScan:
    """Scan the inflated part ``part`` (``data``, at most ``FAST_SCAN_MAX_BYTES``)."""
    with _refusals(file, part):
        return scan_bytes(data)


@contextlib.contextmanager
def _refusals(file: str, part: str) -> Iterator[None]:
    """XML the scan refuses, as the reader's refusals of the file."""
    try:
        yield
    except (DTDForbidden, EntitiesForbidden):
        raise xml_entities(file, part) from None
    except (expat.ExpatError, ValueError, LookupError):  # LookupError: unknown encoding
        raise damaged(file) from None
