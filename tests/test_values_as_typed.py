"""Numbers and dates typed in free-text columns: the reader keeps the text the spreadsheet
showed (the cell's number format applied, Italian style) and the value itself, and the
consolidated workbook and the Allegato A print what the clerk saw."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pianoperf_xl import spec as specs
from pianoperf_xl.office import convert
from pianoperf_xl.pipeline import build
from pianoperf_xl.read import read_workbook
from pianoperf_xl.read.sheetscan import scan_xml
from pianoperf_xl.write.templates import write_template

from helpers import SAMPLE
from nothing_lost import lost_rows

SECTOR = {"settore": "Settore Tributi", "ente": "Comune di Calcinate",
          "responsabile": "Rossi Mario"}
STAFF = [{"nome": "Rossi Mario", "categoria": "D1", "rapporto": "dipendente"}]
# (what is measured, the number typed, the number format, the text Excel showed)
TARGETS = [
    ("Pratiche evase sul totale", 1, "0%", "100%"),
    ("Quota di avvisi notificati", 0.125, "0.0%", "12,5%"),
    ("Importo riscosso", 120000, "[$€-410]\\ #,##0.00", "€ 120.000,00"),
    ("Importo recuperato", 45000.5, '#,##0.00\\ "€"', "45.000,50 €"),
    ("Accertamenti emessi", 8500, "#,##0", "8.500"),
    ("Rapporto tra incassi e accertamenti", 0.5, "General", "0,5"),
    ("Data di messa in linea", dt.datetime(2022, 9, 30), "dd/mm/yyyy", "30/09/2022"),
]


def _column(ws, label: str) -> int:
    return next(c.column for c in ws[4] if c.value and str(c.value).startswith(label))


def _sector_with_formats(make_workbook, rows, formats, *, name="settore.xlsx", folder=None,
                         sector=SECTOR) -> Path:
    """A settore workbook whose «Obiettivi» rows are ``rows``; ``formats`` gives the number
    format of cells as {(row index, column label): code}, set as a user would in Excel."""
    path = make_workbook("settore", {"Settore": sector, "Personale": STAFF,
                                     "Obiettivi": rows}, name=name, folder=folder)
    book = openpyxl.load_workbook(path)
    ws = book["Obiettivi"]
    for (index, label), code in formats.items():
        ws.cell(5 + index, _column(ws, label)).number_format = code
    book.save(path)
    return path


def _objective(i: int, measured: str, target) -> dict:
    return {"obiettivo": f"Obiettivo {i + 1}", "indicatore": measured, "target": target,
            "scadenza": "entro 31/12", "personale": "Rossi"}


# -- the reader -----------------------------------------------------------------------------


def test_the_reader_keeps_the_text_shown_and_the_value(make_workbook):
    rows = [_objective(i, measured, value) for i, (measured, value, _, _) in enumerate(TARGETS)]
    formats = {(i, "Target"): code for i, (_, _, code, _) in enumerate(TARGETS)}
    sector, findings = read_workbook(_sector_with_formats(make_workbook, rows, formats),
                                     "settore")
    assert [ind.target for ind in sector.indicators] == [shown for *_, shown in TARGETS]
    assert [ind.target_value for ind in sector.indicators] == [
        Decimal(1), Decimal("0.125"), Decimal(120000), Decimal("45000.5"), Decimal(8500),
        Decimal("0.5"), dt.date(2022, 9, 30)]
    assert not [f for f in findings if f.severity == "error"]


def test_a_target_typed_as_text_has_no_value_beside_it(make_workbook):
    sector, _ = read_workbook(_sector_with_formats(
        make_workbook, [_objective(0, "Controlli", "40 controlli")], {}), "settore")
    indicator = sector.indicators[0]
    assert (indicator.target, indicator.target_value) == ("40 controlli", None)
    assert indicator.record.typed == {}


def test_dates_notes_and_indicators_typed_as_values(make_workbook):
    row = {"obiettivo": "Bilancio", "indicatore": 12, "target": 3,
           "scadenza": dt.datetime(2022, 12, 31), "note": 1500, "personale": "Rossi"}
    path = _sector_with_formats(make_workbook, [row], {
        (0, "Scadenza"): "d mmmm yyyy", (0, "Note"): '"€ "#,##0', (0, "Indicatore"): "00"})
    sector, _ = read_workbook(path, "settore")
    indicator = sector.indicators[0]
    assert (indicator.deadline, indicator.deadline_value) == ("31 dicembre 2022",
                                                              dt.date(2022, 12, 31))
    assert (indicator.notes, indicator.record.typed["note"]) == ("€ 1.500", Decimal(1500))
    assert (indicator.description, indicator.description_value) == ("12", Decimal(12))
    assert (indicator.target, indicator.target_value) == ("3", Decimal(3))


def test_a_merged_target_shows_its_format_on_every_row(make_workbook):
    rows = [_objective(0, "Pratiche evase", 0.9), {"indicatore": "Tempi medi"}]
    path = _sector_with_formats(make_workbook, rows, {(0, "Target"): "0%"})
    book = openpyxl.load_workbook(path)
    ws = book["Obiettivi"]
    column = _column(ws, "Target")
    ws.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
    book.save(path)
    sector, _ = read_workbook(path, "settore")
    assert [(ind.target, ind.target_value) for ind in sector.indicators] == [
        ("90%", Decimal("0.9"))] * 2


def test_numbers_in_free_text_cells_of_forms_and_staff(make_workbook):
    path = make_workbook("settore", {
        "Settore": {**SECTOR, "note": 0.75},
        "Personale": [{**STAFF[0], "note": 36, "profilo": 1234.5}]})
    book = openpyxl.load_workbook(path)
    book["Settore"]["B10"].number_format = "0%"
    book.save(path)
    sector, _ = read_workbook(path, "settore")
    assert (sector.notes, sector.record.typed["note"]) == ("75%", Decimal("0.75"))
    person = sector.staff[0]
    assert (person.notes, person.profile) == ("36", "1234,5")  # General, Italian comma
    assert person.record.typed == {"note": Decimal(36), "profilo": Decimal("1234.5")}


def test_a_format_not_rendered_shows_the_number_plainly(make_workbook):
    path = _sector_with_formats(make_workbook, [_objective(0, "Volume", 12345.678)],
                                {(0, "Target"): "0.00E+00"})
    sector, _ = read_workbook(path, "settore")
    assert sector.indicators[0].target == "12345,678"


def test_a_styles_part_python_calamine_reads_but_xml_refuses_shows_numbers_plainly(
        make_workbook, tmp_path):
    """An undeclared namespace prefix: python-calamine reads the file, an XML parser
    does not; the values are still read, shown as the General format shows them."""
    path = _sector_with_formats(make_workbook, [_objective(0, "Quota", 0.5)],
                                {(0, "Target"): "0%"})
    broken = tmp_path / "rotto" / "settore.xlsx"
    broken.parent.mkdir()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml":
                data = data.replace(b"<numFmts", b"<x:extra/><numFmts", 1)
            target.writestr(item, data)
    sector, _ = read_workbook(broken, "settore")
    assert (sector.indicators[0].target, sector.indicators[0].target_value) == (
        "0,5", Decimal("0.5"))


def test_the_scan_notes_the_style_of_number_cells_only():
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<sheetData><row r="1"><c r="A1" s="3"><v>5</v></c><c r="B1" s="3" t="s">'
             b'<v>0</v></c><c r="C1" s="0"><v>1</v></c><c r="D1" s="7" t="n"><v>2</v></c>'
             b'<c r="E1" s="4"/></row></sheetData></worksheet>')
    assert scan_xml([sheet]).styles == {(0, 0): "3", (0, 3): "7"}


# -- through LibreOffice, to both outputs ---------------------------------------------------


def _document_text(path: Path) -> str:
    doc = Document(path)
    return "\n".join([p.text for p in doc.paragraphs] + [
        cell.text for table in doc.tables for row in table.rows for cell in row.cells])


@pytest.fixture(scope="module")
def built(tmp_path_factory, soffice):
    """A settore workbook with targets typed as numbers with formats, saved by LibreOffice,
    built with the sample's ente and bilancio."""
    tmp = tmp_path_factory.mktemp("typed")
    rows = [_objective(i, measured, value) for i, (measured, value, _, _) in enumerate(TARGETS)]
    formats = {(i, "Target"): code for i, (_, _, code, _) in enumerate(TARGETS)}

    def make(kind, fill, *, name, folder):  # make_workbook, for a module-wide fixture
        return write_template(specs.spec_for(kind, 2022), folder / name, fill)

    written = _sector_with_formats(make, rows, formats, name="Settore Tributi.xlsx",
                                   folder=tmp)
    folder = tmp / "in"
    folder.mkdir()
    convert(written, "xlsx", folder)  # opened and saved again by LibreOffice
    for name in ("Ente.xlsx", "Bilancio.xlsx"):
        shutil.copy(SAMPLE / name, folder / name)
    return build(folder, tmp / "out"), folder, tmp / "out"


