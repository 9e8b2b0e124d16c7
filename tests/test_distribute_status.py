"""pianoperf status on a planted inbox: a missing sector, an untouched template, a sector
sent twice, and the files changed since the last build."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.state import last_build
from pianoperf_xl.inputs import build_inputs
from pianoperf_xl.write.report import write_json_report
from pianoperf_xl.distribute.status import return_status, status_lines
from pianoperf_xl.pipeline import build, check_folder

from helpers import SAMPLE, invoke, outbox

MISSING = "Settore Servizi Demografici.xlsx"


def copy_sample(folder):
    shutil.copytree(SAMPLE, folder)


def record_build(inbox, out, when=None):
    """What «build» records: its JSON report with the inputs' hashes."""
    out.mkdir(exist_ok=True)
    path = write_json_report(check_folder(inbox), out / "piano-2022-verifiche.json",
                             inputs=build_inputs(inbox))
    if when is not None:
        os.utime(path, (when.timestamp(), when.timestamp()))
    return path


@pytest.fixture
def sent(tmp_path):
    """The outbox for the sample's own year, so that returned workbooks are read."""
    return outbox(tmp_path / "invio", year=2022)


@pytest.fixture
def inbox(tmp_path, sent):
    """The sample, with: the Demografico sector missing; the Finanziario sector's template
    returned as it was sent; the Polizia Locale sector sent twice (an older copy too)."""
    folder = tmp_path / "restituiti"
    copy_sample(folder)
    (folder / MISSING).unlink()
    (folder / "Settore Economico Finanziario.xlsx").unlink()
    shutil.copyfile(sent.outbox / "Settore Finanziario.xlsx", folder / "Finanziario.xlsx")
    older = folder / "Polizia Locale - prima versione.xlsx"
    shutil.copyfile(folder / "Settore Polizia Locale.xlsx", older)
    os.utime(older, (1_600_000_000, 1_600_000_000))
    return folder


def test_planted_missing_untouched_and_duplicate(inbox, sent):
    status = return_status(inbox, sent.outbox)
    assert status.expected_from == "distribuzione.csv"
    assert [(e.name, e.email) for e in status.missing] == [
        ("Settore Demografico", "stato.civile@comune.calcinate.bg.it")]
    assert [(r.expected.name, r.file) for r in status.untouched] == [
        ("Settore Finanziario", "Finanziario.xlsx")]
    assert sorted((r.expected.name, r.file) for r in status.arrived) == [
        ("Settore Affari Generali", "Settore Affari Generali.xlsx"),
        ("Settore Gestione del Territorio", "Settore Gestione Territorio.xlsx"),
        ("Settore Polizia Locale - Commercio", "Settore Polizia Locale.xlsx")]
    [group] = status.duplicates
    assert [(r.file, r.used) for r in group] == [
        ("Settore Polizia Locale.xlsx", True), ("Polizia Locale - prima versione.xlsx", False)]
    assert status.unknown == [] and status.unusable == []
    assert status.to_chase


def test_report_lines(inbox, sent):
    lines = status_lines(return_status(inbox, sent.outbox))
    assert lines[0] == ("Settori attesi: 5 (da distribuzione.csv); restituiti: 4 (di cui 1 "
                        "senza modifiche).")
    assert lines[lines.index("Mancanti (1):") + 1] == (
        "  - Settore Demografico: Airoldi Sonia <stato.civile@comune.calcinate.bg.it>")
    assert lines[lines.index("Restituiti senza modifiche, identici al file inviato (1):")
                 + 1] == ("  - Settore Finanziario: «Finanziario.xlsx» (da compilare: "
                          "Ferri Raffaella <ragioneria@comune.calcinate.bg.it>)")
    assert lines[lines.index("Inviati in più versioni (1):") + 1] == (
        "  - Settore Polizia Locale - Commercio: si usa «Settore Polizia Locale.xlsx», il "
        "più recente; non si usa «Polizia Locale - prima versione.xlsx»")
    assert "File dell'ente: «Ente.xlsx»; file del bilancio: «Bilancio.xlsx»." in lines
    assert lines[-1] == "Per sapere cosa è cambiato dall'ultima build: --build CARTELLA_USCITA."


def test_without_outbox_the_organigram_of_the_inbox_says_who_is_expected(inbox):
    status = return_status(inbox)
    assert status.expected_from == "organigramma di «Ente.xlsx»"
    assert [e.name for e in status.missing] == ["Settore Demografico"]
    assert status.untouched == []  # no hash to compare with: it counts as returned
    assert "Settore Finanziario" in {r.expected.name for r in status.arrived}


