"""The evaluation round's outputs (write/evaluation): the schede and the private workbook
in one folder, the public tables in another; the public ones name nobody and show no
line of fewer people than the threshold, not even by difference; the schede's figures
are the workbook's, also once LibreOffice has recalculated it."""

from __future__ import annotations

import csv
import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pianoperf_xl import office
from pianoperf_xl.codes import emit
from pianoperf_xl.evaluation.run import run_evaluation
from pianoperf_xl.findings import Location
from pianoperf_xl.write.evaluation import write_evaluation
from pianoperf_xl.write.evaluation import layout as L
from pianoperf_xl.write.evaluation.disclosure import PRIMARY, hidden_lines
from pianoperf_xl.write.evaluation.public import SECONDARY_MARK, primary_mark

from cases import EVALUATION_NAMES, evaluation_case
from helpers import ROOT, cached_values, document_text

PRIVATE, PUBLIC = "RISERVATO-valutazioni-2022", "PUBBLICO-trasparenza-premi-2022"
WORKBOOK = "RISERVATO-valutazioni-2022.xlsx"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("valutazione")
    write_evaluation(evaluation_case(), out)
    return out


def italian(text: str) -> Decimal:
    """«3.333,33 €», «93,00», «50%» -> Decimal."""
    return Decimal(text.replace("€", "").replace("%", "").replace(".", "")
                   .replace(",", ".").strip())


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel opens it
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def people_rows(path: Path) -> dict[str, dict[str, object]]:
    """«Persone» of the private workbook: name -> {column key: value}."""
    ws = openpyxl.load_workbook(path, data_only=True)[L.PEOPLE.name]
    headers = [c.value for c in ws[L.HEADER_ROW + 1]]
    assert headers == [c.header for c in L.PEOPLE.columns]
    rows = {}
    for row in ws.iter_rows(min_row=L.FIRST + 1, values_only=True):
        if row[0]:
            rows[row[0]] = {c.key: v for c, v in zip(L.PEOPLE.columns, row)}
    return rows


# -- folders ----------------------------------------------------------------------------


def test_private_and_public_outputs_are_in_two_folders(written):
    assert sorted(p.name for p in written.iterdir()) == [PUBLIC, PRIVATE]
    private = sorted(p.name for p in (written / PRIVATE).iterdir())
    assert private == sorted([WORKBOOK] + [f"scheda-2022-{s} {g}.docx"
                                           for s, g in EVALUATION_NAMES[:-1]])
    assert sorted(p.name for p in (written / PUBLIC).iterdir()) == [
        "trasparenza-premi-2022-ammontare.csv", "trasparenza-premi-2022-distribuzione.csv",
        "trasparenza-premi-2022.xlsx"]


def test_a_new_run_removes_the_schede_of_people_no_longer_there(tmp_path):
    case = evaluation_case()
    write_evaluation(case, tmp_path)
    case.people = case.people[1:]
    written = write_evaluation(case, tmp_path)
    names = {p.name for p in (tmp_path / PRIVATE).iterdir()}
    assert "scheda-2022-Cairo Micaela.docx" not in names
    assert len(names) == 14 and {p.name for p in written} >= names
    assert not list(tmp_path.rglob(".pianoperf-in-corso-*"))


# -- what is public ---------------------------------------------------------------------


def public_texts(folder: Path) -> list[str]:
    """Every text a reader of the public files sees: cells, sheet names, CSV lines,
    document paragraphs and cells, and the files' properties."""
    texts: list[str] = []
    for path in sorted(folder.iterdir()):
        texts.append(path.name)
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            props = book.properties
            texts += [str(getattr(props, k) or "") for k in (
                "title", "subject", "creator", "keywords", "description", "lastModifiedBy",
                "category")]
            for ws in book.worksheets:
                texts.append(ws.title)
                texts += [str(c.value) for row in ws.iter_rows() for c in row
                          if c.value is not None]
        elif path.suffix == ".csv":
            texts += path.read_text(encoding="utf-8-sig").splitlines()
        elif path.suffix == ".docx":
            texts += document_text(path)
            props = docx.Document(path).core_properties
            texts += [str(getattr(props, k) or "") for k in (
                "title", "subject", "author", "keywords", "comments", "last_modified_by",
                "category")]
        else:
            raise AssertionError(f"file pubblico inatteso: {path.name}")
    return texts


