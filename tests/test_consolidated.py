"""The consolidated workbook, written from the bundled sample and opened again: with
openpyxl for its cells, with LibreOffice for its formulas."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pianoperf_xl import office
from pianoperf_xl.checks import run_checks
from pianoperf_xl.findings import ERROR, INFO, WARNING, Finding
from pianoperf_xl.interpret import PlanReading, interpret
from pianoperf_xl.model import BudgetLine, Indicator, Objective, Record
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.consolidated import SHEETS, ConsolidationError, write_consolidated
from pianoperf_xl.write.cells import EXCEL_MAX_CHARS, TRUNCATION_MARK
from pianoperf_xl.write.consolidated.base import unique_sheet_name
from pianoperf_xl.write.consolidated.matrix import SINGLE_BLOCK_MAX_OBJECTIVES

from helpers import SAMPLE, reading_of

HOSTILE = ("=1+1", "@SUM(A1)", "+39 035", "-x", "{=A1}", "\tinizia con tab",
           "=HYPERLINK(\"http://x\",\"y\")", "http://example.com")
CENT = Decimal("0.01")


def sample_reading() -> PlanReading:
    """The sample read, interpreted and checked, as ``build`` does it."""
    reading = reading_of(SAMPLE)
    run_checks(reading)
    return reading


@pytest.fixture(scope="module")
def reading() -> PlanReading:
    return sample_reading()


@pytest.fixture(scope="module")
def plan(reading):
    return reading.plan


@pytest.fixture(scope="module")
def written(reading, tmp_path_factory) -> Path:
    return write_consolidated(reading, tmp_path_factory.mktemp("consolidated") / "piano.xlsx")


@pytest.fixture(scope="module")
def book(written):
    return openpyxl.load_workbook(written)


@pytest.fixture(scope="module")
def values(written):
    return openpyxl.load_workbook(written, data_only=True)


def table(ws, first_header: str) -> tuple[list[str], list[tuple]]:
    """The header and the data rows of the table whose header starts with ``first_header``."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    header = [h for h in rows[start] if h is not None]
    data = []
    for row in rows[start + 1:]:
        if all(v is None for v in row[:len(header)]):
            break
        data.append(tuple(row[:len(header)]))
    return header, data


def labelled(ws) -> dict[str, object]:
    """Column A label -> column B value, for form-like sheets."""
    return {row[0]: row[1] for row in ws.iter_rows(max_col=2, values_only=True)
            if isinstance(row[0], str)}


# -- sheets and rows -----------------------------------------------------------------------


def test_every_sheet_is_present(reading, book):
    assert book.sheetnames == list(SHEETS) + [s.name for s in reading.sectors]
    assert book.active.title == "Sintesi"


def test_every_objective_and_indicator_is_a_row(reading, plan, book):
    header, rows = table(book["Obiettivi"], "Settore")
    assert header == ["Settore", "Codice", "Area strategica", "Azione", "Obiettivo",
                      "Indicatore", "Target", "Scadenza", "Tipo di scadenza",
                      "Data di scadenza", "Personale", "Peso", "Missione", "Programma",
                      "Note", "Riportato da"]
    expected = [(o, i) for o in reading.objectives for i in o.indicators]
    assert len(rows) == len(expected) == plan.stats()["indicators"]
    for row, (objective, indicator) in zip(rows, expected):
        read = reading.of(indicator)  # as the checks read it
        assert row[:8] == (objective.sector, reading.code_of(objective), objective.area,
                           objective.action, objective.title, read.measure, indicator.target,
                           read.deadline_text)
        assert row[8] == read.deadline.label
        assert row[9] == (dt.datetime.combine(read.deadline.date, dt.time())
                          if read.deadline.date else None)
        assert row[14] == indicator.notes
    by_ref = {row[1]: row for row in rows}
    assert by_ref["AG.05"][10] == "Cairo Micaela, Forlani Roberta, Ferri Raffaella"
    assert by_ref["AG.05"][9] == dt.datetime(2022, 3, 31)
    assert by_ref["DE.07"][10] == "Bellini Angela Francesca, Castriciano Felicia"


