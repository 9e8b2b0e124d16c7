"""The worksheet fast paths of every workbook (``write.sheet``) write the
bytes xlsxwriter's own worksheet writes: every part of the .xlsx the same, cell for cell,
for the kinds of cell they shorten and for those they hand back to xlsxwriter."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from pianoperf_xl.checks import run_checks
from pianoperf_xl.write import cells
from pianoperf_xl.write.cells import new_workbook
from pianoperf_xl.write.consolidated import write_consolidated
from pianoperf_xl.write.sheet import CLASSIC_FUNCTIONS, Sheet, plain_formula

from helpers import SAMPLE, reading_of

CREATED = dt.datetime(2024, 1, 2, 3, 4, 5)
FORMULAS = (
    "=SUM(A1:A3)", "SUM(A1:A3)", "=COUNT(B2:B9)+COUNTIF(C1:C4,\"●\")",
    "=IF(AND(A1>0,B1>0),A1/B1,\"\")",  # classic functions only: the fast path
    "=SORT(A1:A3)", "=XLOOKUP(A1,B1:B3,C1:C3)", "=SUM(FILTER(A1:A3,A1:A3>1))",
    "=ISSINGLE(A1)", "=LEN(A1)", "=sum(a1:a3)", "=SUM('Foglio (2)'!A1)",
    "=\"UNIQUE(\"&A1", "{=SUM(A1:A3*B1:B3)}", "=_xlfn.STDEV.S(A1:A3)",
)


def _contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, worksheet_class) -> dict[str, bytes]:
    wb = new_workbook(str(path))
    wb.set_properties({"created": CREATED})
    bold = wb.add_format({"bold": True, "num_format": "#,##0.00"})
    day = wb.add_format({"num_format": "dd/mm/yyyy", "border": 1})
    ws = wb.add_worksheet("Dati", worksheet_class=worksheet_class)
    for row, text in enumerate(["testo", "a & b < c > \"d\"", " spazi ", "\x01 controllo",
                                "àèìòù €"]):
        ws.write_string(row, 0, text, bold)  # formatted: the fast path
        ws.write_string(row, 1, text)  # unformatted: xlsxwriter's path
    for row, number in enumerate([0, -1.5, 1e-20, 123456789.123456789, 2 ** 53]):
        ws.write_number(row, 2, number, bold)
        ws.write_number(row, 3, number)
    ws.write_datetime(0, 4, dt.date(2024, 2, 29), day)
    ws.write_datetime(1, 4, dt.datetime(1900, 1, 1, 12, 30), day)
    ws.write_blank(2, 4, None, day)
    ws.write_boolean(3, 4, True, bold)
    ws.write_rich_string(4, 4, "a ", bold, "b", " c", day)
    ws.merge_range(6, 0, 6, 3, "unito", bold)
    for row, text in enumerate(FORMULAS, start=8):
        ws.write_formula(row, 0, text, bold, 6)
        ws.write_formula(row, 1, text, None, "testo")
    ws.add_table(30, 0, 33, 2, {"columns": [
        {"header": "Uno"}, {"header": "Due"},
        {"header": "Somma", "formula": "=SUM(Table1[@[Uno]:[Due]])"}]})
    ws.conditional_format(0, 2, 5, 2, {"type": "formula", "criteria": "=$C1>0",
                                       "format": bold})
    ws.data_validation(0, 5, 5, 5, {"validate": "list", "source": ["Sì", "No"]})
    ws.set_row(1, 40, day)
    ws.write_number(1, 7, 3)  # takes the row's format
    ws.set_column(8, 8, 12, bold)
    ws.write_string(2, 8, "colonna")  # takes the column's format
    wb.close()
    return _contents(path)


def test_the_same_bytes_as_xlsxwriter(tmp_path):
    assert _write(tmp_path / "fast.xlsx", Sheet) == _write(tmp_path / "stock.xlsx", Worksheet)


@pytest.mark.parametrize("formula,plain", [
    ("=SUM(A1:A3)", True), ("=IF(AND(A1>0,B1>0),1,0)", True), ("=A1+B1", True),
    ("=SORT(A1:A3)", False), ("=X.SORT(A1)", False), ("=ISSINGLE(A1)", False),
    ("=sum(A1)", False), ("=SUM('Foglio (2)'!A1)", True), ("=SUM('Foglio(2)'!A1)", False),
    ("=\"MAP(\"&A1", False),
])
def test_plain_formula(formula, plain):
    assert plain_formula(formula) is plain


def test_the_sample_consolidated_workbook_unchanged(tmp_path, monkeypatch):
    """The whole consolidated workbook of the sample: the same parts with the fast paths
    as with xlsxwriter's worksheet (the creation time aside)."""
    reading = reading_of(SAMPLE)
    run_checks(reading)
    fast = _contents(write_consolidated(reading, tmp_path / "fast.xlsx"))
    monkeypatch.setattr(cells, "Sheet", Worksheet)
    stock = _contents(write_consolidated(reading, tmp_path / "stock.xlsx"))
    assert fast.keys() == stock.keys()
    differing = [name for name in fast if fast[name] != stock[name]]
    assert differing in ([], ["docProps/core.xml"])
    assert b"<f>" in fast["xl/worksheets/sheet1.xml"]  # live formulas were written


