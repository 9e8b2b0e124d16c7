"""What is in the input folder besides workbooks: pipes, links, devices, names that are not
valid text. Every command runs on such a folder to its end (no hang: each run has a
time-out), reports each odd entry by name and still uses the sample's workbooks."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from helpers import SAMPLE, pianoperf

NOT_UTF8 = os.fsdecode(b"Settore Attivit\xe0 produttive.xlsx")  # cp1252 "à"
SHOWN = "Settore Attivit\ufffd produttive.xlsx"
TIME_LIMIT = 120  # seconds: far more than the sample takes, far less than for ever


@pytest.fixture
def odd_folder(tmp_path) -> Path:
    """The sample, with the police sector under a name that is not UTF-8, a pipe, links to
    /dev/zero and to a workbook outside the folder, and a broken link."""
    folder = tmp_path / "restituiti"
    shutil.copytree(SAMPLE, folder)
    (folder / "Settore Polizia Locale.xlsx").rename(folder / NOT_UTF8)
    os.mkfifo(folder / "Settore Cultura.xlsx")
    (folder / "Settore Zero.xlsx").symlink_to("/dev/zero")
    outside = tmp_path / "altrove.xlsx"
    shutil.copyfile(SAMPLE / "Bilancio.xlsx", outside)
    (folder / "Bilancio bis.xlsx").symlink_to(outside)
    (folder / "Settore Rotto.xlsx").symlink_to(folder / "non esiste.xlsx")
    (folder / "Bilancio collegato.xlsx").symlink_to(folder / "Bilancio.xlsx")  # inside: fine
    return folder


def test_check_reports_each_odd_entry_and_reads_the_rest(odd_folder, tmp_path):
    result = pianoperf("check", odd_folder, "--json", cwd=tmp_path, timeout=TIME_LIMIT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    files = Counter((f["code"], f["file"]) for f in report["findings"]
                    if f["code"].startswith("file-"))
    # a link inside the folder is read: a second budget workbook, one of the two unused
    duplicate = [file for code, file in files if code == "file-duplicate-kind"]
    assert duplicate in (["Bilancio.xlsx"], ["Bilancio collegato.xlsx"])
    assert files == Counter({
        ("file-name-encoding", SHOWN): 1,
        ("file-not-regular", "Settore Cultura.xlsx"): 1,
        ("file-not-regular", "Settore Rotto.xlsx"): 1,
        ("file-link-outside", "Settore Zero.xlsx"): 1,
        ("file-link-outside", "Bilancio bis.xlsx"): 1,
        ("file-duplicate-kind", duplicate[0]): 1,
    })
    assert report["stats"]["sectors"] == 5 and report["stats"]["objectives"] == 48
    police = [f for f in report["findings"] if f["file"] == SHOWN]
    assert any(f["code"] == "indicator-no-target" for f in police)  # its data were read


def test_build_and_status_finish_and_name_the_file_in_valid_text(odd_folder, tmp_path):
    out = tmp_path / "piano"
    build = pianoperf("build", odd_folder, "-o", out, cwd=tmp_path, timeout=TIME_LIMIT)
    assert build.returncode == 1, build.stderr
    assert "Errore imprevisto" not in build.stderr + build.stdout
    report = json.loads((out / "piano-2022-verifiche.json").read_text(encoding="utf-8"))
    assert SHOWN in report["inputs"] and "Settore Zero.xlsx" not in report["inputs"]
    assert SHOWN in (out / "piano-2022-verifiche.html").read_text(encoding="utf-8")
    status = pianoperf("status", odd_folder, "--build", out, cwd=tmp_path, timeout=TIME_LIMIT)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "nessun file cambiato" in status.stdout
    assert f"«{SHOWN}»" in status.stdout and "«Settore Zero.xlsx»" in status.stdout


def test_annotate_skips_what_is_not_a_file_and_copies_the_rest(odd_folder, tmp_path):
    out = tmp_path / "annotati"
    result = pianoperf("annotate", odd_folder, "-o", out, cwd=tmp_path, timeout=TIME_LIMIT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Errore imprevisto" not in result.stdout + result.stderr
    written = {p.name for p in out.iterdir()}
    assert SHOWN in written
    assert not {"Settore Zero.xlsx", "Settore Cultura.xlsx", "Bilancio bis.xlsx"} & written
