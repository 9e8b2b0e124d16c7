"""The consolidated workbook's tables keep xlsxwriter's guard against overlapping ranges
when their cells are recorded as areas (``base.TableAreas``): a table or a merged range
over a table already written is refused as xlsxwriter refuses it, and the workbook
written is the one xlsxwriter writes with its own per-cell record."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from xlsxwriter.exceptions import OverlappingRange

from pianoperf_xl.write.consolidated.base import TEXT, Book, Column, TableAreas, write_table

COLUMNS = (Column("Uno", TEXT), Column("Due", TEXT), Column("Tre", TEXT))
ROWS = [("a", "b", "c"), ("d", "e", "f"), ("g", "h", "i")]


def _sheet(tmp_path, name="t.xlsx"):
    book = Book(str(tmp_path / name))
    return book, book.add_sheet("Foglio")


def test_table_cells_are_kept_as_areas(tmp_path):
    book, ws = _sheet(tmp_path)
    write_table(book, ws, 2, 1, COLUMNS, ROWS, "Prova")  # B3:D6
    assert isinstance(ws.table_cells, TableAreas) and not dict(ws.table_cells)
    assert ws.table_cells.get((2, 1)) == ws.table_cells.get((5, 3)) == "B3:D6"
    assert ws.table_cells.get((6, 1)) is None and ws.table_cells.get((2, 4)) is None
    book.wb.close()


@pytest.mark.parametrize("overlap", [
    lambda ws: ws.merge_range(5, 3, 7, 5, "x"),  # a merged range over the last cell
    lambda ws: ws.add_table(0, 0, 2, 1),  # a table over the first cell
])
def test_an_overlapping_range_is_refused_as_xlsxwriter_refuses_it(tmp_path, overlap):
    book, ws = _sheet(tmp_path)
    write_table(book, ws, 2, 1, COLUMNS, ROWS, "Prova")
    with pytest.raises(OverlappingRange, match="B3:D6"):
        overlap(ws)
    book.wb.close()


def test_a_second_table_and_a_merge_beside_it_are_kept_and_guarded(tmp_path):
    book, ws = _sheet(tmp_path)
    write_table(book, ws, 0, 0, COLUMNS, ROWS, "Prova")  # A1:C4
    write_table(book, ws, 6, 0, COLUMNS, ROWS, "Prova")  # A7:C10
    assert ws.merge_range(4, 0, 5, 2, "tra le due") == 0
    assert [a[-1] for a in ws.table_cells.areas] == ["A1:C4", "A7:C10"]
    with pytest.raises(OverlappingRange, match="A7:C10"):
        ws.merge_range(9, 2, 11, 3, "x")
    book.wb.close()


def test_the_workbook_is_the_one_written_with_the_per_cell_record(tmp_path, monkeypatch):
    def write(name):
        book, ws = _sheet(tmp_path, name)
        book.wb.set_properties({"created": dt.datetime(2024, 1, 1)})
        write_table(book, ws, 0, 0, COLUMNS, ROWS, "Prova")
        write_table(book, ws, 6, 0, COLUMNS, ROWS, "Prova")
        book.wb.close()
        with zipfile.ZipFile(tmp_path / name) as archive:
            return {n: archive.read(n) for n in archive.namelist()}

    compact = write("areas.xlsx")
    monkeypatch.setattr(TableAreas, "compact", classmethod(lambda cls, ws, area: None))
    assert write("cells.xlsx") == compact
