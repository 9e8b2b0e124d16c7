"""Official reference data: budget classes (D.Lgs. 118/2011) and pay grades (CCNL Funzioni Locali).

The classification tables live in ``data/*.csv`` (UTF-8, header row) and are read once,
lazily, through :mod:`importlib.resources`:

- ``titoli_entrata.csv`` / ``titoli_spesa.csv``: revenue titoli 1-7 and 9, expense titoli 1-5 and 7;
- ``missioni.csv``: missioni 01-20, 50, 60 and 99;
- ``programmi.csv``: the programmi of allegato 14 to D.Lgs. 118/2011 that apply to enti locali.
  The programmes the allegato marks "solo per le Regioni" (the "Politica regionale unitaria ..."
  ones, 04.03 Edilizia scolastica, 19.02 Cooperazione territoriale) are left out on purpose, so a
  comune using one of them gets an unknown-code finding.

The normalisers turn what people type into a workbook cell into canonical codes; they never
check that a code exists (that is the caller's job, with the dictionaries above).
"""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "revenue_titles",
    "expense_titles",
    "missions",
    "programmes",
    "programmes_of",
    "normalize_mission_code",
    "normalize_programme_code",
    "mission_choices",
    "programme_choices",
    "grades_for_year",
    "normalize_grade",
]

# --------------------------------------------------------------------------- CSV loading


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>`` as dictionaries keyed by the header."""
    text = files(__name__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@lru_cache(maxsize=None)
def _table(name: str) -> Mapping[str, str]:
    return MappingProxyType({row["code"]: row["label"] for row in _rows(name)})


@lru_cache(maxsize=None)
def _programmes_by_mission() -> Mapping[str, Mapping[str, str]]:
    grouped: dict[str, dict[str, str]] = {}
    for row in _rows("programmi.csv"):
        grouped.setdefault(row["mission"], {})[row["code"]] = row["label"]
    return MappingProxyType({m: MappingProxyType(p) for m, p in grouped.items()})


def revenue_titles() -> dict[str, str]:
    """Revenue titoli: code ('1'..'9', no leading zero) -> official label."""
    return dict(_table("titoli_entrata.csv"))


def expense_titles() -> dict[str, str]:
    """Expense titoli: code ('1'..'7', no leading zero) -> official label."""
    return dict(_table("titoli_spesa.csv"))


def missions() -> dict[str, str]:
    """Missioni: two-digit code ('01') -> official label."""
    return dict(_table("missioni.csv"))


def programmes() -> dict[str, str]:
    """Programmi: code ('01.02') -> official label."""
    return dict(_table("programmi.csv"))


def programmes_of(mission: str) -> dict[str, str]:
    """The programmi of one missione (any form :func:`normalize_mission_code` accepts)."""
    code = normalize_mission_code(mission)
    if code is None:
        return {}
    return dict(_programmes_by_mission().get(code, {}))


@lru_cache(maxsize=None)
def _mission_choices() -> tuple[str, ...]:
    return tuple(f"{code} - {label}" for code, label in sorted(_table("missioni.csv").items()))


@lru_cache(maxsize=None)
def _programme_choices() -> tuple[str, ...]:
    return tuple(f"{code} - {label}" for code, label in sorted(_table("programmi.csv").items()))


def mission_choices() -> list[str]:
    """Dropdown values such as '01 - Servizi istituzionali, generali e di gestione'."""
    return list(_mission_choices())


def programme_choices() -> list[str]:
    """Dropdown values such as '01.02 - Segreteria generale'."""
    return list(_programme_choices())


# --------------------------------------------------------------------------- code normalisers

# "01", "1", "01 - Servizi ...", "Missione 1", "M01", "1.0" (a number stored as text).
_MISSION_RE = re.compile(r"^\s*(?:(?:missione|miss\.?|m)\s*:?)?\s*(\d{1,2})(?!\d)", re.IGNORECASE)
# "01.02", "1.2", "01/02", "1-2", "Programma 01.02 - ...".
_PROGRAMME_SEP_RE = re.compile(
    r"^\s*(?:programma|progr\.?|p)?\s*(\d{1,2})\s*(?:[./]\s*|-)(\d{1,2})(?!\d)", re.IGNORECASE
)
# "0102", "102" (a code that lost its leading zero in a numeric cell).
_PROGRAMME_RUN_RE = re.compile(r"^\s*(?:programma|progr\.?|p)?\s*(\d{3,4})(?!\d)(?!\s*[./]\s*\d)",
                               re.IGNORECASE)
# "Missione 1 Programma 2", "Missione 01 - Programma 02 ...".
_MISSION_PROGRAMME_RE = re.compile(
    r"^\s*missione\s*(\d{1,2})(?!\d)\D*?programma\s*(\d{1,2})(?!\d)", re.IGNORECASE
)


def _number_text(value: object) -> str | None:
    """Text for a cell value; None for empty, bool, NaN or negative numbers."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if value >= 0 else None
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value) or value < 0:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return text or None


