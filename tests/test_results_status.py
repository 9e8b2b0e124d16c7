"""pianoperf status for the results round: rendiconti sent by results-templates, some
returned filled, one as sent, one only re-saved through LibreOffice, one missing; and
with --build what changed since the last «pianoperf results»."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from pianoperf_xl import office
from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.round_status import is_round, round_status, round_status_lines
from pianoperf_xl.pipeline import read_and_check
from pianoperf_xl.results.prepare import write_results_templates
from pianoperf_xl.results.run import run_round

from helpers import SAMPLE, invoke

MID_YEAR = dt.date(2022, 6, 30)
AG = "rendiconto-settore-affari-generali.xlsx"
EF = "rendiconto-settore-economico-finanziario.xlsx"
GT = "rendiconto-settore-gestione-territorio.xlsx"
PL = "rendiconto-settore-polizia-locale.xlsx"
SD = "rendiconto-settore-servizi-demografici.xlsx"


def fill(path: Path, target: Path, state: str = "in corso") -> Path:
    """The sector head's work: a state on the first row and the date of the data."""
    book = openpyxl.load_workbook(path)
    ws = book["Risultati"]
    header = {c.value.rstrip(" *"): c.column for c in ws[4] if c.value}
    ws.cell(5, header["Stato"]).value = state
    book["Rendiconto"]["B11"] = dt.datetime(2022, 6, 30)
    book.save(target)
    return target


@pytest.fixture(scope="module")
def round_folders(tmp_path_factory, soffice):
    """Outbox written by results-templates with drafts; inbox: Affari Generali and
    Servizi Demografici filled (one saved through LibreOffice), Economico Finanziario
    returned as sent, Gestione Territorio only re-saved through LibreOffice, Polizia
    Locale missing, plus the rules workbook and a note."""
    base = tmp_path_factory.mktemp("giro-risultati")
    outbox, inbox, work = base / "rendiconti", base / "restituiti", base / "lavoro"
    write_results_templates(read_and_check(SAMPLE), outbox, "monitoraggio", MID_YEAR,
                            due=dt.date(2022, 7, 15))
    inbox.mkdir()
    work.mkdir()
    filled = fill(outbox / AG, work / AG)
    shutil.copyfile(office.convert(filled, "xlsx", work / "lo"), inbox / "Affari generali.xlsx")
    fill(outbox / SD, inbox / "demografici - compilato.xlsx", state="raggiunto")
    shutil.copyfile(outbox / EF, inbox / EF)
    resaved = office.convert(outbox / GT, "xlsx", work / "risalvati")
    shutil.copyfile(resaved, inbox / "territorio.xlsx")
    shutil.copyfile(outbox / "regole-misurazione.xlsx", inbox / "regole-misurazione.xlsx")
    (inbox / "leggimi.txt").write_text("note della segreteria", encoding="utf-8")
    return outbox, inbox


def test_returned_missing_and_untouched(round_folders):
    outbox, inbox = round_folders
    assert is_round(inbox, outbox) and is_round(inbox, None)
    assert not is_round(SAMPLE, None)
    status = round_status(inbox, outbox)
    assert len(status.sent) == 5
    assert sorted((r.sent.name, r.file) for r in status.arrived) == [
        ("Settore Affari Generali", "Affari generali.xlsx"),
        ("Settore Servizi Demografici", "demografici - compilato.xlsx")]
    assert [(s.name, s.email) for s in status.missing] == [
        ("Settore Polizia Locale", "polizialocale@comune.calcinate.bg.it")]
    untouched = {r.sent.name: r for r in status.untouched}
    assert sorted(untouched) == ["Settore Economico Finanziario", "Settore Gestione Territorio"]
    # the re-saved file has other bytes, the same input cells
    resaved = untouched["Settore Gestione Territorio"]
    assert resaved.sha256 != resaved.sent.sha256 and resaved.inputs == resaved.sent.inputs
    assert status.unknown == [] and status.duplicates == []
    assert [name for name, _ in status.others] == ["regole-misurazione.xlsx"]
    assert status.to_chase


def test_report_lines(round_folders):
    outbox, inbox = round_folders
    lines = round_status_lines(round_status(inbox, outbox))
    assert lines[0].startswith("Settori attesi: 5 (file inviati in ")
    assert lines[0].endswith("»: monitoraggio al 30/06/2022, piano 2022); restituiti: "
                             "4 (di cui 2 senza modifiche).")
    text = "\n".join(lines)
    assert ("Mancanti (1):\n  - Settore Polizia Locale: Mastropietro Marco "
            "<polizialocale@comune.calcinate.bg.it>") in text
    assert "  - Settore Gestione Territorio: «territorio.xlsx» (da compilare: " in text
    assert "«regole-misurazione.xlsx»: regole di misurazione (SMVP)" in text
    assert lines[-1].startswith("Per sapere cosa è cambiato dall'ultima esecuzione di "
                                "«pianoperf results»")


def test_a_second_version_and_a_file_of_another_round(round_folders, tmp_path):
    outbox, inbox = round_folders
    folder = tmp_path / "restituiti"
    shutil.copytree(inbox, folder)
    shutil.copyfile(folder / "Affari generali.xlsx", folder / "Affari generali (2).xlsx")
    other = write_results_templates(read_and_check(SAMPLE), tmp_path / "altro", "consuntivo",
                                    dt.date(2022, 12, 31))
    shutil.copyfile(next(p for p in other if p.name == PL), folder / "polizia.xlsx")
    status = round_status(folder, outbox)
    [group] = status.duplicates
    assert [(r.file, r.used) for r in group] == [("Affari generali (2).xlsx", True),
                                                ("Affari generali.xlsx", False)]
    assert [r.file for r in status.other_round] == ["polizia.xlsx"]
    assert [s.name for s in status.missing] == ["Settore Polizia Locale"]


def test_changes_since_the_last_results_run(round_folders, tmp_path):
    outbox, inbox = round_folders
    folder = tmp_path / "restituiti"
    shutil.copytree(inbox, folder)
    out = tmp_path / "risultati"
    _, outputs, _ = run_round(folder, SAMPLE, out)
    report = next(p for p in outputs if p.name.endswith("-verifiche.json"))
    before = dt.datetime(2022, 7, 10, 9, 30)
    os.utime(report, (before.timestamp(), before.timestamp()))
    assert "nessun file cambiato" in round_status_lines(round_status(folder, outbox, out))[-1]
    fill(outbox / GT, folder / "territorio.xlsx", state="raggiunto")
    (folder / EF).unlink()
    status = round_status(folder, outbox, out)
    assert round_status_lines(status)[-1] == (
        "Dall'ultima esecuzione di «pianoperf results» (10/07/2022 09:30): "
        "«territorio.xlsx» modificato, "
        f"«{EF}» tolto.")
    assert [r.sent.name for r in status.untouched] == []
    assert [s.name for s in status.missing] == ["Settore Economico Finanziario",
                                                "Settore Polizia Locale"]


def test_the_command(round_folders, tmp_path):
    outbox, inbox = round_folders
    result = invoke("status", inbox, "--outbox", outbox)
    assert result.exit_code == 1, result.output
    assert "Restituiti senza modifiche" in result.output
    assert "Settore Polizia Locale" in result.output
    nothing = tmp_path / "vuota"
    nothing.mkdir()
    refused = invoke("status", inbox, "--outbox", nothing)
    assert refused.exit_code == 2, refused.output
    with pytest.raises(DistributionError, match="non contiene modelli inviati"):
        round_status(inbox, nothing)
