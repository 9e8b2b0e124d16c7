"""Every folder of tests/data/broken/ through the real command line, as a user runs it:
``python -m pianoperf_xl check --json`` and ``build``, each in a process of its own.

For each folder: the exact finding codes, the exit codes, no traceback, the good
workbooks next to the broken ones still in the consolidated workbook, nothing lost row
by row (tests/nothing_lost.py), the inputs unchanged, nothing written outside the
output folder, and (for the folders in REBUILT) a second build identical to the first.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from pianoperf_xl.codes import CODES
from pianoperf_xl.read import read_workbook

from cases import BROKEN_READER_CODES as READER_EXPECTED
from helpers import BROKEN, ROOT, SAMPLE, digests, pianoperf, same_outputs
from nothing_lost import SKIPPED_PREFIXES, lost_rows

# The good sector next to most broken files: its own findings (no targets in the seed).
POLICE = {"indicator-no-target": 9}
NOT_MEASURABLE = {"indicator-not-measurable": 4}  # Servizi Demografici's, in the seed
ERROR_EXIT, CLEAN_EXIT, UNUSABLE_EXIT = 1, 0, 2

# folder -> (every finding code of ``check --json`` with its count, exit code of check
# and build). Reader codes are those of cases.BROKEN_READER_CODES; the rest come from
# the cross-checks on the good files and on what the broken file still gives.
EXPECTED: dict[str, tuple[dict[str, int], int]] = {
    "not-a-workbook": ({"file-not-workbook": 1, "file-unreadable": 1, **POLICE}, ERROR_EXIT),
    "legacy-xls": ({"file-legacy-xls": 2, **POLICE}, ERROR_EXIT),
    "encrypted": ({"file-encrypted": 1, **POLICE}, ERROR_EXIT),
    "truncated": ({"file-unreadable": 1, **POLICE}, ERROR_EXIT),
    "corrupt-zip": ({"file-unreadable": 1, **POLICE}, ERROR_EXIT),
    "zip-bomb": ({"file-zip-bomb": 1, **POLICE}, ERROR_EXIT),
    "billion-laughs": ({"file-xml-entities": 1, **POLICE}, ERROR_EXIT),
    "external-entity": ({"file-xml-entities": 1, **POLICE}, ERROR_EXIT),
    "million-rows": ({**POLICE}, CLEAN_EXIT),
    # Tributi's «Personale» is not read: its objective names two people nobody knows
    "far-cell": ({"sheet-too-large": 1, "staff-ref-unknown": 2, **POLICE}, ERROR_EXIT),
    "formula-not-computed": ({"cell-formula-not-computed": 1, **POLICE}, CLEAN_EXIT),
    "formula-error": ({"cell-error-value": 1, **POLICE}, ERROR_EXIT),
    # Tributi's merged objectives name no staff, and so its two people work on none
    "merged-cells": ({"objective-no-staff": 4, "staff-no-objective": 2, **POLICE},
                     CLEAN_EXIT),
    "hidden-rows": ({"cell-hidden": 2, **POLICE}, CLEAN_EXIT),
    "hidden-sheet": ({"sheet-hidden-content": 2, **POLICE}, CLEAN_EXIT),
    "duplicate-sector": ({"sector-duplicate": 1, **NOT_MEASURABLE, **POLICE}, CLEAN_EXIT),
    "duplicate-odd-dates": ({"sector-duplicate": 2, **NOT_MEASURABLE, **POLICE}, CLEAN_EXIT),
    "wrong-version": ({"template-wrong-version": 1, **POLICE}, ERROR_EXIT),
    "wrong-year": ({"template-wrong-year": 1, **NOT_MEASURABLE, **POLICE}, ERROR_EXIT),
    "no-template": ({"template-unknown": 1, **POLICE}, ERROR_EXIT),
    # amounts read from text (or not: "1.055") leave the budget unbalanced
    "text-numbers": ({"cell-text-as-number": 5, "cell-wrong-type": 1,
                      "budget-total-mismatch": 4, "budget-revenue-expense-mismatch": 2,
                      "budget-current-balance": 3, **POLICE}, ERROR_EXIT),
    "text-dates": ({"cell-text-as-date": 2, **POLICE}, CLEAN_EXIT),
    "date1904": ({**POLICE}, CLEAN_EXIT),
    "lock-file": ({**POLICE}, CLEAN_EXIT),
    "empty": ({"folder-empty": 1}, UNUSABLE_EXIT),
    "macro-enabled": ({"file-macro-enabled": 1, **NOT_MEASURABLE, **POLICE}, CLEAN_EXIT),
    "long-text": ({"cell-too-long": 1, **POLICE}, ERROR_EXIT),
    "control-chars": ({"cell-control-chars": 1, **POLICE}, CLEAN_EXIT),
    # every name is someone once its invisible characters and line break are gone
    "invisible-names": ({"cell-control-chars": 3, "cell-line-break": 1, **POLICE},
                        CLEAN_EXIT),
    # the two good sectors set the year: the outputs are named for 2022
    "absurd-year": ({"template-year-invalid": 2, **NOT_MEASURABLE, **POLICE}, ERROR_EXIT),
    # the whole sample but the ente and budget: each odd workbook reads as the original
    "annotate-cannot-copy": ({"indicator-not-measurable": 14, "indicator-no-target": 10,
                              "staff-no-objective": 1}, CLEAN_EXIT),
    # made below from the broken files alone: no file can be used
    "nothing-usable": ({"file-encrypted": 1, "file-legacy-xls": 1, "file-unreadable": 1,
                        "template-wrong-version": 1, "template-unknown": 1}, UNUSABLE_EXIT),
}
# Each folder holds only part of a plan, and what it lacks is an error of its own
# (checks/completeness.py): these are the folders that have an ente or a budget workbook.
HAS_ENTE = {"text-dates", "date1904"}
HAS_BUDGET = {"text-numbers"}


def _incomplete(name: str, codes: dict[str, int], exit_code: int) -> tuple[dict, int]:
    if exit_code == UNUSABLE_EXIT:
        return codes, exit_code
    missing = ({} if name in HAS_ENTE else {"plan-ente-missing": 1}) | (
        {} if name in HAS_BUDGET else {"plan-budget-missing": 1})
    return {**codes, **missing}, ERROR_EXIT if missing else exit_code


EXPECTED = {name: _incomplete(name, *value) for name, value in EXPECTED.items()}
NOTHING_USABLE = {  # file name -> the broken file it is a copy of
    "Settore Tributi.xlsx": "encrypted/Settore Tributi.xlsx",
    "Settore Tributi.xls": "legacy-xls/Settore Tributi.xls",
    "Settore Cultura.xlsx": "truncated/Settore Tributi.xlsx",
    "Settore Ragioneria.xlsx": "wrong-version/Settore Tributi.xlsx",
    "Appunti obiettivi.xlsx": "no-template/Appunti obiettivi.xlsx",
}
# Built a second time, to compare: the folders whose data take the less common paths
# (the sample is built twice in test_nothing_lost.py).
REBUILT = ("merged-cells", "hidden-rows", "hidden-sheet", "duplicate-sector", "text-numbers",
           "text-dates", "date1904", "long-text", "control-chars", "far-cell", "empty")
OUTPUTS_2022 = ["piano-2022-allegato-A.docx", "piano-2022-consolidato.xlsx",
                "piano-2022-delibera.docx", "piano-2022-obiettivi.csv",
                "piano-2022-obiettivi.json", "piano-2022-verifiche.html",
                "piano-2022-verifiche.json"]
OUTPUTS_NO_YEAR = [name.replace("-2022", "") for name in OUTPUTS_2022]


@dataclass
class Run:
    folder: Path
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess
    rebuild: subprocess.CompletedProcess | None
    out: Path
    out_again: Path
    cwd: Path
    before: dict[str, str]
    after: dict[str, str]

    def output(self, name: str) -> Path:
        [path] = [p for p in self.out.iterdir() if p.name.endswith(name)]
        return path


def _nothing_usable(target: Path) -> Path:
    target.mkdir()
    for name, source in NOTHING_USABLE.items():
        shutil.copyfile(BROKEN / source, target / name)
    return target


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Run]:
    base = tmp_path_factory.mktemp("broken-cli")
    folders = {name: BROKEN / name for name in EXPECTED if name != "nothing-usable"}
    folders["nothing-usable"] = _nothing_usable(base / "nothing-usable-input")
    before = {name: digests(folder) for name, folder in folders.items()}

    def one(name: str) -> Run:
        folder, cwd = folders[name], base / "cwd" / name
        cwd.mkdir(parents=True)
        out, out_again = base / "out" / name, base / "again" / name
        check = pianoperf("check", folder, "--json", cwd=cwd)
        build = pianoperf("build", folder, "-o", out, cwd=cwd)
        rebuild = (pianoperf("build", folder, "-o", out_again, cwd=cwd)
                   if name in REBUILT else None)
        return Run(folder, check, build, rebuild, out, out_again, cwd, before[name],
                   digests(folder))

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(folders, pool.map(one, folders)))


def good_files(folder: Path) -> list[str]:
    """The sample's workbooks copied unchanged next to the broken ones."""
    return [p.name for p in folder.iterdir()
            if (SAMPLE / p.name).is_file() and (SAMPLE / p.name).read_bytes() == p.read_bytes()]