def test_no_public_file_names_anyone(written):
    texts = "\n".join(public_texts(written / PUBLIC))
    assert "Dipendenti area tecnica" in texts and "Totale ente" in texts  # it was read
    named = [name for pair in EVALUATION_NAMES for name in pair
             if re.search(rf"\b{re.escape(name)}\b", texts, re.IGNORECASE)]
    assert named == []


def test_no_public_figure_is_one_persons_bonus(written):
    bonuses = {p.bonus for p in evaluation_case().people if p.bonus > 0}
    spelled = {f for b in bonuses for f in (f"{b}", f"{b}".replace(".", ","),
                                            f"{b:,}".replace(",", "X").replace(".", ",")
                                            .replace("X", "."))}
    texts = public_texts(written / PUBLIC)
    assert [t for t in texts if any(s in t for s in spelled)] == []
    for path in (written / PUBLIC).glob("*.xlsx"):
        numbers = [c.value for ws in openpyxl.load_workbook(path).worksheets
                   for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
        assert numbers and [n for n in numbers if any(abs(Decimal(str(n)) - b) < Decimal("0.005")
                                                      for b in bonuses)] == []


def test_the_small_group_and_its_complements_are_left_out(written):
    mark, secondary = primary_mark(3), SECONDARY_MARK
    amounts = {r["gruppo"]: r for r in csv_rows(
        written / PUBLIC / "trasparenza-premi-2022-ammontare.csv")}
    assert amounts["Titolari di E.Q."]["premi_distribuiti"] == "n.d."  # two people
    assert amounts["Titolari di E.Q."]["omissione"] == mark
    # Shown, the administrative area would give the E.Q. by difference from the ente.
    assert amounts["Dipendenti area amministrativa"]["omissione"] == secondary
    assert {amounts["Dipendenti area amministrativa"][k] for k in (
        "persone", "premi_stanziati", "premi_distribuiti", "non_distribuiti")} == {"n.d."}
    assert [amounts["Dipendenti area tecnica"][k] for k in (
        "persone", "premi_stanziati", "premi_distribuiti", "non_distribuiti")] == [
        "8", "9000,00", "8999,98", "0,02"]
    assert [amounts["Totale ente"][k] for k in (
        "persone", "premi_stanziati", "premi_distribuiti", "non_distribuiti")] == [
        "14", "19000,00", "18999,96", "0,04"]
    rows = csv_rows(written / PUBLIC / "trasparenza-premi-2022-distribuzione.csv")
    tech = {r["fascia"]: r for r in rows if r["gruppo"] == "Dipendenti area tecnica"}
    assert [tech["da 90 a 100"][k] for k in ("persone", "percentuale_persone", "premio_medio",
                                             "differenza_premi")] == [
        "4", "50,00", "1259,17", "825,69"]  # (1.651,37 + 825,68 + 1.321,10 + 1.238,53) / 4
    # One below the threshold: left out; the band of three beside it too, or the total
    # of the group less the bands shown would give it.
    assert tech["Sotto la soglia minima (nessun premio)"]["omissione"] == mark
    assert tech["da 75 a 89,99"]["omissione"] == secondary
    assert tech["da 75 a 89,99"]["premio_medio"] == "n.d."
    assert tech["da 60 a 74,99"]["persone"] == "0"
    assert [tech["Totale del gruppo"][k] for k in ("persone", "premio_medio")] == ["8", "1125,00"]
    # Of the E.Q., not even which bands are empty.
    assert {(r["persone"], r["omissione"]) for r in rows
            if r["gruppo"] == "Titolari di E.Q."} == {("n.d.", mark)}
    assert {r["avvertenze"] for r in rows} == {""}
    ente = next(r for r in rows if r["gruppo"] == "Totale ente")
    assert [ente[k] for k in ("persone", "premio_medio", "differenza_premi")] == [
        "14", "1357,14", "2507,65"]


def _shown(value: str) -> int | None:
    return None if value.startswith("n.d.") else int(value)


def test_no_hidden_line_can_be_worked_out_from_the_public_files(written):
    """Read back from the CSV: under every total shown, the lines left out are none, or
    at least two describing together at least the threshold."""
    rows = csv_rows(written / PUBLIC / "trasparenza-premi-2022-distribuzione.csv")
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["gruppo"], []).append(row)
    amounts = csv_rows(written / PUBLIC / "trasparenza-premi-2022-ammontare.csv")
    relations = [([_shown(r["persone"]) for r in lines[:-1]], _shown(lines[-1]["persone"]))
                 for name, lines in groups.items() if name != "Totale ente"]
    relations.append(([_shown(r["persone"]) for r in amounts[:-1]],
                      _shown(amounts[-1]["persone"])))
    checked = 0
    for parts, total in relations:
        visible = [n for n in parts if n is not None]
        assert all(n == 0 or n >= 3 for n in visible)
        hidden = len(parts) - len(visible)
        if total is not None:
            assert hidden == 0 or (hidden >= 2 and total - sum(visible) >= 3)
            checked += hidden > 0
        else:
            assert hidden >= 1
    assert checked >= 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), min_size=1, max_size=5), min_size=1, max_size=5),
       st.integers(2, 5))
