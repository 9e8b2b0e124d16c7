"""Sector sheets at 100 sectors: names that still say which sector is which, and the
print titles LibreOffice lays out on opening (and the filters it sets up) kept where a
plan is printed (and filtered) from."""

from __future__ import annotations

import copy
import re
import zipfile

import openpyxl

from pianoperf_xl.interpret import interpret
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.consolidated import SHEETS, write_consolidated
from pianoperf_xl.write.consolidated.base import sector_sheet_names
from pianoperf_xl.write.consolidated.sectors import FILTERS_MAX_SECTORS, PRINT_TITLES_MAX_SECTORS

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


def _sample_with_sectors(count: int):
    """The sample plan with its first sector repeated ``count`` times, each a «Municipio»."""
    plan = read_plan(SAMPLE)
    base = plan.sectors[0]
    plan.sectors = [copy.deepcopy(base) for _ in range(count)]
    for i, sector in enumerate(plan.sectors, start=1):
        sector.name = f"{base.name} - Municipio {i}"
    return plan


def test_a_big_plan_prints_titles_only_on_its_lists(tmp_path):
    plan = _sample_with_sectors(PRINT_TITLES_MAX_SECTORS + 1)
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


def _filters(path) -> dict[str, bool]:
    """Each table's name and whether it has filter buttons."""
    with zipfile.ZipFile(path) as archive:
        tables = [archive.read(n).decode("utf-8") for n in archive.namelist()
                  if n.startswith("xl/tables/")]
    return {re.search(r' name="([^"]+)"', t).group(1): "<autoFilter " in t for t in tables}


def test_a_big_plan_filters_on_obiettivi_not_on_each_sector(tmp_path):
    plan = _sample_with_sectors(FILTERS_MAX_SECTORS + 1)
    path = write_consolidated(interpret(plan), tmp_path / "grande.xlsx")
    filters = _filters(path)
    sector_tables = [name for name in filters if name.startswith("ObiettiviSettore")]
    assert len(sector_tables) == len(plan.sectors)
    assert not any(filters[name] for name in sector_tables)  # still tables, no buttons
    others = [name for name in filters if name not in sector_tables]
    assert any(name.startswith("Obiettivi") for name in others)
    assert all(filters[name] for name in others)
    book = openpyxl.load_workbook(path)
    assert book[book.sheetnames[len(SHEETS)]].tables  # the sector's table is there


def test_a_small_plan_filters_every_table(tmp_path):
    path = write_consolidated(interpret(read_plan(SAMPLE)), tmp_path / "piccolo.xlsx")
    filters = _filters(path)
    assert any(name.startswith("ObiettiviSettore") for name in filters)
    assert all(filters.values())