def test_without_outbox_nor_ente_only_the_arrivals_are_listed(tmp_path):
    folder = tmp_path / "solo-settori"
    folder.mkdir()
    shutil.copyfile(SAMPLE / "Settore Polizia Locale.xlsx", folder / "pl.xlsx")
    status = return_status(folder)
    assert status.expected == [] and not status.to_chase
    lines = status_lines(status)
    assert lines[0].startswith("Settori attesi: non noti")
    assert "  - «pl.xlsx»: Settore Polizia Locale" in lines


def test_unusable_files_are_listed_with_the_reason(inbox, sent):
    (inbox / "appunti.txt").write_text("da fare", encoding="utf-8")
    status = return_status(inbox, sent.outbox)
    assert [name for name, _ in status.unusable] == ["appunti.txt"]
    assert "non è una cartella di lavoro Excel" in status.unusable[0][1]


def test_changes_since_the_last_build(inbox, sent, tmp_path):
    out = tmp_path / "uscita"
    record_build(inbox, out, when=dt.datetime(2030, 11, 5, 9, 30))
    assert last_build(out).when == dt.datetime(2030, 11, 5, 9, 30)
    assert not return_status(inbox, sent.outbox, out).changes
    shutil.copyfile(SAMPLE / "Settore Economico Finanziario.xlsx", inbox / "Finanziario.xlsx")
    shutil.copyfile(SAMPLE / MISSING, inbox / MISSING)
    (inbox / "Polizia Locale - prima versione.xlsx").unlink()
    status = return_status(inbox, sent.outbox, out)
    assert (status.changes.changed, status.changes.added, status.changes.removed) == (
        ["Finanziario.xlsx"], [MISSING], ["Polizia Locale - prima versione.xlsx"])
    assert status_lines(status)[-1] == (
        "Dall'ultima build (05/11/2030 09:30): «Finanziario.xlsx» modificato, "
        f"«{MISSING}» nuovo, «Polizia Locale - prima versione.xlsx» tolto.")
    assert not status.missing and not status.untouched


def test_build_records_its_inputs_in_its_report_and_nothing_in_the_inbox(tmp_path):
    inbox = tmp_path / "restituiti"
    copy_sample(inbox)
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}
    build(inbox, tmp_path / "uscita")
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before
    state = last_build(tmp_path / "uscita")
    assert state.report == "piano-2022-verifiche.json"
    assert sorted(state.files) == sorted(p.name for p in SAMPLE.glob("*.xlsx"))
    status = return_status(inbox, build_dir=tmp_path / "uscita")
    assert status.changes is not None and not status.changes
    assert status_lines(status)[-1].endswith("nessun file cambiato.")


def test_the_check_json_has_no_inputs(tmp_path):
    """Only the build's report records the inputs: «check --json» keeps its contract."""
    result = invoke("check", str(SAMPLE), "--json")
    assert "inputs" not in json.loads(result.output)


def test_no_build_and_a_damaged_report(inbox, tmp_path):
    out = tmp_path / "uscita"
    out.mkdir()
    assert status_lines(return_status(inbox, build_dir=out))[-1] == (
        f"Nessuna build in «{out}» (manca il report piano-ANNO-verifiche.json scritto da "
        "«pianoperf build»).")
    (out / "piano-2022-verifiche.json").write_text("{non è json", encoding="utf-8")
    assert last_build(out) is None and return_status(inbox, build_dir=out).changes is None


def test_outbox_must_hold_the_distribution_list(inbox, tmp_path):
    with pytest.raises(DistributionError, match="non contiene «distribuzione.csv»"):
        return_status(inbox, tmp_path)


def test_cli_status_exit_codes(inbox, sent, tmp_path):
    out = tmp_path / "uscita"
    record_build(inbox, out)
    result = invoke("status", str(inbox), "--outbox", str(sent.outbox),
                    "--build", str(out))
    assert result.exit_code == 1 and "Mancanti (1):" in result.output
    assert result.output.splitlines()[-1].endswith("nessun file cambiato.")
    complete = tmp_path / "completa"
    copy_sample(complete)
    result = invoke("status", str(complete))
    assert result.exit_code == 0, result.output
    assert "Mancanti" not in result.output
    result = invoke("status", str(tmp_path / "manca"))
    assert result.exit_code == 2 and "non esiste" in result.output
