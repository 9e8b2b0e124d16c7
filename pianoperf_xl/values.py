"""Typed values from raw cells: Italian-formatted numbers and dates, never guessed.

Raw values are what python-calamine returns: str, int, float, bool, date, datetime,
time, timedelta, or '' for an empty cell. Every ``parse_*`` function returns a
:class:`Parsed` and never raises: a blank cell gives ``Parsed(None)``, a value that
cannot be read safely gives ``value=None`` and an Italian ``problem`` for the finding.

Text has two forms. ``clean_text`` is the text as kept and shown: control characters
removed (the reader notes it), non-breaking, narrow and figure spaces, tabs and CRs made
plain spaces, outer spaces trimmed; inner spacing, case and accents stay as typed.
``normalize_key`` is for matching only (closed lists, labels and headers, names, sector
names): it also folds case, accents, dash and quote variants and collapses runs of
spaces. A value is never replaced by its key.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any, Callable

from babel.dates import get_month_names
from babel.numbers import format_decimal

LOCALE = "it_IT"
CENT = Decimal("0.01")
MAX_ADJUSTED = 17  # numbers of 10**18 and beyond are refused: no plan has them
EXCEL_PRECISION = 15  # significant digits Excel keeps and shows


@dataclass(frozen=True)
class Parsed:
    value: Any
    from_text: bool = False
    problem: str | None = None


class _Reject(Exception):
    """Internal: the value cannot be used; the message is the Italian problem."""


# --- text ---------------------------------------------------------------------------

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " ", "\r": " "})
# C0/C1 controls except '\n' (tab and CR count: clean_text turns them into spaces), and
# the invisible format characters text pasted from Word, PDF or the web brings along: soft
# hyphen, zero-width space and joiners, direction marks and overrides (an override can make
# «Tributi\u202excod.exe» look like «Tributiexe.docx»), word joiner, byte-order mark.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                      "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
_KEY_CHARS = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
    | {c: "'" for c in "\u2018\u2019\u201b\u02bc\u00b4`"}
)


def had_control_chars(raw: Any) -> bool:
    return isinstance(raw, str) and _CONTROL.search(raw) is not None


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def clean_text(raw: Any) -> str:
    if raw.__class__ is str and raw.isprintable():
        # Nothing to translate or drop: every character _SPACES, _CONTROL and "\r\n"
        # touch is a control or a separator other than " ", which isprintable() refuses.
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, bool):
        text = "VERO" if raw else "FALSO"
    elif isinstance(raw, float):
        text = _float_text(raw)
    elif isinstance(raw, dt.datetime):
        text = format_date(raw)
        if raw.time() != dt.time():
            text += raw.strftime(" %H:%M:%S" if raw.second else " %H:%M")
    elif isinstance(raw, dt.date):
        text = format_date(raw)
    else:
        text = str(raw)
    text = text.replace("\r\n", "\n").translate(_SPACES)
    return _CONTROL.sub("", text).strip()


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not clean_text(raw))


def normalize_key(text: Any) -> str:
    """A form of ``text`` for matching only: no case, accents, dash or quote variants."""
    if text.__class__ is str:
        return _normalized_text(text)  # names and words recur: remembered
    return _normalize_key(text)


def _normalize_key(text: Any) -> str:
    decomposed = unicodedata.normalize("NFKD", clean_text(text).translate(_KEY_CHARS))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_normalized_text = functools.lru_cache(maxsize=1 << 16)(_normalize_key)


def _float_text(f: float) -> str:
    if not math.isfinite(f):
        return str(f)
    return str(int(f)) if f.is_integer() else format(f, f".{EXCEL_PRECISION}g")


def _float_decimal(f: float) -> Decimal:
    # Rounded to Excel's 15 significant digits: a formula result such as
    # 0.30000000000000004 is the 0.3 the user sees, and 3532600.0 is 3532600.
    return Decimal(format(f, f".{EXCEL_PRECISION}g"))


def _is_number(raw: Any) -> bool:
    return isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool)


def quoted(raw: Any, limit: int = 60) -> str:
    """The value as the user would recognise it, for messages."""
    if _is_number(raw) and math.isfinite(raw):
        text = format_number(raw)
    else:
        text = " ".join(clean_text(raw).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parser(func: Callable[..., Parsed]) -> Callable[..., Parsed]:
    """Blank gives Parsed(None); a _Reject becomes a Parsed with its problem."""

    @functools.wraps(func)
    def wrapper(raw: Any, *args: Any, **kwargs: Any) -> Parsed:
        if is_blank(raw):
            return Parsed(None)
        try:
            return func(raw, *args, **kwargs)
        except _Reject as reject:
            return Parsed(None, problem=str(reject))

    return wrapper


def _reject_type(raw: Any, noun: str) -> None:
    """Refuse values of a type that is never a ``noun`` (booleans, dates, times)."""
    for kind, label in (
        (bool, "un valore vero/falso"),
        (dt.date, "una data"),
        (dt.time, "un orario"),
        (dt.timedelta, "una durata"),
    ):
        if isinstance(raw, kind):
            raise _Reject(f"«{quoted(raw)}» è {label}, non {noun}")


# --- numbers -------------------------------------------------------------------------

_CURRENCY = r"€|euro|eur"
_NUMBER_KINDS = {  # kind -> (noun for messages, allowed prefix, allowed suffix)
    "amount": ("un importo", _CURRENCY, _CURRENCY),
    "decimal": ("un numero", _CURRENCY, rf"{_CURRENCY}|%"),
    "int": ("un numero intero", r"nr\.?|num\.?|n[.°º]?", r"(?!)"),
}


@functools.lru_cache(maxsize=None)
def _number_pattern(kind: str) -> re.Pattern[str]:
    _, prefix, suffix = _NUMBER_KINDS[kind]
    return re.compile(
        rf"(?P<open>\()? *(?:(?P<pre>{prefix}) *)?(?P<sign>[-+−–])? *(?:(?P<pre2>{prefix}) *)?"
        r"(?:(?P<body>[0-9](?:[0-9., ]*[0-9])?)|(?P<dash>[-−–—]))"
        r"(?: *(?P<trailing>[-−–]))?"  # '1.055.000,00-', as accounting software exports
        rf" *(?:(?P<suf>{suffix}) *)?(?P<close>\))?",
        re.IGNORECASE,
    )


def _is_group_head(digits: str) -> bool:
    return 1 <= len(digits) <= 3 and digits[0] != "0"


def _number_from_text(text: str, kind: str) -> Decimal:
    noun = _NUMBER_KINDS[kind][0]
    garbage = _Reject(f"«{quoted(text)}» non è {noun}")
    m = _number_pattern(kind).fullmatch(text)
    if (
        not m
        or bool(m["open"]) != bool(m["close"])
        or (m["open"] and m["sign"])
        or (m["sign"] and m["dash"])
        or (m["trailing"] and (kind != "amount" or m["sign"] or m["open"] or m["dash"]))
        or sum(bool(m[g]) for g in ("pre", "pre2", "suf")) > 1
    ):
        raise garbage
    if m["dash"]:  # accountants write a lone dash for zero
        return Decimal(0)
    negative = bool(m["open"] or m["trailing"]) or m["sign"] in ("-", "−", "–")

    parts = re.split(r"([., ])", m["body"])
    digits, seps = parts[::2], parts[1::2]
    decimal_sep = thousands_sep = None
    if len(set(seps)) > 2:
        raise garbage
    if len(set(seps)) == 2:  # '1.055.000,00', '1 055,5', '1,055,000.00'
        decimal_sep = seps[-1]
        thousands_sep = (set(seps) - {decimal_sep}).pop()
        if decimal_sep == " " or seps.count(decimal_sep) != 1:
            raise garbage
    elif len(seps) > 1 or seps == [" "]:  # '1.055.000', '1 055 000', '1,055,000'
        thousands_sep = seps[0]
    elif seps:  # one '.' or ','
        head, tail = digits
        if len(tail) != 3 or head[0] == "0" or (seps[0] == "," and len(head) > 3):
            decimal_sep = seps[0]  # '1,05', '1.5', '0,055', '1055,000'
        elif kind == "int" and seps[0] == "." and len(head) <= 3:
            thousands_sep = "."  # a count: '5.985' people
        else:
            sign = "-" if negative else ""
            raise _Reject(
                f"«{quoted(text)}» è ambiguo: può essere {sign}{head}{tail} oppure "
                f"{sign}{head},{tail}; scrivere {sign}{head}{tail} o {sign}{head},{tail}"
            )
    integer_groups = digits[:-1] if decimal_sep else digits
    if thousands_sep and not (
        _is_group_head(integer_groups[0]) and all(len(g) == 3 for g in integer_groups[1:])
    ):
        raise garbage
    number = "".join(integer_groups) + (f".{digits[-1]}" if decimal_sep else "")
    return -Decimal(number) if negative else Decimal(number)


@_parser
def _parse_number(raw: Any, kind: str) -> Parsed:
    noun = _NUMBER_KINDS[kind][0]
    _reject_type(raw, noun)
    from_text = not _is_number(raw)
    if from_text:
        value = _number_from_text(clean_text(raw), kind)
    elif not math.isfinite(raw):
        raise _Reject(f"«{quoted(raw)}» non è {noun} valido")
    else:
        value = _float_decimal(raw) if isinstance(raw, float) else Decimal(raw)
    if value and value.adjusted() > MAX_ADJUSTED:
        raise _Reject(f"«{quoted(raw)}» è troppo grande per essere {noun}")
    if not value:
        value = abs(value)  # no '-0'
    if kind == "amount":
        cents = value.quantize(CENT)
        if cents != value:
            raise _Reject(f"«{quoted(raw)}» ha più di due decimali")
        value = cents
    elif kind == "int":
        if value != value.to_integral_value():
            raise _Reject(f"«{quoted(raw)}» non è un numero intero")
        value = int(value)
    return Parsed(value, from_text=from_text)


def parse_amount(raw: Any) -> Parsed:
    """Money: a Decimal with two decimals."""
    return _parse_number(raw, "amount")


def parse_decimal(raw: Any) -> Parsed:
    """Any number, as a Decimal ('54,2%' gives 54.2)."""
    return _parse_number(raw, "decimal")


def parse_int(raw: Any) -> Parsed:
    """A whole number, as an int ('n. 49', '5.985')."""
    return _parse_number(raw, "int")


# --- dates ---------------------------------------------------------------------------

_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(rf"(\d{{1,2}})([/.-])(\d{{1,2}})(?:\2(\d{{4}}|\d{{2}}))?{_TIME}")
_YMD = re.compile(rf"(\d{{4}})([/.-])(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2}) *[°º]? *[-/.]? *([^\W\d_]+)\.? *[-/.]? *(\d{4}|\d{2})?")
_EXCEL_1900 = dt.date(1899, 12, 30)  # serial 61 is 1900-03-01 (Excel counts 1900-02-29)
_EXCEL_1904 = dt.date(1904, 1, 1)


@functools.lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    return {
        name.casefold(): number
        for width in ("wide", "abbreviated")
        for number, name in get_month_names(width, locale=LOCALE).items()
    }


def _month_number(word: str) -> int | None:
    """'dicembre', 'dic', 'Dic.', 'sett' -> month number; None if unknown or ambiguous."""
    names = month_numbers()
    word = word.casefold()
    if word in names:
        return names[word]
    found = {n for name, n in names.items() if len(word) >= 3 and name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _full_year(year: str) -> int:
    # Two-digit years follow Excel: 00-29 are 2000-2029, 30-99 are 1930-1999.
    return int(year) if len(year) == 4 else int(year) + (2000 if int(year) < 30 else 1900)


def _date_from_text(text: str) -> dt.date:
    shown = quoted(text)
    if m := _YMD.fullmatch(text):
        year, month, day = m[1], m[3], m[4]
    elif m := _DMY.fullmatch(text):
        day, month, year = m[1], m[3], m[4]
        if year is None and m[2] != "/":  # '12.5' is a number, not a date
            m = None
    elif (m := _DAY_MONTH_NAME.fullmatch(text.casefold())) and _month_number(m[2]):
        day, month, year = m[1], _month_number(m[2]), m[3]
    else:
        m = None
    if not m:
        raise _Reject(f"«{shown}» non è una data; scrivere ad esempio 31/12/2022")
    if year is None:
        raise _Reject(f"«{shown}» non indica l'anno; scrivere ad esempio 31/12/2022")
    try:
        return dt.date(_full_year(year), int(month), int(day))
    except ValueError:
        raise _Reject(f"«{shown}» non è una data esistente") from None


def _date_from_serial(serial: int | float | Decimal, date1904: bool) -> dt.date:
    shown = clean_text(serial)  # '2022', not '2.022'
    if not math.isfinite(serial):
        raise _Reject(f"«{shown}» non è una data valida")
    days = math.floor(serial)  # a fraction is the time of day
    if 1900 <= days <= 2100:
        raise _Reject(f"«{shown}» sembra un anno, non una data; scrivere ad esempio 31/12/{days}")
    if not date1904 and days == 60:
        raise _Reject(f"«{shown}» è il 29/02/1900, giorno che non esiste")
    if date1904:
        base, first = _EXCEL_1904, 0
    else:
        base, first = (_EXCEL_1900 if days > 60 else _EXCEL_1900 + dt.timedelta(days=1)), 1
    try:
        if days < first:
            raise OverflowError
        return base + dt.timedelta(days=days)
    except OverflowError:
        raise _Reject(f"«{shown}» non è una data valida") from None


@_parser
def parse_date(raw: Any, *, date1904: bool = False) -> Parsed:
    """A datetime.date from a date cell, an Excel serial number or Italian text."""
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if not isinstance(raw, str):
        _reject_type(raw, "una data")
    if _is_number(raw):
        return Parsed(_date_from_serial(raw, date1904))
    return Parsed(_date_from_text(clean_text(raw)), from_text=True)


# --- formatting ----------------------------------------------------------------------


def _format(d: Decimal | int | float, pattern: str, **options: Any) -> str:
    d = _float_decimal(d) if isinstance(d, float) else Decimal(d)
    d = abs(d) if not d else d  # no '-0,00'
    with localcontext() as context:  # babel quantizes: room for any digit count
        context.prec = max(context.prec, d.adjusted() + 40)
        return format_decimal(d, format=pattern, locale=LOCALE, **options)


def format_amount(d: Decimal | int | float) -> str:
    """Italian money: '5.115.600,00'."""
    return _format(d, "#,##0.00")


def format_number(d: Decimal | int | float, decimals: int | None = None) -> str:
    """Italian number: '311,26'; all needed decimals unless ``decimals`` is given."""
    if decimals is None:
        return _format(d, "#,##0.###", decimal_quantization=False)
    return _format(d, "#,##0" + ("." + "0" * decimals if decimals else ""))


def format_pattern(d: Decimal | int | float, pattern: str) -> str:
    """Italian number by a number pattern ('#,##0.00'), rounded as a spreadsheet rounds:
    halves away from zero (2,5 shows as 3), not to the even digit."""
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        return _format(d, pattern)


def format_general(number: int | float | Decimal) -> str:
    """A number as a spreadsheet's General format shows it, Italian style: '0,5', '8500'
    (no thousands separator), up to 15 significant digits, '1E-09' for tiny ones."""
    if isinstance(number, Decimal):
        number = int(number) if number == number.to_integral_value() else float(number)
    text = _float_text(number) if isinstance(number, float) else str(number)
    return text.replace(".", ",").replace("e", "E")


def typed_value(raw: Any) -> Decimal | dt.date | None:
    """The number or date a cell holds, None for anything else (text, blank, booleans,
    times): numbers as a Decimal of Excel's 15 significant digits, dates as a date (a
    datetime when it has a time of day)."""
    if _is_number(raw):
        if not math.isfinite(raw):
            return None
        return _float_decimal(raw) if isinstance(raw, float) else Decimal(raw)
    if isinstance(raw, dt.datetime):
        return raw if raw.time() != dt.time() else raw.date()
    return raw if isinstance(raw, dt.date) else None


def format_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_date_long(d: dt.date) -> str:
    """'31 dicembre 2022'; the first of the month is '1° gennaio 2021', as in the acts."""
    day = "1°" if d.day == 1 else str(d.day)
    return f"{day} {get_month_names('wide', locale=LOCALE)[d.month]} {d.year}"
