"""The age bands have one name each (issue 13, point 10): the ente template, the Allegato A,
the check's message and the code's description all read it from the spec, where «oltre 65»
is said as «66 anni e oltre» so that the bands cannot overlap with «30-65 anni»."""

from __future__ import annotations

import datetime as dt

from pianoperf_xl import spec as specs
from pianoperf_xl.checks.context import check_age_bands_total
from pianoperf_xl.codes import CODES
from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.spec.ente import AGE_BANDS
from pianoperf_xl.write.annex import write_annex

from helpers import SAMPLE, document_text, run_checks, write_workbook

POPULATION = "Popolazione"


def template_labels() -> list[str]:
    sheet = specs.spec_for("ente", 2022).sheet(POPULATION)
    return [sheet.field(key).label for key, _, _ in AGE_BANDS]


def test_the_bands_meet_without_overlapping():
    years = [band for _, band, _ in AGE_BANDS]
    assert years == ["0-6 anni", "7-14 anni", "15-29 anni", "30-65 anni", "66 anni e oltre"]
    assert template_labels()[-1] == "In età senile (66 anni e oltre)"


def test_the_annex_prints_the_template_labels(tmp_path):
    plan = read_plan(SAMPLE)
    path = write_annex(interpret(plan), tmp_path / "allegato.docx",
                       delibera_numero="12", delibera_data=dt.date(2022, 3, 15))
    text = document_text(path)
    for label in template_labels():
        assert label in text, label
    assert not any("oltre 65" in line for line in text)


def test_the_check_and_the_code_name_the_same_bands():
    description = CODES["context-age-bands-total"].description
    assert all(band in description for _, band, _ in AGE_BANDS)
    assert "oltre 65" not in description


def test_the_message_names_the_bands_as_the_template(tmp_path):
    folder = tmp_path / "plan"
    folder.mkdir()
    write_workbook("ente", {"Popolazione": {
        "anno_bilancio": 2021, "popolazione_inizio": 1000, "nati": 0, "deceduti": 0,
        "immigrati": 0, "emigrati": 0, "popolazione_fine": 1000, "eta_0_6": 1,
        "eta_7_14": 1, "eta_15_29": 1, "eta_30_65": 1, "eta_oltre_65": 1}}, folder)
    (finding,) = run_checks(read_plan(folder), [check_age_bands_total])
    assert "30-65 anni 1 + 66 anni e oltre 1 = 5" in finding.message
