"""The worksheet every writer uses gives each formula exactly as xlsxwriter would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from xlsxwriter.worksheet import Worksheet

from pianoperf_xl.write.cells import PLAIN_FUNCTIONS, PlainFormulaSheet, new_workbook


def _both(formula: str, future: bool = False) -> tuple[str, str]:
    plain, original = PlainFormulaSheet(), Worksheet()
    plain.use_future_functions = original.use_future_functions = future
    return plain._prepare_formula(formula), original._prepare_formula(formula)


def test_xlsxwriter_rewrites_none_of_the_plain_functions():
    for name in PLAIN_FUNCTIONS:
        for future in (False, True):
            sheet = Worksheet()
            sheet.use_future_functions = future
            formula = f"=IF({name}(A1),{name}(B$2:B9),0)"
            assert sheet._prepare_formula(formula) == formula[1:], name
            assert sheet._prepare_formula(formula, True) == formula[1:], name


def test_a_newer_function_still_gets_its_prefix():
    assert _both("=XLOOKUP(A1,B:B,C:C)") == ("_xlfn.XLOOKUP(A1,B:B,C:C)",) * 2
    assert _both("=SUM(FILTER(A:A,B:B))")[0] == "SUM(_xlfn._xlws.FILTER(A:A,B:B))"
    assert _both("=CONCAT(A1,B1)", future=True)[0] == "_xlfn.CONCAT(A1,B1)"


TOKENS = st.sampled_from(sorted(PLAIN_FUNCTIONS) + [
    "XLOOKUP", "FILTER", "SINGLE", "xSINGLE", "T.DIST", "TXDIST", "CONCAT", "_xlfn.SUM",
    "SORT", "SORTBY", "sum", "A1", "$B$2:B9", '"SUM("', '"FILTER("', "{", "}", "=", ",",
    "(", ")", "_", ".", " ", "+", "-", "&", "1,5", "Foglio 1!A1"])


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=12), st.booleans(), st.booleans())
def test_same_formula_as_xlsxwriter(tokens, call, future):
    formula = "=" + "".join(t + ("(" if call and t[:1].isalpha() else "") for t in tokens)
    assert _both(formula, future)[0] == _both(formula, future)[1]


def test_the_tools_workbooks_use_it(tmp_path):
    book = new_workbook(str(tmp_path / "x.xlsx"))
    assert isinstance(book.add_worksheet("Foglio"), PlainFormulaSheet)
    book.close()
