"""Issue 13, point 1: the tool's own outputs in the input folder are recognised by what
they hold (never by name), left out with one notice, and do not poison later runs."""

from __future__ import annotations

import shutil

import openpyxl

from click.testing import CliRunner

from pianoperf_xl.cli import cli
from pianoperf_xl.codes import CODES
from pianoperf_xl.office import convert
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.read import read_plan

from helpers import SAMPLE


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def own(plan) -> dict[str, str]:
    return {f.file: f.message for f in plan.findings if f.code == "file-own-output"}


def test_the_code_is_an_information_of_the_file_family():
    assert (CODES["file-own-output"].severity, CODES["file-own-output"].family) == (
        "info", "file")


def test_building_into_the_input_folder_twice_gives_the_same_findings(sample_copy, soffice):
    before = check_folder(sample_copy)
    result = run("build", sample_copy, "-o", sample_copy, "--pdf")
    assert result.exit_code == 1, result.output
    assert "la cartella di uscita è quella dei file da leggere" in result.stderr
    # renamed outputs are still recognised: by their content, not their names
    for path in list(sample_copy.glob("piano-2022-*")):
        path.rename(path.with_name("copia " + path.name))
    again = check_folder(sample_copy)
    notices = own(again.plan)
    assert sorted(notices) == sorted(f"copia piano-2022-{n}" for n in (
        "allegato-A.docx", "allegato-A.pdf", "consolidato.xlsx", "verifiche.html",
        "verifiche.json", "delibera.docx", "obiettivi.csv", "obiettivi.json"))
    assert "consolidata" in notices["copia piano-2022-consolidato.xlsx"]
    others = [f for f in again.findings if f.code != "file-own-output"]
    assert [(f.code, f.file, f.cell) for f in others] == [
        (f.code, f.file, f.cell) for f in before.findings]
    assert again.valid == before.valid and again.files_used == before.files_used
    assert {**again.stats, "files": 0} == {**before.stats, "files": 0}
    result = run("build", sample_copy, "-o", sample_copy)
    assert "BOZZA" in result.output  # the sample's one error, and nothing more
    assert not any(f.code == "template-unknown" for f in check_folder(sample_copy).findings)


def test_an_ordinary_file_of_the_same_type_is_not_taken_for_ours(sample_copy):
    (sample_copy / "note.json").write_text('{"valid": true, "stats": {}}', encoding="utf-8")
    (sample_copy / "pagina.html").write_text("<html><title>Verifiche del piano</title></html>",
                                             encoding="utf-8")
    plan = read_plan(sample_copy)
    assert own(plan) == {}
    assert {f.file for f in plan.findings if f.code == "file-not-workbook"} == {
        "note.json", "pagina.html"}


def test_untouched_prefilled_workbooks_and_drafts_are_ours_until_changed(tmp_path, soffice):
    from helpers import outbox

    sent = outbox(tmp_path)
    plan = read_plan(sent.outbox)
    assert plan.sectors == []
    kinds = own(plan)
    assert set(kinds) == {p.name for p in sent.outbox.iterdir()}
    # one workbook saved again by a spreadsheet: it is a returned workbook, and read
    item = sent.prepared[0]
    saved = convert(item.workbook, "xlsx", tmp_path / "salvato")
    shutil.copyfile(saved, item.workbook)
    plan = read_plan(sent.outbox)
    assert [s.name for s in plan.sectors] == [item.sector.name]
    assert item.workbook.name not in own(plan)


def test_an_annotated_copy_beside_its_original_is_ours_until_someone_saves_it(tmp_path):
    inbox, out = tmp_path / "restituiti", tmp_path / "da-correggere"
    shutil.copytree(SAMPLE, inbox)
    assert run("annotate", inbox, "-o", out).exit_code == 1
    copy = out / "Ente.xlsx"
    shutil.copyfile(copy, inbox / "Ente annotato.xlsx")
    plan = read_plan(inbox)
    assert plan.ente.file == "Ente.xlsx" and "copia annotata" in own(plan)["Ente annotato.xlsx"]
    assert not any(f.code == "file-duplicate-kind" for f in plan.findings)
    # alone, the copy is the returned workbook (the README's promise), and is read
    (inbox / "Ente.xlsx").unlink()
    plan = read_plan(inbox)
    assert plan.ente.file == "Ente annotato.xlsx" and own(plan) == {}
    (inbox / "Ente annotato.xlsx").unlink()
    shutil.copyfile(SAMPLE / "Ente.xlsx", inbox / "Ente.xlsx")
    # corrected and saved by a person: Excel puts the user's name in «last modified by»
    book = openpyxl.load_workbook(copy)
    book["Organigramma"]["B5"] = "Ufficio Segreteria"
    book.properties.lastModifiedBy = "Cairo Micaela"
    book.save(inbox / "Ente annotato.xlsx")
    plan = read_plan(inbox)
    assert own(plan) == {}
    assert any(f.code == "file-duplicate-kind" for f in plan.findings)