def test_every_folder_is_run():
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(
        set(EXPECTED) - {"nothing-usable"})
    for name, (codes, _) in EXPECTED.items():  # the reader's codes are all there
        reader = Counter(READER_EXPECTED.get(name, []))
        assert reader <= Counter(codes) or name == "nothing-usable", name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_and_build(runs, name):
    run = runs[name]
    codes, exit_code = EXPECTED[name]
    for step in filter(None, (run.check, run.build, run.rebuild)):
        assert "Traceback" not in step.stdout + step.stderr, step.stderr
        assert "Errore imprevisto" not in step.stdout + step.stderr, step.stderr
    assert (run.check.returncode, run.build.returncode) == (exit_code, exit_code), \
        run.check.stderr + run.build.stderr
    report = json.loads(run.check.stdout)
    assert Counter(f["code"] for f in report["findings"]) == Counter(codes)
    for finding in report["findings"]:
        assert finding["message"] and finding["file"]  # says what and where
    built = json.loads(run.output("verifiche.json").read_text(encoding="utf-8"))
    assert built["findings"] == report["findings"]
    # the good workbooks next to the broken ones: every indicator in «Obiettivi»
    rows = list(openpyxl.load_workbook(run.output("consolidato.xlsx"), read_only=True)[
        "Obiettivi"].iter_rows(values_only=True))
    per_sector = Counter(row[0] for row in rows[4:] if row and row[0])
    goods = good_files(run.folder)
    assert goods or name in ("empty", "nothing-usable")
    for good in goods:
        sector, _ = read_workbook(SAMPLE / good, "settore")
        assert per_sector[sector.name] == len(sector.indicators), good
    if exit_code == UNUSABLE_EXIT:
        assert not per_sector and report["stats"]["sectors"] == 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nothing_lost(runs, name):
    run = runs[name]
    walked: dict[str, int] = {}
    report = json.loads(run.check.stdout)
    lost = lost_rows(run.folder, report["findings"], run.output("consolidato.xlsx"), walked)
    assert lost == [], "\n".join(lost)
    inputs = [p for p in run.folder.iterdir() if not p.name.startswith(SKIPPED_PREFIXES)]
    assert walked["files"] + walked["files_not_read"] == len(inputs)
    assert walked["values"] > 0 or name in ("empty", "nothing-usable")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inputs_unchanged_and_nothing_written_elsewhere(runs, name):
    run = runs[name]
    assert run.after == run.before
    assert list(run.cwd.iterdir()) == []  # nothing beside the output folder
    expected = OUTPUTS_NO_YEAR if name == "empty" else OUTPUTS_2022
    for out in (run.out, run.out_again) if run.rebuild else (run.out,):
        assert sorted(p.name for p in out.iterdir()) == expected  # no .tmp- leftovers


@pytest.mark.parametrize("name", REBUILT)
def test_a_second_build_gives_the_same_outputs(runs, name):
    run = runs[name]
    stem = "piano" if name == "empty" else "piano-2022"
    same_outputs(run.out, run.out_again, f"{stem}-consolidato.xlsx",
                 f"{stem}-allegato-A.docx")
    assert (run.out / f"{stem}-verifiche.json").read_bytes() == \
        (run.out_again / f"{stem}-verifiche.json").read_bytes()


def test_the_readme_explains_every_message_of_the_broken_inputs():
    """The users' section «Cosa succede se un file è sbagliato» names real codes, and
    every code the broken inputs give."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Cosa succede se un file è sbagliato", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z]+(?:-[a-z0-9]+)+)`", section))
    assert named and named <= set(CODES), named - set(CODES)
    given = {code for codes in READER_EXPECTED.values() for code in codes}
    assert given <= named, given - named
    assert "non vengono mai modificati" in section and "va avanti con gli altri" in section
