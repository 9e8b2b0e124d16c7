"""Budget checks on real workbooks: for every code, one workbook where it fires and one where
it stays silent, plus the bundled Calcinate 2022 budget (balanced)."""

from __future__ import annotations

import copy
from decimal import Decimal

import openpyxl
import pytest

from pianoperf_xl.checks import budget
from pianoperf_xl.interpret import interpret
from pianoperf_xl.office import convert
from pianoperf_xl.read import read_plan

from helpers import SAMPLE, checks_of, errors, flat, of, run_checks

BUDGET_CHECKS = checks_of(budget)


def y(amount, **by_year):
    """The same amount for the three years, except the years given as y2023=..."""
    amounts = {str(year): amount for year in (2022, 2023, 2024)}
    amounts.update({key[1:]: value for key, value in by_year.items()})
    return amounts


# A balanced budget: every rule holds. The partite di giro of the revenue and of the
# missioni are Italian-formatted text, as a user may paste them.
BALANCED = {
    "Bilancio": {"ente": "Comune di Prova"},
    "Entrate": {
        "1": y(2511000), "2": y(89500), "3": y(932100), "4": y(528000), "7": y(100000),
        "9": y("1.055.000,00"), "TOT-TIT": y(5215600), "TOT": y(5215600),
    },
    "Spese": {
        "1": y(3532600), "2": y(528000), "4": y(0), "5": y(100000), "7": y(1055000),
        "TOT-TIT": y(5215600), "TOT": y(5215600),
    },
    "Missioni": {
        "01": y(1744490), "04": y(1788110), "08": y(528000), "60": y(100000),
        "99": y("1.055.000,00"), "TOT": y(5215600),
    },
}


def variant(**changes) -> dict:
    """BALANCED with some cells changed: sheet={code: {year: value}}; a code set to None
    drops that row's values (a total then stays a formula with no computed value)."""
    fill = copy.deepcopy(BALANCED)
    for sheet, rows in changes.items():
        if isinstance(rows, list):
            fill[sheet] = rows
            continue
        for code, values in rows.items():
            if values is None:
                fill[sheet].pop(code, None)
            else:
                fill[sheet].setdefault(code, {}).update(values)
    return fill


def numeric(fill: dict) -> dict:
    """The fill with text amounts turned into numbers."""
    fill = copy.deepcopy(fill)
    for sheet in ("Entrate", "Spese", "Missioni"):
        for values in fill[sheet].values():
            for key, value in values.items():
                if isinstance(value, str) and key.isdigit():
                    values[key] = float(value.replace(".", "").replace(",", "."))
    return fill


def without_totals(fill: dict) -> dict:
    fill = copy.deepcopy(fill)
    for sheet in ("Entrate", "Spese", "Missioni"):
        for code in ("TOT-TIT", "TOT"):
            fill[sheet].pop(code, None)
    return fill


def budget_findings(plan):
    return run_checks(plan, BUDGET_CHECKS)


def cells(findings):
    """(sheet, cell) of every finding."""
    return flat(findings, "sheet", "cell")


@pytest.fixture
def plan_of(make_workbook):
    def read(fill):
        return read_plan(make_workbook("bilancio", fill).parent)

    return read


@pytest.fixture
def recalculated(tmp_path, make_workbook, soffice):
    """Write a budget without computed totals and let LibreOffice compute them."""

    def read(fill):
        raw = make_workbook("bilancio", fill, folder=tmp_path)
        convert(raw, "xlsx", tmp_path / "saved")
        return read_plan(tmp_path / "saved")

    return read


# --- a balanced budget -----------------------------------------------------------------


def test_balanced_budget_gives_only_the_balance_infos(plan_of):
    plan = plan_of(BALANCED)
    text = [f for f in plan.findings if f.code == "cell-text-as-number"]
    assert cells(text) == [("Entrate", c) for c in ("C16", "D16", "E16")] + [
        ("Missioni", c) for c in ("C27", "D27", "E27")]
    findings = budget_findings(plan)
    assert [f.code for f in findings] == ["budget-current-balance"] * 3
    assert cells(findings) == [("Spese", "C6"), ("Spese", "D6"), ("Spese", "E6")]
    assert [f.value for f in findings] == [Decimal("0.00")] * 3
    assert findings[0].severity == "info"
    assert findings[0].message == (
        "Equilibrio di parte corrente 2022: 0,00 = entrate titolo 1 2.511.000,00 + titolo 2 "
        "89.500,00 + titolo 3 932.100,00 + FPV per spese correnti 0,00 + avanzo per spese "
        "correnti 0,00 − spese titolo 1 3.532.600,00 − titolo 4 0,00 − disavanzo 0,00")


