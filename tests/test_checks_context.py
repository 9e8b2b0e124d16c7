"""Context checks: population balance, age pyramid, staff history, density and inhabitants.

Every workbook is a real filled ``ente`` template, read back with the reader. Formula cells
(saldi, pyramid totals and percentages) carry no computed value when written by the
library, so the tests type the values they mean, as a user typing over a formula would;
one test lets LibreOffice compute them instead.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pianoperf_xl.checks import context
from pianoperf_xl.codes import CODES
from pianoperf_xl.interpret import interpret
from pianoperf_xl.model import Plan
from pianoperf_xl.office import convert
from pianoperf_xl.read import read_plan

from helpers import checks_of, flat, read_clean, run_checks

CONTEXT_CHECKS = checks_of(context)
PYRAMID_DATE = dt.date(2021, 1, 1)

# A consistent ente: every context rule holds. Staff history rows (Excel row = index + 5):
# Dirigenti has no figure in 2021 (a blank, not a zero) and Altri dipendenti has grade rows
# but no total row. The pyramid's percentages are typed rounded to one decimal, as in the seed.
BASE = {
    "Ente": {"denominazione": "Comune di Prova", "anno": 2022, "superficie": 14.72,
             "abitanti": 1000, "densita": 67.93},  # 1000 / 14,72 = 67,93
    "Popolazione": {
        "anno_bilancio": 2021, "popolazione_inizio": 1000, "nati": 10, "deceduti": 5,
        "saldo_naturale": 5, "immigrati": 20, "emigrati": 25, "saldo_migratorio": -5,
        "popolazione_fine": 1000, "maschi": 520, "femmine": 480,
        "eta_0_6": 60, "eta_7_14": 80, "eta_15_29": 150, "eta_30_65": 500, "eta_oltre_65": 210,
        "data_piramide": PYRAMID_DATE, "stranieri": 61, "stranieri_percentuale": 0.1,
        "data_stranieri": PYRAMID_DATE,  # 61 / 608 = 10,0%
    },
    "Personale storico": [
        {"gruppo": "Dirigenti", "2020": 0},                                          # row 5
        {"gruppo": "Segretario", "2020": 1, "2021": 1},                              # row 6
        {"gruppo": "Posizioni organizzative", "2020": 2, "2021": 3},                 # row 7
        {"gruppo": "Posizioni organizzative", "categoria": "D1", "2020": 1, "2021": 2},
        {"gruppo": "Posizioni organizzative", "categoria": "D2", "2020": 1, "2021": 1},
        {"gruppo": "Altri dipendenti", "categoria": "C1", "2020": 3, "2021": 3},     # row 10
        {"gruppo": "Altri dipendenti", "categoria": "B3", "2020": 2, "2021": 3},
        {"gruppo": "Totale personale", "2020": 8, "2021": 10},                       # row 12
        {"gruppo": "Abitanti", "2020": 995, "2021": 1000},                           # row 13
        {"gruppo": "Abitanti per dipendente", "2020": 124.38, "2021": 100},          # row 14
    ],
    "Piramide": {  # rows 5 (0-4), 6 (5-9) and 26 (TOT)
        "0-4": {"maschi": 149, "femmine": 126, "totale": 275,
                "perc_maschi": 0.542, "perc_femmine": 0.458, "perc_totale": 0.452},
        "5-9": {"maschi": 157, "femmine": 176, "totale": 333,
                "perc_maschi": 0.471, "perc_femmine": 0.529, "perc_totale": 0.548},
        "TOT": {"maschi": 306, "femmine": 302, "totale": 608,
                "perc_maschi": 0.503, "perc_femmine": 0.497, "perc_totale": 1},
    },
}
FORMULA_KEYS = {  # the cells the template computes: left to LibreOffice in one test
    "Popolazione": ("saldo_naturale", "saldo_migratorio"),
    "Piramide": ("totale", "perc_maschi", "perc_femmine", "perc_totale"),
}
HISTORY = "Personale storico"


def filled(changes: dict | None = None) -> dict:
    """BASE with ``changes``: form keys, pyramid rows by code, history rows by index.

    A value of None blanks the cell.
    """
    fill = copy.deepcopy(BASE)
    for sheet, sheet_changes in (changes or {}).items():
        for key, value in sheet_changes.items():
            target = fill[sheet]
            if isinstance(value, dict):  # a pyramid row or a history row
                row = target[key] if sheet == HISTORY else target.setdefault(key, {})
                row.update(value)
                for blank in [k for k, v in row.items() if v is None]:
                    del row[blank]
            elif value is None:
                del target[key]
            else:
                target[key] = value
    return fill


def read(make_workbook, fill: dict, folder: Path | None = None) -> Plan:
    return read_clean(make_workbook("ente", fill, folder=folder).parent)


def run(plan: Plan, checks=CONTEXT_CHECKS) -> list[tuple[str, str, str, str]]:
    return flat(run_checks(plan, checks), "code", "sheet", "cell", "message")


# code, check, changes where it fires, (sheet, cell, message) expected, changes where silent
CASES = [
    ("context-population-balance", context.check_population_balance,
     {"Popolazione": {"nati": 11, "saldo_naturale": 6}},
     ("Popolazione", "B15", "Popolazione al 31 dicembre: dichiarata 1.000, popolazione al "
      "1° gennaio 1.000 + nati 11 − deceduti 5 + immigrati 20 − emigrati 25 = 1.001"),
     {"Popolazione": {"nati": 11, "saldo_naturale": 6, "popolazione_inizio": 999}}),
    ("context-saldo-mismatch", context.check_saldi,
     {"Popolazione": {"saldo_migratorio": 5}},
     ("Popolazione", "B14", "Saldo migratorio: dichiarato 5, immigrati 20 − emigrati 25 = −5"),
     {"Popolazione": {"saldo_naturale": None, "saldo_migratorio": None}}),
    ("context-sex-total", context.check_sex_total,
     {"Popolazione": {"maschi": 530}},
     ("Popolazione", "B16", "Maschi e femmine: maschi 530 + femmine 480 = 1.010, ma la "
      "popolazione al 31 dicembre è 1.000"),
     {"Popolazione": {"maschi": None}}),
    ("context-age-bands-total", context.check_age_bands_total,
     {"Popolazione": {"eta_30_65": 510}},
     ("Popolazione", "B20", "Fasce di età: 0-6 anni 60 + 7-14 anni 80 + 15-29 anni 150 + "
      "30-65 anni 510 + 66 anni e oltre 210 = 1.010, ma la popolazione al 31 dicembre è 1.000"),
     {"Popolazione": {"eta_30_65": 510, "eta_oltre_65": None}}),
    ("context-pyramid-row", context.check_pyramid_rows,
     {"Piramide": {"0-4": {"totale": 276}}},
     ("Piramide", "G5", "Piramide delle età, classe 0-4: totale dichiarato 276, "
      "maschi 149 + femmine 126 = 275"),
     {"Piramide": {"100+": {"maschi": 0, "totale": 0}}}),  # femmine blank: nobody
    ("context-pyramid-total", context.check_pyramid_total,
     {"Piramide": {"TOT": {"maschi": 307}}},
     ("Piramide", "C26", "Piramide delle età, riga Totale, maschi: dichiarato 307, "
      "somma delle classi di età 306"),
     {"Piramide": {"TOT": {"totale": None}}}),  # formula not computed yet
    ("context-pyramid-percent", context.check_pyramid_percent,
     {"Piramide": {"0-4": {"perc_maschi": 0.458}}},
     ("Piramide", "D5", "Piramide delle età, classe 0-4, % maschi: dichiarata 45,8%, "
      "maschi 149 / totale 275 = 54,2%"),
     {"Piramide": {"0-4": {"perc_maschi": 149 / 275, "perc_totale": 0.4523}}}),
    ("context-staff-group-total", context.check_staff_group_totals,
     {HISTORY: {2: {"2021": 4}}},
     (HISTORY, "K7", "Personale storico, Posizioni organizzative 2021: totale dichiarato 4, "
      "somma delle categorie D1 2 + D2 1 = 3"),
     {HISTORY: {2: {"2019": 2}}}),  # no grade figure in 2019: no breakdown to compare
    ("context-staff-total", context.check_staff_total,
     {HISTORY: {7: {"2021": 11}}},
     (HISTORY, "K12", "Personale storico, Totale personale 2021: dichiarato 11, "
      "Segretario 1 + Posizioni organizzative 3 + Altri dipendenti 6 = 10"),
     {HISTORY: {7: {"2019": 1}, 1: {"2019": 1}, 0: {"2019": None}}}),
    ("context-inhabitants-per-employee", context.check_inhabitants_per_employee,
     {HISTORY: {9: {"2021": 101}}},
     (HISTORY, "K14", "Personale storico, Abitanti per dipendente 2021: dichiarato 101, "
      "abitanti 1.000 / totale personale 10 = 100,00"),
     {HISTORY: {9: {"2020": 124.37}}}),  # 995 / 8 = 124,375: within 0,01
    ("context-density-mismatch", context.check_density,
     {"Ente": {"densita": 68.5}},
     ("Ente", "B12", "Densità demografica: dichiarata 68,5 ab/km², abitanti 1.000 / "
      "superficie 14,72 km² = 67,93 ab/km²"),
     {"Ente": {"densita": 67.94}}),
    ("context-inhabitants-mismatch", context.check_inhabitants,
     {"Ente": {"abitanti": 1001}},
     ("Ente", "B11", "Abitanti: 1.001 nel foglio Ente, 1.000 nel foglio Personale storico "
      "al 31/12/2021"),
     {"Ente": {"abitanti": 1001}, HISTORY: {8: {"2021": None}}}),  # last year blank
    ("context-foreigners-percent", context.check_foreigners,
     {"Popolazione": {"stranieri_percentuale": 0.11}},
     ("Popolazione", "B27", "Stranieri sul totale dei residenti: dichiarata 11,0%, "
      "stranieri 61 / residenti 608 (piramide delle età al 01/01/2021) = 10,0%"),
     {"Popolazione": {"stranieri_percentuale": 0.11, "data_stranieri": dt.date(2022, 1, 1)}}),
]
IDS = [case[0] for case in CASES]


def test_every_context_code_has_its_cases():
    declared = {code for func in CONTEXT_CHECKS for code in func.codes}
    assert declared == set(IDS)
    assert all(func.codes == (code,) for code, func, *_ in CASES)


@pytest.mark.parametrize("code, func, changes, expected, _", CASES, ids=IDS)
def test_check_fires(make_workbook, code, func, changes, expected, _):
    plan = read(make_workbook, filled(changes))
    assert run(plan, [func]) == [(code, *expected)]
    (found,) = func(interpret(plan))
    assert found.file == "ente.xlsx"
    assert found.severity == CODES[code].severity


@pytest.mark.parametrize("code, func, _, __, changes", CASES, ids=IDS)
def test_check_stays_silent(make_workbook, code, func, _, __, changes):
    plan = read(make_workbook, filled(changes))
    assert run(plan, [func]) == []


def test_consistent_ente_has_no_context_finding(make_workbook):
    assert run(read(make_workbook, filled())) == []


def test_blank_staff_history_and_pyramid_give_nothing(make_workbook):
    fill = filled()
    fill[HISTORY] = [{"gruppo": "Dirigenti"}, {"gruppo": "Totale personale"}]
    fill["Piramide"] = {}
    assert run(read(make_workbook, fill)) == []


def test_absurd_figures_are_compared_not_a_crash(make_workbook):
    """Found by hypothesis: a surface of 1,6e-298 km² made the density's rounding fail."""
    plan = read(make_workbook, filled({"Ente": {"superficie": Decimal("1.6E-298"),
                                                "densita": 5}}))
    assert [f[0] for f in run(plan, [context.check_density])] == ["context-density-mismatch"]


