"""pianoperf annotate on a copy of the sample: a comment on every cell named by a finding
of that file and nowhere else, a «Verifiche» sheet, the originals untouched, and copies
that read back as the same templates (formula values included), also after a real
spreadsheet has saved them."""

from __future__ import annotations

import hashlib
import zipfile
import shutil
from collections import defaultdict

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.annotate import (
    AUTHOR, MARKER_FORMULA, SHEET, annotate_folder, annotate_workbook,
)
from pianoperf_xl.findings import Finding, FindingList
from pianoperf_xl.office import convert
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.read import read_records
from pianoperf_xl.read.workbook import Workbook

from helpers import ROOT, SAMPLE, invoke


def hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("restituiti") / "calcinate"
    shutil.copytree(SAMPLE, inbox, ignore=shutil.ignore_patterns(".*"))
    before = hashes(inbox)
    out = tmp_path_factory.mktemp("annotati")
    result = annotate_folder(inbox, out)
    assert hashes(inbox) == before  # the originals are never written to
    return inbox, out, result


def comments(path):
    book = openpyxl.load_workbook(path)
    return {(ws.title, cell.coordinate): cell.comment for ws in book.worksheets
            for row in ws.iter_rows() for cell in row if cell.comment is not None}


def finding_cells(plan, file):
    """The cells of the file's errors and warnings (information is not commented)."""
    cells = defaultdict(list)
    for f in plan.findings:
        if f.file == file and f.sheet and f.cell and f.severity != "info":
            cells[(f.sheet, f.cell)].append(f)
    return cells


def test_every_workbook_with_findings_gets_an_annotated_copy(annotated):
    inbox, out, result = annotated
    plan = check_folder(inbox)
    with_findings = {f.file for f in plan.findings}
    assert {a.file for a in result.annotated} == with_findings
    assert sorted(p.name for p in out.iterdir()) == sorted(with_findings)
    assert result.refused == [] and result.errors


def test_a_comment_on_every_cell_named_by_a_finding_and_nowhere_else(annotated):
    inbox, out, result = annotated
    plan = check_folder(inbox)
    for item in result.annotated:
        expected = finding_cells(plan, item.file)
        found = comments(out / item.file)
        assert set(found) == set(expected), item.file
        for place, comment in found.items():
            assert comment.author == AUTHOR
            for f in expected[place]:
                assert f.message in comment.text
                assert f"Suggerimento: {f.hint}" in comment.text if f.hint else True
        assert item.cells == len(expected)


def test_the_commented_cells_are_highlighted(annotated):
    inbox, out, result = annotated
    for item in result.annotated:
        book = openpyxl.load_workbook(out / item.file)
        highlighted = set()
        for ws in book.worksheets:
            for formatting in ws.conditional_formatting:
                if any(rule.formula == [MARKER_FORMULA] for rule in formatting.rules):
                    highlighted |= {(ws.title, f"{get_column_letter(c)}{r}")
                                    for cells in formatting.sqref.ranges
                                    for r, c in cells.cells}
        assert highlighted == set(comments(out / item.file)), item.file


def test_the_verifiche_sheet_lists_the_files_findings_with_links(annotated):
    inbox, out, result = annotated
    plan = check_folder(inbox)
    item = next(a for a in result.annotated if a.file == "Ente.xlsx")
    book = openpyxl.load_workbook(out / item.file)
    assert book.sheetnames[0] == SHEET and book.active.title == SHEET
    ws = book[SHEET]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    mine = [f for f in plan.findings if f.file == "Ente.xlsx"]
    assert len(rows) == len(mine) == item.findings
    assert {(r[2], r[3], r[4], r[6]) for r in rows} == {
        (f.sheet or "", f.cell or "", f.message, f.code) for f in mine}
    linked = [ws.cell(row=i, column=4).hyperlink for i in range(5, 5 + len(rows))]
    assert all(link is not None and link.location.endswith(f"!{ws.cell(row=i, column=4).value}")
               for i, link in enumerate(linked, 5))


