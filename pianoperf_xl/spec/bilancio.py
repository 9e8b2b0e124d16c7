"""The ``bilancio`` template: the three-year budget, filled by the finance office."""

from __future__ import annotations

from pianoperf_xl import reference
from pianoperf_xl.spec.base import (
    AMOUNT, CHOICE, INT, LONG_TEXT, TEXT, Field, FixedRow, FixedTable, FormSheet, TableSheet,
    TemplateSpec,
)

# Codes of the non-titolo lines; the titoli and missioni use their official codes.
FPV_CURRENT = "FPV-SC"
FPV_CAPITAL = "FPV-SK"
SURPLUS_CURRENT = "AVZ-SC"
SURPLUS_CAPITAL = "AVZ-SK"
DEFICIT = "DIS"
TOTAL_TITLES = "TOT-TIT"
GRAND_TOTAL = "TOT"

DATA = FormSheet(
    name="Bilancio",
    title="Bilancio di previsione",
    note="Compilare le celle gialle; gli importi in euro, senza simboli.",
    fields=(
        Field("ente", "Ente", TEXT, required=True, width=50),
        Field("anno", "Primo anno del triennio", INT, required=True),
        Field("approvazione", "Estremi di approvazione del bilancio", TEXT,
              help="Es. Delibera C.C. n. 5 del 28/02/2022"),
        Field("note", "Note", LONG_TEXT),
    ),
)


def year_columns(year: int) -> tuple[Field, ...]:
    return tuple(Field(str(y), f"Previsione {y}", AMOUNT, width=18) for y in range(year, year + 3))


def revenue_sheet(year: int) -> FixedTable:
    titles = tuple(FixedRow(code, label) for code, label in reference.revenue_titles().items())
    extra = (
        FixedRow(FPV_CURRENT, "Fondo pluriennale vincolato per spese correnti", optional=True),
        FixedRow(FPV_CAPITAL, "Fondo pluriennale vincolato per spese in conto capitale",
                 optional=True),
        FixedRow(SURPLUS_CURRENT, "Utilizzo avanzo di amministrazione per spese correnti",
                 optional=True),
        FixedRow(SURPLUS_CAPITAL,
                 "Utilizzo avanzo di amministrazione per spese in conto capitale", optional=True),
    )
    title_codes = tuple(r.code for r in titles)
    return FixedTable(
        name="Entrate",
        title="Entrate per titoli",
        note="Previsioni di competenza secondo gli schemi del D.Lgs. 118/2011.",
        code_header="Titolo",
        label_header="Denominazione",
        value_columns=year_columns(year),
        rows=extra + titles + (
            FixedRow(TOTAL_TITLES, "Totale titoli", sum_of=title_codes),
            FixedRow(GRAND_TOTAL, "Totale complessivo entrate",
                     sum_of=tuple(r.code for r in extra) + (TOTAL_TITLES,)),
        ),
    )


def expense_sheet(year: int) -> FixedTable:
    titles = tuple(FixedRow(code, label) for code, label in reference.expense_titles().items())
    deficit = FixedRow(DEFICIT, "Disavanzo di amministrazione", optional=True)
    return FixedTable(
        name="Spese",
        title="Spese per titoli",
        note="Previsioni di competenza secondo gli schemi del D.Lgs. 118/2011.",
        code_header="Titolo",
        label_header="Denominazione",
        value_columns=year_columns(year),
        rows=(deficit,) + titles + (
            FixedRow(TOTAL_TITLES, "Totale titoli", sum_of=tuple(r.code for r in titles)),
            FixedRow(GRAND_TOTAL, "Totale complessivo spese", sum_of=(DEFICIT, TOTAL_TITLES)),
        ),
    )


def mission_sheet(year: int) -> FixedTable:
    missions = tuple(FixedRow(code, label) for code, label in reference.missions().items())
    return FixedTable(
        name="Missioni",
        title="Spese per missioni",
        note="Lasciare vuote le missioni senza stanziamento; 0 o «-» per le missioni a zero.",
        code_header="Missione",
        label_header="Denominazione",
        value_columns=year_columns(year),
        rows=missions + (
            FixedRow(GRAND_TOTAL, "Totale missioni", sum_of=tuple(r.code for r in missions)),
        ),
    )


def programme_sheet(year: int) -> TableSheet:
    return TableSheet(
        name="Programmi",
        title="Spese per programmi (facoltativo)",
        note="Facoltativo: il dettaglio per programma delle missioni, una riga per programma.",
        columns=(
            Field("programma", "Programma", CHOICE, required=True, choices="programma",
                  width=44),
        ) + year_columns(year) + (Field("note", "Note", LONG_TEXT, width=24),),
        blank_rows=40,
    )


def bilancio_spec(year: int, version: str) -> TemplateSpec:
    return TemplateSpec(
        kind="bilancio",
        version=version,
        year=year,
        title=f"Piano della Performance {year} - Risorse finanziarie {year}-{year + 2}",
        purpose=("Da compilare a cura del Settore finanziario: entrate e spese per titoli, "
                 "spese per missioni (e, se disponibili, per programmi) del bilancio di "
                 "previsione triennale."),
        sheets=(DATA, revenue_sheet(year), expense_sheet(year), mission_sheet(year),
                programme_sheet(year)),
    )
