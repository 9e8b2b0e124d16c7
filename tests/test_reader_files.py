"""File-level problems: wrong kind, version or year, not a workbook, and the run goes on."""

from __future__ import annotations

import dataclasses
import shutil

import xlsxwriter

from pianoperf_xl import spec as specs
from pianoperf_xl.read import read_plan, read_workbook
from pianoperf_xl.write.templates import write_template

from helpers import SAMPLE, codes, digests


def test_template_of_another_version_is_refused(tmp_path):
    old = dataclasses.replace(specs.spec_for("settore", 2022), version="0")
    path = write_template(old, tmp_path / "vecchio.xlsx")
    item, findings = read_workbook(path, "settore")
    assert item is None and codes(findings) == ["template-wrong-version"]
    assert findings[0].message == (
        "«vecchio.xlsx» è stato compilato sulla versione 0 del modello, ma questa versione "
        "del programma legge la versione 1: ricopiare i dati su un modello nuovo.")
    assert (findings[0].sheet, findings[0].cell) == ("_meta", "B2")


def test_template_of_another_kind_is_refused(tmp_path):
    path = write_template(specs.spec_for("settore", 2022), tmp_path / "settore.xlsx")
    item, findings = read_workbook(path, "ente")
    assert item is None and codes(findings) == ["template-wrong-kind"]
    assert findings[0].message == ("Il file «settore.xlsx» è il modello «scheda del settore», "
                                   "ma qui serve il modello «dati dell'ente».")


def test_template_of_another_year_is_refused_and_the_rest_is_read(sample_copy):
    write_template(specs.spec_for("settore", 2021), sample_copy / "Settore 2021.xlsx")
    plan = read_plan(sample_copy)
    assert codes(plan.findings) == ["template-wrong-year"]
    assert plan.findings[0].message == ("«Settore 2021.xlsx» è il modello per il piano 2021, "
                                        "ma il piano è del 2022: compilare il modello "
                                        "dell'anno giusto.")
    assert plan.stats()["sectors"] == 5
    assert read_plan(sample_copy, year=2021).year == 2021


def test_workbook_of_no_template(sample_copy):
    book = xlsxwriter.Workbook(sample_copy / "appunti.xlsx")
    book.add_worksheet("Foglio1").write_string(0, 0, "obiettivi da rivedere")
    book.close()
    plan = read_plan(sample_copy)
    assert codes(plan.findings) == ["template-unknown"]
    assert plan.findings[0].file == "appunti.xlsx"
    assert plan.stats()["sectors"] == 5


def test_other_files_legacy_xls_garbage_and_lock_files(sample_copy):
    (sample_copy / "vecchio.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (sample_copy / "note.txt").write_text("da fare")
    (sample_copy / "rotto.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    shutil.copy(sample_copy / "Ente.xlsx", sample_copy / "~$Ente.xlsx")
    (sample_copy / ".~lock.Ente.xlsx#").write_text("lock")
    plan = read_plan(sample_copy)
    assert sorted(codes(plan.findings)) == ["file-legacy-xls", "file-not-workbook",
                                            "file-unreadable"]
    legacy = next(f for f in plan.findings if f.code == "file-legacy-xls")
    assert "risalvarlo come .xlsx" in legacy.message
    assert plan.stats() == {"files": 10, "sectors": 5, "objectives": 48, "indicators": 49,
                            "staff": 19}


def test_macro_enabled_workbook_is_read_and_noted(sample_copy):
    (sample_copy / "Bilancio.xlsx").rename(sample_copy / "Bilancio.xlsm")
    plan = read_plan(sample_copy)
    assert codes(plan.findings) == ["file-macro-enabled"]
    assert plan.budget is not None and plan.budget.file == "Bilancio.xlsm"


def test_two_ente_workbooks(sample_copy):
    shutil.copy(sample_copy / "Ente.xlsx", sample_copy / "Ente copia.xlsx")
    plan = read_plan(sample_copy)
    assert codes(plan.findings) == ["file-duplicate-kind"]
    assert plan.ente.file == "Ente copia.xlsx"
    assert [s.name for s in plan.files if not s.used] == ["Ente.xlsx"]


def test_empty_folder(tmp_path):
    plan = read_plan(tmp_path)
    assert codes(plan.findings) == ["folder-empty"]


def test_inputs_are_never_modified(sample_copy):
    before = digests(sample_copy)
    read_plan(sample_copy)
    assert digests(sample_copy) == before
    assert before.keys() == {p.name for p in SAMPLE.iterdir()}