def test_missione_programme_and_notes_are_shown(tmp_path):
    plan = read_plan(SAMPLE)
    objective = plan.sectors[0].objectives[0]
    objective.mission, objective.programme = "01", "01.02"
    objective.indicators[0].notes = "Nota dell'indicatore"
    other = plan.sectors[0].objectives[1]
    other.mission, other.programme = "Missione 77", None  # not an official code: as typed
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "piano.xlsx"))
    header, rows = table(book["Obiettivi"], "Settore")
    by_ref = {row[1]: dict(zip(header, row)) for row in rows}
    first = by_ref[objective.ref]
    assert (first["Missione"], first["Programma"], first["Note"]) == (
        "01 - Servizi istituzionali, generali e di gestione", "01.02 - Segreteria generale",
        "Nota dell'indicatore")
    assert (by_ref[other.ref]["Missione"], by_ref[other.ref]["Programma"]) == (
        "Missione 77", None)
    _, sector_rows = table(book[plan.sectors[0].name], "Codice")
    assert "Nota dell'indicatore" in sector_rows[0]


def test_organisation_sheet_has_the_bodies_and_the_organigram(plan, book):
    ws = book["Organizzazione"]
    header, rows = table(ws, "Ruolo")
    assert header == ["Ruolo", "Cognome e nome", "Deleghe", "Ricevimento", "Email"]
    assert [r[1] for r in rows] == [b.name for b in plan.ente.bodies]
    header, rows = table(ws, "Tipo")
    assert header[:5] == ["Tipo", "Struttura", "Settore di appartenenza", "Responsabile",
                          "Persone"]
    assert [(r[0], r[1]) for r in rows] == [(u.kind, u.name) for u in plan.ente.organigram]
    assert [r[4] for r in rows] == [u.record.get("persone") for u in plan.ente.organigram]
    assert "Assistente sociale" in [r[6] for r in rows]  # the organigram's notes
    header, rows = table(ws, "Parte")  # the comune's texts for the annex
    assert header == ["Parte", "Titolo", "Testo"] and len(rows) == 25
    assert len(ws.tables) == 3  # no table of council acts: the sample has none


def test_ente_and_budget_notes_and_programme_notes(tmp_path):
    plan = read_plan(SAMPLE)
    plan.ente.record.values["note"] = "Nota dell'ente"
    plan.budget.record.values["note"] = "Nota del bilancio"
    years = plan.budget.years
    programme = BudgetLine("Programmi", "01.02", None, "Segreteria generale",
                           {y: Decimal(10) for y in years}, (),
                           Record("Bilancio.xlsx", "Programmi", 5, {"note": "Nota del programma"}))
    twin = dataclasses.replace(programme, amounts={y: Decimal(1) for y in years},
                               record=Record("Bilancio.xlsx", "Programmi", 6))
    plan.budget.programmes = [programme, twin]  # the same code twice: two rows
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "note.xlsx"))
    texts = {ws.title: [c.value for row in ws.iter_rows() for c in row if c.value]
             for ws in book}
    assert "Nota dell'ente" in texts["Organizzazione"]
    assert "Nota del bilancio" in texts["Bilancio"]
    assert "Nota del programma" in texts["Bilancio"]
    ws = book["Bilancio"]
    codes = [row[0].value for row in ws.iter_rows(max_col=1)]
    assert codes.count(programme.code) == 2


def test_what_a_file_says_unlike_the_plan_is_shown(tmp_path):
    """A sector's or the budget's ente, or a year, that differ from the plan's are shown
    next to the plan's, never dropped."""
    plan = read_plan(SAMPLE)
    plan.sectors[0].ente = "Comune di Calcinato"
    plan.sectors[0].year = 2021
    plan.budget.ente = "Comune di Calcinate (BG)"
    plan.ente.year = 2023
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "piano.xlsx"))
    sector = labelled(book[plan.sectors[0].name])
    assert sector["Ente indicato nel file"] is None  # the value is in column C
    rows = {row[0]: row[2] for row in book[plan.sectors[0].name].iter_rows(
        max_col=3, values_only=True)}
    assert (rows["Ente indicato nel file"], rows["Anno indicato nel file"]) == (
        "Comune di Calcinato", 2021)
    assert "Ente indicato nel file" not in labelled(book[plan.sectors[1].name])
    summary = labelled(book["Sintesi"])
    assert summary["Ente nel file del bilancio"] == "Comune di Calcinate (BG)"
    assert summary["Anno nel file dell'ente"] == 2023


