"""Italian deadline texts ("entro fine aprile", "Giugno - settembre", "costante") as values.

Sector heads write the *scadenza* of an objective in free Italian (design §4).
:func:`parse_deadline` turns such a text into a :class:`Deadline` of one kind:

==============  ==========================================================================
``date``        a day: "entro 31/12", "Entro fine anno", "Entro giugno", "Fino al 31/12/2022"
``period``      a span: "Giugno - settembre", "nell'arco dell'anno 2022", "secondo semestre"
``relative``    a span from an event: "entro 1 mese dalla notifica del Decreto"
``recurrence``  a repeated activity: "costante", "periodico", "interventi settimanali"
``on_demand``   when the need arises, or when another act says: "all'occorrenza",
                "Alla realizzazione dell'evento", "Entro le tempistiche previste da..."
``count``       an indicator to report, not a time: "Numero di controlli"
``missing``     a blank cell
``unparsed``    anything else
==============  ==========================================================================

How a text is read — never a guess:

* The time expressions of the text are recognised one by one (dates, spans, relative
  terms, recurrences, on-demand phrases) and taken out of it. What is left is the
  activity ("Adempimento", "lo smaltimento e riorganizzazione", "Monitoraggio") and may
  be any words that say nothing about time. If a digit, a month or weekday name or a
  time word ("entro", "anno", "giorni", "prima", "scadenza", ...) is left over, part of
  the text was not understood and the whole text is ``unparsed``. So is a text with no
  time expression, an impossible date (31/02), a span that ends before it starts
  ("novembre - febbraio" without years) and a text mixing a date with a relative term.
* Days without a year take the plan year. "fine <mese>" and "entro <mese>" are the
  month's last day; "entro l'anno" and "entro fine anno" are 31 December; a month or a
  semester on its own ("giugno", "secondo semestre") is a period.
* Mixed texts keep both parts. A date (or period) and a recurrence give kind ``date``
  (or ``period``) with the ``recurrence`` kept: "costante entro 31/12". When a text gives
  several dates ("Entro fine aprile lo smaltimento e riorganizzazione entro luglio poi
  periodico.") the deadline is the **latest** of them: the objective is reached when
  its last step is done. A relative term wins over a recurrence; a recurrence wins over
  an on-demand part ("interventi settimanali ... e/o in caso d'urgenza"); distinct
  recurrences are joined ("costante e annuale").
* A text starting with "Numero", "N." or "Percentuale" is a ``count``; a date or period
  it states ("Numero degli eventi fino al 31/12/2022") is kept in ``date``/``start``
  when the rest of it passes the rule above.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Callable

from babel.dates import get_day_names, get_month_names

from pianoperf_xl.values import LOCALE, month_numbers, format_date, is_blank, normalize_key

DATE = "date"
PERIOD = "period"
RELATIVE = "relative"
RECURRENCE = "recurrence"
ON_DEMAND = "on_demand"
COUNT = "count"
MISSING = "missing"
UNPARSED = "unparsed"
KINDS = (DATE, PERIOD, RELATIVE, RECURRENCE, ON_DEMAND, COUNT, MISSING, UNPARSED)
# Each kind as the outputs name it (the consolidated workbook's «Tipo di scadenza»).
KIND_LABELS = {
    DATE: "data",
    PERIOD: "periodo",
    RELATIVE: "termine relativo",
    RECURRENCE: "attività ricorrente",
    ON_DEMAND: "all'occorrenza",
    COUNT: "numero da rendicontare",
    MISSING: "non indicata",
    UNPARSED: "non interpretata",
}


@dataclass(frozen=True)
class Deadline:
    """A typed deadline. ``date`` is the day (a period's end); ``start`` a period's start.

    ``recurrence`` ("costante", "settimanale", "periodica", "annuale", ...) may come with
    any kind; ``amount``/``unit``/``event`` describe a relative term ("1", "mesi",
    "dalla notifica del Decreto": the event as written, with its preposition).
    """

    kind: str
    text: str | None = None
    date: dt.date | None = None
    start: dt.date | None = None
    recurrence: str | None = None
    amount: int | None = None
    unit: str | None = None
    event: str | None = None

    @property
    def dated(self) -> bool:
        """True when the deadline falls on a known day (a date, or a period's end)."""
        return self.date is not None

    @property
    def label(self) -> str:
        """The kind in Italian: "data", "numero da rendicontare", "non indicata"..."""
        return KIND_LABELS[self.kind]


# --- what a text is made of ------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """One recognised time expression."""

    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    recurrence: str | None = None
    amount: int | None = None
    unit: str | None = None
    event: str | None = None


@dataclass
class _Scan:
    """The text being read: its folded form, with recognised expressions blanked out."""

    text: str
    folded: str
    origin: list[int]  # for each folded character, the index of its original one
    year: int
    items: list[_Item]
    broken: bool = False  # an expression looked like a time but is not a valid one

    def original(self, start: int, end: int) -> str:
        """The original text of the folded span ``start:end``."""
        return self.text[self.origin[start]:self.origin[end - 1] + 1]


_CONSUMED = "\x00"


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` for matching (``normalize_key`` per character, single spaces) and, for
    each character of the result, the index of the original character it comes from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in " " if char.isspace() else normalize_key(char):
            if folded == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(folded)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


# --- dates -----------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date | None:
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and 1 <= month <= 12):
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _full_year(digits: str | None, default: int) -> int:
    # Two-digit years follow Excel, as in values: 00-29 are 2000-2029, 30-99 1930-1999.
    if digits is None:
        return default
    if len(digits) == 2:
        return int(digits) + (2000 if int(digits) < 30 else 1900)
    return int(digits)


@functools.lru_cache(maxsize=2)
def _month_alternation(wide_only: bool = False) -> str:
    names = get_month_names("wide", locale=LOCALE).values() if wide_only else month_numbers()
    return "|".join(sorted((re.escape(n.casefold()) for n in names), key=len, reverse=True))


def _month(group: str, wide_only: bool = False) -> str:
    return rf"\b(?P<{group}>{_month_alternation(wide_only)})\b\.?"


def _year(group: str) -> str:
    return rf"\b(?P<{group}>\d{{4}})(?!\d)"


# --- anchors: the day or span a date expression points at --------------------------------
# Each anchor is a pattern and a function giving (start, end) from a match, or None when
# the match is not a real date. Group names carry a suffix so two anchors fit one pattern.

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class _Anchor:
    pattern: Callable[[str], str]
    resolve: Callable[[re.Match, str, int], Span | None]
    is_day: bool


def _numeric_day(s: str) -> str:
    return (rf"(?<![\d/.,-])(?P<d{s}>\d{{1,2}})(?P<sep{s}>[/.-])(?P<mo{s}>\d{{1,2}})"
            rf"(?:(?P=sep{s})(?P<y{s}>\d{{4}}|\d{{2}}))?(?![\d/]|[.,-]\d)")


def _resolve_numeric_day(m: re.Match, s: str, year: int) -> Span | None:
    if m[f"y{s}"] is None and m[f"sep{s}"] != "/":  # '1.5' is a number, not a date
        return None
    day = _safe_date(_full_year(m[f"y{s}"], year), int(m[f"mo{s}"]), int(m[f"d{s}"]))
    return (day, day) if day else None


def _named_day(s: str) -> str:
    return (rf"(?<!\d)(?P<d{s}>\d{{1,2}}) ?(?:°|o)? {_month('m' + s)}"
            rf"(?: (?:del )?{_year('y' + s)})?")


def _resolve_named_day(m: re.Match, s: str, year: int) -> Span | None:
    day = _safe_date(_full_year(m[f"y{s}"], year), month_numbers()[m[f"m{s}"]],
                     int(m[f"d{s}"]))
    return (day, day) if day else None


def _month_end_day(s: str) -> str:
    return (rf"\bfine (?:del |di |dell'|d')?(?:(?:il )?mese di )?{_month('m' + s)}"
            rf"(?: (?:del )?{_year('y' + s)})?")


def _resolve_month_end(m: re.Match, s: str, year: int) -> Span | None:
    day = _month_end(_full_year(m[f"y{s}"], year), month_numbers()[m[f"m{s}"]])
    return (day, day) if day else None


def _year_end_day(s: str) -> str:
    return (rf"\bfine (?:(?:dell'|d'|del )?(?:anno|esercizio)"
            rf"(?: (?:in corso|corrente|solare|finanziario))?(?: {_year('y' + s)})?"
            rf"|(?:del )?{_year('y' + s + 'b')})")


def _resolve_year_end(m: re.Match, s: str, year: int) -> Span | None:
    day = _safe_date(_full_year(m[f"y{s}"] or m[f"y{s}b"], year), 12, 31)
    return (day, day) if day else None


def _whole_month(s: str) -> str:
    return rf"(?:(?:il )?mese di )?{_month('m' + s)}(?: (?:del )?{_year('y' + s)})?"


def _whole_month_by_name(s: str) -> str:
    """A month on its own, with its full name only: a bare "set" or "mar" is no month."""
    return rf"{_month('m' + s, wide_only=True)}(?: (?:del )?{_year('y' + s)})?"


def _resolve_month(m: re.Match, s: str, year: int) -> Span | None:
    return _months(_full_year(m[f"y{s}"], year), month_numbers()[m[f"m{s}"]], 1)


def _months(year: int, first: int, count: int) -> Span | None:
    end = _month_end(year, first + count - 1)
    return (dt.date(year, first, 1), end) if end else None


_ORDINALS = {"primo": 1, "secondo": 2, "terzo": 3, "quarto": 4, "quinto": 5, "sesto": 6,
             "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_PARTS = {"semestre": 6, "quadrimestre": 4, "trimestre": 3, "bimestre": 2}


def _year_part(s: str) -> str:
    ordinals = "|".join(sorted(_ORDINALS, key=len, reverse=True))
    return (rf"\b(?:il )?(?:(?P<o{s}>{ordinals})|(?P<n{s}>[1-6]) ?(?:°|o|\^)?) "
            rf"(?P<p{s}>{'|'.join(_PARTS)})\b(?: (?:del |dell'anno )?{_year('y' + s)})?")


def _resolve_year_part(m: re.Match, s: str, year: int) -> Span | None:
    number = _ORDINALS[m[f"o{s}"]] if m[f"o{s}"] else int(m[f"n{s}"])
    length = _PARTS[m[f"p{s}"]]
    if number * length > 12:
        return None
    return _months(_full_year(m[f"y{s}"], year), (number - 1) * length + 1, length)


def _year_words(s: str) -> str:
    return (rf"(?:\banno(?: (?:in corso|corrente|solare))?(?: {_year('y' + s)})?"
            rf"|{_year('y' + s + 'b')})")


def _year_named(s: str) -> str:
    return rf"(?:\bl')?\banno {_year('y' + s)}"


def _resolve_year(m: re.Match, s: str, year: int) -> Span | None:
    digits = m[f"y{s}"] or m.groupdict().get(f"y{s}b")
    return _months(_full_year(digits, year), 1, 12)


_NUMERIC_DAY = _Anchor(_numeric_day, _resolve_numeric_day, True)
_NAMED_DAY = _Anchor(_named_day, _resolve_named_day, True)
_MONTH_END = _Anchor(_month_end_day, _resolve_month_end, True)
_YEAR_END = _Anchor(_year_end_day, _resolve_year_end, True)
_YEAR_PART = _Anchor(_year_part, _resolve_year_part, False)
_WHOLE_MONTH = _Anchor(_whole_month, _resolve_month, False)
_MONTH_BY_NAME = _Anchor(_whole_month_by_name, _resolve_month, False)
_WHOLE_YEAR = _Anchor(_year_words, _resolve_year, False)
_NAMED_YEAR = _Anchor(_year_named, _resolve_year, False)

# "entro", "fino al", "non oltre" + a day or span: a date (the span's last day).
_BY = (r"\b(?:entro e non oltre|entro|non oltre|fino all'|fino alla|fino al|fino a|alla|al)"
       r" ?(?:(?:il|la|lo|le|i) |l')?")
_BY_ANCHORS = (_NUMERIC_DAY, _NAMED_DAY, _MONTH_END, _YEAR_END, _YEAR_PART, _WHOLE_MONTH,
               _WHOLE_YEAR)
# "nell'arco dell'", "durante l'", "nel" + a span: a period.
_DURING = (r"\b(?:nell'arco (?:dell'|del |della )|nel corso (?:dell'|del |della )"
           r"|durante (?:l'|il |la )|per tutto (?:l'|il )|tutto (?:l'|il )|nell'|nel |nella |in )")
_DURING_ANCHORS = (_YEAR_PART, _WHOLE_MONTH, _WHOLE_YEAR)
# Bare anchors: a day is a date, a span a period. Not after "da"/"dal": "dal 1/3" alone
# is a start, not a deadline, so it stays in the text and makes it unparsed.
_NOT_FROM = r"(?<!\bda )(?<!\bdal )(?<!\bdall')(?<!\bdalla )(?<!\bdai )(?<!\bdalle )"
_BARE_ANCHORS = (_NUMERIC_DAY, _NAMED_DAY, _MONTH_END, _YEAR_END, _YEAR_PART, _MONTH_BY_NAME,
                 _NAMED_YEAR)

# --- the rules, in the order they are applied ----------------------------------------------

_NUMBER_WORDS = {"un": 1, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5,
                 "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "quindici": 15,
                 "venti": 20, "trenta": 30, "quaranta": 40, "sessanta": 60, "novanta": 90}
_UNITS = {"giorni": "giorni", "giorno": "giorni", "gg": "giorni", "settimane": "settimane",
          "settimana": "settimane", "mesi": "mesi", "mese": "mesi", "anni": "anni",
          "anno": "anni", "ore": "ore", "ora": "ore"}
_SINGULAR = {"giorni": "giorno", "settimane": "settimana", "mesi": "mese", "anni": "anno",
             "ore": "ora", "giorni lavorativi": "giorno lavorativo"}
_TERM_END = r"(?=\s*(?:[;,/\x00]|\.(?:\s|$)|\s(?:e|ed|poi)\s|$))"
_RELATIVE = re.compile(
    r"\bentro (?:(?:il )?(?:termine|limite) (?:massimo )?di )?"
    rf"(?P<n>\d{{1,6}}|{'|'.join(_NUMBER_WORDS)}) (?P<unit>{'|'.join(_UNITS)})\b\.?"
    r"(?: (?P<q>lavorativi|naturali e consecutivi|naturali|solari|consecutivi))?"
    r"(?: (?P<event>(?:a partire da\w*'?|successiv\w+ a\w*'?|dall'|dal|dalla|dalle|dai"
    rf"|dagli|dallo|da|dopo)\b.*?){_TERM_END})?")

_RECURRENCES = (
    ("costante", r"costante(?:mente)?|continu[oa]|continuativ[oa]|continuamente"
                 r"|in continuo|permanente"),
    ("periodica", r"periodic[oaie]|periodicamente"),
    ("giornaliera", r"quotidian[oaie]|quotidianamente|giornalier[oaie]|giornalmente"
                    r"|ogni giorno|tutti i giorni"),
    ("settimanale", r"settimanal[ei]|settimanalmente|ogni settimana"),
    ("mensile", r"mensil[ei]|mensilmente|ogni mese"),
    ("bimestrale", r"bimestral[ei]|bimestralmente"),
    ("trimestrale", r"trimestral[ei]|trimestralmente"),
    ("quadrimestrale", r"quadrimestral[ei]|quadrimestralmente"),
    ("semestrale", r"semestral[ei]|semestralmente"),
    ("annuale", r"annual[ei]|annualmente|annu[oa]|ogni anno"),
)

# Only the marker words are taken out: the event after them ("in caso d'urgenza",
# "durante consultazioni elettorali") stays and must say nothing about time.
_ON_DEMAND = re.compile(
    r"\b(?:all'occorrenza|al bisogno|(?:ove|se|quando|qualora) (?:necessari[oa]|richiest[oa])"
    r"|(?:in base alle?|secondo(?: le)?) (?:necessita|esigenze|richieste)"
    r"|su (?:richiesta|chiamata|segnalazione)|a richiesta"
    r"|alla realizzazione (?:dell'evento|degli eventi|dell'iniziativa|delle iniziative)"
    r"|al verificarsi (?:dell'|del |della |dei |degli |delle |di )?|in caso d(?:i |')|durante"
    r"|(?:entro|nei|secondo|nel rispetto de(?:i|lle)) (?:i |le )?"
    r"(?:tempi|tempistiche|termini|scadenze) (?:previst[oaie]|stabilit[oaie]|fissat[oaie]"
    r"|indicat[oaie]|richiest[oaie]|di legge)"
    r"(?: (?:dall'|dal|dalla|dalle|dai|dagli|dallo|da|nel|nella|nei|nelle|negli))?)"
    r"(?:(?<=[ '])|(?!\w))")  # a whole word, or a marker ending in "di " or "d'"

_COUNT = re.compile(r"^(?:numero\b|nr\b\.?|num\.|n\.|n°|percentuale\b|%)")


@functools.lru_cache(maxsize=1)
def _leftover_time() -> re.Pattern[str]:
    """Words that, left over after the recognised expressions, mean a time was missed."""
    days = "|".join(normalize_key(d) for d in get_day_names("wide", locale=LOCALE).values())
    return re.compile(
        rf"\d|{_month('month')}|\b(?:{days})\b|(?<!\bal )\bfine\b"
        r"|\b(?:entro|fino|oltre|non|mai|sempre|ogni|prima|primo|dopo|successiv\w*"
        r"|precedent\w*|inizio|meta|scadenz\w*|termin[ei]|tempi|tempistic\w*|data|date"
        r"|period\w*|anno|anni|mese|mesi|settiman\w*|giorn[oi]|gg|ora|ore|semestr\w*"
        r"|trimestr\w*|quadrimestr\w*|bimestr\w*|estate|estiv\w*|inverno|invernal\w*"
        r"|primavera|autunno|quando|qualora|appena|subito|immediat\w*|tempestiv\w*)\b")


def _consume(scan: _Scan, match: re.Match) -> None:
    start, end = match.span()
    scan.folded = scan.folded[:start] + _CONSUMED * (end - start) + scan.folded[end:]


def _apply(scan: _Scan, pattern: re.Pattern[str],
           item: Callable[[re.Match], _Item | None]) -> None:
    for match in list(pattern.finditer(scan.folded)):
        found = item(match)
        if found is None:
            scan.broken = True
        else:
            scan.items.append(found)
        _consume(scan, match)


def _relative_item(scan: _Scan, m: re.Match) -> _Item:
    amount = _NUMBER_WORDS.get(m["n"]) or int(m["n"])
    unit = _UNITS[m["unit"]] + (" lavorativi" if m["q"] == "lavorativi" else "")
    event = None
    if m["event"]:
        event = scan.original(*m.span("event")).strip(" .;,:") or None
    return _Item(RELATIVE, amount=amount, unit=unit, event=event)


def _span_item(kind: str | None, anchor: _Anchor, year: int, m: re.Match) -> _Item | None:
    """``kind`` DATE: the anchor's last day; PERIOD: its span; None: as the anchor is."""
    span = anchor.resolve(m, "", year)
    if span is None:
        return None
    if kind == DATE or (kind is None and anchor.is_day):
        return _Item(DATE, end=span[1])
    return _Item(PERIOD, start=span[0], end=span[1])


def _range_item(year: int, m: re.Match, anchor: _Anchor) -> _Item | None:
    """'dal 1/3 al 30/6', 'giugno - settembre': a year given on one side serves both."""
    first, second = m["y1"], m["y2"]
    start_year = _full_year(first or second, year)
    end_year = _full_year(second or first, year)
    start = anchor.resolve(m, "1", start_year)
    end = anchor.resolve(m, "2", end_year)
    if start is None or end is None or start[0] > end[1]:
        return None
    return _Item(PERIOD, start=start[0], end=end[1])


@functools.lru_cache(maxsize=1)
def _rules() -> list[tuple[re.Pattern[str], Callable[[_Scan, re.Match], _Item | None]]]:
    rules: list[tuple[re.Pattern[str], Callable[[_Scan, re.Match], _Item | None]]] = [
        (_RELATIVE, _relative_item),
    ]
    for label, words in _RECURRENCES:
        rules.append((re.compile(rf"\b(?:{words})\b"),
                      lambda scan, m, label=label: _Item(RECURRENCE, recurrence=label)))
    for anchor, before, between in (
        (_NUMERIC_DAY, r"\b(?:dal|da) ", r" ?(?:al|a|fino al|-) ?"),
        (_NAMED_DAY, r"\b(?:dal|da) ", r" ?(?:al|a|fino al|-) ?"),
        (_WHOLE_MONTH, r"(?:\b(?:da|dal) )?", r" ?(?:-|\ba\b|\bal\b|\bfino a\b) ?"),
    ):
        pattern = re.compile(before + anchor.pattern("1") + between + anchor.pattern("2"))
        rules.append((pattern, lambda scan, m, a=anchor: _range_item(scan.year, m, a)))
    for prefix, kind, anchors in ((_BY, DATE, _BY_ANCHORS), (_DURING, PERIOD, _DURING_ANCHORS),
                                  (_NOT_FROM, None, _BARE_ANCHORS)):
        for anchor in anchors:
            pattern = re.compile(prefix + anchor.pattern(""))
            rules.append((pattern, lambda scan, m, k=kind, a=anchor:
                          _span_item(k, a, scan.year, m)))
    rules.append((_ON_DEMAND, lambda scan, m: _Item(ON_DEMAND)))
    return rules


def _scan(text: str, folded: str, origin: list[int], year: int) -> _Scan:
    scan = _Scan(text, folded, origin, year, [])
    for pattern, item in _rules():
        _apply(scan, pattern, lambda m, item=item: item(scan, m))
    return scan


def _understood(scan: _Scan) -> bool:
    return not scan.broken and not _leftover_time().search(scan.folded)


# --- putting the parts together ---------------------------------------------------------


def _combine(text: str, items: list[_Item]) -> Deadline:
    """One deadline from the recognised parts (rules in the module docstring)."""
    dated = [i for i in items if i.kind in (DATE, PERIOD)]
    relative = [i for i in items if i.kind == RELATIVE]
    recurrence = " e ".join(dict.fromkeys(i.recurrence for i in items if i.recurrence)) or None
    if len(relative) > 1 or (dated and relative):
        return Deadline(UNPARSED, text)
    if dated:
        last = max(dated, key=lambda i: i.end)
        return Deadline(last.kind, text, date=last.end, start=last.start, recurrence=recurrence)
    if relative:
        term = relative[0]
        return Deadline(RELATIVE, text, recurrence=recurrence, amount=term.amount,
                        unit=term.unit, event=term.event)
    if recurrence:
        return Deadline(RECURRENCE, text, recurrence=recurrence)
    if items:
        return Deadline(ON_DEMAND, text)
    return Deadline(UNPARSED, text)


def _count(text: str, scan: _Scan) -> Deadline:
    """A count, with the date, span or term it states when the rest is understood."""
    if _understood(scan) and scan.items:
        found = _combine(text, scan.items)
        if found.kind != UNPARSED:
            return replace(found, kind=COUNT)
    return Deadline(COUNT, text)


@functools.lru_cache(maxsize=1 << 15)  # a Deadline is immutable; checks and writers ask again
def parse_deadline(text: str | None, year: int) -> Deadline:
    """The deadline a *scadenza* text states; ``year`` is the plan year. Never raises."""
    if text is None or is_blank(text):
        return Deadline(MISSING)
    text = text.strip()
    folded, origin = _fold(text)
    scan = _scan(text, folded, origin, year)
    if _COUNT.match(folded):
        return _count(text, scan)
    if not _understood(scan):
        return Deadline(UNPARSED, text)
    return _combine(text, scan.items)


# --- Italian descriptions ---------------------------------------------------------------


def _month_name(month: int) -> str:
    return get_month_names("wide", locale=LOCALE)[month]


def _describe_period(start: dt.date, end: dt.date) -> str:
    whole_months = start.day == 1 and _month_end(end.year, end.month) == end
    if not whole_months:
        return f"dal {format_date(start)} al {format_date(end)}"
    if start.year != end.year:
        return (f"da {_month_name(start.month)} {start.year} "
                f"a {_month_name(end.month)} {end.year}")
    if (start.month, end.month) == (1, 12):
        return f"nell'anno {end.year}"
    if start.month == end.month:
        return f"{_month_name(end.month)} {end.year}"
    return f"da {_month_name(start.month)} a {_month_name(end.month)} {end.year}"


def _describe_term(deadline: Deadline) -> str:
    unit = deadline.unit or ""
    unit = _SINGULAR.get(unit, unit) if deadline.amount == 1 else unit
    return " ".join(filter(None, ("entro", str(deadline.amount), unit, deadline.event)))


def _describe_when(deadline: Deadline) -> str | None:
    """The time part of a deadline: its date, period or relative term, if any."""
    if deadline.start is not None and deadline.date is not None:
        return _describe_period(deadline.start, deadline.date)
    if deadline.date is not None:
        return f"entro il {format_date(deadline.date)}"
    if deadline.amount is not None:
        return _describe_term(deadline)
    return None


def describe(deadline: Deadline) -> str:
    """The deadline in Italian, for messages and documents: "entro il 31/12/2022",
    "da giugno a settembre 2022", "ricorrente (costante)", "all'occorrenza"."""
    recurring = f"ricorrente ({deadline.recurrence})" if deadline.recurrence else None
    when = _describe_when(deadline)
    if deadline.kind == COUNT:
        return " ".join(filter(None, ("numero da rendicontare", when)))
    if deadline.kind in (DATE, PERIOD, RELATIVE):
        return ", ".join(filter(None, (when, recurring)))
    if deadline.kind == RECURRENCE:
        return recurring or "ricorrente"
    return {ON_DEMAND: "all'occorrenza", MISSING: "non indicata"}.get(
        deadline.kind, "da definire (testo non interpretato)")