def test_suppression_leaves_no_line_deducible(groups, threshold):
    people = {("band", g, b): n for g, bands in enumerate(groups) for b, n in enumerate(bands)}
    people.update({("group", g): sum(bands) for g, bands in enumerate(groups)})
    people["ente"] = sum(map(sum, groups))
    relations = [([("band", g, b) for b in range(len(bands))], ("group", g))
                 for g, bands in enumerate(groups)]
    relations.append(([("group", g) for g in range(len(groups))], "ente"))
    hidden = hidden_lines(people, relations, threshold)
    assert all(people[k] == 0 or people[k] >= threshold for k in people if k not in hidden)
    under_small = {total for parts, total in relations if 0 < people[total] < threshold}
    for _ in relations:  # and the lines under those, at any depth
        under_small |= {k for parts, total in relations if total in under_small for k in parts}
    assert all(hidden[k] != PRIMARY or 0 < people[k] < threshold or k in under_small
               for k in hidden)
    for parts, total in relations:
        inside = [k for k in parts if k in hidden]
        if total not in hidden:
            assert not inside or (len(inside) >= 2
                                  and sum(people[k] for k in inside) >= threshold)
        else:
            assert inside or all(people[k] == 0 for k in parts)


def test_the_private_files_name_each_person(written):
    people = people_rows(written / PRIVATE / WORKBOOK)
    for surname, given_name in EVALUATION_NAMES[:-1]:
        name = f"{surname} {given_name}"
        assert name in people
        text = document_text(written / PRIVATE / f"scheda-2022-{name}.docx")
        assert any(name in t for t in text)


# -- the schede and the workbook --------------------------------------------------------


def scheda_figures(path: Path) -> dict[str, object]:
    doc = docx.Document(path)
    who, results, behaviours, outcome = doc.tables[:4]
    text = lambda row: [c.text for c in row.cells]  # noqa: E731
    values = dict(text(r) for r in who.rows)
    out = dict(text(r) for r in outcome.rows[1:])
    return {
        "name": who.rows[0].cells[1].text, "sector": values["Settore"],
        "group": values["Gruppo di valutazione"],
        "objectives": [text(r) for r in results.rows[1:-1]],
        "results_row": text(results.rows[-1])[-1],
        "behaviours": [text(r) for r in behaviours.rows[1:-1]],
        "behaviours_row": text(behaviours.rows[-1])[-1],
        "outcome": out,
    }