def test_a_value_no_cell_can_hold_is_written_as_text(tmp_path):
    """A finding's value may be a number no cell holds (a file can store "1e309", read
    as infinity): it is written as its text, and the JSON report stays strict JSON."""
    import json

    from pianoperf_xl.report import Report
    from pianoperf_xl.write.report import report_json

    plan = read_plan(SAMPLE)
    plan.findings = [Finding("cell-wrong-type", ERROR, "Non è un importo.", "Bilancio.xlsx",
                             "Entrate", "C9", value) for value in
                     (float("inf"), float("-inf"), float("nan"), Decimal("1e400"))]
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "piano.xlsx"))
    _, rows = table(book["Verifiche"], "Gravità")
    assert [r[6] for r in rows] == ["inf", "-inf", "nan", "1E+400"]
    values = [f["value"] for f in json.loads(report_json(Report.of(plan)), parse_constant=pytest.fail)[
        "findings"]]
    assert values == ["inf", "-inf", "nan", "1E+400"]


def test_date_cells_are_real_dates(book):
    ws = book["Obiettivi"]
    dates = [c for c in ws["J"] if isinstance(c.value, dt.datetime)]
    assert dates and all(c.data_type == "d" and c.number_format == "dd/mm/yyyy" for c in dates)


def test_every_staff_member_is_a_row(reading, plan, book):
    header, rows = table(book["Personale"], "Settore")
    assert header[:9] == ["Settore", "Cognome e nome", "Profilo professionale",
                          "Ufficio / servizio", "Categoria", "Ore settimanali", "FTE",
                          "Rapporto", "Obiettivi"]
    assert len(rows) == len(plan.staff)
    for row, person in zip(rows, reading.staff):
        assert row[:5] == (person.sector, person.name, person.profile, person.office,
                           person.grade)
        assert row[5] == (person.weekly_hours or 36)
        assert Decimal(str(row[6])) == reading.member_fte(person)
        assert row[7] == person.relation
    counts = {row[1]: row[8] for row in rows}
    assert counts["Cairo Micaela"] == 5
    assert counts["Comelli Elena"] == 0  # the staff member with no objective


def test_staff_rows_show_the_findings_on_them(plan, book):
    header, rows = table(book["Personale"], "Settore")
    notes = {row[1]: row[header.index("Segnalazioni")] for row in rows}
    for person in plan.staff:
        expected = [f.message for f in plan.findings
                    if (f.file, f.sheet) == (person.record.file, person.record.sheet)
                    and (f.cell or "").lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    == str(person.record.row)]
        assert (notes[person.name] or "").split("\n") == (expected or [""])
    assert notes["Comelli Elena"]  # the sample's staff member without objectives


def test_every_finding_is_listed_errors_first(plan, book):
    header, rows = table(book["Verifiche"], "Gravità")
    assert header == ["Gravità", "Codice", "Messaggio", "File", "Foglio", "Cella", "Valore",
                      "Suggerimento"]
    assert len(rows) == len(plan.findings)
    assert sorted(r[2] for r in rows) == sorted(f.message for f in plan.findings)
    order = {"errore": 0, "avviso": 1, "informazione": 2}
    assert [order[r[0]] for r in rows] == sorted(order[r[0]] for r in rows)
    assert book["Verifiche"].tables  # an Excel table, with filters
    assert book["Verifiche"].conditional_formatting


def test_sector_sheets_hold_their_staff_and_objectives(reading, plan, book):
    for sector in plan.sectors:
        ws = book[sector.name]
        _, staff_rows = table(ws, "N.")
        assert [r[1] for r in staff_rows] == [p.name for p in sector.staff]
        _, objective_rows = table(ws, "Codice")
        assert [r[0] for r in objective_rows] == [
            reading.code_of(o) for o in sector.objectives for _ in o.indicators]
        assert ws.print_title_rows  # the objectives' header repeats on every page
        assert ws.page_setup.orientation == "landscape"


def test_matrix_marks_who_works_on_what(reading, plan, book, values):
    ws = values["Matrice"]
    header, rows = table(ws, "Settore")
    assert header[3:] == [reading.code_of(o) for o in reading.objectives]
    by_name = {r[1]: r for r in rows}
    ag05 = 3 + next(i for i, o in enumerate(reading.objectives) if o.ref == "AG.05")
    assert by_name["Ferri Raffaella"][ag05] == 1  # cross-sector work
    assert by_name["Comelli Elena"][2] == 0
    assert by_name["Cairo Micaela"][2] == 5
    assert book["Matrice"].cell(5, 3).value.startswith("=COUNT(")


# -- formulas ------------------------------------------------------------------------------


