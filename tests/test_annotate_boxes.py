"""Issue 13, point 8: in the annotated copies each comment box sits beside its own cell
(also once LibreOffice has saved the copy), information is listed in «Verifiche» but not
commented, and the «N.» column holds numbers."""

from __future__ import annotations

import re
import shutil
import zipfile

import openpyxl
import pytest

from pianoperf_xl.distribute.annotate import SHEET, annotate_folder
from pianoperf_xl.office import convert
from pianoperf_xl.pipeline import check_folder

from helpers import SAMPLE


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("restituiti") / "calcinate"
    shutil.copytree(SAMPLE, inbox, ignore=shutil.ignore_patterns(".*"))
    out = tmp_path_factory.mktemp("annotati")
    annotate_folder(inbox, out)
    return inbox, out


def anchors(path) -> list[tuple[int, int, tuple[int, ...]]]:
    """(row, column, anchor) of every comment box, from the file's VML drawings."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/drawings/") and name.endswith(".vml"):
                xml = archive.read(name).decode("utf-8", errors="replace")
                for shape in re.findall(r"<[\w:]*shape\b.*?</[\w:]*shape>", xml, re.S):
                    row = int(re.search(r"<[\w:]*Row>(\d+)<", shape)[1])
                    col = int(re.search(r"<[\w:]*Column>(\d+)<", shape)[1])
                    box = re.search(r"<[\w:]*Anchor>([^<]*)<", shape)
                    found.append((row, col, tuple(int(v) for v in box[1].split(","))
                                  if box else None))
    return found


def near(row: int, col: int, box: tuple[int, ...]) -> bool:
    left, _, top, _, right, _, bottom, _ = box
    return left == col + 1 and top in (row - 1, row, 0) and right > left and bottom > top


@pytest.mark.parametrize("name", ["Ente.xlsx", "Settore Polizia Locale.xlsx"])
def test_each_box_is_beside_its_own_cell(annotated, name):
    _, out = annotated
    boxes = anchors(out / name)
    assert len(boxes) >= 3
    assert all(box is not None and near(row, col, box) for row, col, box in boxes)
    assert len({box for _, _, box in boxes}) == len(boxes)  # no two boxes in one place


def test_libreoffice_keeps_each_box_beside_its_cell(annotated, tmp_path, soffice):
    _, out = annotated
    saved = convert(out / "Settore Polizia Locale.xlsx", "xlsx", tmp_path)
    boxes = anchors(saved)
    assert len(boxes) >= 3 and len({box for _, _, box in boxes}) == len(boxes)
    for row, col, box in boxes:
        left, _, top, *_ = box
        assert abs(left - col) <= 2 and abs(top - row) <= 2, (row, col, box)


def test_information_is_listed_but_not_commented(annotated):
    inbox, out = annotated
    infos = [f for f in check_folder(inbox).findings
             if f.file == "Bilancio.xlsx" and f.severity == "info"]
    assert len(infos) == 3
    book = openpyxl.load_workbook(out / "Bilancio.xlsx")
    commented = {(ws.title, c.coordinate) for ws in book.worksheets for row in ws.iter_rows()
                 for c in row if c.comment is not None}
    assert commented and not any((f.sheet, f.cell) in commented for f in infos if f.cell)
    listed = [row[4] for row in book[SHEET].iter_rows(min_row=5, values_only=True)]
    assert all(f.message in listed for f in infos)


def test_the_number_column_holds_numbers(annotated):
    _, out = annotated
    ws = openpyxl.load_workbook(out / "Ente.xlsx")[SHEET]
    numbers = [row[0] for row in ws.iter_rows(min_row=5, values_only=True) if row[0] is not None]
    assert numbers == list(range(1, len(numbers) + 1))