def test_no_ente_gives_nothing():
    plan = Plan(year=2022, ente=None, budget=None, sectors=[], files=[], findings=[])
    assert run(plan) == []


def test_formulas_computed_by_libreoffice(make_workbook, soffice, tmp_path):
    """The template's own formulas, computed by a real spreadsheet, satisfy every rule;
    a figure typed over a formula is still caught."""
    fill = filled({"Popolazione": {"stranieri_percentuale": 61 / 608}})
    for sheet, keys in FORMULA_KEYS.items():
        rows = fill[sheet].values() if sheet == "Piramide" else [fill[sheet]]
        for row in rows:
            for key in keys:
                row.pop(key, None)
    del fill["Piramide"]["TOT"]
    fill["Piramide"]["5-9"]["perc_totale"] = 0.5  # typed over the formula: 333 / 608 = 54,8%
    (tmp_path / "written").mkdir()
    written = make_workbook("ente", fill, folder=tmp_path / "written")
    converted = convert(written, "xlsx", tmp_path / "lo")
    plan = read_plan(converted.parent)
    assert plan.findings == []
    assert plan.ente.population.get("saldo_migratorio") == -5
    assert [r.get("totale") for r in plan.ente.pyramid if r.get("code") == "TOT"] == [608]
    assert run(plan) == [(
        "context-pyramid-percent", "Piramide", "H6",
        "Piramide delle età, classe 5-9, % sul totale: dichiarata 50,0%, totale 333 / "
        "totale generale 608 = 54,8%")]


def test_sample_context_findings(sample_dir):
    """The seed's mistakes: saldo migratorio 12 for 239 − 251 = −12, and a density of
    413,17 for 6.115 / 14,72 = 415,42. Everything else in the seed adds up."""
    plan = read_plan(sample_dir)
    findings = run_checks(plan, CONTEXT_CHECKS)
    assert flat(findings, "code", "severity", "file", "sheet", "cell", "message", "value") == [
        ("context-saldo-mismatch", "error", "Ente.xlsx", "Popolazione", "B14",
         "Saldo migratorio: dichiarato 12, immigrati 239 − emigrati 251 = −12", 12),
        ("context-density-mismatch", "warning", "Ente.xlsx", "Ente", "B12",
         "Densità demografica: dichiarata 413,17 ab/km², abitanti 6.115 / superficie "
         "14,72 km² = 415,42 ab/km²", Decimal("413.17")),
    ]
