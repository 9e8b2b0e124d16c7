"""The consolidated workbook's layout: what the writer lays out and ``distribute --from``
reads back.

``pianoperf distribute --from`` reads last year's objectives from the «Obiettivi» sheet,
the staff's profile, category, part-time hours and relation from the «Personale» sheet,
finding their columns by their headers, and the plan year from the title of «Sintesi».
The writer and that reader take sheet names, headers and titles from here, so renaming a
header renames it for both (``tests/test_distribute.py`` writes a workbook and reads it
back).
"""

from __future__ import annotations

import re

from pianoperf_xl.carryover import MARK_KEY
from pianoperf_xl.write.consolidated.base import (
    DATE, FTE, HOURS, INT, PERCENT, TEXT, WRAP, Column,
)

SUMMARY_SHEET = "Sintesi"
FINDINGS_SHEET = "Verifiche"
OBJECTIVES_SHEET = "Obiettivi"
STAFF_SHEET = "Personale"
MATRIX_SHEET = "Matrice"
BUDGET_SHEET = "Bilancio"
CONTEXT_SHEET = "Contesto"
ORGANISATION_SHEET = "Organizzazione"
# In this order; then one sheet per sector.
SHEETS = (SUMMARY_SHEET, FINDINGS_SHEET, OBJECTIVES_SHEET, STAFF_SHEET, MATRIX_SHEET,
          BUDGET_SHEET, CONTEXT_SHEET, ORGANISATION_SHEET)

PLAN_TITLE = "Piano della Performance"
_TITLE_YEAR = re.compile(re.escape(PLAN_TITLE) + r"\s+(\d{4})")


def plan_title(year: int | None) -> str:
    """"Piano della Performance 2022" (the year left blank when unknown)."""
    return f"{PLAN_TITLE} {year or ''}"


def summary_title(year: int | None) -> str:
    """The title of «Sintesi», in its first cell."""
    return f"{plan_title(year)} - documento consolidato"


def title_year(text: str) -> int | None:
    """The plan year in a title made by ``plan_title``; None when it has none."""
    found = _TITLE_YEAR.search(text)
    return int(found.group(1)) if found else None


# After a name in «Personale» that no staff list has.
UNRESOLVED_MARK = " (?)"

# The «Obiettivi» sheet (and each sector's objectives table): one row per indicator.
# ``key``: the column of the settore template's «Obiettivi» sheet shown as typed.
SECTOR_COLUMN = Column("Settore", WRAP, 22)
OBJECTIVE_COLUMNS = (
    Column("Codice", TEXT, 9, key="codice"),
    Column("Area strategica", WRAP, 18, key="area"),
    Column("Azione", WRAP, 28, key="azione"),
    Column("Obiettivo", WRAP, 44, key="obiettivo"),
    Column("Indicatore", WRAP, 28, key="indicatore"),
    Column("Target", WRAP, 14, key="target"),
    Column("Scadenza", WRAP, 20, key="scadenza"),
    Column("Tipo di scadenza", WRAP, 13),  # the deadline as interpreted
    Column("Data di scadenza", DATE, 11),
    Column("Personale", WRAP, 22, key="personale"),
    Column("Peso", PERCENT, 8, key="peso"),
    Column("Missione", WRAP, 16, key="missione"),
    Column("Programma", WRAP, 16, key="programma"),
    Column("Note", WRAP, 24, key="note"),
    Column("Riportato da", WRAP, 12, key=MARK_KEY),  # carried over from last year's plan
)

# The «Personale» sheet: one row per person of the staff lists. ``key``: the column of the
# settore template's «Personale» sheet shown as typed (hours: as interpreted, 36 when
# blank). ``distribute --from`` carries ``STAFF_CARRIED`` over to the same person.
STAFF_COLUMNS = (
    SECTOR_COLUMN,
    Column("Cognome e nome", WRAP, 24, key="nome"),
    Column("Profilo professionale", WRAP, 20, key="profilo"),
    Column("Ufficio / servizio", WRAP, 22, key="ufficio"),
    Column("Categoria", TEXT, 10, key="categoria"),
    Column("Ore settimanali", HOURS, 10, key="ore"),
    Column("FTE", FTE, 7),
    Column("Rapporto", TEXT, 12, key="rapporto"),
    Column("Obiettivi", INT, 10),
    Column("Note", WRAP, 22, key="note"),
    Column("Segnalazioni", WRAP, 50),
)
STAFF_CARRIED = ("profilo", "categoria", "ore", "rapporto")
