"""The ``Report``: what checking a plan found, as data that every view renders."""

from __future__ import annotations

import json

import pytest

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import ERROR, INFO, WARNING, Location
from pianoperf_xl.pipeline import build, check_folder
from pianoperf_xl.report import Report

from helpers import ROOT, SAMPLE, invoke

STATS = {"files": 1, "sectors": 1, "objectives": 0, "indicators": 0, "staff": 0}
REQUIRED = emit("cell-required", "Manca «Ente», che è obbligatorio.",
                Location("settore.xlsx", "Settore", "B5"))
NO_OBJECTIVE = emit("staff-no-objective", "«Rossi Mario» non lavora su nessun obiettivo.",
                    Location("settore.xlsx", "Personale", "A9"))
UNPARSED = emit("deadline-unparsed", "Scadenza non capita.",
                Location("settore.xlsx", "Obiettivi", "G5"), value="a breve")


def report(*findings, files_used: int = 1) -> Report:
    return Report(2022, STATS, findings, files_used)


def test_the_findings_make_the_exit_code():
    assert (REQUIRED.severity, NO_OBJECTIVE.severity, UNPARSED.severity) == (ERROR, WARNING, INFO)
    assert [(r.valid, r.exit_code) for r in (
        report(),
        report(NO_OBJECTIVE, UNPARSED),
        report(NO_OBJECTIVE, REQUIRED),
        report(files_used=0),
        report(REQUIRED, files_used=0),
    )] == [(True, 0), (True, 0), (False, 1), (True, 2), (False, 2)]


def test_flatten_gives_the_chosen_fields_in_order():
    found = report(REQUIRED, NO_OBJECTIVE, UNPARSED)
    assert found.flatten(["code", "cell"]) == [
        ("cell-required", "B5"), ("staff-no-objective", "A9"), ("deadline-unparsed", "G5")]
    assert found.flatten(("severity", "value")) == [
        (ERROR, None), (WARNING, None), (INFO, "a breve")]
    assert report().flatten(["code"]) == []
    with pytest.raises(ValueError, match="not a field of a finding: gravity"):
        found.flatten(["code", "gravity"])


def test_to_dict_is_the_json_contract():
    infinite = emit("cell-wrong-type", "Non è un importo.", Location("Bilancio.xlsx", "Entrate",
                                                                     "C9"), value=float("inf"))
    data = report(REQUIRED, infinite).to_dict()
    assert list(data) == ["valid", "stats", "findings"]
    assert (data["valid"], data["stats"]) == (False, STATS)
    assert [list(f) for f in data["findings"]] == [
        ["code", "severity", "message", "file", "sheet", "cell", "value", "hint"]] * 2
    assert data["findings"][1]["value"] == "inf"  # strict JSON: no Infinity
    json.dumps(data, allow_nan=False)


def test_check_folder_returns_the_report_check_json_prints():
    found = check_folder(SAMPLE)
    assert (found.year, found.valid, found.exit_code, found.files_used) == (2022, False, 1, 7)
    assert found.stats == found.plan.stats() == {
        "files": 7, "sectors": 5, "objectives": 48, "indicators": 49, "staff": 19}
    assert ("context-saldo-mismatch", "Ente.xlsx", "Popolazione", "B14") in found.flatten(
        ["code", "file", "sheet", "cell"])
    printed = invoke("check", str(SAMPLE), "--json")
    assert printed.exit_code == found.exit_code
    assert json.loads(printed.stdout) == found.to_dict()


def test_a_folder_with_no_usable_file_is_exit_code_2():
    found = check_folder(ROOT / "tests" / "data" / "broken" / "empty")
    assert found.flatten(["code"]) == [("folder-empty",)]
    assert (found.valid, found.exit_code, found.files_used) == (False, 2, 0)


def test_build_returns_the_report_it_wrote(tmp_path):
    result = build(SAMPLE, tmp_path)
    written = json.loads((tmp_path / "piano-2022-verifiche.json").read_text(encoding="utf-8"))
    assert set(written.pop("inputs")) == {p.name for p in SAMPLE.iterdir()}
    assert written == result.report.to_dict()
    assert result.report.exit_code == 1 and result.report.plan.year == 2022
