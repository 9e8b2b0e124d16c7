"""The benchmark of the results round (issue 11), apart from run.py: on the sizes of
run.py, the round's stages against raw libraries.

    python benchmarks/results_round.py [--sizes S,M,L] [--cache DIR] [--results FILE]

For each size the plan (run.py's ``SIZES``) gets its ``rendiconto`` templates, filled once
with invented results by openpyxl (not timed, cached beside the plan), then:

- ``results-templates``: write_results_templates;
- ``results-measure``: reading the returns, checking and measuring (measure_round; the
  plan's own reading and checks, which ``results`` repeats, are timed apart as
  ``results-plan``) — baseline ``raw-calamine`` (python-calamine reading every cell of the
  returned files);
- ``results-workbook``: write_results_workbook — baseline ``raw-xlsxwriter`` (the
  indicator table's cells written unformatted);
- ``results-document``: write_round_document.

Lines ``{"size", "stage", "seconds", "baseline_seconds", "ratio", "load"}`` (``load``: the
1-minute load average when the stage ended, as other work on the machine slows it) are
printed and appended, with the time and commit, to ``benchmarks/results_round.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import DEFAULT_CACHE, ROOT, SIZES, load_average  # noqa: E402

DEFAULT_RESULTS = HERE / "results_round.jsonl"  # apart from run.py's results.jsonl


def _timed(call):
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def _stage(lines: list[dict], stage: str, seconds: float, **extra) -> None:
    lines.append({"stage": stage, "seconds": seconds, **extra, "load": load_average()})


def _filled(plan: Path, work: Path) -> Path:
    """The plan's templates with every row answered (invented values)."""
    import openpyxl

    from pianoperf_xl.pipeline import read_and_check
    from pianoperf_xl.results.prepare import write_results_templates

    reading = read_and_check(plan)
    year = reading.year
    inbox = work / "restituiti"
    for path in write_results_templates(reading, inbox, "consuntivo", dt.date(year, 12, 31)):
        book = openpyxl.load_workbook(path)
        if "Risultati" not in book.sheetnames:
            continue
        ws = book["Risultati"]
        for r in range(5, ws.max_row + 1):
            if ws.cell(r, 1).value:
                ws.cell(r, 8).value = "sì" if r % 3 else "no"
                ws.cell(r, 9).value = dt.datetime(year, 6, 1 + r % 28)
                ws.cell(r, 10).value = "raggiunto" if r % 3 else "non raggiunto"
                ws.cell(r, 14).value = f"Atto n. {r}"
        book["Rendiconto"]["B11"] = dt.datetime(year, 12, 31)
        book.save(path)
    return inbox


def measure(size: str, cache: Path) -> list[dict]:
    from pianoperf_xl.pipeline import read_and_check
    from pianoperf_xl.results.prepare import write_results_templates
    from pianoperf_xl.results.run import measure_round
    from pianoperf_xl.write.results.document import write_round_document
    from pianoperf_xl.write.results.workbook import write_results_workbook

    import docx  # noqa: F401  imports out of the timings, as in run.py
    import pandas  # noqa: F401

    plan = SIZES[size].folder(cache)
    lines = []
    with tempfile.TemporaryDirectory(prefix="pianoperf-bench-risultati-") as tmp:
        work = Path(tmp)
        inbox = _filled(plan, work)
        plan_seconds, reading = _timed(lambda: read_and_check(plan))
        _stage(lines, "results-plan", plan_seconds)
        seconds, _ = _timed(lambda: write_results_templates(
            reading, work / "modelli", "consuntivo", dt.date(reading.year, 12, 31)))
        _stage(lines, "results-templates", seconds)
        seconds, outcome = _timed(lambda: measure_round(inbox, plan))
        raw, _ = _timed(lambda: _raw_read(inbox))
        _stage(lines, "results-measure", seconds - plan_seconds, baseline_seconds=raw)
        seconds, _ = _timed(lambda: write_results_workbook(outcome, work / "r.xlsx"))
        raw, _ = _timed(lambda: _raw_write(outcome, work / "raw.xlsx"))
        _stage(lines, "results-workbook", seconds, baseline_seconds=raw)
        seconds, _ = _timed(lambda: write_round_document(outcome, work / "r.docx"))
        _stage(lines, "results-document", seconds)
    for line in lines:
        line["size"] = size
        base = line.get("baseline_seconds")
        line["ratio"] = round(line["seconds"] / base, 3) if base else None
        line["seconds"] = round(line["seconds"], 4)
    return lines


def _raw_read(folder: Path) -> int:
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in sorted(folder.glob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
    return cells


def _raw_write(outcome, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    for r, row in enumerate(outcome.tables["indicatori"].itertuples(index=False)):
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif isinstance(value, (int, float)) and value == value:
                ws.write_number(r, c, value)
    book.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    args = parser.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    when = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with args.results.open("a", encoding="utf-8") as out:
        for size in args.sizes.split(","):
            for line in measure(size, args.cache):
                print(json.dumps(line), flush=True)
                out.write(json.dumps({**line, "run": when, "commit": commit}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