def test_libreoffice_saves_the_formats_the_reader_applies(built):
    result, _, _ = built
    sector = next(s for s in result.report.plan.sectors if s.name == "Settore Tributi")
    assert [ind.target for ind in sector.indicators] == [shown for *_, shown in TARGETS]
    assert sector.indicators[0].target_value == Decimal(1)


def test_both_outputs_show_the_targets_as_the_clerk_saw_them(built):
    result, folder, out = built
    book = openpyxl.load_workbook(out / "piano-2022-consolidato.xlsx", read_only=True)
    rows = list(book["Obiettivi"].iter_rows(values_only=True))
    header = next(row for row in rows if "Target" in row)
    column = header.index("Target")
    shown = {row[column] for row in rows if row[column] is not None}
    for *_, text in TARGETS:
        assert text in shown  # a text cell, as typed: never 1, 120000 or 0.5
    sector_cells = {v for row in book["Settore Tributi"].iter_rows(values_only=True)
                    for v in row}
    assert {text for *_, text in TARGETS} <= sector_cells
    book.close()
    annex = _document_text(out / "piano-2022-allegato-A.docx")
    for *_, text in TARGETS:
        assert text in annex
    assert lost_rows(folder, result.report.plan.findings, out / "piano-2022-consolidato.xlsx") == []