def test_no_budget_no_finding(make_workbook):
    plan = read_plan(make_workbook("settore", {}).parent)
    assert plan.budget is None
    for func in BUDGET_CHECKS:
        assert list(func(interpret(plan))) == []


def test_every_code_is_registered_in_the_budget_family():
    from pianoperf_xl.codes import CODES

    declared = {code for func in BUDGET_CHECKS for code in func.codes}
    assert declared == {
        "budget-total-mismatch", "budget-revenue-expense-mismatch",
        "budget-missions-titles-mismatch", "budget-partite-giro-mismatch",
        "budget-anticipazioni-mismatch", "budget-current-balance-negative",
        "budget-current-balance", "budget-unknown-code", "budget-label-differs",
        "budget-programmes-mismatch"}
    assert {CODES[code].family for code in declared} == {"budget"}


# --- budget-total-mismatch ---------------------------------------------------------------


def test_total_typed_over_and_total_left_blank(plan_of):
    plan = plan_of(variant(Spese={"TOT": {"2022": 5225600}}, Entrate={"TOT-TIT": None}))
    found = list(budget.check_totals(interpret(plan)))
    assert [(f.code, f.severity, f.sheet, f.cell, f.message) for f in found] == [
        ("budget-total-mismatch", "error", "Entrate", "C17",
         "Totale titoli (foglio Entrate) 2022: dichiarato vuoto, somma delle righe "
         "5.215.600,00"),
        ("budget-total-mismatch", "error", "Entrate", "D17",
         "Totale titoli (foglio Entrate) 2023: dichiarato vuoto, somma delle righe "
         "5.215.600,00"),
        ("budget-total-mismatch", "error", "Entrate", "E17",
         "Totale titoli (foglio Entrate) 2024: dichiarato vuoto, somma delle righe "
         "5.215.600,00"),
        ("budget-total-mismatch", "error", "Spese", "C13",
         "Totale complessivo spese (foglio Spese) 2022: dichiarato 5.225.600,00, somma delle "
         "righe 5.215.600,00"),
    ]
    assert found[3].value == Decimal("5225600.00") and found[0].value is None


def test_totals_computed_by_libreoffice_are_silent(recalculated):
    findings = budget_findings(recalculated(numeric(without_totals(BALANCED))))
    assert errors(findings) == []


def test_text_amounts_left_out_of_the_spreadsheet_sum(recalculated):
    # Excel and LibreOffice skip numbers stored as text in SUM: the formula total misses
    # the partite di giro, the check (which reads the text) does not.
    found = of(budget_findings(recalculated(without_totals(BALANCED))),
               "budget-total-mismatch")
    assert cells(found) == [("Entrate", c) for c in ("C17", "D17", "E17")] + [
        ("Missioni", c) for c in ("C28", "D28", "E28")]
    assert found[0].message == ("Totale titoli (foglio Entrate) 2022: dichiarato "
                                "4.160.600,00, somma delle righe 5.215.600,00")


def test_blank_total_of_blank_lines_is_silent(plan_of):
    plan = plan_of(variant(Missioni={"TOT": None, "01": None, "04": None, "08": None,
                                     "60": None, "99": None}))
    assert list(budget.check_totals(interpret(plan))) == []


# --- budget-revenue-expense-mismatch ---------------------------------------------------


def test_revenue_differs_from_expense(plan_of):
    plan = plan_of(variant(Entrate={"4": {"2022": 538000}, "TOT-TIT": {"2022": 5225600},
                                    "TOT": {"2022": 5225600}}))
    found = errors(budget_findings(plan))
    assert [(f.code, f.sheet, f.cell, f.message) for f in found] == [
        ("budget-revenue-expense-mismatch", "Spese", "C13",
         "Pareggio tra entrate e spese 2022: totale entrate 5.225.600,00, totale spese "
         "5.215.600,00")]


# With a disavanzo covered by FPV for current spending: revenue TOT (with the FPV) equals
# expense TOT (with the disavanzo), and the missioni equal the titoli without the disavanzo.
WITH_DEFICIT = variant(Entrate={"FPV-SC": y(10000), "TOT": y(5225600)},
                       Spese={"DIS": y(10000), "TOT": y(5225600)})


def test_revenue_equal_to_expense_with_fpv_and_deficit(plan_of):
    assert errors(budget_findings(plan_of(WITH_DEFICIT))) == []


# --- budget-missions-titles-mismatch ---------------------------------------------------


