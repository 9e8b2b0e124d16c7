"""Cell-level problems: each kind on a small purpose-made workbook, with file/sheet/cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from pianoperf_xl.read import read_workbook

STAFF_ROW = {"nome": "Rossi Mario", "categoria": "C1", "rapporto": "dipendente"}
SECTOR = {"settore": "Settore Prova", "ente": "Comune di Prova", "responsabile": "Rossi Mario"}


def only(findings, code):
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [(f.code, f.cell, f.message) for f in findings]
    return matching[0]


def read_sector(make_workbook, staff=(), objectives=(), sector=SECTOR):
    path = make_workbook("settore", {"Settore": sector, "Personale": list(staff),
                                     "Obiettivi": list(objectives)})
    return read_workbook(path, "settore")


def test_required_cell_missing(make_workbook):
    sector, findings = read_sector(make_workbook, staff=[{"categoria": "C1",
                                                          "rapporto": "dipendente"}])
    f = only(findings, "cell-required")
    assert (f.severity, f.file, f.sheet, f.cell) == ("error", "settore.xlsx", "Personale", "A5")
    assert f.message == "Manca «Cognome e nome», che è obbligatorio."
    assert len(sector.staff) == 1  # the row is kept, not dropped


def test_italian_amount_as_text_is_understood_and_reported(make_workbook):
    path = make_workbook("bilancio", {"Bilancio": {"ente": "Comune di Prova"},
                                      "Entrate": {"9": {"2022": "1.055.000,00"}}})
    budget, findings = read_workbook(path, "bilancio")
    f = only(findings, "cell-text-as-number")
    assert (f.severity, f.sheet, f.cell) == ("info", "Entrate", "C16")
    assert "1.055.000,00" in f.message
    line = next(line for line in budget.revenue if line.code == "9")
    assert line.amounts[2022] == Decimal("1055000.00")


@pytest.mark.parametrize("text", ["1.055.000,00-", "€ 1.055.000,00 -"])
def test_amount_with_a_trailing_minus_is_negative_and_reported(make_workbook, text):
    """As some accounting software exports negative amounts (issue 13, point 11)."""
    path = make_workbook("bilancio", {"Bilancio": {"ente": "Comune di Prova"},
                                      "Entrate": {"9": {"2022": text}}})
    budget, findings = read_workbook(path, "bilancio")
    f = only(findings, "cell-text-as-number")
    assert (f.severity, f.sheet, f.cell, f.value) == ("info", "Entrate", "C16", text)
    line = next(line for line in budget.revenue if line.code == "9")
    assert line.amounts[2022] == Decimal("-1055000.00")


@pytest.mark.parametrize("text", ["1.055", "milleduecento", "12,345", "-1.055,00-",
                                  "(1.055,00-)", "1.055,00--"])
def test_ambiguous_or_wrong_amount_is_an_error_never_a_guess(make_workbook, text):
    path = make_workbook("bilancio", {"Bilancio": {"ente": "Comune di Prova"},
                                      "Spese": {"1": {"2023": text}}})
    budget, findings = read_workbook(path, "bilancio")
    f = only(findings, "cell-wrong-type")
    assert (f.severity, f.sheet, f.cell, f.value) == ("error", "Spese", "D6", text)
    line = next(line for line in budget.expense if line.code == "1")
    assert line.amounts[2023] is None


def test_text_in_an_hours_cell(make_workbook):
    _, findings = read_sector(make_workbook, staff=[{**STAFF_ROW, "ore": "ventiquattro"}])
    f = only(findings, "cell-wrong-type")
    assert (f.cell, f.sheet) == ("E5", "Personale")
    assert "numero di ore" in f.message


def test_hours_out_of_range(make_workbook):
    _, findings = read_sector(make_workbook, staff=[{**STAFF_ROW, "ore": 40}])
    f = only(findings, "cell-out-of-range")
    assert f.cell == "E5" and "da 1 a 36" in f.message


def test_weight_out_of_range(make_workbook):
    _, findings = read_sector(make_workbook, objectives=[{"obiettivo": "X", "peso": 60}])
    assert only(findings, "cell-out-of-range").cell == "I5"


def test_value_not_in_list(make_workbook):
    sector, findings = read_sector(make_workbook, staff=[{**STAFF_ROW, "categoria": "Z9",
                                                          "rapporto": "consulente"}])
    cells = sorted(f.cell for f in findings if f.code == "cell-not-in-list")
    assert cells == ["D5", "F5"]
    assert sector.staff[0].grade == "Z9"  # kept as typed, for the outputs and the checks


def test_list_values_are_matched_leniently(make_workbook):
    sector, findings = read_sector(make_workbook, staff=[
        {"nome": "Rossi Mario", "categoria": "c 4", "rapporto": "Dipendente"}],
        objectives=[{"obiettivo": "X", "missione": "1", "programma": "1.2"}])
    assert findings == []
    assert (sector.staff[0].grade, sector.staff[0].relation) == ("C4", "dipendente")
    assert (sector.objectives[0].mission, sector.objectives[0].programme) == ("01", "01.02")


def test_grade_of_another_ccnl_is_not_valid_for_the_year(make_workbook):
    _, findings = read_sector(make_workbook, staff=[{**STAFF_ROW, "categoria": "Istruttori"}])
    assert only(findings, "cell-not-in-list").message.startswith(
        "«Categoria / area»: «Istruttori» non è tra i valori ammessi per il 2022")


def test_invalid_email(make_workbook):
    _, findings = read_sector(make_workbook, sector={**SECTOR, "email": "segreteria@comune"})
    f = only(findings, "cell-invalid-email")
    assert (f.severity, f.sheet, f.cell) == ("warning", "Settore", "B9")


def test_date_as_text_is_understood_and_reported(make_workbook):
    path = make_workbook("ente", {"Ente": {"denominazione": "Comune di Prova",
                                           "data_approvazione": "15/03/2022"},
                                  "Popolazione": {"anno_bilancio": 2021,
                                                  "popolazione_inizio": 1, "nati": 0,
                                                  "deceduti": 0, "immigrati": 0,
                                                  "emigrati": 0, "popolazione_fine": 1}})
    ente, findings = read_workbook(path, "ente")
    f = only(findings, "cell-text-as-date")
    assert (f.sheet, f.cell) == ("Ente", "B8")
    assert ente.approval_date == dt.date(2022, 3, 15)


def test_control_characters_are_stripped_with_a_note(make_workbook):
    sector, findings = read_sector(make_workbook, staff=[{**STAFF_ROW,
                                                          "profilo": "Operaio\x07 esperto"}])
    assert only(findings, "cell-control-chars").cell == "B5"
    assert sector.staff[0].profile == "Operaio esperto"


def test_indicator_row_without_objective(make_workbook):
    sector, findings = read_sector(make_workbook, objectives=[{"indicatore": "Numero"}])
    f = only(findings, "objective-missing-text")
    assert f.cell == "D5"
    assert len(sector.objectives) == 1 and sector.objectives[0].title is None


def _edit(path, edit):
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def test_unknown_column_with_values_is_reported(make_workbook):
    path = make_workbook("settore", {"Settore": SECTOR, "Personale": [STAFF_ROW]})

    def add_column(book):
        ws = book["Personale"]
        ws["H4"] = "Matricola"
        ws["H5"] = "1234"
    _, findings = read_workbook(_edit(path, add_column), "settore")
    f = only(findings, "column-unknown")
    assert (f.sheet, f.cell) == ("Personale", "H5") and "Matricola" in f.message


def test_moved_columns_and_inserted_rows_still_read(make_workbook):
    path = make_workbook("settore", {"Settore": SECTOR, "Personale": [STAFF_ROW]})

    def shuffle(book):
        ws = book["Personale"]
        ws.insert_rows(1, 2)
        ws.move_range("A1:A200", cols=10)
    sector, findings = read_workbook(_edit(path, shuffle), "settore")
    assert findings == []
    assert sector.staff[0].name == "Rossi Mario"
    assert sector.staff[0].record.at("nome").cell == "K7"


def test_missing_column_and_missing_sheet(make_workbook):
    path = make_workbook("settore", {"Settore": SECTOR})

    def damage(book):
        book["Personale"]["D4"] = None
        del book["Obiettivi"]
    _, findings = read_workbook(_edit(path, damage), "settore")
    assert {f.code for f in findings} == {"column-missing", "sheet-missing"}
    assert only(findings, "sheet-missing").message.startswith("Nel file manca il foglio «Obiettivi»")


def test_fixed_row_without_code_is_reported_not_dropped(make_workbook):
    path = make_workbook("bilancio", {"Bilancio": {"ente": "Comune di Prova"}})

    def add_line(book):
        ws = book["Missioni"]
        ws.insert_rows(6)
        ws["B6"] = "Missione inventata"
        ws["C6"] = 1000
    budget, findings = read_workbook(_edit(path, add_line), "bilancio")
    assert only(findings, "row-without-code").cell == "A6"
    assert any(line.amounts[2022] == Decimal(1000) for line in budget.missions)


def test_unknown_form_row_is_reported(make_workbook):
    path = make_workbook("settore", {"Settore": SECTOR})

    def add_row(book):
        book["Settore"]["A20"] = "Telefono"
        book["Settore"]["B20"] = "035 123456"
    _, findings = read_workbook(_edit(path, add_row), "settore")
    f = only(findings, "field-unknown")
    assert (f.cell, f.value) == ("B20", "035 123456")
