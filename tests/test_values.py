"""Raw cell values -> typed values, Italian formats, and refusals instead of guesses."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pianoperf_xl.values import (
    Parsed,
    clean_text,
    format_amount,
    format_date,
    format_date_long,
    format_number,
    had_control_chars,
    is_blank,
    normalize_key,
    parse_amount,
    parse_date,
    parse_decimal,
    parse_int,
)

from cases import ANY_RAW

D = Decimal
PARSERS = [parse_amount, parse_decimal, parse_int, parse_date]


# --- text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, blank",
    [(None, True), ("", True), ("   ", True), ("\u00a0\u202f\t", True), ("x", False),
     (0, False), (0.0, False), (False, False)],
)
def test_is_blank(raw, blank):
    assert is_blank(raw) is blank


@pytest.mark.parametrize(
    "raw, text",
    [
        (None, ""),
        ("  Rossi\u00a0Mario ", "Rossi Mario"),
        ("a\tb", "a b"),
        ("riga 1\r\nriga 2", "riga 1\nriga 2"),
        ("a\rb", "a b"),
        ("a\x00b\x07c\x85d\u200b\ufeff", "abcd"),
        (24.0, "24"),
        (24.5, "24.5"),
        (0.1 + 0.2, "0.3"),
        (7, "7"),
        (True, "VERO"),
        (dt.date(2022, 12, 31), "31/12/2022"),
        (dt.datetime(2022, 12, 31), "31/12/2022"),
        (dt.datetime(2022, 12, 31, 10, 30), "31/12/2022 10:30"),
    ],
)
def test_clean_text(raw, text):
    assert clean_text(raw) == text


@pytest.mark.parametrize(
    "raw, had", [("abc", False), ("a\nb", False), ("a\tb", True), ("a\x00", True), ("\ufeffa", True), (5, False)]
)
def test_had_control_chars(raw, had):
    assert had_control_chars(raw) is had


@pytest.mark.parametrize(
    "a, b",
    [
        ("Attività  Produttive", "attivita produttive"),
        ("CULTURA/TEMPO LIBERO", "cultura/tempo libero"),
        ("Sant’Angelo", "sant'angelo"),
        ("Ufficio tecnico – LL.PP.", "ufficio tecnico - ll.pp."),
        ("Polizia\u00a0Locale\n", "polizia locale"),
        ("PERCHÉ", "perche"),
    ],
)
def test_normalize_key(a, b):
    assert normalize_key(a) == b


# --- numbers -------------------------------------------------------------------------

AMOUNTS = [
    ("1.055.000,00", "1055000.00", True),
    ("1055000", "1055000.00", True),
    ("1055000,5", "1055000.50", True),
    ("€ 1.055.000", "1055000.00", True),
    ("€1.055.000,00", "1055000.00", True),
    ("1.055.000 €", "1055000.00", True),
    ("1.055.000 euro", "1055000.00", True),
    ("EUR 1.055.000,00", "1055000.00", True),
    ("(1.000,00)", "-1000.00", True),
    ("-1.000,00", "-1000.00", True),
    ("- € 1.000,00", "-1000.00", True),
    ("-", "0.00", True),
    ("- ", "0.00", True),
    ("–", "0.00", True),
    ("€ -", "0.00", True),
    ("1 055 000,00", "1055000.00", True),
    ("1\u00a0055\u00a0000,00", "1055000.00", True),
    ("1,055,000.00", "1055000.00", True),
    ("1,055,000", "1055000.00", True),
    ("1,055.00", "1055.00", True),
    ("1,05", "1.05", True),
    ("1.05", "1.05", True),
    ("1.5", "1.50", True),
    ("0,055", None, True),  # three decimals, see below
    ("1055,000", "1055.00", True),
    ("-0,00", "0.00", True),
    (3532600.0, "3532600.00", False),
    (3532600, "3532600.00", False),
    (0.1 + 0.2, "0.30", False),  # Excel's 15 digits, not binary noise
    (1234.5, "1234.50", False),
]


@pytest.mark.parametrize("raw, value, from_text", [a for a in AMOUNTS if a[1]])
def test_parse_amount(raw, value, from_text):
    parsed = parse_amount(raw)
    assert parsed == Parsed(D(value), from_text=from_text)
    assert str(parsed.value) == value  # always two decimals


@pytest.mark.parametrize(
    "raw, problem",
    [
        ("1.055", "«1.055» è ambiguo: può essere 1055 oppure 1,055; scrivere 1055 o 1,055"),
        ("1,055", "«1,055» è ambiguo: può essere 1055 oppure 1,055; scrivere 1055 o 1,055"),
        ("-1.055", "«-1.055» è ambiguo: può essere -1055 oppure -1,055; scrivere -1055 o -1,055"),
        ("1055.000", "«1055.000» è ambiguo: può essere 1055000 oppure 1055,000; scrivere 1055000 o 1055,000"),
        (12.345, "«12,345» ha più di due decimali"),
        ("12,345", "ambiguo"),
        ("0,055", "«0,055» ha più di due decimali"),
        ("abc", "«abc» non è un importo"),
        ("1.05.2022", "non è un importo"),
        ("1.055,000,00", "non è un importo"),
        ("1 055.000,00", "non è un importo"),
        ("10 00", "non è un importo"),
        ("(1.000", "non è un importo"),
        ("(-1.000,00)", "non è un importo"),
        ("--", "non è un importo"),
        ("€ 1.000 €", "non è un importo"),
        ("54%", "non è un importo"),
        ("1.000\n2.000", "non è un importo"),
        ("٣٤", "non è un importo"),
        (True, "«VERO» è un valore vero/falso, non un importo"),
        (dt.date(2022, 12, 31), "«31/12/2022» è una data, non un importo"),
        (dt.datetime(2022, 12, 31), "è una data"),
        (dt.time(10, 30), "è un orario"),
        (dt.timedelta(hours=1), "è una durata"),
        (float("nan"), "non è un importo valido"),
        (float("inf"), "non è un importo valido"),
        (1e300, "troppo grande"),
        ("9" * 40, "troppo grande"),
    ],
)
def test_parse_amount_refuses(raw, problem):
    parsed = parse_amount(raw)
    assert parsed.value is None
    assert problem in parsed.problem


@pytest.mark.parametrize("raw", [None, "", "  ", "\u00a0"])
@pytest.mark.parametrize("parse", PARSERS)
def test_blank_is_no_value_and_no_problem(parse, raw):
    assert parse(raw) == Parsed(None)


@pytest.mark.parametrize(
    "raw, value, from_text",
    [
        ("311,26", "311.26", True),
        ("54,2%", "54.2", True),
        ("54,2 %", "54.2", True),
        ("-3,5%", "-3.5", True),
        ("0,000123", "0.000123", True),
        ("1.055.000", "1055000", True),
        ("€ 12,5", "12.5", True),
        (311.26, "311.26", False),
        (24.0, "24", False),
        (7, "7", False),
    ],
)
def test_parse_decimal(raw, value, from_text):
    parsed = parse_decimal(raw)
    assert parsed == Parsed(D(value), from_text=from_text)
    assert str(parsed.value) == value


@pytest.mark.parametrize("raw", ["1.055", "1,055", "abc", "%", "n. 5", float("nan"), True])
def test_parse_decimal_refuses(raw):
    parsed = parse_decimal(raw)
    assert parsed.value is None and parsed.problem


@pytest.mark.parametrize(
    "raw, value, from_text",
    [
        ("n. 49", 49, True),
        ("n.5985", 5985, True),
        ("N° 12", 12, True),
        ("nr. 3", 3, True),
        ("5.985", 5985, True),
        ("3.048", 3048, True),
        ("1.055.000", 1055000, True),
        ("-12", -12, True),
        ("5.985,00", 5985, True),
        ("-", 0, True),
        (49, 49, False),
        (49.0, 49, False),
    ],
)
def test_parse_int(raw, value, from_text):
    parsed = parse_int(raw)
    assert parsed == Parsed(value, from_text=from_text)
    assert type(parsed.value) is int


@pytest.mark.parametrize(
    "raw, problem",
    [
        (49.5, "«49,5» non è un numero intero"),
        ("12,5", "«12,5» non è un numero intero"),
        ("5,985", "ambiguo"),
        ("1055.000", "ambiguo"),
        ("24 ORE", "non è un numero intero"),
        ("€ 5", "non è un numero intero"),
        (float("-inf"), "non è un numero intero valido"),
        (False, "vero/falso"),
    ],
)
def test_parse_int_refuses(raw, problem):
    parsed = parse_int(raw)
    assert parsed.value is None
    assert problem in parsed.problem


# --- dates ---------------------------------------------------------------------------

DEC31 = dt.date(2022, 12, 31)


@pytest.mark.parametrize(
    "raw, value, from_text",
    [
        (DEC31, DEC31, False),
        (dt.datetime(2022, 12, 31), DEC31, False),
        (dt.datetime(2022, 12, 31, 17, 45), DEC31, False),
        (44926, DEC31, False),
        (44926.0, DEC31, False),
        (44926.75, DEC31, False),
        (61, dt.date(1900, 3, 1), False),
        (59, dt.date(1900, 2, 28), False),
        (1, dt.date(1900, 1, 1), False),
        ("31/12/2022", DEC31, True),
        ("31-12-2022", DEC31, True),
        ("31.12.2022", DEC31, True),
        ("2022-12-31", DEC31, True),
        ("2022-12-31 00:00:00", DEC31, True),
        ("31/12/2022 10:30", DEC31, True),
        ("31/12/22", DEC31, True),
        ("1/3/2022", dt.date(2022, 3, 1), True),
        ("31 dicembre 2022", DEC31, True),
        ("31 Dicembre 2022", DEC31, True),
        ("1° gennaio 2021", dt.date(2021, 1, 1), True),
        ("1º gennaio 2021", dt.date(2021, 1, 1), True),
        ("1 gen 2021", dt.date(2021, 1, 1), True),
        ("1 gen. 2021", dt.date(2021, 1, 1), True),
        ("31-dic-2022", DEC31, True),
        ("30 sett. 2022", dt.date(2022, 9, 30), True),
        ("15 mar 2022", dt.date(2022, 3, 15), True),
        ("15 mag 2022", dt.date(2022, 5, 15), True),
    ],
)
def test_parse_date(raw, value, from_text):
    assert parse_date(raw) == Parsed(value, from_text=from_text)


@pytest.mark.parametrize(
    "serial, value",
    [(43464, DEC31), (0, dt.date(1904, 1, 1)), (1, dt.date(1904, 1, 2)), (59, dt.date(1904, 2, 29))],
)
def test_parse_date_1904_system(serial, value):
    assert parse_date(serial, date1904=True) == Parsed(value)


@pytest.mark.parametrize(
    "raw, problem",
    [
        ("31/02/2022", "«31/02/2022» non è una data esistente"),
        ("29 febbraio 2022", "non è una data esistente"),
        ("31/12", "«31/12» non indica l'anno"),
        ("31 dicembre", "non indica l'anno"),
        ("entro fine anno", "non è una data"),
        ("12.5", "non è una data"),
        ("44926", "non è una data"),
        ("1 ma 2022", "non è una data"),  # 'ma' is marzo or maggio
        (2022, "«2022» sembra un anno"),
        (60, "29/02/1900"),
        (0, "non è una data valida"),
        (-5, "non è una data valida"),
        (1e12, "non è una data valida"),
        (float("nan"), "non è una data valida"),
        (dt.time(10, 0), "è un orario, non una data"),
        (True, "vero/falso"),
    ],
)
def test_parse_date_refuses(raw, problem):
    parsed = parse_date(raw)
    assert parsed.value is None
    assert problem in parsed.problem


# --- formatting ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [(D("5115600"), "5.115.600,00"), (D("-1000.5"), "-1.000,50"), (D("0"), "0,00"), (D("-0.00"), "0,00"),
     (12, "12,00"), (0.1 + 0.2, "0,30")],
)
def test_format_amount(value, text):
    assert format_amount(value) == text


@pytest.mark.parametrize(
    "value, decimals, text",
    [(D("311.26"), None, "311,26"), (D("54.20"), None, "54,2"), (D("5985"), None, "5.985"),
     (D("0.000123"), None, "0,000123"), (D("2"), 1, "2,0"), (D("1234.567"), 0, "1.235"), (D("1234.5"), 2, "1.234,50")],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


def test_format_dates():
    assert format_date(DEC31) == "31/12/2022"
    assert format_date(dt.date(2023, 1, 5)) == "05/01/2023"
    assert format_date_long(DEC31) == "31 dicembre 2022"
    assert format_date_long(dt.date(2021, 1, 1)) == "1° gennaio 2021"


# --- properties ----------------------------------------------------------------------

AMOUNT = st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False, allow_infinity=False)


@given(AMOUNT)
def test_amount_round_trips_through_italian_text(value):
    assert parse_amount(format_amount(value)) == Parsed(value, from_text=True)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False))
def test_decimal_round_trips_through_italian_text(value):
    parsed = parse_decimal(format_number(value))
    # '1.055' style output is ambiguous by design; everything else reads back exactly.
    assert parsed.value == value or "ambiguo" in parsed.problem


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_int_round_trips_through_italian_text(value):
    assert parse_int(format_number(value)) == Parsed(value, from_text=True)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_date_round_trips_through_italian_text(value):
    assert parse_date(format_date(value)).value == value
    assert parse_date(format_date_long(value)).value == value


@given(st.dates(min_value=dt.date(1910, 1, 1)), st.booleans())  # below: serials 1900-2100
def test_date_round_trips_through_excel_serial(value, date1904):
    base = dt.date(1904, 1, 1) if date1904 else dt.date(1899, 12, 30)
    assert parse_date((value - base).days, date1904=date1904).value == value


@given(ANY_RAW)
def test_parsers_never_raise(raw):
    for parse in PARSERS:
        parsed = parse(raw)
        assert isinstance(parsed, Parsed)
        assert (parsed.value is None) or parsed.problem is None
        if isinstance(raw, float) and not math.isfinite(raw):
            assert parsed.problem
    assert isinstance(clean_text(raw), str)
    assert isinstance(normalize_key(raw), str)
    assert isinstance(is_blank(raw), bool) and isinstance(had_control_chars(raw), bool)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999), st.sampled_from(".,"))
def test_single_separator_before_three_digits_is_never_guessed(head, tail, sep):
    text = f"{head}{sep}{tail:03d}"
    assert "ambiguo" in parse_amount(text).problem
    assert "ambiguo" in parse_decimal(text).problem
