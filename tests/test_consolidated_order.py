"""The consolidated workbook lists the sectors as the Allegato A does (issue 13): in the
organigram's order, from the one place that knows it (``PlanReading.sectors``), not in the
order the files were read. The bundled sample is such a plan: its files are read
alphabetically (Affari Generali first), its organigram starts with the Settore Finanziario."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.annex import write_annex
from pianoperf_xl.write.annex.text import sector_heading
from pianoperf_xl.write.consolidated import SHEETS, write_consolidated

from helpers import SAMPLE


@pytest.fixture(scope="module")
def reading():
    return interpret(read_plan(SAMPLE))


@pytest.fixture(scope="module")
def book(reading, tmp_path_factory):
    path = write_consolidated(reading, tmp_path_factory.mktemp("order") / "piano.xlsx")
    return openpyxl.load_workbook(path, data_only=True)


@pytest.fixture(scope="module")
def organigram_order(reading):
    names = [s.name for s in reading.sectors]
    assert names != [s.name for s in reading.plan.sectors]  # the case this is about
    assert names[0] == "Settore Economico Finanziario"
    return names


def column(ws, header: str, first_header: str) -> list:
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    col = list(rows[start]).index(header)
    values = []
    for row in rows[start + 1:]:
        if row[0] is None:
            break
        values.append(row[col])
    return values


def test_sector_sheets_in_the_organigram_order(book, organigram_order):
    assert book.sheetnames[len(SHEETS):] == organigram_order


def test_summary_rows_in_the_organigram_order(book, organigram_order):
    assert column(book["Sintesi"], "Settore", "Settore") == organigram_order


def test_objectives_and_staff_follow_the_same_order(book, organigram_order):
    for sheet in ("Obiettivi", "Personale"):
        sectors = list(dict.fromkeys(column(book[sheet], "Settore", "Settore")))
        assert sectors == organigram_order, sheet


def test_the_annex_has_the_same_order(reading, organigram_order, tmp_path):
    import docx

    path = write_annex(reading, tmp_path / "allegato.docx", delibera_numero="12",
                       delibera_data=dt.date(2022, 3, 15))
    headings = [re.sub(r"^\d+\.\d+ ", "", p.text) for p in docx.Document(str(path)).paragraphs
                if p.style.name == "Heading 2" and "Settore" in p.text]
    assert headings == [sector_heading(name) for name in organigram_order]
