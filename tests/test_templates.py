"""The templates: generated from the spec, committed in sync, readable blank and filled,
and opened and recalculated by LibreOffice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from pianoperf_xl import spec as specs
from pianoperf_xl.interpret.people import member_fte
from pianoperf_xl.office import convert
from pianoperf_xl.read import read_workbook
from pianoperf_xl.read.workbook import Workbook
from pianoperf_xl.spec.base import FixedTable, TableSheet

from helpers import TEMPLATES, invoke, workbook_content

COMMITTED_YEAR = int(Workbook(TEMPLATES / "modello-settore.xlsx").meta().year)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("templates")
    result = invoke("templates", "-o", str(out), "--year",
                    str(COMMITTED_YEAR))
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("kind", specs.KINDS)
def test_committed_templates_match_the_generator(generated, kind):
    name = f"modello-{kind}.xlsx"
    assert workbook_content(TEMPLATES / name) == workbook_content(generated / name)


@pytest.mark.parametrize("kind", specs.KINDS)
def test_template_metadata_sheet_is_hidden_and_names_kind_version_year(generated, kind):
    book = openpyxl.load_workbook(generated / f"modello-{kind}.xlsx")
    meta = book[specs.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert {row[0]: row[1] for row in meta.iter_rows(values_only=True)} == {
        "kind": kind, "version": specs.TEMPLATE_VERSION, "year": COMMITTED_YEAR,
        "generator": f"pianoperf_xl {__import__('pianoperf_xl').__version__}"}
    assert book.worksheets[0].title == "Istruzioni"
    assert book[specs.LISTS_SHEET].sheet_state == "hidden"


def test_settore_template_layout(generated):
    book = openpyxl.load_workbook(generated / "modello-settore.xlsx")
    staff = book["Personale"]
    assert staff.freeze_panes == "A5"
    assert staff.print_title_rows == "$4:$4"
    assert staff.page_setup.orientation == "landscape"
    assert staff["A4"].value == "Cognome e nome *"
    assert staff["A5"].fill.fgColor.rgb == "FFFFF2CC"  # input cells are yellow
    lists = {str(dv.sqref).split(":")[0]: dv.formula1
             for dv in staff.data_validations.dataValidation}
    assert lists["D5"].startswith("'_liste'!")  # grade dropdown
    assert lists["F5"].startswith("'_liste'!")  # dipendente / esterno
    grades = [c.value for c in book["_liste"]["A"] if c.value]
    assert grades[0] == "categoria"
    assert "Istruttori" in grades and "C4" not in grades  # 2027: the new CCNL areas
    instructions = " ".join(str(c.value) for c in book["Istruzioni"]["B"] if c.value)
    assert "Si compilano solo le celle gialle" in instructions
    assert "Personale coinvolto" in instructions


def test_grade_list_follows_the_plan_year(tmp_path):
    invoke("templates", "-o", str(tmp_path), "--year", "2022")
    book = openpyxl.load_workbook(tmp_path / "modello-settore.xlsx")
    grades = [c.value for c in book["_liste"]["A"] if c.value]
    assert "C4" in grades and "D7" in grades and "Istruttori" not in grades


def test_bilancio_totals_are_formulas(generated):
    book = openpyxl.load_workbook(generated / "modello-bilancio.xlsx")
    revenue = book["Entrate"]
    codes = {revenue.cell(r, 1).value: r for r in range(5, revenue.max_row + 1)}
    assert revenue.cell(codes["TOT-TIT"], 3).value == f"=SUM(C{codes['1']}:C{codes['9']})"
    assert revenue.cell(codes["TOT"], 3).value.startswith("=SUM(")
    missions = book["Missioni"]
    labels = [missions.cell(r, 2).value for r in range(5, missions.max_row + 1)]
    assert labels[0] == "Servizi istituzionali, generali e di gestione"
    assert labels[-1] == "Totale missioni" and len(labels) == 24


@pytest.mark.parametrize("kind", specs.KINDS)
def test_blank_template_reads_back_empty(generated, kind):
    item, findings = read_workbook(generated / f"modello-{kind}.xlsx", kind)
    assert item is not None
    assert {f.code for f in findings} <= {"cell-required"}
    if kind == "settore":
        assert item.staff == [] and item.objectives == []
        assert item.year == COMMITTED_YEAR  # the plan year is printed in the template
    if kind == "bilancio":
        assert all(v in (None, Decimal(0)) for line in item.revenue for v in line.amounts.values())
        assert item.programmes == []
    if kind == "ente":
        assert item.organigram == [] and item.staff_history == []


def test_filled_settore_reads_back(make_workbook):
    path = make_workbook("settore", {
        "Settore": {"ente": "Comune di Prova", "settore": "Settore Tecnico",
                    "responsabile": "Rossi Mario", "email": "tecnico@comune.prova.it"},
        "Personale": [
            {"nome": "Rossi Mario", "profilo": "Istruttore Direttivo", "categoria": "D3",
             "rapporto": "dipendente"},
            {"nome": "Bianchi Anna", "categoria": "C1", "ore": 18, "rapporto": "dipendente"},
        ],
        "Obiettivi": [
            {"codice": "ST.01", "area": "LAVORI PUBBLICI", "azione": "Manutenzioni",
             "obiettivo": "Piano delle asfaltature", "indicatore": "Km asfaltati",
             "target": "5 km", "scadenza": "entro 30/09", "personale": "Rossi, Bianchi",
             "peso": 0.6, "missione": "10", "programma": "10.05"},
            {"indicatore": "Relazione finale", "scadenza": "entro 31/12",
             "personale": "Rossi"},
            {"codice": "ST.02", "obiettivo": "Archivio pratiche", "scadenza": "costante",
             "personale": "Bianchi", "peso": 0.4},
        ],
    })
    sector, findings = read_workbook(path, "settore")
    assert findings == []
    assert (sector.name, sector.head, sector.year) == ("Settore Tecnico", "Rossi Mario", 2022)
    assert [(p.name, p.grade, p.weekly_hours, member_fte(p)) for p in sector.staff] == [
        ("Rossi Mario", "D3", None, Decimal("1.00")), ("Bianchi Anna", "C1", 18, Decimal("0.50"))]
    first, second = sector.objectives
    assert (first.ref, first.area, first.action, first.weight) == (
        "ST.01", "LAVORI PUBBLICI", "Manutenzioni", Decimal("0.6"))
    assert (first.mission, first.programme) == ("10", "10.05")
    assert [i.description for i in first.indicators] == ["Km asfaltati", "Relazione finale"]
    assert first.staff_refs == ["Rossi", "Bianchi"]
    assert (second.area, second.area_inherited, second.weight) == (
        "LAVORI PUBBLICI", True, Decimal("0.4"))


def test_filled_ente_reads_dates_and_decimals(make_workbook):
    path = make_workbook("ente", {
        "Ente": {"denominazione": "Comune di Prova", "anno": 2022,
                 "data_approvazione": dt.date(2022, 3, 15), "superficie": 14.72},
        "Popolazione": {"anno_bilancio": 2021, "popolazione_inizio": 100, "nati": 1,
                        "deceduti": 2, "immigrati": 3, "emigrati": 4, "popolazione_fine": 98},
    })
    ente, findings = read_workbook(path, "ente")
    assert findings == []
    assert ente.approval_date == dt.date(2022, 3, 15)
    assert ente.area_km2 == Decimal("14.72")
    # Not recalculated: the formula cells have no cached value and read as empty.
    assert ente.population.get("saldo_naturale") is None


@pytest.mark.parametrize("kind", specs.KINDS)
def test_templates_open_in_libreoffice(generated, soffice, tmp_path, kind):
    saved = convert(generated / f"modello-{kind}.xlsx", "xlsx", tmp_path)
    original = openpyxl.load_workbook(generated / f"modello-{kind}.xlsx")
    reopened = openpyxl.load_workbook(saved)
    assert reopened.sheetnames == original.sheetnames
    template = specs.spec_for(kind, COMMITTED_YEAR)
    for sheet in template.sheets:
        if isinstance(sheet, (TableSheet, FixedTable)):
            assert reopened[sheet.name].cell(4, 1).value == original[sheet.name].cell(4, 1).value
    item, findings = read_workbook(saved, kind)
    assert item is not None and {f.code for f in findings} <= {"cell-required"}


def test_total_formulas_compute_in_libreoffice(make_workbook, soffice, tmp_path):
    bilancio = make_workbook("bilancio", {
        "Bilancio": {"ente": "Comune di Prova"},
        "Entrate": {"1": {"2022": 1000.10, "2023": 5}, "3": {"2022": 200}, "9": {"2022": 50},
                    "FPV-SC": {"2022": 7}},
        "Spese": {"1": {"2022": 1100}, "7": {"2022": 50}, "DIS": {"2022": 3}},
        "Missioni": {"01": {"2022": 1000}, "99": {"2022": 50}},
    })
    ente = make_workbook("ente", {
        "Ente": {"denominazione": "Comune di Prova"},
        "Popolazione": {"anno_bilancio": 2021, "popolazione_inizio": 100, "nati": 1,
                        "deceduti": 2, "immigrati": 30, "emigrati": 4, "popolazione_fine": 125},
        "Piramide": {"0-4": {"maschi": 30, "femmine": 10}, "5-9": {"maschi": 20, "femmine": 40}},
    })
    budget, _ = read_workbook(convert(bilancio, "xlsx", tmp_path / "lo"), "bilancio")
    totals = {(line.section, line.code): line.amounts for line in
              budget.revenue + budget.expense + budget.missions if line.is_total}
    assert totals[("Entrate", "TOT-TIT")][2022] == Decimal("1250.10")
    assert totals[("Entrate", "TOT-TIT")][2023] == Decimal("5.00")
    assert totals[("Entrate", "TOT")][2022] == Decimal("1257.10")
    assert totals[("Spese", "TOT-TIT")][2022] == Decimal("1150.00")
    assert totals[("Spese", "TOT")][2022] == Decimal("1153.00")
    assert totals[("Missioni", "TOT")][2022] == Decimal("1050.00")
    context, _ = read_workbook(convert(ente, "xlsx", tmp_path / "lo"), "ente")
    assert context.population.get("saldo_naturale") == -1
    assert context.population.get("saldo_migratorio") == 26
    pyramid = {row.get("code"): row for row in context.pyramid}
    assert pyramid["0-4"].get("totale") == 40
    assert pyramid["0-4"].get("perc_maschi") == Decimal("0.75")
    assert pyramid["TOT"].get("totale") == 100
    assert pyramid["5-9"].get("perc_totale") == Decimal("0.6")