def test_shared_cells_keep_their_kind(tmp_path):
    """Equal text cells share one record; a number equal to a text's index stays a number,
    and the file is the one xlsxwriter's worksheet writes."""
    def write(path: Path, share: bool) -> dict[str, bytes]:
        wb = new_workbook(str(path))
        wb.set_properties({"created": CREATED})
        fmt = wb.add_format({"bold": True})
        pool: dict = {}
        for name in ("Uno", "Due"):
            ws = wb.add_worksheet(name, worksheet_class=Sheet if share else Worksheet)
            ws.cell_pool = pool
            for row in range(3):
                ws.write_string(row, 0, "stesso testo", fmt)  # shared string 0
                ws.write_number(row, 1, 0, fmt)  # equal, as a tuple, to the string's cell
                ws.write_string(row, 2, f"riga {row}", fmt)
                ws.write_datetime(row, 3, dt.date(2024, 1, row + 1), fmt)
                if share:
                    ws.share_row(row)
            if share:
                assert ws.table[0][0] is ws.table[2][0]
                assert ws.table[0][1] is not ws.table[0][0]
                assert type(ws.table[1][1]).__name__ == "Number"
        if share:
            assert wb.worksheets()[0].table[0][0] is wb.worksheets()[1].table[0][0]
        wb.close()
        return _contents(path)

    assert write(tmp_path / "shared.xlsx", True) == write(tmp_path / "stock.xlsx", False)


def test_xlsxwriter_rewrites_none_of_the_classic_functions():
    for name in CLASSIC_FUNCTIONS:
        for future in (False, True):
            sheet = Worksheet()
            sheet.use_future_functions = future
            formula = f"=IF({name}(A1),{name}(B$2:B9),0)"
            assert sheet._prepare_formula(formula) == formula[1:], name
            assert sheet._prepare_formula(formula, True) == formula[1:], name


def _prepared(formula: str, future: bool) -> tuple[str, str]:
    fast, stock = Sheet(), Worksheet()
    fast.use_future_functions = stock.use_future_functions = future
    return fast._prepare_formula(formula), stock._prepare_formula(formula)


TOKENS = st.sampled_from(sorted(CLASSIC_FUNCTIONS) + [
    "XLOOKUP", "FILTER", "SINGLE", "xSINGLE", "T.DIST", "TXDIST", "CONCAT", "_xlfn.SUM",
    "SORT", "SORTBY", "sum", "A1", "$B$2:B9", '"SUM("', '"FILTER("', "{", "}", "=", ",",
    "(", ")", "_", ".", " ", "+", "-", "&", "1,5", "Foglio 1!A1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=12), st.booleans(), st.booleans())
def test_any_formula_as_xlsxwriter_writes_it(tokens, call, future):
    formula = "=" + "".join(t + ("(" if call and t[:1].isalpha() else "") for t in tokens)
    fast, stock = _prepared(formula, future)
    assert fast == stock


def test_every_workbook_of_the_tool_uses_it(tmp_path):
    book = new_workbook(str(tmp_path / "x.xlsx"))
    assert isinstance(book.add_worksheet("Foglio"), Sheet)
    book.close()
