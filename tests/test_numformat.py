"""Excel number-format codes applied Italian style (``read.numformat``), on hand-written
cases: what a cell showed in Excel, for the codes users and spreadsheets write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pianoperf_xl.read.numformat import general_text, shown_text
from pianoperf_xl.read.styles import BUILTIN_FORMATS
from pianoperf_xl.values import format_general, typed_value

DAY = dt.date(2022, 12, 31)  # a Saturday
MOMENT = dt.datetime(2022, 12, 31, 15, 5, 9)


@pytest.mark.parametrize("value, code, shown", [
    # General: Italian decimal comma, no thousands separator, every digit read
    (0.5, "General", "0,5"),
    (8500, "General", "8500"),
    (-0.25, "General", "-0,25"),
    (1018617707066281.0, "General", "1018617707066281"),
    (1e-9, "General", "1E-09"),
    (12, '0" controlli"', "12 controlli"),
    (0.5, "@", "0,5"),  # a text format shows a number as General does
    # digits, thousands, decimals, rounding half away from zero as Excel does
    (40, "0", "40"),
    (2.5, "0", "3"),
    (-2.5, "0", "-3"),
    (0.125, "0.00", "0,13"),
    (7, "000", "007"),
    (8500, "#,##0", "8.500"),
    (1234.5, "#,##0.00", "1.234,50"),
    (1234.5, "#,##0.0#", "1.234,5"),
    (1234567, "#,##0,", "1.235"),  # a trailing comma counts in thousands
    (0.5, "#.00", ",50"),  # '#' shows no lone zero
    # percent
    (1, "0%", "100%"),
    (0.125, "0.0%", "12,5%"),
    (0.125, "0.00%", "12,50%"),
    # currency, as LibreOffice and Excel write it
    (120000, "[$€-410]\\ #,##0.00", "€ 120.000,00"),
    (120000, '"€ "#,##0.00', "€ 120.000,00"),
    (120000, '#,##0.00" €"', "120.000,00 €"),
    (120000, '#,##0.00\\ "€"', "120.000,00 €"),
    (-120000, '"€ "#,##0.00', "-€ 120.000,00"),
    # sections: negative without a sign of its own, zero, colours
    (-1234.5, "#,##0.00;[RED]\\-#,##0.00", "-1.234,50"),
    (-3, "0;(0)", "(3)"),
    (0, '0;-0;"zero"', "zero"),
    (5, "[Color10]0.0", "5,0"),
    # dates and times, Italian names
    (DAY, "dd/mm/yyyy", "31/12/2022"),
    (DAY, "DD/MM/YY", "31/12/22"),
    (DAY, "d\\ mmmm\\ yyyy", "31 dicembre 2022"),
    (DAY, "mmm\\-yy", "dic-22"),
    (DAY, "dddd d mmmm", "sabato 31 dicembre"),
    (DAY, "ddd d mmm", "sab 31 dic"),
    (DAY, "mmmmm", "d"),
    (DAY, "[$-F800]dddd\\, mmmm dd\\, yyyy", "sabato 31 dicembre 2022"),
    (MOMENT, "dd/mm/yyyy hh:mm", "31/12/2022 15:05"),
    (MOMENT, "h:mm:ss AM/PM", "3:05:09 PM"),
    (MOMENT, "[$-410]d/m/yyyy", "31/12/2022"),
])
def test_a_code_shows_the_value_as_excel_did(value, code, shown):
    assert shown_text(value, code) == shown


@pytest.mark.parametrize("value, code", [
    (12345.678, "0.00E+00"),  # scientific notation
    (0.5, "# ?/?"),  # fractions
    (5, "[>=10]0;0.0"),  # conditions
    (1.5, "[h]:mm"),  # elapsed time
    (DAY, "NN"),  # a letter no Excel code uses
    (3, '0"'),  # an unclosed quote
])
def test_a_code_not_rendered_falls_back_to_the_general_text(value, code):
    assert shown_text(value, code) == general_text(value)


def test_the_general_text_is_never_empty_nor_wrong():
    assert shown_text(0, "#,###") == "0"  # Excel shows nothing: the value is still there
    assert shown_text(0, '_-* "-"??_-') == "-"
    assert shown_text(DAY, "0.00") == "31/12/2022"  # a date never shown as its serial
    assert shown_text(0.5, None) == "0,5"


@pytest.mark.parametrize("code, shown", [
    (BUILTIN_FORMATS[3], "1.234.567"),
    (BUILTIN_FORMATS[4], "1.234.567,00"),
    (BUILTIN_FORMATS[9], "123456700%"),
    (BUILTIN_FORMATS[44], "1.234.567,00 €"),
    (BUILTIN_FORMATS[0], "1234567"),
])
def test_built_in_formats_show_as_in_an_italian_excel(code, shown):
    assert shown_text(1234567, code) == shown


def test_the_short_date_built_in_is_the_italian_one():
    assert shown_text(DAY, BUILTIN_FORMATS[14]) == "31/12/2022"


def test_typed_values_keep_excels_digits():
    assert typed_value(0.30000000000000004) == Decimal("0.3")
    assert typed_value(8500) == Decimal(8500)
    assert typed_value(MOMENT) == MOMENT and typed_value(dt.datetime(2022, 12, 31)) == DAY
    assert [typed_value(v) for v in ("8500", True, "", None, dt.time(10))] == [None] * 5
    assert format_general(Decimal("0.5")) == "0,5"
