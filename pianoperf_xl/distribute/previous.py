"""Last year's objectives, from the «Obiettivi» sheet of last year's consolidated workbook,
and what is known of each person, from its «Personale» sheet.

That sheet has one row per indicator, with the objective's own values repeated on each
row (so that filters work). Consecutive rows with the same sector and objective values
are one objective; in a sector workbook its second and later rows leave code, area,
action, objective and weight blank, as the template asks. Only what a sector head
writes is carried over: the deadline type and date the program worked out are not, and
the "(?)" marks of unrecognised names are dropped.

Of each person (by name), the profile, category, part-time hours and relation
(``layout.STAFF_CARRIED``) are carried to the same name in this year's workbooks, so that
no head retypes them; full-time hours (36) stay blank, as the template asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pianoperf_xl.carryover import MARK_KEY, mark
from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.values import clean_text, is_blank, normalize_key
from pianoperf_xl.write.consolidated import layout

SHEET = layout.OBJECTIVES_SHEET
SECTOR_HEADER = layout.SECTOR_COLUMN.header
# Header of the consolidated sheet -> key of the sector template's Obiettivi sheet: every
# column that shows what the sector head typed, but the mark (set anew on each row).
CARRIED_COLUMNS = {c.header: c.key for c in layout.OBJECTIVE_COLUMNS
                   if c.key and c.key != MARK_KEY}
OPTIONAL_KEYS = ("missione", "programma", "note")  # not in workbooks of before 2026
OBJECTIVE_KEYS = ("codice", "area", "azione", "obiettivo", "peso", "missione",
                  "programma")  # first row only
HEADER_SEARCH_ROWS = 20

Row = dict[str, Any]


@dataclass
class PreviousSector:
    """A sector of last year's plan; ``head`` is unknown (the sheet does not say)."""

    name: str
    objectives: list[list[Row]] = field(default_factory=list)  # rows of each objective
    head: str | None = None


@dataclass
class PreviousPlan:
    file: str
    year: int | None
    sectors: list[PreviousSector]
    # normalize_key(name) -> the carried staff fields (settore template keys) of that person
    staff: dict[str, Row] = field(default_factory=dict)

    def staff_of(self, name: str | None) -> Row:
        return dict(self.staff.get(normalize_key(name or ""), {}))


def read_previous(path: str | Path) -> PreviousPlan:
    from pianoperf_xl.read.workbook import UnreadableWorkbook, Workbook

    path = Path(path)
    try:
        book = Workbook(path)
        if SHEET not in book.sheet_names:
            raise DistributionError(
                f"«{path.name}» non è la cartella di lavoro consolidata prodotta da "
                f"«pianoperf build»: manca il foglio «{SHEET}».")
        rows = book.rows(SHEET)
        year = (_year(book.rows(layout.SUMMARY_SHEET))
                if layout.SUMMARY_SHEET in book.sheet_names else None)
        staff_rows = (book.rows(layout.STAFF_SHEET)
                      if layout.STAFF_SHEET in book.sheet_names else [])
    except UnreadableWorkbook as exc:
        raise DistributionError(str(exc)) from exc
    header, columns = _header(rows, path.name)
    sectors: dict[str, PreviousSector] = {}
    previous_key = None
    for raw in rows[header + 1:]:
        cells = {key: _value(raw, c) for key, c in columns.items()}
        name = clean_text(cells.pop(SECTOR_HEADER))
        if not name or all(is_blank(v) for v in cells.values()):
            continue
        sector = sectors.setdefault(normalize_key(name), PreviousSector(name))
        key = (normalize_key(name),) + tuple(str(cells.get(k)) for k in OBJECTIVE_KEYS)
        if key == previous_key and sector.objectives:
            cells.update({k: None for k in OBJECTIVE_KEYS})
            sector.objectives[-1].append(cells)
        else:
            sector.objectives.append([cells])
        previous_key = key
    plan = PreviousPlan(path.name, year, list(sectors.values()), _staff(staff_rows))
    for sector in plan.sectors:
        for objective in sector.objectives:
            for row in objective:
                row[MARK_KEY] = mark(year)
    return plan


STAFF_HEADERS = {c.header: c.key for c in layout.STAFF_COLUMNS
                 if c.key == "nome" or c.key in layout.STAFF_CARRIED}
FULL_TIME_HOURS = 36


def _staff(rows: list[list[Any]]) -> dict[str, Row]:
    """The carried fields of each person of the «Personale» sheet (the first row of a name
    listed twice); nothing when the sheet or its columns are missing (older workbooks)."""
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {STAFF_HEADERS[h]: c for c, v in enumerate(row)
                 if (h := clean_text(v)) in STAFF_HEADERS}
        if "nome" in found:
            break
    else:
        return {}
    staff: dict[str, Row] = {}
    for raw in rows[r + 1:]:
        cells = {key: _value(raw, c) for key, c in found.items()}
        name = clean_text(cells.pop("nome"))
        hours = cells.get("ore")
        if isinstance(hours, (int, float)) and hours >= FULL_TIME_HOURS:
            cells["ore"] = None
        if name and normalize_key(name) not in staff:
            staff[normalize_key(name)] = {k: v for k, v in cells.items() if v is not None}
    return staff


def _header(rows: list[list[Any]], name: str) -> tuple[int, dict[str, int]]:
    wanted = [SECTOR_HEADER, *CARRIED_COLUMNS]
    needed = [h for h in wanted if CARRIED_COLUMNS.get(h) not in OPTIONAL_KEYS]
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {clean_text(v): c for c, v in enumerate(row) if clean_text(v) in wanted}
        if all(h in found for h in needed):
            return r, {CARRIED_COLUMNS.get(h, h): found[h] for h in wanted if h in found}
    raise DistributionError(
        f"Nel foglio «{SHEET}» di «{name}» non si trovano le colonne della cartella "
        f"consolidata ({', '.join(needed)}): usare il file «piano-ANNO-consolidato.xlsx» "
        "prodotto da «pianoperf build» l'anno scorso.")


def _value(row: list[Any], c: int) -> Any:
    value = row[c] if c < len(row) else None
    if is_blank(value):
        return None
    if isinstance(value, str):
        return clean_text(value.replace(layout.UNRESOLVED_MARK, ""))
    return value


def _year(rows: list[list[Any]]) -> int | None:
    """The plan year in the title of «Sintesi» (its first cell; a row or two of slack)."""
    for row in rows[:3]:
        for value in row[:1]:
            year = layout.title_year(clean_text(value))
            if year is not None:
                return year
    return None
