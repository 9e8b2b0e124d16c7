"""Nothing lost: every non-empty row of the sample reaches the consolidated workbook or a
finding; the inputs are never modified; building twice gives the same outputs.

The broken inputs get the same treatment through the command line in
test_broken_cli.py; tests/nothing_lost.py walks the input files on its own.
"""

from __future__ import annotations

import decimal
import shutil

import openpyxl
import pytest

from pianoperf_xl.interpret import interpret
from pianoperf_xl.pipeline import build, check_folder
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.consolidated import write_consolidated
from pianoperf_xl.write.cells import EXCEL_MAX_CHARS, TRUNCATION_MARK

from helpers import SAMPLE, SCRIPT, digests, document_text, same_outputs
from nothing_lost import lost_rows


# -- the sample ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    before = digests(SAMPLE)
    out = tmp_path_factory.mktemp("sample-build")
    result = build(SAMPLE, out)
    return result, out, before


def test_every_row_of_the_sample_reaches_the_consolidated_workbook(sample_build):
    result, out, _ = sample_build
    walked: dict[str, int] = {}
    lost = lost_rows(SAMPLE, result.report.findings, out / "piano-2022-consolidato.xlsx",
                     walked)
    assert lost == [], "\n".join(lost)
    # the walk really walked: seven workbooks, every staff member, indicator, budget line
    assert walked["files"] == 7 and walked["files_not_read"] == 0
    assert walked["rows"] > 200 and walked["values"] > 800


def test_building_never_modifies_the_inputs(sample_build):
    _, _, before = sample_build
    assert digests(SAMPLE) == before


def test_building_twice_gives_the_same_outputs(sample_build, tmp_path):
    _, first, _ = sample_build
    build(SAMPLE, tmp_path)
    same_outputs(first, tmp_path, "piano-2022-consolidato.xlsx", "piano-2022-allegato-A.docx")
    assert (first / "piano-2022-verifiche.json").read_bytes() == \
        (tmp_path / "piano-2022-verifiche.json").read_bytes()


# -- the walk finds what is lost --------------------------------------------------------


def test_the_walk_names_every_lost_value(tmp_path):
    """The helper is not blind: values dropped or changed between the input and the
    consolidated workbook are each named with file, sheet, row, cell and value."""
    plan = check_folder(SAMPLE).plan
    person = next(p for p in plan.staff if p.profile)
    person.profile = None
    del plan.ente.bodies[1]
    revenue = next(line for line in plan.budget.revenue if line.amounts.get(2023))
    revenue.amounts[2023] = decimal.Decimal(123)  # equal to the other years before
    plan.ente.province = "MI"
    indicator = next(i for i in plan.sectors[2].indicators if i.deadline == "costante")
    indicator.deadline = "entro il 31/12"  # "costante" is judged by a check, not dropped
    lost = lost_rows(SAMPLE, plan.findings, write_consolidated(interpret(plan), tmp_path / "x.xlsx"))
    text = "\n".join(lost)
    assert f"«{person.record.file}» › «Personale» riga {person.record.row}" in text
    assert f"B{person.record.row}='{read_plan(SAMPLE).staff[plan.staff.index(person)].profile}'" \
        in text
    assert "«Ente.xlsx» › «Organi» riga 6" in text
    assert f"«Bilancio.xlsx» › «Entrate» riga {revenue.record.row}" in text
    assert "«Ente.xlsx» › «Ente» riga 6: non è in «Sintesi / Contesto / Organizzazione» " \
           "(mancano B6='BG')" in text
    assert f"«{indicator.record.file}» › «Obiettivi» riga {indicator.record.row}" in text
    assert f"G{indicator.record.row}='costante'" in text
    # each loss once per place it should be: Personale and the sector's own sheet
    assert len(lost) == 2 + 1 + 1 + 1 + 2


def test_a_file_nobody_explains_is_lost(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SAMPLE / "Settore Polizia Locale.xlsx", folder / "a.xlsx")
    plan = check_folder(folder)
    assert lost_rows(folder, plan.findings, None) == [
        "«a.xlsx»: nessun documento consolidato, e nessuna segnalazione dice perché il "
        "file non è stato letto"]


# -- what the reader used to drop -------------------------------------------------------