def test_missions_differ_from_titles(plan_of):
    plan = plan_of(variant(Missioni={"01": {"2023": 1754490}, "TOT": {"2023": 5225600}}))
    found = errors(budget_findings(plan))
    assert [(f.code, f.sheet, f.cell, f.message) for f in found] == [
        ("budget-missions-titles-mismatch", "Missioni", "D28",
         "Spese per missioni e per titoli 2023: totale spese per titoli 5.215.600,00, "
         "totale missioni 5.225.600,00")]


def test_missions_equal_titles_without_the_deficit(plan_of):
    plan = plan_of(WITH_DEFICIT)
    assert list(budget.check_missions_titles(interpret(plan))) == []
    assert [line.amounts[2022] for line in plan.budget.expense if line.code == "TOT"] == [
        Decimal("5225600.00")]


# --- budget-partite-giro-mismatch ------------------------------------------------------


def test_partite_di_giro_differ(plan_of):
    plan = plan_of(variant(Missioni={"99": {"2022": "1.050.000,00"}, "08": {"2022": 533000}}))
    found = errors(budget_findings(plan))
    assert [(f.code, f.sheet, f.cell, f.message) for f in found] == [
        ("budget-partite-giro-mismatch", "Missioni", "C27",
         "Partite di giro 2022: entrate titolo 9 1.055.000,00, spese titolo 7 1.055.000,00, "
         "missione 99 1.050.000,00")]
    assert found[0].value == Decimal("1050000.00")


def test_partite_di_giro_as_text_and_numbers_agree(plan_of):
    assert list(budget.check_partite_giro(interpret(plan_of(BALANCED)))) == []


# --- budget-anticipazioni-mismatch -----------------------------------------------------


def test_anticipazioni_differ(plan_of):
    plan = plan_of(variant(Spese={"5": y(90000), "2": y(538000)}))
    found = errors(budget_findings(plan))
    assert [f.code for f in found] == ["budget-anticipazioni-mismatch"] * 3
    assert cells(found) == [("Spese", "C10"), ("Spese", "D10"), ("Spese", "E10")]
    assert found[0].message == ("Anticipazioni di tesoreria 2022: entrate titolo 7 "
                                "100.000,00, spese titolo 5 90.000,00")


def test_anticipazioni_agree(plan_of):
    assert list(budget.check_anticipazioni(interpret(plan_of(BALANCED)))) == []


# --- budget-current-balance-negative and budget-current-balance ------------------------


def test_current_balance_negative(plan_of):
    plan = plan_of(variant(Spese={"1": {"2024": 3542600}, "2": {"2024": 518000}}))
    findings = budget_findings(plan)
    found = errors(findings)
    assert [(f.code, f.sheet, f.cell, f.value) for f in found] == [
        ("budget-current-balance-negative", "Spese", "E6", Decimal("-10000.00"))]
    assert found[0].message == (
        "Equilibrio di parte corrente 2024 negativo: -10.000,00 = entrate titolo 1 "
        "2.511.000,00 + titolo 2 89.500,00 + titolo 3 932.100,00 + FPV per spese correnti "
        "0,00 + avanzo per spese correnti 0,00 − spese titolo 1 3.542.600,00 − titolo 4 0,00 "
        "− disavanzo 0,00")
    infos = of(findings, "budget-current-balance")
    assert [f.value for f in infos] == [Decimal("0.00"), Decimal("0.00"),
                                        Decimal("-10000.00")]


def test_current_balance_covered_by_surplus(plan_of):
    # 20.000 more current spending, paid by avanzo applied to current spending.
    plan = plan_of(variant(Entrate={"AVZ-SC": y(20000), "4": y(508000),
                                    "TOT-TIT": y(5195600)},
                           Spese={"1": y(3552600), "2": y(508000)},
                           Missioni={"01": y(1764490), "08": y(508000)}))
    findings = budget_findings(plan)
    assert errors(findings) == []
    infos = of(findings, "budget-current-balance")
    assert [f.value for f in infos] == [Decimal("0.00")] * 3
    assert "+ avanzo per spese correnti 20.000,00 − spese titolo 1 3.552.600,00" in (
        infos[0].message)


# --- budget-unknown-code -----------------------------------------------------------------


