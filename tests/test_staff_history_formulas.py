"""The «Personale storico» sheet computes its totals (issue 13, point 10): each group's total
is the sum of its categories, «Totale personale» the sum of the groups, «Abitanti per
dipendente» the inhabitants over the total, as live formulas of the blank template. A value
typed over a formula is still the user's: the checks compare it with its parts.

The blank template is filled as a user would (cells typed, with openpyxl), recalculated and
saved by LibreOffice, and read back by the tool."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pianoperf_xl import spec as specs
from pianoperf_xl.checks import context
from pianoperf_xl.office import convert
from pianoperf_xl.read import read_plan
from pianoperf_xl.spec.base import FIRST_DATA_ROW, HEADER_ROW
from pianoperf_xl.write.templates import write_template

from helpers import checks_of, flat, run_checks

SHEET = "Personale storico"
# Plan 2024: history 2015-2023, «Posizioni organizzative» until 2022, «Elevata
# Qualificazione» from 2023.
YEAR = 2024
TOTAL, INHABITANTS, RATIO = specs.STAFF_HISTORY_ROWS


def printed_rows(ws, year: int = YEAR) -> dict[str, int]:
    """Printed name -> its Excel row, as the blank template has them."""
    names = {r.name for r in specs.spec_for("ente", year).sheet(SHEET).printed}
    return {ws.cell(r, 1).value: r for r in range(FIRST_DATA_ROW + 1, ws.max_row + 1)
            if ws.cell(r, 1).value in names and ws.cell(r, 2).value is None}


def year_column(ws, year: int) -> int:
    return next(c.column for c in ws[HEADER_ROW + 1] if c.value == str(year))


def type_figures(path: Path, figures: dict) -> None:
    """Type ``figures`` into the workbook: {printed name: {year: value}} on a printed row,
    {(group, categoria): {year: value}} on the empty rows below the group's row."""
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    at = printed_rows(ws)
    used: dict[str, int] = {}
    for key, values in figures.items():
        if isinstance(key, tuple):
            group, grade = key
            used[group] = used.get(group, 0) + 1
            row = at[group] + used[group]
            assert ws.cell(row, 1).value is None  # one of the group's empty rows
            ws.cell(row, 1).value, ws.cell(row, 2).value = group, grade
        else:
            row = at[key]
        for year, value in values.items():
            ws.cell(row, year_column(ws, year)).value = value
    book.save(path)


FIGURES = {
    "Segretario": {2022: 1, 2023: 1},
    ("Posizioni organizzative", "D1"): {2022: 1},
    ("Posizioni organizzative", "D3"): {2022: 2},
    ("Elevata Qualificazione", "Funzionari e E.Q."): {2023: 3},
    ("Altri dipendenti", "C1"): {2022: 4, 2023: 5},
    ("Altri dipendenti", "B3"): {2022: 2, 2023: 2},
    INHABITANTS: {2022: 1000, 2023: 1010},
}
# What the template computes: (group, year) -> value; None: blank (nothing to add up).
COMPUTED = {
    ("Posizioni organizzative", 2022): 3, ("Posizioni organizzative", 2023): None,
    ("Elevata Qualificazione", 2022): None, ("Elevata Qualificazione", 2023): 3,
    ("Altri dipendenti", 2022): 6, ("Altri dipendenti", 2023): 7,
    (TOTAL, 2022): 10, (TOTAL, 2023): 11,
    (RATIO, 2022): Decimal("100"), (RATIO, 2023): Decimal("91.82"),  # 1010 / 11 = 91,818…
}


def recalculated(tmp: Path, figures: dict, overrides: dict | None = None) -> Path:
    """A blank ente template with ``figures`` typed (and ``overrides`` typed over formulas),
    saved by LibreOffice into a folder of its own."""
    raw = write_template(specs.spec_for("ente", YEAR), tmp / "raw" / "ente.xlsx")
    type_figures(raw, figures)
    if overrides:
        type_figures(raw, overrides)
    folder = tmp / "plan"
    folder.mkdir()
    shutil.copyfile(convert(raw, "xlsx", tmp / "saved"), folder / "ente.xlsx")
    return folder


