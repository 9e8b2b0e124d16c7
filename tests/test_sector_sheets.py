"""Sector sheets at 100 sectors: names that still say which sector is which, and the
print titles LibreOffice lays out on opening kept where a plan is printed from."""

from __future__ import annotations

import copy
import re
import zipfile

import openpyxl

from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.consolidated import SHEETS, write_consolidated
from pianoperf_xl.write.consolidated.base import sector_sheet_names
from pianoperf_xl.write.consolidated.sectors import PRINT_TITLES_MAX_SECTORS

from helpers import SAMPLE


def test_few_sectors_keep_their_own_names():
    names = ["Settore Affari Generali", "Settore Polizia Locale"]
    assert sector_sheet_names(names) == names


def test_sectors_cut_alike_are_numbered_and_recognisable():
    names = [f"Settore Servizi Demografici - Municipio {i}" for i in range(1, 101)]
    names[0] = "Settore Servizi Demografici"
    sheets = sector_sheet_names(names)
    assert len({s.casefold() for s in sheets}) == 100
    assert all(len(s.encode("utf-16-le")) // 2 <= 31 for s in sheets)
    assert sheets[0] == "001 Servizi Demografici"
    assert sheets[41] == "042 Servizi Dem… - Municipio 42"
    assert [s[:4] for s in sheets] == [f"{i:03d} " for i in range(1, 101)]


def test_a_big_plan_prints_titles_only_on_its_lists(tmp_path):
    plan = read_plan(SAMPLE)
    base = plan.sectors[0]
    plan.sectors = [copy.deepcopy(base) for _ in range(PRINT_TITLES_MAX_SECTORS + 1)]
    for i, sector in enumerate(plan.sectors, start=1):
        sector.name = f"{base.name} - Municipio {i}"
    reading = interpret(plan)
    path = write_consolidated(reading, tmp_path / "grande.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    sectors = book.sheetnames[len(SHEETS):]
    assert sectors[0].startswith("01 ") and sectors[-1].startswith(f"{len(plan.sectors)} ")
    for name, sector in zip(sectors, reading.sectors):
        assert book[name]["A1"].value == sector.name  # the full name in the title
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
    titled = re.findall(r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)"',
                        workbook)
    titled_sheets = {book.sheetnames[int(i)] for i in titled}
    assert {"Verifiche", "Obiettivi", "Personale"} <= titled_sheets
    assert not titled_sheets & set(sectors)
