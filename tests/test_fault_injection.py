"""One file whose reading fails in a way nobody foresaw never stops a command.

A fault is injected into the reader of the real command, in a process of its own: a
``sitecustomize`` module on the command's path makes ``Workbook.rows`` raise for one
file name. Every command that reads a folder then goes on with the other files, and the
user is told in Italian, naming the file — never «Errore imprevisto» or a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import BROKEN, ROOT, SAMPLE, pianoperf

FAULT = '''
import os

from pianoperf_xl.read import workbook

_rows = workbook.Workbook.rows


def rows(self, sheet):
    if self.path.name == os.environ["FAULTY_FILE"]:
        raise RuntimeError("guasto simulato dal test")
    return _rows(self, sheet)


workbook.Workbook.rows = rows
'''
VICTIM = "Settore Polizia Locale.xlsx"


@pytest.fixture(scope="module")
def fault_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("guasto")
    (folder / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    return folder


def run(fault_path: Path, victim: str, *args, cwd: Path) -> subprocess.CompletedProcess:
    """The command with the fault on its path, for the file named ``victim``."""
    return pianoperf(*args, cwd=cwd, env={
        "FAULTY_FILE": victim, "PYTHONPATH": os.pathsep.join((str(fault_path), str(ROOT)))})


def assert_told(result: subprocess.CompletedProcess, victim: str) -> None:
    output = result.stdout + result.stderr
    assert "Errore imprevisto" not in output and "Traceback" not in output, output
    assert result.returncode in (0, 1, 2), output


FOLDERS = sorted(p.name for p in BROKEN.iterdir()
                 if p.is_dir() and (p / VICTIM).is_file())


@pytest.mark.parametrize("folder", FOLDERS)
def test_check_goes_on_with_the_other_files(fault_path, tmp_path, folder):
    clean = pianoperf("check", BROKEN / folder, "--json", cwd=tmp_path)
    result = run(fault_path, VICTIM, "check", BROKEN / folder, "--json", cwd=tmp_path)
    assert_told(result, VICTIM)
    report, before = json.loads(result.stdout), json.loads(clean.stdout)
    [failure] = [f for f in report["findings"] if f["code"] == "file-read-failed"]
    assert failure["file"] == VICTIM and VICTIM in failure["message"]
    assert "errore imprevisto" in failure["message"]
    # everything else is still read: the other files' own findings are all there (the
    # cross-checks, which the missing sector changes, aside)
    others = [f for f in before["findings"] if f["file"] != VICTIM and not f["code"].startswith(
        ("staff-", "sector-", "objective-", "indicator-", "plan-"))]
    assert all(f in report["findings"] for f in others)
    assert report["stats"]["sectors"] == before["stats"]["sectors"] - 1


COMMANDS = {
    "check": lambda folder, out: ("check", folder),
    "build": lambda folder, out: ("build", folder, "-o", out),
    "consolidate": lambda folder, out: ("consolidate", folder, "-o", out / "c.xlsx"),
    "annex": lambda folder, out: ("annex", folder, "-o", out / "a.docx"),
    "annotate": lambda folder, out: ("annotate", folder, "-o", out),
    "status": lambda folder, out: ("status", folder),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_goes_on_with_the_other_files(fault_path, tmp_path, name):
    folder = tmp_path / "restituiti"
    shutil.copytree(SAMPLE, folder)
    out = tmp_path / "uscita"
    result = run(fault_path, VICTIM, *COMMANDS[name](folder, out), cwd=tmp_path)
    assert_told(result, VICTIM)
    output = result.stdout + result.stderr
    if name == "build":
        report = json.loads((out / "piano-2022-verifiche.json").read_text(encoding="utf-8"))
        assert any(f["code"] == "file-read-failed" and f["file"] == VICTIM
                   for f in report["findings"])
        assert report["stats"]["sectors"] == 4  # the other four sectors are in the plan
    elif name == "status":
        assert VICTIM in output  # listed among the files not used, with the reason
    else:
        assert VICTIM in output
    if name in ("check", "consolidate", "annex"):
        assert "settori: 4" in output


def test_distribute_names_the_ente_file_it_could_not_read(fault_path, tmp_path):
    result = run(fault_path, "Ente.xlsx", "distribute", "--ente", SAMPLE / "Ente.xlsx", "-o",
                 tmp_path / "invio", cwd=tmp_path)
    assert_told(result, "Ente.xlsx")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Errore:") and "Ente.xlsx" in line