def test_unknown_codes(make_workbook):
    # The template writer refuses unknown codes: add the rows as a user would in Excel.
    path = make_workbook("bilancio", BALANCED)
    book = openpyxl.load_workbook(path)
    book["Entrate"].append(["8", "Entrate varie", 5000])
    book["Missioni"].append(["21", "Altro", 1000])
    book.save(path)
    found = errors(budget_findings(read_plan(path.parent)))
    assert [(f.code, f.sheet, f.cell, f.value) for f in found] == [
        ("budget-unknown-code", "Entrate", "A19", "8"),
        ("budget-unknown-code", "Missioni", "A29", "21")]
    assert found[0].message == (
        "Nel foglio «Entrate» il codice «8» non è un titolo di entrata del D.Lgs. 118/2011 "
        "né una voce del modello: i suoi importi non entrano nei totali.")
    assert found[0].hint == ("Usare uno dei codici del modello: FPV-SC, FPV-SK, AVZ-SC, "
                             "AVZ-SK, 1, 2, 3, 4, 5, 6, 7, 9.")
    assert found[1].message.startswith("Nel foglio «Missioni» il codice «21» non è una "
                                       "missione")


def test_unknown_programme_is_left_to_the_reader(plan_of):
    plan = plan_of(variant(Programmi=[{"programma": "01.99", "2022": 10}]))
    assert [(f.code, f.sheet, f.cell) for f in plan.findings
            if f.code == "cell-not-in-list"] == [("cell-not-in-list", "Programmi", "A5")]
    assert list(budget.check_unknown_codes(interpret(plan))) == []


# --- budget-label-differs ------------------------------------------------------------------


def test_label_differs(plan_of):
    plan = plan_of(variant(Spese={"4": {"label": "Rimborso di prestiti"}}))
    found = list(budget.check_labels(interpret(plan)))
    assert [(f.code, f.severity, f.sheet, f.cell, f.value) for f in found] == [
        ("budget-label-differs", "warning", "Spese", "B9", "Rimborso di prestiti")]
    assert found[0].message == ("Nel foglio «Spese» la denominazione del codice 4 è "
                                "«Rimborso di prestiti», quella ufficiale è «Rimborso prestiti».")
    assert found[0].hint == "Scrivere la denominazione ufficiale: «Rimborso prestiti»."


def test_label_differing_only_in_case_accents_punctuation_spaces(plan_of):
    plan = plan_of(variant(
        Spese={"1": {"label": "Spese Correnti"},
               "5": {"label": "CHIUSURA ANTICIPAZIONI RICEVUTE DA ISTITUTO TESORIERE - "
                              "CASSIERE"},
               "3": {"label": "Spese per incremento di attivita' finanziarie"},
               "TOT": {"label": "Totale Spese"}},
        Entrate={"1": {"label": "Entrate correnti di natura tributaria contributiva  e "
                                "perequativa."}},
        Missioni={"01": {"label": "Servizi istituzionali,generali e di gestione"},
                  "TOT": {"label": "TOTALE MISSIONI"}}))
    assert list(budget.check_labels(interpret(plan))) == []


# --- budget-programmes-mismatch ----------------------------------------------------------


PROGRAMMES = [{"programma": "01.02", **y(1000000)}, {"programma": "01.03", **y(744490)},
              {"programma": "04.06", **y("1.788.110,00")}]


def test_programmes_differ_from_their_mission(plan_of):
    rows = copy.deepcopy(PROGRAMMES)
    rows[1]["2022"] = 700000
    found = errors(budget_findings(plan_of(variant(Programmi=rows))))
    assert [(f.code, f.sheet, f.cell, f.message) for f in found] == [
        ("budget-programmes-mismatch", "Missioni", "C5",
         "Programmi della missione 01 2022: somma dei programmi 1.700.000,00, missione 01 "
         "1.744.490,00")]


def test_programmes_equal_their_mission(plan_of):
    # Missioni 08, 60 and 99 have no programme rows: nothing to compare.
    assert errors(budget_findings(plan_of(variant(Programmi=PROGRAMMES)))) == []


# --- the bundled sample --------------------------------------------------------------------


def test_calcinate_2022_budget():
    findings = budget_findings(read_plan(SAMPLE))
    assert errors(findings) == []
    warnings = [(f.code, f.sheet, f.cell) for f in findings if f.severity == "warning"]
    assert warnings == [
        ("budget-label-differs", "Spese", "B9"),      # Rimborso di prestiti
        ("budget-label-differs", "Spese", "B10"),     # Chiusura anticipazioni da ...
        ("budget-label-differs", "Missioni", "B9"),   # ... dei beni e attività culturali
        ("budget-label-differs", "Missioni", "B13"),  # ... del territorio e ambiente
    ]
    infos = [f for f in findings if f.severity == "info"]
    assert [(f.code, f.cell, f.value) for f in infos] == [
        ("budget-current-balance", cell, Decimal("0.00")) for cell in ("C6", "D6", "E6")]
    assert all(f.message.startswith(f"Equilibrio di parte corrente {year}: 0,00 = ")
               for f, year in zip(infos, (2022, 2023, 2024)))
