"""Resource bounds and hostile XML: what the parsers do, and what the reader refuses.

Facts about python-calamine (0.9) proved here, because the reader's guards stand on
them: it does not expand XML entities (it stops on them); it ignores formatting (styled
empty rows and cells, the <dimension> element); it stores a sheet as a dense grid from
its first to its last stored cell, so one stray value far away would make it allocate
billions of cells (the reader measures the sheet first); it returns '' both for an empty
cell and for a formula without a cached value; merged areas come as ranges.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from defusedxml import DTDForbidden, EntitiesForbidden
from python_calamine import CalamineError, CalamineWorkbook

from pianoperf_xl.codes import CODES
from pianoperf_xl.findings import FindingList
from pianoperf_xl.read import read_records, read_workbook, safety, sheetscan
from pianoperf_xl.read import workbook as workbook_module
from pianoperf_xl.read.package import Package, parse_xml
from pianoperf_xl.read.safety import UnreadableWorkbook, check_file, stream_entry
from pianoperf_xl.read.sheetscan import scan_xml
from pianoperf_xl.read.workbook import Workbook
from pianoperf_xl.values import clean_text, normalize_key, parse_amount

from helpers import BROKEN, ROOT, SAMPLE, SCRIPT, TEMPLATES

LAUGHS = BROKEN / "billion-laughs" / "Settore Tributi.xlsx"
XXE = BROKEN / "external-entity" / "Settore Tributi.xlsx"


def refused(path: Path) -> str:
    with pytest.raises(UnreadableWorkbook) as info:
        Workbook(path)
    return info.value.code


# -- XML entities ---------------------------------------------------------------------


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(Exception) as info:
        openpyxl.load_workbook(LAUGHS)
    causes = []
    error: BaseException | None = info.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, EntitiesForbidden) for e in causes)


def test_calamine_does_not_expand_entities():
    """Without our guard, python-calamine stops on the entity instead of expanding it."""
    book = CalamineWorkbook.from_path(str(LAUGHS))
    with pytest.raises(CalamineError, match="unrecognized entity"):
        book.get_sheet_by_name("Obiettivi").to_python()
    with pytest.raises(CalamineError, match="unrecognized entity"):
        CalamineWorkbook.from_path(str(XXE))


def test_entity_files_are_refused_before_any_parser():
    assert refused(LAUGHS) == refused(XXE) == "file-xml-entities"


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
])
def test_our_own_xml_reads_refuse_entities(tmp_path, doctype):
    """core.xml (read for the duplicate-sector rule) and the sheet scan refuse DTDs,
    even where the file-level check would not have run first."""
    core = (f'<?xml version="1.0"?>{doctype}<cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms='
            '"http://purl.org/dc/terms/"><dcterms:modified>&b;</dcterms:modified>'
            '</cp:coreProperties>').encode()
    with pytest.raises(UnreadableWorkbook) as info:
        parse_xml(core, "x.xlsx", "docProps/core.xml")
    assert info.value.code == "file-xml-entities"
    path = tmp_path / "core.xlsx"
    shutil.copyfile(SAMPLE / "Ente.xlsx", path)
    SCRIPT.edit_zip(path, {"docProps/core.xml": lambda _: core})
    with pytest.raises(UnreadableWorkbook) as info:
        Package.read(path)
    assert info.value.code == "file-xml-entities"
    assert refused(path) == "file-xml-entities"
    sheet = f'<?xml version="1.0"?>{doctype}<worksheet><sheetData/></worksheet>'.encode()
    with pytest.raises((DTDForbidden, EntitiesForbidden)):
        scan_xml([sheet])


# -- zip limits -----------------------------------------------------------------------


def _parts(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as archive:
        return archive.infolist()


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.xlsx")) + sorted(TEMPLATES.glob("*.xlsx")),
                         ids=lambda p: p.name)
def test_real_files_pass_the_limits_with_room(path):
    infos = _parts(path)
    assert path.stat().st_size * 100 < safety.MAX_FILE_BYTES
    assert len(infos) * 10 < safety.MAX_ZIP_ENTRIES
    assert sum(i.file_size for i in infos) * 100 < safety.MAX_TOTAL_UNCOMPRESSED
    assert max(i.file_size / i.compress_size for i in infos) * 5 < safety.MAX_ENTRY_RATIO
    check_file(path)


@pytest.mark.parametrize("limit, value, code", [
    ("MAX_FILE_BYTES", 10_000, "file-too-large"),
    ("MAX_ZIP_ENTRIES", 10, "file-zip-bomb"),
    ("MAX_TOTAL_UNCOMPRESSED", 100_000, "file-zip-bomb"),
    ("MAX_ENTRY_RATIO", 5, "file-zip-bomb"),
])
def test_each_zip_limit(monkeypatch, limit, value, code):
    monkeypatch.setattr(safety, "RATIO_GRACE_BYTES", 1_000)
    monkeypatch.setattr(safety, limit, value)
    assert refused(SAMPLE / "Ente.xlsx") == code


def test_bytes_are_capped_while_inflating(monkeypatch):
    """The cap holds while reading, whatever the headers declared."""
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1_000)
    with zipfile.ZipFile(SAMPLE / "Ente.xlsx") as archive:
        info = archive.getinfo("xl/styles.xml")
        with pytest.raises(UnreadableWorkbook) as error:
            list(stream_entry("Ente.xlsx", archive, info))
    assert error.value.code == "file-zip-bomb"


def test_a_header_that_understates_a_part_is_caught(tmp_path):
    """Central directory says 100 bytes, the data inflates to more: refused as damaged."""
    path = tmp_path / "Ente.xlsx"
    shutil.copyfile(SAMPLE / "Ente.xlsx", path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/styles.xml")
    name = info.filename.encode()
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"PK\x05\x06"))
    while data[entry + 46:entry + 46 + len(name)] != name:
        entry = data.rfind(b"PK\x01\x02", 0, entry)
    data[entry + 24:entry + 28] = (100).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))
    assert refused(path) == "file-unreadable"


def test_a_real_encrypted_workbook(tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    target = tmp_path / "Settore Polizia Locale.xlsx"
    with open(SAMPLE / "Settore Polizia Locale.xlsx", "rb") as plain, open(target, "wb") as out:
        OOXMLFile(plain).encrypt("segreta", out)
    assert msoffcrypto and refused(target) == "file-encrypted"


def test_any_ole2_file_named_xlsx_is_taken_for_encrypted(tmp_path):
    path = tmp_path / "strano.xlsx"
    path.write_bytes(SCRIPT.ole2({"Qualcosa": b"dati"}))
    assert refused(path) == "file-encrypted"


# -- sheets that claim more than they hold -----------------------------------------------


def _settore(folder: Path) -> Path:
    return SCRIPT.template(folder, "Settore Tributi.xlsx", SCRIPT.FILL)


def test_a_million_styled_rows_are_read_by_their_content(tmp_path):
    """Every row down to 1,048,576 styled, the last one with styled empty cells, and a
    dimension claiming the whole sheet: nothing of it is materialised (sizes are
    asserted here; speed is for the benchmark script)."""
    path = _settore(tmp_path)
    rows = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(6, 1_048_576))
    last = ('<row r="1048576" s="1" customFormat="1">'
            + "".join(f'<c r="{c}1048576" s="1"/>' for c in "ABCDEFGHIJKL") + "</row>")
    SCRIPT.edit_zip(path, {SCRIPT.SETTORE_PARTS["Obiettivi"]: SCRIPT.chain(
        SCRIPT.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>'),
        SCRIPT.sub(r'<row r="6".*</sheetData>', rows + last + "</sheetData>"))})
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SCRIPT.SETTORE_PARTS["Obiettivi"]).file_size > 40_000_000
    book = Workbook(path)  # passes the zip-bomb limits: a real file may look like this
    scan = book.scan("Obiettivi")
    assert (scan.max_row, scan.last_content_row) == (4, 4)
    assert len(book.rows("Obiettivi")) == 5
    findings = FindingList()
    records = read_records(book, "settore", 2022, findings)
    assert findings.items == [] and len(records["Obiettivi"]) == 1


def test_trailing_empty_strings_are_not_materialised(tmp_path):
    """python-calamine stores an empty string as a value: the rows after the last real
    content are not turned into Python lists."""
    path = _settore(tmp_path)
    SCRIPT.edit_zip(path, {SCRIPT.SETTORE_PARTS["Obiettivi"]: SCRIPT.append_rows(
        '<row r="200000">' + SCRIPT.inline("A200000", "") + "</row>")})
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Obiettivi")
    assert sheet.height == 200_000  # what calamine alone would hand over
    book = Workbook(path)
    assert len(book.rows("Obiettivi")) == 5
    sector, findings = read_workbook(path, "settore")
    assert findings == [] and len(sector.objectives) == 1


def test_sheet_cell_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_SHEET_CELLS", 20)
    path = _settore(tmp_path)
    _, findings = read_workbook(path, "settore")
    assert {f.code for f in findings} == {"sheet-too-large"}


def test_formula_cells_to_remember_are_bounded(monkeypatch):
    monkeypatch.setattr(sheetscan, "MAX_MARKED_CELLS", 0)
    _, findings = read_workbook(BROKEN / "formula-not-computed" / "Settore Tributi.xlsx",
                                "settore")
    [f] = findings
    assert (f.code, f.sheet) == ("sheet-too-large", "Personale")
    assert "formule senza valore calcolato" in f.message


# -- cells ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("1.055.000,00", "1055000.00"), ("1055000", "1055000.00"), ("€ 1.055.000", "1055000.00"),
    ("(1.055.000,00)", "-1055000.00"), ("-€ 1.055.000,00", "-1055000.00"),
    ("1.055.000,00 €", "1055000.00"), ("EUR 1.055.000", "1055000.00"),
    ("1\u00a0055\u00a0000,00", "1055000.00"), ("−1.055.000,00", "-1055000.00"),
    ("1.055", None), ("1,055", None), ("1.055.000,00-", "-1055000.00"), ("1'055'000", None),
    ("-1.055.000,00-", None),
])
def test_amounts_as_text_understood_or_reported(text, value):
    parsed = parse_amount(text)
    if value is None:
        assert parsed.value is None and parsed.problem
    else:
        assert parsed.value == Decimal(value) and parsed.from_text


def test_spaces_normalised_for_matching_kept_for_display(make_workbook):
    """Outer spaces and non-breaking spaces go; inner spacing and case stay for display;
    matching (closed lists, names) ignores case, accents and runs of spaces."""
    sector, findings = read_workbook(make_workbook("settore", {
        "Settore": SCRIPT.SECTOR,
        "Personale": [{"nome": " Rossi\u00a0Mario  ", "profilo": "Istruttore  direttivo",
                       "categoria": "\u00a0d1 ", "rapporto": " Dipendente\u00a0"}]}),
        "settore")
    assert findings == []
    person = sector.staff[0]
    assert (person.name, person.profile) == ("Rossi Mario", "Istruttore  direttivo")
    assert (person.grade, person.relation) == ("D1", "dipendente")
    assert clean_text("\u00a0Rossi  Mario ") == "Rossi  Mario"
    assert normalize_key("\u00a0ROSSI  Mario ") == normalize_key("rossi mario")


def test_merged_area_makes_no_row_of_its_own(tmp_path):
    """An area merged past the last objective does not invent objectives."""
    path = _settore(tmp_path)
    SCRIPT.edit_zip(path, {SCRIPT.SETTORE_PARTS["Obiettivi"]: SCRIPT.sub(
        r"(<autoFilter[^>]*/>|</autoFilter>)",
        r'\1<mergeCells count="1"><mergeCell ref="B5:B9"/></mergeCells>')})
    sector, findings = read_workbook(path, "settore")
    assert findings == [] and len(sector.objectives) == 1


def test_every_reader_code_is_registered():
    pattern = re.compile(r'"((?:file|folder|template|sheet|header|column|field|row|cell|'
                         r'sector|objective)-[a-z0-9-]+)"')
    used = {code for path in (ROOT / "pianoperf_xl" / "read").glob("*.py")
            for code in pattern.findall(path.read_text(encoding="utf-8"))}
    assert used and used <= set(CODES), used - set(CODES)