def test_budget_totals_and_balances_are_formulas(book, values):
    ws, cached = book["Bilancio"], values["Bilancio"]
    totals = [(r, row) for r, row in enumerate(ws.iter_rows(max_col=5), start=1)
              if row[0].value in ("TOT-TIT", "TOT")]
    assert len(totals) == 5  # Entrate (2), Spese (2), Missioni (1)
    for r, row in totals:
        for c in row[2:5]:
            assert isinstance(c.value, str) and c.value.startswith("=SUM("), c.coordinate
    assert [cached.cell(r, 3).value for r, _ in totals] == [5115600] * 5
    balance = next(row for row in ws.iter_rows(max_col=6) if row[0].value == "1"
                   and row[1].value and "Equilibrio" in str(row[1].value))
    assert all(c.value.startswith("=") for c in balance[2:6])
    assert "IF(AND(" in balance[5].value


def test_summary_links_to_the_budget_and_the_findings(plan, book, values):
    ws = book["Sintesi"]
    formulas = [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert any(f.startswith("=Bilancio!") for f in formulas)
    assert any(f.startswith("=COUNTIF(Verifiche!") for f in formulas)
    summary = labelled(values["Sintesi"])
    assert summary["Ente"] == "Comune di Calcinate"
    assert summary["Obiettivi"] == len(plan.objectives)
    assert summary["Errori"] == sum(f.severity == ERROR for f in plan.findings)
    assert summary["Avvisi"] == sum(f.severity == WARNING for f in plan.findings)
    assert summary["Informazioni"] == sum(f.severity == INFO for f in plan.findings)
    assert len(book["Sintesi"]._charts) == 2
    assert len(book["Contesto"]._charts) == 3


def test_libreoffice_recalculates_every_formula_to_the_written_value(written, book, values,
                                                                     tmp_path, soffice):
    recalculated = openpyxl.load_workbook(office.convert(written, "xlsx", tmp_path),
                                          data_only=True)
    checked = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type != "f":
                    continue
                mine = values[ws.title][c.coordinate].value
                theirs = recalculated[ws.title][c.coordinate].value
                assert _same(mine, theirs), f"{ws.title}!{c.coordinate} {c.value}: " \
                                            f"{mine!r} != {theirs!r}"
                checked += 1
    assert checked > 200


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return Decimal(str(a)).quantize(CENT) == Decimal(str(b)).quantize(CENT)
    return a == b


# -- hostile input, names, failures --------------------------------------------------------


def hostile_plan():
    plan = sample_reading().plan
    for person, text in zip(plan.staff, HOSTILE):
        person.name = text
        person.office = text
    objective = plan.sectors[0].objectives[0]
    objective.title = "=1+1"
    objective.indicators[0].deadline = "@SUM(A1)"
    plan.sectors[1].name = "Settore: [Economico]/Finanziario*? con nome lunghissimo"
    plan.sectors[2].name = "Sintesi"
    return plan


def test_hostile_text_lands_as_literal_strings(tmp_path):
    plan = hostile_plan()
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "ostile.xlsx"))
    ws = book["Personale"]
    cells = {c.value: c for row in ws.iter_rows(min_col=2, max_col=2) for c in row}
    for text in HOSTILE:
        assert cells[text].data_type == "s", text
    cells = [c for row in book["Obiettivi"].iter_rows() for c in row]
    assert any(c.value == "=1+1" and c.data_type == "s" for c in cells)
    assert any(c.value == "@SUM(A1)" and c.data_type == "s" for c in cells)
    assert not any(c.hyperlink for ws in book for row in ws.iter_rows() for c in row)
    assert book.sheetnames[len(SHEETS):] == [  # in the organigram's order
        "Settore Economico Finanziario", "Settore Affari Generali",
        "Settore Servizi Demografici", "Sintesi (2)", "Settore Polizia Locale"]


def test_sheet_names_are_cleaned_and_unique():
    taken = {"sintesi"}
    assert unique_sheet_name("Settore: [Economico]/Finanziario*? con nome", taken) == \
        "Settore Economico Finanziario"
    assert unique_sheet_name("SINTESI", taken) == "SINTESI (2)"
    assert unique_sheet_name("'Quoted'", set()) == "Quoted"
    assert unique_sheet_name("", set()) == "Foglio"
    assert unique_sheet_name("History", set()) == "History (2)"
    assert unique_sheet_name("Settore Economico Finanziario con nome lunghissimo", set()) \
        == "Settore Economico Finanziario"
    long = "A" * 40
    first = unique_sheet_name(long, set())
    assert len(first) == 31
    assert unique_sheet_name(long, {first.casefold()}) == "A" * 27 + " (2)"