def _score(text: str) -> Decimal | None:
    return None if text == "non valutato" else italian(text)


def test_each_scheda_shows_the_workbooks_figures(written):
    assert_schede_match_the_workbook(written)


def assert_schede_match_the_workbook(written: Path) -> None:
    """Every person of the private workbook has a scheda with the workbook's figures."""
    people = people_rows(written / PRIVATE / WORKBOOK)
    assert people
    book = openpyxl.load_workbook(written / PRIVATE / WORKBOOK, data_only=True)
    objectives = [r for r in book[L.OBJECTIVES.name].iter_rows(min_row=L.FIRST + 1,
                                                               values_only=True) if r[0]]
    behaviours = [r for r in book[L.BEHAVIOURS.name].iter_rows(min_row=L.FIRST + 1,
                                                               values_only=True) if r[0]]
    for name, row in people.items():
        s = scheda_figures(written / PRIVATE / f"scheda-2022-{name}.docx")
        assert (s["name"], s["sector"], s["group"]) == (name, row["sector"], row["group"])
        total_label = next(k for k in s["outcome"] if k.startswith("Punteggio totale"))
        for key, shown in (("results", s["results_row"]), ("behaviours", s["behaviours_row"]),
                           ("total", s["outcome"][total_label])):
            assert _score(shown) == (None if row[key] is None
                                     else Decimal(str(row[key])).quantize(Decimal("0.01")))
        assert italian(s["outcome"]["Premio"]) == Decimal(str(row["bonus"])).quantize(
            Decimal("0.01"))
        coefficient = s["outcome"]["Coefficiente della fascia"]
        assert (None if coefficient == "–" else italian(coefficient)) == (
            None if row["coefficient"] is None else Decimal(str(row["coefficient"])))
        mine = [r for r in objectives if r[0] == name]
        assert [(o[0], o[1]) for o in s["objectives"]] == [(r[2], r[3]) for r in mine]
        for shown, r in zip(s["objectives"], mine):
            assert (shown[-1] == "non misurato") == (r[5] is None)
            if r[5] is not None:
                assert italian(shown[-1]) == Decimal(str(r[5] * 100)).quantize(Decimal("0.01"))
        mine = [r for r in behaviours if r[0] == name]
        assert [(b[0], italian(b[1]) / 100) for b in s["behaviours"]] == [
            (r[2], Decimal(str(r[3]))) for r in mine]
        assert [None if b[2] == "non valutato" else italian(b[2]) for b in s["behaviours"]] == [
            None if r[4] is None else Decimal(str(r[4])) for r in mine]


def test_scheda_of_a_person_not_evaluated_and_not_measured(written):
    luca = scheda_figures(written / PRIVATE / "scheda-2022-De Luca Giorgio.docx")
    assert luca["behaviours_row"] == "non valutato"
    assert luca["outcome"]["Fascia"] == "non valutato: nessun premio"
    assert luca["outcome"]["Premio"] == "0,00 €"
    assert [o[-1] for o in luca["objectives"]] == ["95%", "non misurato"]
    text = document_text(written / PRIVATE / "scheda-2022-Fontana Luca.docx")
    assert "sotto la soglia minima: nessun premio" in text
    assert "Per presa visione, il dipendente: Fontana Luca" in text
    assert "Data del colloquio: 15/03/2023" in text


