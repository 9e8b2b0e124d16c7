"""The draft deliberation beside the annex: written by ``build`` from the bundled sample,
reopened with python-docx and laid out by LibreOffice; it cites the plan's figures, the
council's acts typed in the ente workbook and the laws in force on the approval day."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from pianoperf_xl.cli import cli
from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.reference.laws import NBSP
from pianoperf_xl.write.deliberation import write_deliberation

from helpers import SAMPLE


@pytest.fixture(scope="module")
def plan():
    return read_plan(SAMPLE)


def text_of(path) -> str:
    document = docx.Document(str(path))
    parts = [document.element.body.xpath("string(.)")]
    parts += [s.header._element.xpath("string(.)") for s in document.sections]
    return "\n".join(parts).replace(NBSP, " ")


@pytest.fixture(scope="module")
def with_acts(tmp_path_factory):
    """The sample, with the «Delibera» sheet filled as the segreteria would."""
    folder = tmp_path_factory.mktemp("acts") / "calcinate"
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / "Ente.xlsx")
    sheet = book["Delibera"]
    values = {"Numero della delibera C.C. di approvazione del DUP": "7",
              "Data della delibera C.C. di approvazione del DUP": dt.datetime(2022, 1, 27),
              "Numero della delibera C.C. di approvazione del bilancio": "9",
              "Data della delibera C.C. di approvazione del bilancio": dt.datetime(2022, 2, 24),
              "Dipendenti in servizio (per la scelta PIAO / PIAO semplificato)": 19}
    for row in sheet.iter_rows():
        label = row[0].value
        if label in values:
            row[1].value = values.pop(label)
    assert not values, values
    book.save(folder / "Ente.xlsx")
    return folder


def test_build_writes_the_deliberation(with_acts, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(with_acts), "-o", str(out),
                                      "--delibera-numero", "31", "--delibera-data",
                                      "2022-03-15"])
    assert result.exit_code in (0, 1), result.output
    path = out / "piano-2022-delibera.docx"
    assert path.exists() and (out / "piano-2022-allegato-A.docx").exists()
    text = text_of(path)
    for expected in (
            "Comune di Calcinate (BG)", "Deliberazione della Giunta Comunale n. 31 del 15/03/2022",
            "OGGETTO: APPROVAZIONE DEL PIANO DELLA PERFORMANCE – PIANO DEGLI OBIETTIVI 2022",
            "deliberazione del Consiglio Comunale n. 7 del 27/01/2022",
            "Documento unico di programmazione (DUP) 2022-2024",
            "deliberazione del Consiglio Comunale n. 9 del 24/02/2022",
            "pareggia per l'esercizio 2022 in euro 5.115.600,00",
            "48 obiettivi misurati da 49 indicatori, assegnati a 5 settori",
            "19 persone", "titolari di posizione organizzativa",
            "art. 169 del D.Lgs. 18 agosto 2000, n. 267",
            "art. 6 del D.L. 9 giugno 2021, n. 80",
            "regolarità tecnica", "art. 49, comma 1", "Dott.ssa Gravallese Immacolata",
            "(Allegato A)", "Settore Affari Generali: Cairo Micaela",
            "immediatamente eseguibile ai sensi dell'art. 134, comma 4, del D.Lgs. 18 agosto "
            "2000, n. 267", "Amministrazione trasparente"):
        assert expected in text, expected
    # approved on 15/03/2022: the D.P.R. 81 and the D.M. 132 of 2022 came later
    assert "D.M. 30 giugno 2022" not in text and "D.P.R. 24 giugno 2022" not in text
    # the sample has an error: the draft is a BOZZA, as the annex
    assert "BOZZA" in text


def test_laws_follow_the_approval_day(plan, tmp_path):
    path = write_deliberation(interpret(plan), tmp_path / "d.docx",
                              delibera_data=dt.date(2022, 11, 10))
    text = text_of(path)
    assert "D.M. 30 giugno 2022, n. 132" in text and "D.P.R. 24 giugno 2022, n. 81" in text


def test_blanks_for_what_the_segreteria_has_not_typed(plan, tmp_path):
    clean = copy.copy(plan)
    clean.findings = [f for f in plan.findings if f.severity != "error"]
    text = text_of(write_deliberation(interpret(clean), tmp_path / "d.docx"))
    assert "deliberazione del Consiglio Comunale n. ____ del ________" in text
    assert "BOZZA" not in text


def test_piao_deliberation_says_which_form(with_acts, tmp_path):
    reading = interpret(read_plan(with_acts))
    text = text_of(write_deliberation(reading, tmp_path / "d.docx", piao=True,
                                      delibera_data=dt.date(2023, 3, 1)))
    assert "SOTTOSEZIONE 2.2 «PERFORMANCE»" in text
    assert "19 dipendenti" in text and "in forma semplificata" in text


def test_comune_word_model_is_used(plan, tmp_path):
    base = docx.Document()
    base.sections[0].header.paragraphs[0].text = "CARTA INTESTATA DEL COMUNE"
    base.save(tmp_path / "carta.docx")
    path = write_deliberation(interpret(plan), tmp_path / "d.docx", base=tmp_path / "carta.docx")
    assert "CARTA INTESTATA DEL COMUNE" in text_of(path)


def test_opens_in_libreoffice(soffice, with_acts, tmp_path):
    path = write_deliberation(interpret(read_plan(with_acts)), tmp_path / "delibera.docx",
                              delibera_data=dt.date(2022, 3, 15), delibera_numero="31")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "delibera.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "LA GIUNTA COMUNALE" in flat and "DELIBERA" in flat
    assert "5.115.600,00" in flat and "n. 7 del 27/01/2022" in flat
    assert "art. 134, comma 4" in flat


def test_council_acts_and_texts_reach_the_consolidated_workbook(with_acts, tmp_path):
    """Nothing lost: the «Testi» and «Delibera» rows are in «Organizzazione»."""
    from nothing_lost import lost_rows

    from pianoperf_xl.pipeline import build

    result = build(with_acts, tmp_path)
    walked: dict[str, int] = {}
    assert lost_rows(with_acts, result.report.findings,
                     tmp_path / "piano-2022-consolidato.xlsx", walked) == []
    sheet = openpyxl.load_workbook(tmp_path / "piano-2022-consolidato.xlsx")["Organizzazione"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Numero della delibera C.C. di approvazione del DUP" in values and "7" in values
    assert "POLITICHE AMBIENTALI E DI TUTELA DEL TERRITORIO" in values
