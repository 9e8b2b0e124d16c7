"""Carried-over objectives: the «Riportato da» mark, the fingerprints in _meta, and the
check objective-carried-over-untouched (fires on an objective returned as sent, is
silent once the row is updated or the mark cleared), through a real spreadsheet save."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from pianoperf_xl import spec as specs
from pianoperf_xl.carryover import META_KEY, fingerprint, mark
from pianoperf_xl.checks.objectives import untouched_carry_overs
from pianoperf_xl.codes import CODES
from pianoperf_xl.interpret import interpret
from pianoperf_xl.office import convert
from pianoperf_xl.read import read_plan
from pianoperf_xl.read.workbook import Workbook
from pianoperf_xl.write.templates import write_template

from helpers import reading_of

FIRST = [
    {"codice": "AG.01", "area": "CULTURA", "obiettivo": "Rassegna estiva",
     "indicatore": "Numero di serate", "target": "6", "scadenza": "entro 31/08",
     "personale": "Rossi", "peso": 0.6, "riportato": mark(2022)},
    {"indicatore": "Partecipanti", "target": "300", "scadenza": "entro 31/08",
     "personale": "Rossi", "riportato": mark(2022)},
]
SECOND = [{"codice": "AG.02", "obiettivo": "Nuovo regolamento", "scadenza": "entro 30/06",
           "target": "approvazione", "personale": "Rossi", "peso": 0.4,
           "riportato": mark(2022)}]


def write_sector(folder, rows=None, meta=None):
    fill = {"Settore": {"ente": "Comune di Prova", "settore": "Settore Affari Generali",
                        "responsabile": "Rossi Mario"},
            "Personale": [{"nome": "Rossi Mario", "categoria": "D1",
                           "rapporto": "dipendente"}],
            "Obiettivi": rows if rows is not None else FIRST + SECOND}
    meta = meta if meta is not None else [(META_KEY, fingerprint(FIRST)),
                                          (META_KEY, fingerprint(SECOND))]
    folder.mkdir(exist_ok=True)
    return write_template(specs.spec_for("settore", 2023), folder / "settore.xlsx", fill,
                          meta=meta)


def untouched(folder):
    plan = read_plan(folder)
    assert plan.findings == []
    return [(f.cell, f.value) for f in untouched_carry_overs(interpret(plan))]


def test_code_is_registered_in_the_objective_family():
    assert CODES["objective-carried-over-untouched"].family == "objective"


def test_the_mark_is_the_last_column_of_the_objectives_sheet():
    sheet = specs.spec_for("settore", 2023).sheet("Obiettivi")
    assert sheet.columns[-1].key == "riportato"
    assert sheet.columns[-1].label == "Riportato da" and not sheet.columns[-1].required


def test_fingerprints_are_read_from_the_hidden_meta_sheet(tmp_path):
    path = write_sector(tmp_path / "in")
    assert Workbook(path).meta().carried == {fingerprint(FIRST), fingerprint(SECOND)}
    assert read_plan(tmp_path / "in").sectors[0].carried == {fingerprint(FIRST),
                                                             fingerprint(SECOND)}


def test_objectives_returned_as_sent_are_flagged_at_their_mark(tmp_path):
    write_sector(tmp_path / "in")
    assert untouched(tmp_path / "in") == [("M5", "piano 2022"), ("M7", "piano 2022")]


def test_message_names_the_objective_and_says_what_to_do(tmp_path):
    write_sector(tmp_path / "in")
    finding = next(iter(untouched_carry_overs(reading_of(tmp_path / "in"))))
    assert finding.severity == "warning" and finding.sheet == "Obiettivi"
    assert "AG.01 «Rassegna estiva»" in finding.message and "piano 2022" in finding.message
    assert "cancellare la cella «Riportato da»" in finding.hint


@pytest.mark.parametrize("change", [
    {"target": "8"},  # an updated target
    {"scadenza": "entro 31/08/2023"},  # an updated deadline
    {"personale": "Rossi, Bianchi"},  # staff added
    {"riportato": None},  # the mark cleared: confirmed as is
])
def test_a_touched_or_confirmed_objective_is_not_flagged(tmp_path, change):
    first = [FIRST[0], {**FIRST[1], **change}] if change != {"riportato": None} else [
        {**FIRST[0], **change}, FIRST[1]]
    write_sector(tmp_path / "in", rows=first + SECOND)
    assert untouched(tmp_path / "in") == [("M7", "piano 2022")]


def test_a_removed_indicator_row_is_a_change(tmp_path):
    write_sector(tmp_path / "in", rows=FIRST[:1] + SECOND)
    assert untouched(tmp_path / "in") == [("M6", "piano 2022")]


def test_marked_rows_without_fingerprints_are_not_judged(tmp_path):
    write_sector(tmp_path / "in", meta=[])
    assert untouched(tmp_path / "in") == []


def test_saving_in_a_spreadsheet_keeps_the_fingerprints(tmp_path, soffice):
    """A head who opens the workbook and saves it without changes: still untouched; the
    same head who then changes one target: that objective is touched."""
    path = write_sector(tmp_path / "sent")
    saved = tmp_path / "returned"
    saved.mkdir()
    shutil.copyfile(convert(path, "xlsx", tmp_path / "lo"), saved / "settore.xlsx")
    assert untouched(saved) == [("M5", "piano 2022"), ("M7", "piano 2022")]
    book = openpyxl.load_workbook(saved / "settore.xlsx")
    book["Obiettivi"]["F7"] = "approvazione in Consiglio"
    book.save(saved / "settore.xlsx")
    assert untouched(saved) == [("M5", "piano 2022")]