def test_the_workbook_adds_up_to_the_funds_once_libreoffice_recalculates(written, tmp_path,
                                                                          soffice):
    path = written / PRIVATE / WORKBOOK
    ours = cached_values(path)
    theirs = cached_values(office.convert(path, "xlsx", tmp_path))
    formulas = openpyxl.load_workbook(path)
    compared = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    mine = ours[ws.title].get(cell.coordinate)
                    recalculated = theirs[ws.title].get(cell.coordinate)
                    if isinstance(mine, (int, float)):
                        assert recalculated == pytest.approx(mine, abs=1e-6), cell.coordinate
                    else:
                        assert (recalculated or None) == (mine or None), cell.coordinate
                    compared += 1
    assert compared > 100
    funds = theirs[L.FUNDS.name]
    s = L.FUNDS
    col = lambda key: openpyxl.utils.get_column_letter(s.col(key) + 1)  # noqa: E731
    for r in range(L.FIRST + 1, L.FIRST + 5):  # three groups and the total
        assert funds[f"{col('check')}{r}"] == L.CHECK_OK
        assert Decimal(str(funds[f"{col('paid')}{r}"])) + Decimal(
            str(funds[f"{col('remainder')}{r}"])) == Decimal(str(funds[f"{col('fund')}{r}"]))
    assert funds[f"{col('group')}{L.FIRST + 4}"] == L.TOTAL
    assert funds[f"{col('fund')}{L.FIRST + 4}"] == 19000
    assert funds[f"{col('paid')}{L.FIRST + 4}"] == pytest.approx(18999.96)
    bonuses = [r["bonus"] for r in people_rows(path).values()]
    assert sum(Decimal(str(b)) for b in bonuses) == Decimal("18999.96")


def test_a_fund_that_does_not_add_up_shows_on_its_check(tmp_path):
    case = evaluation_case()
    case.funds[1] = dataclasses.replace(case.funds[1], remainder=Decimal("1.02"))
    write_evaluation(case, tmp_path)
    book = openpyxl.load_workbook(tmp_path / PRIVATE / WORKBOOK, data_only=True)
    checks = [r[L.FUNDS.col("check")] for r in book[L.FUNDS.name].iter_rows(
        min_row=L.FIRST + 1, values_only=True) if r[0]]
    assert checks == [L.CHECK_OK, L.CHECK_WRONG, L.CHECK_OK, L.CHECK_WRONG]


# -- marks and the comune's Word model ----------------------------------------------------


def test_invented_data_and_drafts_are_marked_everywhere(tmp_path):
    error = emit("file-unreadable", "Il file non si apre.", Location("x.xlsx"))
    write_evaluation(evaluation_case(invented=True, findings=[error]), tmp_path)
    scheda = tmp_path / PRIVATE / "scheda-2022-Verdi Anna.docx"
    text = document_text(scheda)
    assert any("DATI INVENTATI" in t for t in text)
    assert any(t.startswith("BOZZA: le verifiche hanno segnalato 1 errore") for t in text)
    header = docx.Document(scheda).sections[0].header.paragraphs[0].text
    assert header.startswith("BOZZA") and "DATI INVENTATI" in header and "RISERVATO" in header
    for path in (tmp_path / PRIVATE / WORKBOOK, tmp_path / PUBLIC / "trasparenza-premi-2022.xlsx"):
        for ws in openpyxl.load_workbook(path).worksheets:
            assert "DATI INVENTATI" in str(ws["A3"].value), (path.name, ws.title)
            assert "BOZZA" in str(ws["A3"].value), (path.name, ws.title)


def test_the_comunes_word_model_is_used(tmp_path):
    base = docx.Document()
    base.styles["Normal"].font.size = docx.shared.Pt(12)
    base.sections[0].header.paragraphs[0].text = "CARTA INTESTATA DEL COMUNE DI PROVA"
    base.save(tmp_path / "carta.docx")
    write_evaluation(evaluation_case(), tmp_path / "out", base_docx=tmp_path / "carta.docx")
    doc = docx.Document(tmp_path / "out" / PRIVATE / "scheda-2022-Verdi Anna.docx")
    assert doc.styles["Normal"].font.size == docx.shared.Pt(12)
    assert doc.sections[0].header.paragraphs[0].text == "CARTA INTESTATA DEL COMUNE DI PROVA"
    assert doc.tables[0].rows[0].cells[1].text == "Verdi Anna"


