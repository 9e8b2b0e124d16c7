"""The benchmark's generator and runner, on a tiny plan, so that they cannot rot.

Nothing here asserts a timing: the figures are the benchmark's business
(``python benchmarks/run.py``), the tests check that it runs and what it produces.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pianoperf_xl import read as reader
from pianoperf_xl.findings import ERROR, WARNING
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.write.report import report_json

from helpers import benchmark_module

TINY = dict(sectors=3, objectives=10, indicators_per_objective=1.5, staff=8, seed=3)
# What a planted mistake also causes: a wrong Totale missioni is a missions/titles gap too.
CASCADES = {"budget-missions-titles-mismatch"}


generate = benchmark_module("generate")
bench = benchmark_module("run")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return generate.generate_plan(tmp_path_factory.mktemp("tiny"), **TINY)


def _cells(folder: Path) -> dict[str, list]:
    values = {}
    for path in sorted(folder.glob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        values[path.name] = [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]
    return values


def test_generated_files(tiny):
    names = sorted(p.name for p in tiny.files)
    assert names == sorted(["Ente.xlsx", "Bilancio.xlsx",
                            *(f"Settore {s.name}.xlsx" for s in generate.SUBJECTS[:3])])
    assert sorted(p.name for p in tiny.folder.glob("*.xlsx")) == names
    assert tiny.indicators == 15
    assert {p.kind for p in tiny.planted} == set(generate.MISTAKE_KINDS)  # one of each
    manifest = generate.load_manifest(tiny.folder)
    assert manifest["arguments"]["seed"] == 3 and len(manifest["planted"]) == len(tiny.planted)


def test_generated_plan_reads_back_with_the_planted_findings(tiny):
    plan = check_folder(tiny.folder).plan
    assert len(plan.sectors) == 3 and len(plan.objectives) == 10
    assert len(plan.staff) == 8 and plan.budget is not None and plan.ente is not None
    found = {(f.code, f.file, f.sheet, f.cell) for f in plan.findings}
    for planted in tiny.planted:
        assert (planted.code, planted.file, planted.sheet, planted.cell) in found, planted
    # Everything else is clean: no other warning or error.
    planted = {(p.code, p.file, p.sheet, p.cell) for p in tiny.planted}
    others = [f for f in plan.findings if f.severity in (ERROR, WARNING)
              and (f.code, f.file, f.sheet, f.cell) not in planted and f.code not in CASCADES]
    assert others == []


def test_generator_is_deterministic(tiny, tmp_path):
    again = generate.generate_plan(tmp_path, **TINY)
    assert again.planted == tiny.planted
    assert _cells(again.folder) == _cells(tiny.folder)


def test_mistakes_by_kind(tmp_path):
    plan = generate.generate_plan(tmp_path, **{**TINY, "seed": 4},
                                  mistakes={"ref-typo": 2, "saldo": 1})
    assert sorted(p.kind for p in plan.planted) == ["ref-typo", "ref-typo", "saldo"]
    found = {(f.code, f.cell) for f in check_folder(tmp_path).findings}
    assert all((p.code, p.cell) in found for p in plan.planted)


def test_parallel_read_gives_the_same_plan(tiny, monkeypatch):
    serial = check_folder(tiny.folder)
    monkeypatch.setattr(reader, "PARALLEL_MIN_FILES", 1)
    parallel = check_folder(tiny.folder)
    assert parallel.plan == serial.plan
    assert report_json(parallel) == report_json(serial)


def test_benchmark_on_a_tiny_size(tmp_path):
    out = io.StringIO()
    results = tmp_path / "results.jsonl"
    measurements = bench.run(["XS"], repeat=2, cache=tmp_path / "cache", results=results,
                             out=out, open_sizes=["XS"])
    lines = [json.loads(line) for line in out.getvalue().splitlines()
             if line.startswith("{")]
    assert len(lines) == len(measurements)
    keys = {"size", "stage", "seconds", "min", "max", "runs", "peak_pss_mb",
            "baseline_seconds", "ratio", "load"}
    assert all(set(line) == keys for line in lines)
    stages = {line["stage"]: line for line in lines}
    assert set(stages) == {"read", "check", "consolidate", "annex", "raw-calamine",
                           "raw-xlsxwriter", "naive-docx", "build", "raw-io",
                           "open-consolidated", "open-plain", "build/objective"}
    assert all(line["size"] == "XS" and line["seconds"] > 0 for line in lines)
    for stage, baseline in {**bench.BASELINE_OF, "build": "raw-io",
                            "open-consolidated": "open-plain"}.items():
        assert stages[stage]["baseline_seconds"] == stages[baseline]["seconds"]
        assert stages[stage]["ratio"] > 0
    # Two interleaved rounds of every measurement: a median between its min and max.
    for line in lines:
        if line["stage"] != "build/objective":
            assert line["runs"] == 2 and line["min"] <= line["seconds"] <= line["max"]
    # The raw I/O floor is the two raw baselines of the same round, added up.
    assert stages["raw-io"]["seconds"] <= (stages["raw-calamine"]["max"]
                                           + stages["raw-xlsxwriter"]["max"])
    assert stages["build"]["peak_pss_mb"] > 0 and stages["read"]["peak_pss_mb"] > 0
    kept = [json.loads(line) for line in results.read_text().splitlines()]
    assert [k["stage"] for k in kept] == [line["stage"] for line in lines]
    assert all(k["machine"]["nproc"] >= 1 and k["run"] for k in kept)
    assert "build/objective" in out.getvalue()  # the readable table
    # The plan is generated once: a second run finds it in the cache.
    manifest = generate.load_manifest(tmp_path / "cache" / "XS")
    assert manifest["arguments"]["objectives"] == 10
