"""What the annex used to lose from the original plan (issue 13, point 5): the comune's own
presentation and strategic lines, typed in the ente workbook's «Testi» sheet, and the
charts (age pyramid, population structure, staff trend)."""

from __future__ import annotations

import shutil

import docx
import openpyxl
import pytest

from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.annex import write_annex
from pianoperf_xl.write.annex.charts import structure_counts
from pianoperf_xl.write.annex.styles import LIST

from helpers import SAMPLE

FIRST_PARAGRAPH = ("Il Piano della Performance è il documento programmatico triennale che "
                   "individua gli indirizzi e gli obiettivi strategici ed operativi")
DUP_LINES = ["POLITICHE AMBIENTALI E DI TUTELA DEL TERRITORIO", "SOCIALE",
             "CULTURA, BIBLIOTECA E POLITICHE GIOVANILI", "SPORT", "BILANCIO"]


@pytest.fixture(scope="module")
def plan():
    return read_plan(SAMPLE)


@pytest.fixture(scope="module")
def written(plan, tmp_path_factory):
    return write_annex(interpret(plan), tmp_path_factory.mktemp("own") / "allegato.docx")


def test_sample_carries_the_seed_texts(plan):
    ente = plan.ente
    assert ente.presentation[0].startswith(FIRST_PARAGRAPH)
    assert len(ente.presentation) == 20
    assert ente.presentation[4].startswith("a) definizione e assegnazione degli obiettivi")
    assert [line.title for line in ente.strategic_lines] == DUP_LINES


def test_annex_prints_the_comune_texts(written, plan):
    document = docx.Document(str(written))
    texts = [p.text for p in document.paragraphs]
    heading = next(i for i, t in enumerate(texts) if t.endswith("Presentazione del Piano"))
    assert texts[heading + 1].startswith(FIRST_PARAGRAPH)
    # the lettered items keep their letter, in the list style
    item = next(p for p in document.paragraphs if "collegamento tra gli obiettivi e "
                "l'allocazione" in p.text)
    assert item.text.startswith("b)\t") and item.style.name == LIST
    strategy = next(i for i, t in enumerate(texts) if t.endswith("Gli indirizzi strategici"))
    listed = texts[strategy + 2:strategy + 2 + len(DUP_LINES)]
    assert listed == [f"{n}.\t{title}" for n, title in enumerate(DUP_LINES, 1)]
    # the standard introduction gives way to the comune's own
    assert not any(t.endswith("Il Piano della performance") for t in texts)


def test_old_ente_workbook_without_the_new_sheets_is_read(tmp_path):
    """A workbook filled on the template before «Testi» and «Delibera» existed."""
    folder = tmp_path / "old"
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / "Ente.xlsx")
    for name in ("Testi", "Delibera"):
        del book[name]
    book.save(folder / "Ente.xlsx")
    plan = read_plan(folder)
    assert plan.ente is not None and plan.ente.presentation == []
    assert not [f for f in plan.findings if f.code in ("sheet-missing", "field-missing")]
    path = write_annex(interpret(plan), tmp_path / "a.docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(t.endswith("Il Piano della performance") for t in texts)


def _sample_with_text_row(tmp_path, part: str, title: str | None = None):
    """A copy of the sample whose «Testi» sheet has one more row, of ``part`` and
    ``title``, in its first empty row; the folder and that row."""
    folder = tmp_path / "piano"
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / "Ente.xlsx")
    ws = book["Testi"]
    row = next(r for r in range(1, ws.max_row + 2)
               if r > 4 and all(c.value is None for c in ws[r]))
    ws.cell(row, 1).value, ws.cell(row, 2).value = part, title
    book.save(folder / "Ente.xlsx")
    return folder, row


def test_a_text_row_with_only_its_part_is_reported(tmp_path):
    """Found by hypothesis: «Parte: Presentazione» alone was dropped without a word."""
    folder, row = _sample_with_text_row(tmp_path, "Presentazione")
    [finding] = [f for f in read_plan(folder).findings if f.code == "text-row-empty"]
    assert (finding.sheet, finding.cell, finding.value) == ("Testi", f"A{row}",
                                                           "Presentazione")


def test_a_presentation_row_with_only_a_title_keeps_its_part(tmp_path):
    """Found by hypothesis: such a row is printed as a line, and the workbook said
    «Linea strategica» where the user typed «Presentazione»."""
    from nothing_lost import lost_rows

    from pianoperf_xl.pipeline import read_and_check
    from pianoperf_xl.write.consolidated import write_consolidated

    folder, _ = _sample_with_text_row(tmp_path, "Presentazione", "Un titolo senza testo")
    reading = read_and_check(folder)
    consolidated = write_consolidated(reading, tmp_path / "out" / "piano.xlsx")
    assert [r for r in lost_rows(folder, reading.plan.findings, consolidated)
            if "Testi" in r] == []


def test_population_structure_from_the_pyramid(plan):
    counts = dict(structure_counts(plan.ente.pyramid))
    assert counts == {"Giovani (0-14 anni)": 981, "Adulti (15-64 anni)": 3993,
                      "Anziani (65 anni e oltre)": 957}


