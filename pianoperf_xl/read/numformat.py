"""The text a number or date cell shows in a spreadsheet: its number format applied,
Italian style («100%», «€ 120.000,00», «8.500», «0,5», «31/12/2022»).

The codes people and spreadsheets use are rendered: General; digit patterns (``0 # ?``,
the thousands separator, scaling by a trailing comma); percent; literal text (quoted,
escaped, currency such as ``[$€-410]``); colours; separate sections for negatives and
zero; date and time codes with Italian month and day names. Anything else (fractions,
scientific notation, conditions, elapsed time, letters no code uses) is shown as the
General format shows the number: plainly, never as a wrong text.

No library renders Excel codes with Italian separators (the ports of SheetJS's SSF are
unmaintained and American); babel, through ``values.format_pattern``, does the digits.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.dates import get_day_names, get_month_names

from pianoperf_xl.values import LOCALE, clean_text, format_general, format_pattern, typed_value

GENERAL = "General"
# Codes whose meaning is "the system's long date / time": Italian ones stand for them.
_SYSTEM_CODES = {"[$-F800]": "dddd d mmmm yyyy", "[$-F400]": "h:mm:ss"}
_COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}

Token = tuple[str, str]  # (kind, text): lit, digit, sep, percent, date, ampm, general, text


class _Unknown(Exception):
    """Internal: a code, or a part of one, that this module does not render."""


@dataclass(frozen=True)
class _Section:
    kind: str  # "number", "date", "general" or "text" (literal text only)
    tokens: tuple[Token, ...]


def shown_text(value: Any, code: str | None) -> str:
    """The text ``value`` (a number, a date or a datetime) shows with the number format
    ``code``; the General rendering for codes not rendered here."""
    sections = _sections(code or GENERAL)
    text = None
    if sections is not None:
        try:
            text = _render(value, sections)
        except _Unknown:
            text = None
    return text if text and text.strip() else general_text(value)


def general_text(value: Any) -> str:
    """What the General format shows: '0,5', '8500'; a date as 31/12/2022."""
    number = typed_value(value)
    return format_general(value) if isinstance(number, Decimal) else clean_text(value)


# --- parsing a code -----------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _sections(code: str) -> tuple[_Section, ...] | None:
    """The sections of ``code`` (positive; negative; zero; text), None if unknown."""
    for system, meaning in _SYSTEM_CODES.items():
        if system in code.upper():
            code = meaning
    try:
        return tuple(_section(part) for part in _split(code))
    except _Unknown:
        return None


def _split(code: str) -> list[str]:
    """Split on ';' outside quotes, brackets and escapes."""
    parts, start, i, quoted, bracket = [], 0, 0, False, False
    while i < len(code):
        ch = code[i]
        if ch == "\\" and not quoted:
            i += 1
        elif ch == '"':
            quoted = not quoted
        elif not quoted and ch in "[]":
            bracket = ch == "["
        elif ch == ";" and not quoted and not bracket:
            parts.append(code[start:i])
            start = i + 1
        i += 1
    parts.append(code[start:])
    return parts


def _section(text: str) -> _Section:
    tokens = tuple(_tokens(text))
    kinds = {kind for kind, _ in tokens}
    if kinds & {"date", "ampm"}:
        kind = "date"
    elif "digit" in kinds:
        kind = "number"
    elif "general" in kinds:
        kind = "general"
    else:
        kind = "text"
    return _Section(kind, tokens)


def _tokens(section: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        low = ch.lower()
        if ch == '"':
            end = section.find('"', i + 1)
            if end < 0:
                raise _Unknown
            tokens.append(("lit", section[i + 1:end]))
            i = end + 1
        elif ch == "\\":
            tokens.append(("lit", section[i + 1:i + 2]))
            i += 2
        elif ch in "_*":  # _x: room as wide as x, shown as a space; *x: a fill, none
            tokens.append(("lit", " " if ch == "_" else ""))
            i += 2
        elif ch == "[":
            end = section.find("]", i)
            if end < 0:
                raise _Unknown
            tokens.extend(_bracket(section[i + 1:end]))
            i = end + 1
        elif section[i:i + 7].lower() == "general":
            tokens.append(("general", ""))
            i += 7
        elif section[i:i + 5].upper() == "AM/PM" or section[i:i + 3].upper() == "A/P":
            width = 5 if section[i:i + 5].upper() == "AM/PM" else 3
            tokens.append(("ampm", section[i:i + width].upper()))
            i += width
        elif ch in "0#?":
            tokens.append(("digit", ch))
            i += 1
        elif ch in ".,":
            tokens.append(("sep", ch))
            i += 1
        elif ch == "%":
            tokens.append(("percent", ch))
            i += 1
        elif low in "ymdhs":
            end = i
            while end < n and section[end].lower() == low:
                end += 1
            tokens.append(("date", section[i:end].lower()))
            i = end
        elif ch == "@":
            tokens.append(("text", ch))
            i += 1
        elif ch.isalpha():  # scientific E+, LibreOffice's NN, Buddhist years...
            raise _Unknown
        else:
            tokens.append(("lit", ch))
            i += 1
    return tokens


def _bracket(content: str) -> list[Token]:
    """[$€-410]: a currency symbol; [Red], [Color10]: nothing; [$-410]: a locale."""
    low = content.lower()
    if content.startswith("$"):
        symbol = content[1:].partition("-")[0]
        return [("lit", symbol)] if symbol else []
    if low in _COLOURS or low.startswith("color"):
        return []
    raise _Unknown  # a condition such as [>=100], elapsed time [h]


# --- rendering ----------------------------------------------------------------------------


def _render(value: Any, sections: tuple[_Section, ...]) -> str | None:
    if isinstance(value, dt.date):
        section = sections[0]
        return _date_text(value, section.tokens) if section.kind == "date" else None
    number = typed_value(value)
    if not isinstance(number, Decimal):
        return None
    sign = ""
    if number < 0 and len(sections) >= 2:
        section = sections[1]
    elif number == 0 and len(sections) >= 3:
        section = sections[2]
    else:
        section, sign = sections[0], "-" if number < 0 else ""
    if section.kind == "date":
        return None  # a number with a date code: python-calamine gives dates for those
    return sign + _number_text(abs(number), abs(value), section.tokens)


def _number_text(number: Decimal, raw: Any, tokens: tuple[Token, ...]) -> str:
    """``number`` by one section; ``raw`` (the same number as read) for General, which
    shows every digit of it."""
    run = _digit_run(tokens)
    scaled = number * 100 ** sum(kind == "percent" for kind, _ in tokens)
    out = []
    for i, (kind, text) in enumerate(tokens):
        if i in run:
            if i == run.start:
                out.append(_digits(scaled, "".join(t for _, t in tokens[run.start:run.stop])))
        elif kind == "general":
            out.append(format_general(raw if scaled == number else scaled))
        elif kind in ("lit", "sep", "percent"):
            out.append(text)
        else:
            raise _Unknown  # '@' or a date part in a number section
    return "".join(out).strip()


def _digit_run(tokens: tuple[Token, ...]) -> range:
    """Where the digit placeholders and their separators are: one run, nothing between."""
    digits = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    if not digits:
        return range(0)
    first, last = digits[0], digits[-1]
    while first > 0 and tokens[first - 1][0] == "sep":
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1][0] == "sep":
        last += 1
    if any(kind not in ("digit", "sep") for kind, _ in tokens[first:last + 1]):
        raise _Unknown  # text between the digits: "000-000", fractions "# ?/?"
    return range(first, last + 1)


def _digits(number: Decimal, pattern: str) -> str:
    """The digits of ``pattern`` (0 # ? , .) for ``number``, Italian separators."""
    whole, _, fraction = pattern.partition(".")
    # Commas right after the digits count in thousands: '#,##0,' shows 1234567 as 1.235.
    scale = len(whole) - len(whole.rstrip(",")) + len(fraction) - len(fraction.rstrip(","))
    whole, fraction = whole.rstrip(","), fraction.rstrip(",")
    if "." in fraction or "," in fraction:
        raise _Unknown
    least = whole.count("0")  # digits always shown
    if "," in whole:
        if least > 3:
            raise _Unknown
        integer = "#," + "#" * (3 - max(least, 1)) + "0" * max(least, 1)
    else:
        integer = "0" * max(least, 1)
    shown = fraction.count("0")
    decimals = "0" * shown + "#" * (len(fraction) - shown)
    text = format_pattern(number / 1000 ** scale, integer + ("." + decimals if decimals else ""))
    if least == 0 and text.startswith("0"):  # '#' and '?' show no lone zero: ',5' or ''
        text = text[1:]
    return text


def _date_text(value: dt.date, tokens: tuple[Token, ...]) -> str:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    twelve = any(kind == "ampm" for kind, _ in tokens)
    parts = [(i, text) for i, (kind, text) in enumerate(tokens) if kind == "date"]
    out = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "date":
            out.append(_date_part(moment, text, _is_minute(parts, i), twelve))
        elif kind == "ampm":
            noon = moment.hour >= 12
            out.append(("PM" if noon else "AM") if text == "AM/PM" else ("P" if noon else "A"))
        elif kind in ("lit", "sep", "percent"):
            out.append(text)
        else:
            raise _Unknown  # digits (fractions of a second), '@', General
    return "".join(out).strip()


def _is_minute(parts: list[tuple[int, str]], i: int) -> bool:
    """'m' or 'mm' right after an hour or right before seconds is minutes, not month."""
    at = next(n for n, (index, _) in enumerate(parts) if index == i)
    text = parts[at][1]
    if text[0] != "m" or len(text) > 2:
        return False
    before = parts[at - 1][1] if at > 0 else ""
    after = parts[at + 1][1] if at + 1 < len(parts) else ""
    return before.startswith("h") or after.startswith("s")


def _date_part(moment: dt.datetime, text: str, minute: bool, twelve: bool) -> str:
    letter, width = text[0], len(text)
    if letter == "y":
        return f"{moment.year % 100:02d}" if width <= 2 else f"{moment.year:04d}"
    if letter == "m" and not minute:
        if width <= 2:
            return f"{moment.month:0{width}d}"
        names = get_month_names("abbreviated" if width == 3 else "wide", locale=LOCALE)
        name = names[moment.month]
        return name[0] if width == 5 else name
    if letter == "d":
        if width <= 2:
            return f"{moment.day:0{width}d}"
        days = get_day_names("abbreviated" if width == 3 else "wide", locale=LOCALE)
        return days[moment.weekday()]
    number = {"m": moment.minute, "s": moment.second,
              "h": (moment.hour % 12 or 12) if twelve else moment.hour}[letter]
    return f"{number:0{min(width, 2)}d}"