def history_rows(plan) -> dict[str, dict[int, object]]:
    return {r.get("gruppo"): {y: r.get(str(y)) for y in (2022, 2023)}
            for r in plan.ente.staff_history if not r.get("categoria")}


def test_the_blank_template_prints_the_plan_years_groups_with_formulas(tmp_path):
    for year, heads in ((2022, ["Posizioni organizzative"]),
                        (2024, ["Posizioni organizzative", "Elevata Qualificazione"])):
        path = write_template(specs.spec_for("ente", year), tmp_path / f"ente{year}.xlsx")
        ws = openpyxl.load_workbook(path)[SHEET]
        at = printed_rows(ws, year)
        assert [ws.cell(r, 1).value for r in range(FIRST_DATA_ROW + 1, ws.max_row + 1)
                if ws.cell(r, 1).value] == list(at)  # nothing else printed
        assert list(at) == ["Dirigenti", "Segretario", *heads, "Altri dipendenti", TOTAL,
                            INHABITANTS, RATIO]
        last = year_column(ws, year - 1)
        formulas = {name: ws.cell(row, last).value for name, row in at.items()}
        for name in ("Dirigenti", *heads, "Altri dipendenti"):
            assert formulas[name].startswith("=IF(COUNTIFS("), name
        assert formulas[TOTAL].startswith("=IF(COUNT(")
        assert "ROUND(" in formulas[RATIO]
        assert formulas["Segretario"] is None and formulas[INHABITANTS] is None  # typed


def test_a_blank_template_reads_as_no_staff_history(tmp_path):
    folder = tmp_path / "plan"
    folder.mkdir()
    write_template(specs.spec_for("ente", YEAR), folder / "ente.xlsx")
    plan = read_plan(folder)
    assert plan.ente.staff_history == []
    assert [f for f in plan.findings if f.sheet == SHEET] == []


@pytest.fixture(scope="module")
def computed_plan(tmp_path_factory, soffice):
    return read_plan(recalculated(tmp_path_factory.mktemp("history"), FIGURES))


def test_libreoffice_computes_totals_and_ratio(computed_plan):
    assert [f for f in computed_plan.findings if f.sheet == SHEET] == []
    rows = history_rows(computed_plan)
    for (name, year), value in COMPUTED.items():
        assert rows[name][year] == value, (name, year)
    assert "Dirigenti" not in rows  # nothing typed under it: no row of figures
    assert rows["Segretario"] == {2022: 1, 2023: 1}


def test_the_computed_values_agree_with_the_checks(computed_plan):
    """The checks add up the same rows: nothing to report on what the template computed."""
    assert run_checks(computed_plan, checks_of(context)) == []


def test_a_typed_total_that_disagrees_is_reported_at_its_cell(tmp_path, soffice):
    plan = read_plan(recalculated(tmp_path, FIGURES,
                                  {"Posizioni organizzative": {2022: 4}}))
    ws = openpyxl.load_workbook(tmp_path / "plan" / "ente.xlsx")[SHEET]
    row = printed_rows(ws)["Posizioni organizzative"]
    cell = f"{openpyxl.utils.get_column_letter(year_column(ws, 2022))}{row}"
    assert ws[cell].value == 4  # typed over the formula, kept
    found = flat(run_checks(plan, checks_of(context)), "code", "sheet", "cell", "message")
    assert found == [("context-staff-group-total", SHEET, cell,
                      "Personale storico, Posizioni organizzative 2022: totale dichiarato 4, "
                      "somma delle categorie D1 1 + D3 2 = 3")]
    # the staff total adds up what was typed: 1 + 4 + 6
    assert history_rows(plan)[TOTAL][2022] == 11