def test_the_copies_read_back_as_the_same_templates(annotated, tmp_path):
    """The annotated copies, with the files that needed none, are the same plan."""
    inbox, out, result = annotated
    folder = tmp_path / "di-nuovo-completa"
    shutil.copytree(out, folder)
    for name in result.clean:
        shutil.copyfile(inbox / name, folder / name)
    key = lambda f: (f.code, f.file, f.sheet, f.cell, f.message)  # noqa: E731
    assert sorted(map(key, check_folder(folder).findings)) == sorted(
        map(key, check_folder(inbox).findings))
    names = {a.file for a in result.annotated}
    for name in names:
        book = Workbook(inbox / name)
        kind = book.meta().kind
        first = read_records(book, kind, 2022, FindingList())
        second = read_records(Workbook(out / name), kind, 2022, FindingList())
        for sheet, records in first.items():
            values = [r.values for r in records] if isinstance(records, list) else records.values
            again = second[sheet]
            assert values == ([r.values for r in again] if isinstance(again, list)
                              else again.values), (name, sheet)


def test_formula_values_are_put_back(annotated):
    inbox, out, _ = annotated
    original = openpyxl.load_workbook(inbox / "Bilancio.xlsx", data_only=True)
    copy = openpyxl.load_workbook(out / "Bilancio.xlsx", data_only=True)
    formulas = openpyxl.load_workbook(out / "Bilancio.xlsx")
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    value = original[ws.title][cell.coordinate].value
                    assert value is not None
                    assert copy[ws.title][cell.coordinate].value == value
                    checked += 1
    assert checked > 10


def test_a_spreadsheet_opens_and_saves_the_annotated_copy(annotated, soffice, tmp_path):
    inbox, out, _ = annotated
    name = "Settore Polizia Locale.xlsx"
    saved = tmp_path / "salvato"
    saved.mkdir()
    shutil.copyfile(convert(out / name, "xlsx", tmp_path / "lo"), saved / name)
    assert set(comments(saved / name)) == set(comments(out / name))
    first = read_records(Workbook(inbox / name), "settore", 2022, FindingList())
    again = read_records(Workbook(saved / name), "settore", 2022, FindingList())
    assert [r.values for r in first["Obiettivi"]] == [r.values for r in again["Obiettivi"]]
    assert first["Settore"].values == again["Settore"].values


def test_annotating_an_annotated_copy_replaces_the_annotations(annotated, tmp_path):
    inbox, out, _ = annotated
    name = "Settore Polizia Locale.xlsx"
    returned = tmp_path / "di-nuovo"
    returned.mkdir()
    book = openpyxl.load_workbook(out / name)
    from openpyxl.comments import Comment
    book["Settore"]["B5"].comment = Comment("Nota del responsabile", "Mastropietro")
    first_commented = next(iter(k for k in comments(out / name) if k[0] == "Obiettivi"))
    book[first_commented[0]][first_commented[1]].comment = Comment(
        "Ho una domanda su questa cella\n\n" + book[first_commented[0]][
            first_commented[1]].comment.text.split("\n")[0], AUTHOR)
    book.save(returned / name)
    again = tmp_path / "annotati-2"
    annotate_folder(returned, again)
    found = comments(again / name)
    assert found[("Settore", "B5")].text == "Nota del responsabile"
    assert {k for k, c in found.items() if c.author == AUTHOR} == set(comments(out / name))
    copy = openpyxl.load_workbook(again / name)
    assert copy.sheetnames.count(SHEET) == 1
    rules = [rule for ws in copy.worksheets for cf in ws.conditional_formatting
             for rule in cf.rules if rule.formula == [MARKER_FORMULA]]
    assert len(rules) == len([rule for ws in openpyxl.load_workbook(out / name).worksheets
                              for cf in ws.conditional_formatting for rule in cf.rules])


