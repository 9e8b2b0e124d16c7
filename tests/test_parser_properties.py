"""More properties of the number and deadline parsers, beside those in test_values.py
and test_deadlines.py (never raising on any text; Italian text round trips for amounts,
numbers, integers and dates; Excel serials in both date systems).

Added here: never raising on any cell value in the 1904 date system and on any plan
year; numbers given as cells read exactly; amounts round-trip through the ways people
write them (euro sign before or after, non-breaking spaces, negative in parentheses);
text cleaning is idempotent; deadlines written as dates, Italian day-month-year or
"fine <mese>" read back exactly, and every dated deadline survives its own Italian
description (describe, then parse again).
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from pianoperf_xl.interpret.deadlines import DATE, PERIOD, describe, parse_deadline
from pianoperf_xl.values import (
    clean_text, format_amount, format_date, is_blank, normalize_key, parse_amount, parse_date,
    parse_decimal, parse_int,
)

from cases import ANY_RAW, DEADLINE_TEXTS

MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]
CENTS = st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False,
                    allow_infinity=False)
plan_years = st.integers(min_value=1990, max_value=2100)
plan_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


# -- numbers and text -------------------------------------------------------------------


@given(ANY_RAW)
def test_dates_never_raise_in_the_1904_system(raw):
    parsed = parse_date(raw, date1904=True)
    assert (parsed.value is None) or parsed.problem is None


@given(st.decimals(min_value=-(10**13) + 1, max_value=10**13 - 1, places=2,
                   allow_nan=False, allow_infinity=False))
def test_an_amount_cell_reads_exactly(value):
    """A number cell (a float, as the spreadsheet stores it) is read as the amount typed,
    and is not "text read as a number" (up to 15 significant digits: what Excel keeps)."""
    parsed = parse_amount(float(value))
    assert parsed.value == value and not parsed.from_text and parsed.problem is None


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_an_integer_cell_reads_exactly(value):
    parsed = parse_int(float(value))
    assert parsed.value == value and not parsed.from_text


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_a_number_cell_reads_as_excel_shows_it(value):
    """15 significant digits, as Excel keeps and shows them: never a binary artefact
    such as 0.30000000000000004."""
    parsed = parse_decimal(value)
    assert parsed.value == Decimal(format(value, ".15g")) and not parsed.from_text


@given(CENTS, st.sampled_from(["€ {}", "{} €", "€{}", "EUR {}", "{}"]),
       st.sampled_from([" ", "\u00a0", ""]))
def test_amounts_as_people_write_them(value, pattern, pad):
    text = pattern.format(format_amount(abs(value))).replace(" ", pad or " ")
    if value < 0:
        text = f"({text})" if value.as_tuple().digits[-1] % 2 else f"-{text}"
    parsed = parse_amount(pad + text + pad)
    assert parsed.value == value and parsed.from_text, text


@given(ANY_RAW)
def test_text_cleaning_is_idempotent(raw):
    text = clean_text(raw)
    assert clean_text(text) == text
    assert normalize_key(normalize_key(raw)) == normalize_key(raw)
    assert is_blank(text) == (text == "")


# -- deadlines --------------------------------------------------------------------------


@given(plan_dates, plan_years, st.sampled_from(["entro il {}", "Entro il {}", "{}",
                                                "Adempimento entro il {}", "entro {}"]))
def test_a_deadline_written_as_a_date_reads_back(day, year, pattern):
    deadline = parse_deadline(pattern.format(format_date(day)), year)
    assert (deadline.kind, deadline.date) == (DATE, day)


@given(plan_dates, plan_years)
def test_a_deadline_in_italian_words_reads_back(day, year):
    text = f"entro il {day.day} {MONTHS[day.month - 1]} {day.year}"
    assert (parse_deadline(text, year).kind, parse_deadline(text, year).date) == (DATE, day)


@given(st.integers(min_value=1, max_value=12), plan_years)
def test_end_of_a_month_without_a_year_is_in_the_plan_year(month, year):
    deadline = parse_deadline(f"entro fine {MONTHS[month - 1]}", year)
    last = calendar.monthrange(year, month)[1]
    assert (deadline.kind, deadline.date) == (DATE, dt.date(year, month, last))


@settings(max_examples=300)
@given(DEADLINE_TEXTS, plan_years)
def test_a_dated_deadline_survives_its_own_description(text, year):
    """What the annex and the messages print ("entro il 31/12/2022", "da giugno a
    settembre 2022") reads back as the same deadline."""
    deadline = parse_deadline(text, year)
    if deadline.kind not in (DATE, PERIOD) or deadline.recurrence:
        return
    again = parse_deadline(describe(deadline), year)
    assert (again.kind, again.start, again.date) == (
        deadline.kind, deadline.start, deadline.date), describe(deadline)