def normalize_mission_code(text: object) -> str | None:
    """Two-digit missione code from a cell value, or None when it has no leading code.

    Accepts '1', '01', 1, 1.0, '01 - Servizi istituzionali...', 'Missione 1' and, for a
    programme code such as '01.02', returns its missione ('01').
    """
    value = _number_text(text)
    if value is None:
        return None
    match = _MISSION_RE.match(value)
    if match is None:
        return None
    return f"{int(match.group(1)):02d}"


def normalize_programme_code(text: object) -> str | None:
    """Programme code 'MM.PP' from a cell value, or None when it has no leading code.

    Accepts '01.02', '1.2', '0102', '01.02 - Segreteria generale', 'Missione 1 Programma 2'.
    A float is read through its shortest representation, so 1.02 gives '01.02' but 1.1 gives
    '01.01': programme codes belong in text cells.
    """
    value = _number_text(text)
    if value is None:
        return None
    match = _PROGRAMME_SEP_RE.match(value) or _MISSION_PROGRAMME_RE.match(value)
    if match is not None:
        mission, programme = match.group(1), match.group(2)
    else:
        run = _PROGRAMME_RUN_RE.match(value)
        if run is None:
            return None
        digits = run.group(1).zfill(4)
        mission, programme = digits[:2], digits[2:]
    return f"{int(mission):02d}.{int(programme):02d}"


# --------------------------------------------------------------------------- grades

_OLD_CATEGORIES: tuple[str, ...] = (
    tuple(f"A{i}" for i in range(1, 7))
    + tuple(f"B{i}" for i in range(1, 9))
    + tuple(f"C{i}" for i in range(1, 7))
    + tuple(f"D{i}" for i in range(1, 8))
)
_OPERATORI = "Operatori"
_OPERATORI_ESPERTI = "Operatori esperti"
_ISTRUTTORI = "Istruttori"
_FUNZIONARI_EQ = "Funzionari e E.Q."
_DIRIGENTE = "Dirigente"
_SEGRETARIO = "Segretario"
_NEW_AREAS: tuple[str, ...] = (_OPERATORI, _OPERATORI_ESPERTI, _ISTRUTTORI, _FUNZIONARI_EQ)
_ALWAYS: tuple[str, ...] = (_DIRIGENTE, _SEGRETARIO)

# The CCNL Funzioni Locali of 16/11/2022 moved staff from categories to areas on 1 April 2023.
_AREAS_FROM_YEAR = 2023
_CATEGORIES_UNTIL_YEAR = 2023


@lru_cache(maxsize=None)
def grades_for_year(year: int) -> tuple[str, ...]:
    """Grades valid in a plan year: categories until 2022, both in 2023, areas from 2024.

    'Dirigente' and 'Segretario' are always valid.
    """
    grades: tuple[str, ...] = ()
    if year <= _CATEGORIES_UNTIL_YEAR:
        grades += _OLD_CATEGORIES
    if year >= _AREAS_FROM_YEAR:
        grades += _NEW_AREAS
    return grades + _ALWAYS


_CATEGORY_RE = re.compile(r"^(?:cat(?:egoria)?\.?\s*)?([abcd])\s*(\d{1,2})$", re.IGNORECASE)

# Keys are produced by _grade_key: lower case, no dots or apostrophes, "area dei/degli" removed.
_GRADE_ALIASES: dict[str, str] = {
    "operatori": _OPERATORI,
    "operatore": _OPERATORI,
    "operatori esperti": _OPERATORI_ESPERTI,
    "operatore esperto": _OPERATORI_ESPERTI,
    "istruttori": _ISTRUTTORI,
    "istruttore": _ISTRUTTORI,
    "funzionari": _FUNZIONARI_EQ,
    "funzionario": _FUNZIONARI_EQ,
    "funzionari e eq": _FUNZIONARI_EQ,
    "funzionari ed eq": _FUNZIONARI_EQ,
    "funzionari eq": _FUNZIONARI_EQ,
    "funzionario eq": _FUNZIONARI_EQ,
    "funzionario e eq": _FUNZIONARI_EQ,
    "funzionari e elevata qualificazione": _FUNZIONARI_EQ,
    "funzionari ed elevata qualificazione": _FUNZIONARI_EQ,
    "funzionario e elevata qualificazione": _FUNZIONARI_EQ,
    "funzionario ed elevata qualificazione": _FUNZIONARI_EQ,
    "dirigente": _DIRIGENTE,
    "dirigenti": _DIRIGENTE,
    "segretario": _SEGRETARIO,
    "segretario comunale": _SEGRETARIO,
    "segretario generale": _SEGRETARIO,
}


def _grade_key(text: str) -> str:
    key = text.lower().replace("\u2019", "'").replace("`", "'")
    key = re.sub(r"\b(?:dell|dell'|della|delle|degli|dei|del)\b'?", " ", key)
    key = key.replace(".", "").replace("'", " ")
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"^area\s+", "", key)
    return key


def normalize_grade(text: str) -> str:
    """Canonical grade: 'c4 ' -> 'C4', 'd 1' -> 'D1', area spellings -> the area name.

    Unknown values come back stripped but otherwise unchanged.
    """
    stripped = str(text).strip()
    category = _CATEGORY_RE.match(stripped)
    if category is not None:
        return f"{category.group(1).upper()}{int(category.group(2))}"
    return _GRADE_ALIASES.get(_grade_key(stripped), stripped)