def test_user_text_in_a_message_is_never_a_formula(tmp_path):
    source = SAMPLE / "Settore Polizia Locale.xlsx"
    finding = Finding("cell-required", "error", "=HYPERLINK(\"http://x\";\"clic\")",
                      source.name, "Settore", "B5", hint="+1")
    path, cells = annotate_workbook(source, tmp_path / source.name, [finding])
    ws = openpyxl.load_workbook(path)[SHEET]
    assert cells == 1
    assert ws["E5"].data_type == "s" and ws["E5"].value.startswith("=HYPERLINK")
    assert ws["F5"].data_type == "s"


def test_files_that_cannot_be_opened_are_not_copied(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copyfile(SAMPLE / "Settore Polizia Locale.xlsx", inbox / "pl.xlsx")
    (inbox / "rotto.xlsx").write_bytes(b"PK\x03\x04 non sono un file excel")
    (inbox / "nota.txt").write_text("x", encoding="utf-8")
    result = annotate_folder(inbox, tmp_path / "out")
    assert [name for name, _ in result.refused] == ["nota.txt", "rotto.xlsx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pl.xlsx"]


def test_output_folder_must_not_be_the_inbox(sample_copy):
    with pytest.raises(DistributionError, match="diversa"):
        annotate_folder(sample_copy, sample_copy)


def test_cli_annotate(tmp_path, sample_copy):
    result = invoke("annotate", str(sample_copy), "-o",
                    str(tmp_path / "annotati"))
    assert result.exit_code == 1, result.output  # the sample has errors to correct
    assert "Scritto " in result.output and "celle commentate" in result.output


# -- workbooks openpyxl cannot copy whole ----------------------------------------------

ODD = ROOT / "tests" / "data" / "broken" / "annotate-cannot-copy"


def test_a_copy_that_would_lack_anything_is_reported_and_not_written(tmp_path):
    """Strict Open XML, a text box, zoomScale="auto": no copy, one Italian reason each, the
    other files still annotated; no English warning of openpyxl reaches the user."""
    out = tmp_path / "annotati"
    result = invoke("annotate", str(ODD), "-o", str(out))
    assert result.exit_code == 1, result.output  # the folder has no ente and no budget
    refused = {line.split("»")[0].split("«")[1]: line for line in result.output.splitlines()
               if line.startswith("Non annotato:")}
    assert set(refused) == {"Settore Affari Generali.xlsx", "Settore Polizia Locale.xlsx",
                            "Settore Servizi Demografici.xlsx"}
    assert "Strict Open XML" in refused["Settore Affari Generali.xlsx"]
    assert "caselle di testo" in refused["Settore Polizia Locale.xlsx"]
    assert "non sa riprodurre" in refused["Settore Servizi Demografici.xlsx"]
    assert sorted(p.name for p in out.iterdir()) == ["Settore Gestione Territorio.xlsx"]
    assert "UserWarning" not in result.output and "will be removed" not in result.output


def test_list_validations_of_excel_2010_are_kept_in_the_copy(tmp_path, soffice):
    out = tmp_path / "annotati"
    annotate_folder(ODD, out)
    name = "Settore Gestione Territorio.xlsx"
    with zipfile.ZipFile(out / name) as copy:
        sheets = [copy.read(n) for n in copy.namelist() if n.startswith("xl/worksheets/s")]
    [block] = [s for s in sheets if b"x14:dataValidation " in s]
    assert b"<xm:sqref>I5:I40</xm:sqref>" in block and b"_liste!$A$1:$A$4" in block
    assert block.rstrip().endswith(b"</extLst></worksheet>")
    saved = convert(out / name, "xlsx", tmp_path / "lo")  # LibreOffice opens it and saves
    with zipfile.ZipFile(saved) as again:
        assert any(b"I5:I40" in again.read(n) for n in again.namelist()
                   if n.startswith("xl/worksheets/s"))