def test_a_write_error_fails_loudly_and_leaves_the_old_file(tmp_path, monkeypatch):
    from xlsxwriter.worksheet import Worksheet

    target = tmp_path / "piano.xlsx"
    target.write_bytes(b"old")
    plan = read_plan(SAMPLE)
    plan.staff[0].notes = "nota che xlsxwriter rifiuta"
    for name in ("write_string", "_write_string"):  # the writers use the undecorated one
        write_string = getattr(Worksheet, name)
        monkeypatch.setattr(Worksheet, name, lambda ws, row, col, text, *args, _w=write_string: (
            -2 if text == "nota che xlsxwriter rifiuta" else _w(ws, row, col, text, *args)))
    with pytest.raises(ConsolidationError, match="Personale!"):
        write_consolidated(interpret(plan), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["piano.xlsx"]


def test_text_longer_than_a_cell_is_cut_with_a_visible_mark(tmp_path):
    """Beyond Excel's 32,767 characters a cell cannot go: the text is cut and says so
    (the reader has reported the cell); shorter text, emoji and all, is written whole."""
    plan = read_plan(SAMPLE)
    long = "Nota molto lunga. " * 2223  # 40,014 characters
    emoji = "😀" * 16_400  # 32,800 UTF-16 code units in 16,400 characters
    fits = "x" * EXCEL_MAX_CHARS
    plan.staff[0].notes, plan.staff[1].notes, plan.staff[2].notes = long, emoji, fits
    plan.sectors[0].notes = long
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "lungo.xlsx"))
    notes = {row[1]: row[9] for row in table(book["Personale"], "Settore")[1]}
    cut = notes[plan.staff[0].name]
    assert cut.endswith(TRUNCATION_MARK) and long.startswith(cut[:-len(TRUNCATION_MARK)])
    assert len(cut) == EXCEL_MAX_CHARS
    cut = notes[plan.staff[1].name]
    assert cut.endswith(TRUNCATION_MARK) and set(cut[:-len(TRUNCATION_MARK)]) == {"😀"}
    assert len(cut.encode("utf-16-le")) // 2 <= EXCEL_MAX_CHARS
    assert notes[plan.staff[2].name] == fits
    sector = book[plan.sectors[0].name]
    assert any(c.value and str(c.value).endswith(TRUNCATION_MARK)
               for row in sector.iter_rows() for c in row)
    assert all(sector.row_dimensions[r].height is None or sector.row_dimensions[r].height <= 409
               for r in sector.row_dimensions)


def test_a_big_plan_gets_one_matrix_block_per_sector(tmp_path):
    plan = read_plan(SAMPLE)
    plan.sectors[1].objectives = []  # staff and no objective: still a block
    sector = plan.sectors[0]
    for n in range(SINGLE_BLOCK_MAX_OBJECTIVES):
        indicator = Indicator("Indicatore", "1", "entro 31/12", "Cairo", ["Cairo"], None,
                              Record(sector.file, "Obiettivi", 100 + n))
        sector.objectives.append(Objective(
            f"AG.X{n}", None, sector.name, None, None, f"Obiettivo {n}", None, None, None,
            [indicator], indicator.record))
    reading = interpret(plan)
    book = openpyxl.load_workbook(write_consolidated(reading, tmp_path / "grande.xlsx"),
                                  data_only=True)
    ws = book["Matrice"]
    names = [s.name for s in reading.sectors]
    headings = [row[0] for row in ws.iter_rows(values_only=True, max_col=2)
                if row[0] in names and row[1] is None]
    assert headings == names
    assert ws.max_column <= 3 + len(sector.objectives)
    cairo = next(row for row in ws.iter_rows(values_only=True) if row[1] == "Cairo Micaela")
    assert cairo[2] == 5 + SINGLE_BLOCK_MAX_OBJECTIVES


def test_a_plan_with_no_ente_no_budget_and_no_findings(tmp_path):
    plan = read_plan(SAMPLE)
    plan.ente = plan.budget = None
    plan.findings = []
    book = openpyxl.load_workbook(write_consolidated(interpret(plan), tmp_path / "minimo.xlsx"))
    assert book.sheetnames[:len(SHEETS)] == list(SHEETS)
    assert book["Bilancio"]["A2"].value == "Il file del bilancio non è stato fornito."
    assert book["Verifiche"]["A2"].value == "Nessuna segnalazione."