def test_weight_missione_programme_on_an_indicator_row_are_never_dropped(tmp_path):
    """An indicator row with a weight, missione or programma of its own (not the
    objective's) used to be taken for one more indicator of the objective above, and
    its values were dropped: it is now a row of its own, reported as an objective
    without text, and every value reaches the consolidated workbook."""
    folder = tmp_path / "in"
    folder.mkdir()
    objectives = [
        {"codice": "TR.01", "obiettivo": "Recupero IMU", "indicatore": "Avvisi", "peso": 0.5,
         "missione": "01", "personale": "Rossi"},
        {"indicatore": "Incassi", "peso": 0.5, "missione": "01", "personale": "Rossi"},
        {"indicatore": "Rimborsi", "peso": 0.25, "missione": "01",
         "programma": "01.04", "personale": "Rossi"},
    ]
    SCRIPT.template(folder, "Tributi.xlsx", {**SCRIPT.FILL, "Obiettivi": objectives})
    plan = check_folder(folder).plan
    [sector] = plan.sectors
    assert [len(o.indicators) for o in sector.objectives] == [2, 1]  # same values: continues
    assert (sector.objectives[1].weight, sector.objectives[1].programme) == (
        decimal.Decimal("0.25"), "01.04")
    [missing] = [f for f in plan.findings if f.code == "objective-missing-text"]
    assert missing.cell == "D7" and "peso, missione e programma" in missing.message
    assert lost_rows(folder, plan.findings,
                     write_consolidated(interpret(plan), tmp_path / "piano.xlsx")) == []


def test_values_in_a_column_without_a_header_are_reported(tmp_path):
    """A value typed right of the table, where the template has no column, or under a
    header cleared by merging it with the next one, is reported, never ignored."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = SCRIPT.template(folder, "Tributi.xlsx", SCRIPT.FILL)
    SCRIPT.edit_zip(path, {SCRIPT.SETTORE_PARTS["Personale"]: SCRIPT.chain(*(
        SCRIPT.sub(rf'(<row r="{r}"[^>]*>.*?)</row>',
                   rf'\1{SCRIPT.inline(f"J{r}", f"telefono 035 {r}")}</row>')
        for r in (5, 6)))})
    book = openpyxl.load_workbook(path)
    book["Obiettivi"].merge_cells("F4:G4")  # «Target» and «Scadenza»: «Scadenza» cleared
    book.save(path)
    plan = check_folder(folder).plan
    unknown = [(f.sheet, f.cell, f.message) for f in plan.findings if f.code == "column-unknown"]
    assert unknown == [
        ("Personale", "J5", "Nel foglio «Personale» la colonna J non ha intestazione: i suoi "
                            "2 valori non sono stati usati."),
        ("Obiettivi", "G5", "Nel foglio «Obiettivi» la colonna G non ha intestazione: i suoi "
                            "1 valori non sono stati usati.")]
    assert "column-missing" in {f.code for f in plan.findings}  # «Scadenza»
    assert lost_rows(folder, plan.findings,
                     write_consolidated(interpret(plan), tmp_path / "piano.xlsx")) == []


def test_a_text_too_long_for_excel_is_cut_in_the_workbook_and_whole_in_the_annex(tmp_path):
    """An objective of 40,000 characters (no spreadsheet writes one, a library can): the
    reader reports the cell, the consolidated workbook shows the text cut with a visible
    mark, the annex shows it whole, and the build goes on."""
    folder = tmp_path / "in"
    folder.mkdir()
    long = "Obiettivo molto lungo. " * 1740  # 40,020 characters
    path = SCRIPT.template(folder, "Tributi.xlsx", SCRIPT.FILL)
    SCRIPT.edit_zip(path, {SCRIPT.SETTORE_PARTS["Obiettivi"]: SCRIPT.replace_cell(
        "D5", SCRIPT.inline("D5", long))})
    result = build(folder, tmp_path / "out")
    [finding] = [f for f in result.report.findings if f.code == "cell-too-long"]
    assert (finding.sheet, finding.cell) == ("Obiettivi", "D5")
    book = openpyxl.load_workbook(tmp_path / "out" / "piano-2022-consolidato.xlsx",
                                  read_only=True)
    shown = [row[4] for row in book["Obiettivi"].iter_rows(values_only=True)
             if row[0] == "Settore Tributi"]
    assert shown and all(text.endswith(TRUNCATION_MARK) and len(text) == EXCEL_MAX_CHARS
                         and long.startswith(text[:-len(TRUNCATION_MARK)]) for text in shown)
    annex = document_text(tmp_path / "out" / "piano-2022-allegato-A.docx")
    assert long.strip() in annex
    assert lost_rows(folder, result.report.findings,
                     tmp_path / "out" / "piano-2022-consolidato.xlsx") == []
