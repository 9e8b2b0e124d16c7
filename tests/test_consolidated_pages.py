"""Issue 13, point 6: the consolidated workbook as it prints — «Verifiche» rows tall enough
for the «Valore» text and numbers apart from the next column, no helper column showing in
«Contesto», a readable staff table on sector sheets, a «Matrice» printed at a readable
scale with the names on every page (rendered by LibreOffice)."""

from __future__ import annotations

import subprocess

import openpyxl
import pytest

from pianoperf_xl.office import convert
from pianoperf_xl.pipeline import read_and_check
from pianoperf_xl.write.cells import LINE_HEIGHT, row_height
from pianoperf_xl.write.consolidated import write_consolidated
from pianoperf_xl.write.consolidated.matrix import OBJECTIVES_PER_PAGE

from helpers import SAMPLE


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("consolidato")
    path = write_consolidated(read_and_check(SAMPLE), folder / "piano-2022-consolidato.xlsx")
    return path, openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def pages(consolidated, soffice):
    path, _ = consolidated
    pdf = convert(path, "pdf", path.parent / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def test_row_heights_follow_word_wrapping():
    # «Tutela e / valorizzazione dei / beni e attività / culturali»: four lines, not three
    assert row_height([("Tutela e valorizzazione dei beni e attività culturali", 16)]) == \
        4 * LINE_HEIGHT


def test_the_value_column_is_shown_whole_and_numbers_keep_apart(consolidated):
    _, book = consolidated
    ws = book["Verifiche"]
    header = next(r for r in ws.iter_rows() if r[0].value == "Gravità")
    col = next(c.column_letter for c in header if c.value == "Valore")
    width = ws.column_dimensions[col].width
    for row in ws.iter_rows(min_row=header[0].row + 1):
        value = ws[f"{col}{row[0].row}"]
        if value.value is None:
            continue
        if isinstance(value.value, str):
            height = ws.row_dimensions[row[0].row].height or LINE_HEIGHT
            assert height >= row_height([(value.value, width)]), (value.coordinate,
                                                                  value.value)
        else:
            assert value.alignment.horizontal == "left", value.coordinate


def test_the_chart_helper_column_is_hidden(consolidated, pages):
    _, book = consolidated
    ws = book["Contesto"]
    [helper] = [c for row in ws.iter_rows() for c in row if c.value == "Maschi (grafico)"]
    assert ws.column_dimensions[helper.column_letter].hidden
    context = "\n".join(p for p in pages if "Popolazione per classi di età" in p)
    assert "Maschi (grafico)" not in context and "Femmine" in context


def test_the_sector_staff_table_has_its_own_readable_columns(consolidated):
    _, book = consolidated
    ws = book["Settore Affari Generali"]
    [name_header] = [c for row in ws.iter_rows() for c in row if c.value == "Cognome e nome"]
    spans = [m for m in ws.merged_cells.ranges if name_header.coordinate in m]
    assert spans, "the name spans several columns"
    span = spans[0]
    width = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
                for c in range(span.min_col, span.max_col + 1))
    assert width >= 40
    name_rows = [r for r in range(name_header.row + 1, name_header.row + 6)]
    names = [ws.cell(r, span.min_col).value for r in name_rows]
    assert names[:3] == ["Cairo Micaela", "Zoccali maria", "Stefanelli Maria Fabiola"]
    assert all((ws.row_dimensions[r].height or LINE_HEIGHT) <= LINE_HEIGHT for r in name_rows)


def test_the_matrix_prints_readably_with_names_on_every_page(consolidated, pages):
    _, book = consolidated
    ws = book["Matrice"]
    assert ws.page_setup.scale >= 75 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_cols.replace("$", "") == "A:C"
    matrix = [p for p in pages if "Matrice personale × obiettivi" in p]
    assert len(matrix) == -(-48 // OBJECTIVES_PER_PAGE)
    for page in matrix:
        assert "Cognome e nome" in page and "Castriciano Felicia" in page
    # the objectives in the organigram's order, as the sector sheets and the annex
    assert "EF.01" in matrix[0] and "PL.12" in matrix[-1]
