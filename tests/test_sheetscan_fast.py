"""The sheet scan's two ways give one answer: the fast scan (regular expressions over the
canonical XML, expat checking the part with no Python callback) and the full scan (expat
calling Python per event), on the same corpus: the sample, the hostile inputs of
``tests/data/broken``, a workbook LibreOffice saved, and sheets altered on purpose.

The fast scan may decline (None: the full scan reads the part); when it answers, its
answer is the full scan's, and an XML error is raised by both.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest
from defusedxml import DTDForbidden, EntitiesForbidden
from xml.parsers import expat

from pianoperf_xl.office import convert, find_soffice
from pianoperf_xl.read.sheetscan import FAST_SCAN_MAX_BYTES, fast_scan, scan_bytes, scan_xml

from helpers import SAMPLE

BROKEN = Path(__file__).resolve().parent / "data" / "broken"
SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml$")


def _outcome(scan, data: bytes):
    try:
        return "ok", scan(data)
    except (expat.ExpatError, DTDForbidden, EntitiesForbidden, ValueError, LookupError) as exc:
        return "error", type(exc).__name__


def _agree(data: bytes) -> bool:
    """Whether the fast scan answered (True) or declined (False); fails when it answers
    otherwise than the full scan."""
    full = _outcome(lambda d: scan_xml([d]), data)
    fast = _outcome(fast_scan, data)
    if fast == ("ok", None):
        return False
    if full[0] == "error":
        assert fast[0] == "error", (fast, full)
    else:
        assert fast == full
    return True


def _sheet_parts(path: Path) -> list[tuple[str, bytes]]:
    """The sheet parts of a workbook that inflate (a damaged part or archive is refused
    before any scan; a part larger than the fast scan takes is streamed, never fast)."""
    parts = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if SHEET_PART.match(info.filename) and info.file_size <= FAST_SCAN_MAX_BYTES:
                    try:
                        parts.append((info.filename, archive.read(info)))
                    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                        continue
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        pass
    return parts


def _corpus() -> list[Path]:
    return sorted(SAMPLE.glob("*.xlsx")) + sorted(BROKEN.rglob("*.xlsx"))


def test_fast_scan_agrees_on_the_sample_and_the_hostile_corpus():
    answered = declined = 0
    for path in _corpus():
        for name, data in _sheet_parts(path):
            if _agree(data):
                answered += 1
            else:
                declined += 1
    # the templates are canonical: the fast scan reads nearly every sheet
    assert answered > 10 * max(declined, 1), (answered, declined)


def test_fast_scan_reads_what_libreoffice_writes(tmp_path):
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    source = next(p for p in sorted(SAMPLE.glob("*.xlsx")) if "Settore" in p.name)
    saved = convert(source, "xlsx", tmp_path)
    parts = _sheet_parts(saved)
    assert parts and all(_agree(data) for _, data in parts)


def _a_sheet() -> bytes:
    source = next(p for p in sorted(SAMPLE.glob("*.xlsx")) if "Settore" in p.name)
    parts = dict(_sheet_parts(source))
    return max(parts.values(), key=len)  # the objectives: formulas, many cells


def _first_cell(data: bytes) -> re.Match:
    return re.search(rb'<c r="([A-Z]+)([0-9]+)"[^>]*>(.*?)</c>', data, re.S)


def _altered(data: bytes) -> dict[str, bytes]:
    cell = _first_cell(data)
    row = re.search(rb"<row [^>]*>", data)
    return {
        "doctype": data.replace(b"?>", b'?><!DOCTYPE worksheet [<!ENTITY a "x">]>', 1),
        "comment": data.replace(b"<sheetData>", b"<sheetData><!-- note -->", 1),
        "prefixed": re.sub(rb"<(/?)(c|v|row)([ >/])", rb"<\1x:\2\3", data).replace(
            b"<worksheet ", b'<worksheet xmlns:x="urn:x" ', 1),
        "single-quotes": data.replace(cell[0], cell[0].replace(b'"', b"'"), 1),
        "cell-without-r": data.replace(b'<c r="' + cell[1] + cell[2] + b'"', b"<c", 1),
        "hidden-row": data.replace(row[0], row[0][:-1] + b' hidden="1">', 1),
        "hidden-row-true": data.replace(row[0], row[0][:-1] + b' hidden="true">', 1),
        "hidden-col": data.replace(b"<col ", b'<col hidden="1" ', 1),
        "error-value": data.replace(cell[0], b'<c r="' + cell[1] + cell[2]
                                    + b'" t="e"><v>#DIV/0!</v></c>', 1),
        "formula-no-value": data.replace(cell[0], b'<c r="' + cell[1] + cell[2]
                                         + b'"><f>1+1</f></c>', 1),
        "inline-string": data.replace(cell[0], b'<c r="' + cell[1] + cell[2]
                                      + b'" t="inlineStr"><is><r><t>a</t></r></is></c>', 1),
        "empty-inline": data.replace(cell[0], b'<c r="' + cell[1] + cell[2]
                                     + b'" t="inlineStr"><is><t></t></is></c>', 1),
        "far-cell": data.replace(cell[0], b'<c r="XFD1048576" t="str"><v>x</v></c>', 1),
        "stray-text": data.replace(b"</row>", b"stray</row>", 1),
        "value-after-empty-cell": data.replace(b"</row>", b'<c r="ZZ1"/><v>1</v></row>', 1),
        "extension-in-cell": data.replace(cell[0], cell[0].replace(b"</c>",
                                                                   b"<extLst/></c>"), 1),
        "entity-in-error": data.replace(cell[0], b'<c r="' + cell[1] + cell[2]
                                        + b'" t="e"><v>#N/A&amp;</v></c>', 1),
        "utf16": data.decode("utf-8").encode("utf-16"),
        "latin1-declared": data.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1),
        "truncated": data[:len(data) // 2],
        "cell-outside": data.replace(b"</sheetData>", b'</sheetData><c r="A1"><v>1</v></c>',
                                     1),
    }


@pytest.mark.parametrize("kind", sorted(_altered(_a_sheet())))
def test_fast_scan_agrees_on_altered_sheets(kind):
    data = _altered(_a_sheet())[kind]
    assert data != _a_sheet(), "the alteration must change the sheet"
    _agree(data)


def test_what_the_fast_scan_reads_itself():
    """Canonical alterations are read by the fast scan, not handed over."""
    altered = _altered(_a_sheet())
    for kind in ("hidden-row", "hidden-row-true", "hidden-col", "error-value",
                 "formula-no-value", "inline-string", "empty-inline", "far-cell"):
        assert _agree(altered[kind]), kind
    assert fast_scan(_a_sheet()) == scan_bytes(_a_sheet()) == scan_xml([_a_sheet()])