def test_the_schede_also_as_pdf_a(tmp_path, soffice):
    from pianoperf_xl.write.annex import pdfa_part

    case = evaluation_case()
    case.people = case.people[:1]
    written = write_evaluation(case, tmp_path, pdf=True)
    pdf = tmp_path / PRIVATE / "scheda-2022-Cairo Micaela.pdf"
    assert pdf in written and pdfa_part(pdf) == 2


def test_awkward_rounds_are_written_whole(tmp_path):
    """Nobody evaluated yet; two people of the same name; a name a file cannot hold."""
    empty = evaluation_case()
    empty.people = []
    written = write_evaluation(empty, tmp_path / "vuota")
    assert [p.name for p in written] == [WORKBOOK, "trasparenza-premi-2022.xlsx",
                                         "trasparenza-premi-2022-ammontare.csv",
                                         "trasparenza-premi-2022-distribuzione.csv"]
    case = evaluation_case()
    twin = dataclasses.replace(case.people[2], sector="Settore Finanziario")
    odd = dataclasses.replace(case.people[3], name="Neri/Paolo: «=1+1»")
    case.people = [case.people[2], twin, odd]
    write_evaluation(case, tmp_path / "strana")
    names = sorted(p.name for p in (tmp_path / "strana" / PRIVATE).glob("*.docx"))
    assert names == ["scheda-2022-Neri Paolo «=1+1».docx", "scheda-2022-Verdi Anna (2).docx",
                     "scheda-2022-Verdi Anna.docx"]
    people = openpyxl.load_workbook(tmp_path / "strana" / PRIVATE / WORKBOOK)[L.PEOPLE.name]
    assert people.cell(L.FIRST + 3, 1).value == "Neri/Paolo: «=1+1»"  # text, not a formula


# -- the bundled sample, through the command's library function -----------------------


@pytest.fixture(scope="module")
def sample_written(tmp_path_factory):
    out = tmp_path_factory.mktemp("esempio")
    samples = ROOT / "samples"
    evaluation, _report, _paths = run_evaluation(
        samples / "calcinate-2022-valutazione", samples / "calcinate-2022",
        samples / "calcinate-2022-consuntivo", out)
    return evaluation, out


def test_the_sample_gives_everyone_a_scheda_equal_to_the_workbook(sample_written):
    evaluation, out = sample_written
    assert evaluation.invented and len(evaluation.people) == 19
    names = {f"scheda-2022-{p.name}.docx" for p in evaluation.people}
    assert names <= {p.name for p in (out / PRIVATE).iterdir()}
    assert set(people_rows(out / PRIVATE / WORKBOOK)) == {p.name for p in evaluation.people}
    assert_schede_match_the_workbook(out)


def test_the_samples_amounts_add_up_to_each_fund(sample_written):
    evaluation, out = sample_written
    for split in evaluation.funds:
        paid = sum((p.bonus for p in evaluation.people if p.group == split.group), Decimal(0))
        assert paid == split.paid and split.paid + split.remainder == split.fund
        assert split.remainder >= 0
    book = openpyxl.load_workbook(out / PRIVATE / WORKBOOK, data_only=True)
    checks = [r[L.FUNDS.col("check")] for r in book[L.FUNDS.name].iter_rows(
        min_row=L.FIRST + 1, values_only=True) if r[0]]
    assert checks and set(checks) == {L.CHECK_OK}


def test_the_samples_public_files_name_nobody(sample_written):
    evaluation, out = sample_written
    texts = "\n".join(public_texts(out / PUBLIC))
    assert "Totale ente" in texts and "DATI INVENTATI" in texts.upper()
    words = {w for p in evaluation.people for w in p.name.split() if len(w) > 2}
    named = [w for w in words if re.search(rf"\b{re.escape(w)}\b", texts, re.IGNORECASE)]
    assert named == []
    bonuses = {f"{p.bonus}".replace(".", ",") for p in evaluation.people if p.bonus > 0}
    assert not [t for t in public_texts(out / PUBLIC) for b in bonuses if b in t]
