"""The benchmark: each stage of pianoperf on several sizes of plan, against the raw libraries,
measured side by side.

    python benchmarks/run.py [--sizes S,M,L] [--xl] [--repeat N] [--cache DIR] [--results FILE]

Sizes: S is the bundled Calcinate sample (5 sectors, 48 objectives, 19 people); M, L and XL
are synthetic plans written by ``benchmarks/generate.py`` once into the cache folder
(``benchmarks/.cache/``, not committed): M 20 sectors / 500 objectives / 600 people,
L 100 sectors / 10,000 objectives / 20,000 indicators / 5,000 people, XL (only with
``--xl``) 300 sectors / 30,000 objectives / 60,000 indicators / 15,000 people. XS (3
sectors, 10 objectives) is there for the tests.

Measured, each in a fresh process so that its peak memory is its own:

- the stages, timed inside the process around the library call only (imports and the
  input's unpickling excluded; the peak memory includes them): ``read`` (read_plan),
  ``check`` (interpret and run_checks on the read plan), ``consolidate``
  (write_consolidated), ``annex`` (write_annex); each stage gets the previous one's plan,
  pickled; the writers' stages interpret it again outside the timer, as ``build`` hands
  them the checks' reading;
- the baselines on the same data, timed the same way: ``raw-calamine`` (python-calamine
  reading every cell of every sheet of the same files), ``raw-xlsxwriter`` (xlsxwriter
  writing the cells the consolidated workbook holds, typed, no formats),
  ``naive-docx`` (python-docx filling the annex's tables with ``add_row`` and
  ``cell.text``, then saving); ``raw-io`` is raw-calamine + raw-xlsxwriter of the same
  round, the floor of a build;
- whole commands as separate processes, wall time and peak memory of the process tree:
  ``pianoperf build`` on every size; on S also ``pianoperf --help``, ``pianoperf check``
  and the baseline ``python -c "import click"``;
- on L (``--open-sizes``), the time LibreOffice takes to open the consolidated workbook
  (``soffice --headless --convert-to csv``, ``open-consolidated``) against a plain
  workbook of the same cells (the raw-xlsxwriter one, ``open-plain``), one warmed-up
  private profile for both.

Fairness: each measurement is paired with its baseline and the pairs interleaved
(stage, baseline, stage, baseline, ...), ``--repeat`` rounds of everything (default 3;
XL runs ``--repeat-xl`` rounds, default 1). Each line gives the median with the min and
max; a ratio is the median of the ratios of the same round. Peak memory is the
proportional set size (PSS, from ``/proc/PID/smaps_rollup``) summed over the process
tree, sampled every 20 ms, so pages forked workers share are counted once; the 1-minute
load average is recorded with every measurement, as other work on the machine slows the
figures down.

Each measurement prints one JSON line ``{"size", "stage", "seconds", "min", "max",
"runs", "peak_pss_mb", "baseline_seconds", "ratio", "load"}``; a table and the targets
of issue 15 follow. The lines are appended, with the run's time, commit and machine, to
``benchmarks/results.jsonl``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "samples" / "calcinate-2022"
DEFAULT_CACHE = HERE / ".cache"
DEFAULT_RESULTS = HERE / "results.jsonl"
MiB = 1024 * 1024


@dataclass(frozen=True)
class Size:
    name: str
    generate: dict[str, Any] | None = None  # generate_plan arguments; None: the sample

    def folder(self, cache: Path) -> Path:
        if self.generate is None:
            return SAMPLE
        from generate import DEFAULT_YEAR, GENERATOR_VERSION, generate_plan, load_manifest

        folder = cache / self.name
        manifest = load_manifest(folder) or {}
        arguments = {"year": DEFAULT_YEAR, **self.generate}
        if (manifest.get("generator") != GENERATOR_VERSION
                or manifest.get("arguments") != arguments):
            print(f"# generating {self.name} into {folder}", file=sys.stderr, flush=True)
            generate_plan(folder, **arguments)
        return folder


def _plan(sectors: int, objectives: int, indicators: int, staff: int, seed: int,
          mistakes: int) -> dict[str, Any]:
    return {"sectors": sectors, "objectives": objectives,
            "indicators_per_objective": indicators / objectives, "staff": staff,
            "seed": seed, "mistakes": mistakes}


SIZES = {
    "XS": Size("XS", _plan(3, 10, 15, 8, seed=3, mistakes=9)),
    "S": Size("S"),
    "M": Size("M", _plan(20, 500, 1_000, 600, seed=20, mistakes=30)),
    "L": Size("L", _plan(100, 10_000, 20_000, 5_000, seed=100, mistakes=120)),
    "XL": Size("XL", _plan(300, 30_000, 60_000, 15_000, seed=300, mistakes=360)),
}
DEFAULT_SIZES = ("S", "M", "L")
OPEN_SIZES = ("L",)  # where LibreOffice's opening of the consolidated workbook is timed
STAGES = ("read", "check", "consolidate", "annex")
BASELINE_OF = {"read": "raw-calamine", "consolidate": "raw-xlsxwriter", "annex": "naive-docx"}
LINEAR_STAGES = STAGES + ("build",)  # seconds per objective compared between sizes


@dataclass
class Measurement:
    size: str
    stage: str
    seconds: float
    peak_pss_mb: float | None = None
    baseline_seconds: float | None = None
    ratio: float | None = None
    low: float | None = None  # the fastest and slowest of the runs
    high: float | None = None
    runs: int = 1
    load: float | None = None  # the 1-minute load average when it was measured (median)
    extra: dict[str, Any] = field(default_factory=dict)  # not printed: objectives, ...

    def line(self) -> dict[str, Any]:
        return {"size": self.size, "stage": self.stage, "seconds": _round(self.seconds, 4),
                "min": _round(self.low, 4), "max": _round(self.high, 4), "runs": self.runs,
                "peak_pss_mb": _round(self.peak_pss_mb, 1),
                "baseline_seconds": _round(self.baseline_seconds, 4),
                "ratio": _round(self.ratio, 3), "load": self.load}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


# --- processes ----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found


def _pss(pid: int) -> int:
    """Proportional set size of one process, in bytes (0 when it is gone): its private
    pages plus its share of the pages it shares, so a tree's sum counts each page once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_pss(pid: int) -> int:
    """Proportional set size of a process and all its descendants, now."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss(current)
        todo.extend(_children(current))
    return total


@dataclass
class ProcessResult:
    seconds: float
    peak_pss_mb: float
    returncode: int
    stdout: str
    stderr: str
    load: float | None = None


def run_process(command: Sequence[str], cwd: Path | None = None) -> ProcessResult:
    """Run ``command``; wall time and the peak PSS of its process tree, sampled."""
    load = load_average()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=out, stderr=err, cwd=cwd)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while True:
                peak[0] = max(peak[0], tree_pss(proc.pid))
                if done.wait(0.02):
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, _usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ProcessResult(seconds, peak[0] / MiB, proc.returncode,
                             out.read().decode("utf-8", "replace"),
                             err.read().decode("utf-8", "replace"), load)


def summary(size: str, stage: str, runs: list[ProcessResult | float],
            loads: list[float | None] | None = None) -> Measurement:
    """The median of ``runs`` (process results or seconds), with min and max."""
    seconds = [r if isinstance(r, float) else r.seconds for r in runs]
    peaks = [r.peak_pss_mb for r in runs if isinstance(r, ProcessResult)]
    loads = loads if loads is not None else [r.load for r in runs
                                              if isinstance(r, ProcessResult)]
    known = [x for x in loads if x is not None]
    return Measurement(size, stage, statistics.median(seconds),
                       max(peaks) if peaks else None, low=min(seconds), high=max(seconds),
                       runs=len(seconds),
                       load=round(statistics.median(known), 2) if known else None)


def pianoperf_command() -> list[str]:
    script = Path(sys.executable).with_name("pianoperf")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pianoperf_xl"]


# --- stages, run inside a child process (``run.py --stage NAME``) ------------------------------


def _workbooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm")
                  and not p.name.startswith(("~$", ".")))


def _load(path: Path) -> Any:
    with path.open("rb") as handle:
        return pickle.load(handle)


def _save(obj: Any, path: Path) -> None:
    with path.open("wb") as handle:
        pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)


def stage_read(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    import python_calamine  # noqa: F401  (imported, not timed, as for the baseline)

    from pianoperf_xl.read import read_plan

    start = time.perf_counter()
    plan = read_plan(folder)
    seconds = time.perf_counter() - start
    _save(plan, work / "plan-read.pickle")
    return seconds, {"objectives": len(plan.objectives), "staff": len(plan.staff),
                     "files": len(plan.files)}


def stage_check(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    """Interpreting the plan and running the checks on that reading."""
    from pianoperf_xl.checks import load_checks, run_checks
    from pianoperf_xl.interpret import interpret

    load_checks()
    plan = _load(work / "plan-read.pickle")
    start = time.perf_counter()
    run_checks(interpret(plan))
    seconds = time.perf_counter() - start
    _save(plan, work / "plan-checked.pickle")
    return seconds, {"findings": len(plan.findings)}


def _reading(work: Path):
    """The checked plan's reading, made again outside the timer: ``build`` makes it once,
    for the checks (whose stage times it), and hands it to the writers."""
    from pianoperf_xl.interpret import interpret

    return interpret(_load(work / "plan-checked.pickle"))


def stage_consolidate(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    from pianoperf_xl.write.consolidated import write_consolidated

    reading = _reading(work)
    start = time.perf_counter()
    write_consolidated(reading, work / "consolidato.xlsx")
    return time.perf_counter() - start, {}


def stage_annex(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    from pianoperf_xl.write.annex import write_annex

    reading = _reading(work)
    start = time.perf_counter()
    write_annex(reading, work / "allegato.docx")
    return time.perf_counter() - start, {}


def stage_raw_calamine(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    """python-calamine alone: every cell of every sheet of the same files."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    cells = 0
    for path in _workbooks(folder):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            cells += sum(len(row) for row in rows)
    return time.perf_counter() - start, {"cells": cells}


def _cells_of(path: Path) -> list[tuple[str, list[tuple[int, int, Any]]]]:
    """Every non-empty cell of a workbook, sheet by sheet, as python-calamine reads it."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append((name, [(r, c, v) for r, row in enumerate(rows)
                              for c, v in enumerate(row) if v != ""]))
    return sheets


def stage_raw_xlsxwriter(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    """xlsxwriter alone, writing the cells of the consolidated workbook: typed writes, no
    formats, no tables, no formulas (their values instead)."""
    import xlsxwriter

    sheets = _cells_of(work / "consolidato.xlsx")
    start = time.perf_counter()
    book = xlsxwriter.Workbook(str(work / "raw.xlsx"))
    for name, cells in sheets:
        ws = book.add_worksheet(name)
        write_string, write_number, write_datetime = (ws.write_string, ws.write_number,
                                                      ws.write_datetime)
        for r, c, value in cells:
            if isinstance(value, str):
                write_string(r, c, value)
            elif isinstance(value, (int, float)):
                write_number(r, c, value)
            elif isinstance(value, (dt.date, dt.datetime)):
                write_datetime(r, c, value)
            else:
                write_string(r, c, str(value))
    book.close()
    return time.perf_counter() - start, {"cells": sum(len(c) for _, c in sheets)}


def _tables_of(path: Path) -> list[list[list[str]]]:
    """The text of every table of a .docx: rows of cells (w:tc elements)."""
    from docx import Document
    from docx.oxml.ns import qn

    tables = []
    for table in Document(str(path)).tables:
        rows = []
        for tr in table._tbl.iter(qn("w:tr")):
            rows.append(["".join(t.text or "" for t in tc.iter(qn("w:t")))
                         for tc in tr.iter(qn("w:tc"))])
        tables.append(rows)
    return tables


def stage_naive_docx(folder: Path, work: Path) -> tuple[float, dict[str, Any]]:
    """python-docx as its tutorial fills a table: add_table, then add_row and cell.text
    for every row of the annex's tables; then save."""
    from docx import Document

    tables = _tables_of(work / "allegato.docx")
    start = time.perf_counter()
    document = Document()
    for rows in tables:
        width = max((len(r) for r in rows), default=1)
        table = document.add_table(rows=0, cols=width)
        for texts in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, texts):
                cell.text = text
    document.save(str(work / "naive.docx"))
    return time.perf_counter() - start, {"tables": len(tables),
                                         "rows": sum(len(t) for t in tables)}


STAGE_FUNCTIONS = {"read": stage_read, "check": stage_check, "consolidate": stage_consolidate,
                   "annex": stage_annex, "raw-calamine": stage_raw_calamine,
                   "raw-xlsxwriter": stage_raw_xlsxwriter, "naive-docx": stage_naive_docx}


def stage_main(name: str, folder: Path, work: Path) -> int:
    seconds, extra = STAGE_FUNCTIONS[name](folder, work)
    print(json.dumps({"seconds": seconds, **extra}))
    return 0


# --- the benchmark --------------------------------------------------------------------------------


class Benchmark:
    def __init__(self, repeat: int, cache: Path, emit: Callable[[Measurement], None],
                 repeat_xl: int = 1, open_sizes: Sequence[str] = OPEN_SIZES) -> None:
        self.repeat = repeat
        self.repeat_xl = repeat_xl
        self.cache = cache
        self.emit = emit
        self.open_sizes = tuple(open_sizes)
        self.measurements: list[Measurement] = []

    def add(self, m: Measurement) -> Measurement:
        self.measurements.append(m)
        self.emit(m)
        return m

    def find(self, size: str, stage: str) -> Measurement | None:
        return next((m for m in self.measurements if m.size == size and m.stage == stage),
                    None)

    def stage(self, name: str, folder: Path, work: Path) -> tuple[ProcessResult, dict]:
        command = [sys.executable, str(Path(__file__).resolve()), "--stage", name,
                   "--folder", str(folder), "--work", str(work)]
        result = _checked(run_process(command, cwd=HERE))
        report = json.loads(result.stdout.strip().splitlines()[-1])
        result.seconds = report.pop("seconds")  # timed inside, around the call only
        return result, report

    def run_size(self, size: Size) -> None:
        folder = size.folder(self.cache)
        work = Path(tempfile.mkdtemp(prefix=f"pianoperf-bench-{size.name}-"))
        rounds = self.repeat_xl if size.name == "XL" else self.repeat
        runs: dict[str, list[ProcessResult]] = {}
        extra: dict[str, dict] = {}
        ratios: dict[str, list[float]] = {}
        opener = Opener(work) if size.name in self.open_sizes else None
        try:
            for _ in range(rounds):
                # Each stage right before its baseline, every round: load drift moves both.
                for name in ("read", "raw-calamine", "check", "consolidate", "raw-xlsxwriter",
                             "annex", "naive-docx"):
                    result, report = self.stage(name, folder, work)
                    runs.setdefault(name, []).append(result)
                    extra.setdefault(name, report)
                out = work / "build"
                build = _checked(run_process([*pianoperf_command(), "build", str(folder),
                                              "-o", str(out)]), (0, 1))
                runs.setdefault("build", []).append(build)
                floor = runs["raw-calamine"][-1].seconds + runs["raw-xlsxwriter"][-1].seconds
                runs.setdefault("raw-io", []).append(ProcessResult(floor, 0, 0, "", "",
                                                                   build.load))
                for stage, base in {**BASELINE_OF, "build": "raw-io"}.items():
                    ratios.setdefault(stage, []).append(runs[stage][-1].seconds
                                                        / runs[base][-1].seconds)
                if opener is not None:
                    consolidated = next(out.glob("*-consolidato.xlsx"))
                    for name, path in (("open-consolidated", consolidated),
                                       ("open-plain", work / "raw.xlsx")):
                        runs.setdefault(name, []).append(opener.open(path))
                    ratios.setdefault("open-consolidated", []).append(
                        runs["open-consolidated"][-1].seconds / runs["open-plain"][-1].seconds)
            self.report_size(size.name, runs, extra, ratios)
            if size.name == "S":
                self.whole_commands(folder)
        finally:
            if opener is not None:
                opener.close()
            shutil.rmtree(work, ignore_errors=True)

    def report_size(self, size: str, runs: dict[str, list[ProcessResult]],
                    extra: dict[str, dict], ratios: dict[str, list[float]]) -> None:
        found = {name: summary(size, name, results) for name, results in runs.items()}
        for name in found:
            found[name].extra.update(extra.get(name, {}))
        found["raw-io"].peak_pss_mb = None
        baselines = {**BASELINE_OF, "build": "raw-io", "open-consolidated": "open-plain"}
        for name, m in found.items():
            if name in baselines and baselines[name] in found:
                m.baseline_seconds = found[baselines[name]].seconds
                m.ratio = statistics.median(ratios[name])
        objectives = extra["read"]["objectives"]
        found["build"].extra["objectives"] = objectives
        order = [*STAGES, "build", *BASELINE_OF.values(), "raw-io", "open-consolidated",
                 "open-plain"]
        for name in order:
            if name in found:
                self.add(found[name])
        for name in LINEAR_STAGES:
            if name == "build" or size == "XL":
                self.add(self.per_objective(size, name, found[name], objectives))

    def per_objective(self, size: str, stage: str, m: Measurement,
                      objectives: int) -> Measurement:
        """Seconds per objective; at L compared with M (the build), at XL with L (each
        stage): linear cost keeps the ratio near 1."""
        per = Measurement(size, f"{stage}/objective", m.seconds / max(objectives, 1),
                          load=m.load, extra={"objectives": objectives})
        smaller = {"L": "M", "XL": "L"}.get(size)
        before = self.find(smaller, per.stage) if smaller else None
        if before is None and smaller and stage != "build":
            stage_m = self.find(smaller, stage)
            build_m = self.find(smaller, "build")
            if stage_m is not None and build_m is not None:
                n = build_m.extra.get("objectives", 0)
                before = Measurement(smaller, per.stage, stage_m.seconds / max(n, 1))
        if before is not None:
            per.baseline_seconds, per.ratio = before.seconds, per.seconds / before.seconds
        return per

    def whole_commands(self, folder: Path) -> None:
        click, helped, checked = [], [], []
        for _ in range(max(self.repeat, 3)):  # cheap: interleaved, at least 3 rounds
            click.append(_checked(run_process([sys.executable, "-c", "import click"])))
            helped.append(_checked(run_process([*pianoperf_command(), "--help"])))
            checked.append(_checked(run_process([*pianoperf_command(), "check", str(folder),
                                                 "-q"]), (0, 1)))
        base = self.add(summary("S", "import-click", click))
        m = summary("S", "help", helped)
        m.baseline_seconds = base.seconds
        m.ratio = statistics.median(h.seconds / c.seconds for h, c in zip(helped, click))
        self.add(m)
        self.add(summary("S", "check-command", checked))


class Opener:
    """LibreOffice opening a workbook, as a user's double click would: ``soffice
    --headless --convert-to csv`` with one private profile, warmed up once, so that both
    workbooks pay the same start-up and only the import differs."""

    def __init__(self, work: Path) -> None:
        from pianoperf_xl.office import PROFILE_SETTINGS, find_soffice

        self.soffice = find_soffice()
        if self.soffice is None:
            raise RuntimeError("LibreOffice (soffice) is needed to time the opening")
        self.profile = Path(tempfile.mkdtemp(prefix="pianoperf-bench-lo-"))
        (self.profile / "user").mkdir()
        (self.profile / "user" / "registrymodifications.xcu").write_text(
            PROFILE_SETTINGS, encoding="utf-8")
        self.out = work / "opened"
        warm = work / "warm-up.csv"
        warm.write_text("a,1\n", encoding="utf-8")
        self._convert(warm, "xlsx")

    def _convert(self, path: Path, target: str) -> ProcessResult:
        return _checked(run_process([self.soffice,
                                     f"-env:UserInstallation={self.profile.as_uri()}",
                                     "--headless", "--norestore", "--nolockcheck",
                                     "--convert-to", target, "--outdir", str(self.out),
                                     str(path)]))

    def open(self, path: Path) -> ProcessResult:
        result = self._convert(path, "csv")
        if not (self.out / (path.stem + ".csv")).exists():
            raise RuntimeError(f"LibreOffice did not open {path}: {result.stderr[-500:]}")
        return result

    def close(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)


def _checked(result: ProcessResult, ok: tuple[int, ...] = (0,)) -> ProcessResult:
    if result.returncode not in ok:
        raise RuntimeError(f"exit code {result.returncode}:\n{result.stderr[-3000:]}")
    return result


# --- targets and the table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    text: str
    size: str
    stage: str
    limit: float
    what: str = "seconds"  # "seconds", "ratio", "peak_pss_mb"


TARGETS = (
    Target("pianoperf --help within 1.5× of python -c 'import click'", "S", "help", 1.5,
           "ratio"),
    Target("check on S under 1 s (whole process)", "S", "check-command", 1.0),
    Target("build on S under 2 s (whole process)", "S", "build", 2.0),
    Target("L: build within 2× its raw I/O (calamine read + xlsxwriter write)", "L", "build",
           2.0, "ratio"),
    Target("L: read within 4× the raw calamine read", "L", "read", 4.0, "ratio"),
    Target("L: consolidated within 1.5× the raw xlsxwriter write", "L", "consolidate", 1.5,
           "ratio"),
    Target("L: annex ≥10× faster than the naive python-docx fill", "L", "annex", 0.1,
           "ratio"),
    Target("L: LibreOffice opens the consolidated within 2× a plain workbook", "L",
           "open-consolidated", 2.0, "ratio"),
    Target("L: build peak PSS under 300 MB", "L", "build", 300.0, "peak_pss_mb"),
    Target("XL: build peak PSS under 600 MB", "XL", "build", 600.0, "peak_pss_mb"),
    *(Target(f"XL: {stage} seconds per objective ≤ 1.2× L's", "XL", f"{stage}/objective",
             1.2, "ratio") for stage in LINEAR_STAGES),
)


def target_rows(measurements: list[Measurement]) -> list[tuple[str, str, str]]:
    rows = []
    for target in TARGETS:
        m = next((m for m in measurements if m.size == target.size
                  and m.stage == target.stage), None)
        value = getattr(m, target.what) if m is not None else None
        if value is None:
            continue
        unit = {"seconds": " s", "ratio": "×", "peak_pss_mb": " MB"}[target.what]
        rows.append((target.text, f"{value:.3g}{unit}", "yes" if value <= target.limit
                     else "NO"))
    return rows


def table(measurements: list[Measurement]) -> str:
    head = ("size", "stage", "median s", "min", "max", "runs", "PSS MB", "baseline s",
            "ratio", "load")
    rows = [head]
    for m in measurements:
        rows.append((m.size, m.stage, _num(m.seconds), _num(m.low), _num(m.high), str(m.runs),
                     _num(m.peak_pss_mb, 0), _num(m.baseline_seconds), _num(m.ratio, 2),
                     _num(m.load, 2)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _num(value: float | None, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is not None:
        return f"{value:.{digits}f}"
    return f"{value:.3g}" if value >= 0.001 else f"{value:.2e}"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    ram = None
    try:
        with open("/proc/meminfo") as handle:
            kb = next(int(line.split()[1]) for line in handle if line.startswith("MemTotal"))
            ram = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": cores, "cpu": cpu, "ram_gib": ram, "python": platform.python_version(),
            "load_before": load_average()}  # other work on the machine slows the figures down


def load_average() -> float | None:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def run(sizes: Sequence[str], repeat: int = 3, cache: Path = DEFAULT_CACHE,
        results: Path | None = DEFAULT_RESULTS, out=sys.stdout, repeat_xl: int = 1,
        open_sizes: Sequence[str] = OPEN_SIZES) -> list[Measurement]:
    """Run the benchmark on ``sizes``; print the JSON lines, the table and the targets;
    append the lines to ``results`` (None: keep nothing)."""
    sys.path.insert(0, str(HERE))
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        raise ValueError(f"unknown sizes: {unknown} (known: {', '.join(SIZES)})")
    started = time.perf_counter()
    info = {"run": dt.datetime.now().isoformat(timespec="seconds"), "commit": commit(),
            "machine": machine()}
    loads = [info["machine"]["load_before"]]

    def emit(m: Measurement) -> None:
        print(json.dumps(m.line()), file=out, flush=True)

    bench = Benchmark(repeat, Path(cache), emit, repeat_xl, open_sizes)
    for name in sorted(sizes, key=list(SIZES).index):  # smaller first: ratios need them
        bench.run_size(SIZES[name])
        loads.append(load_average())
    total = time.perf_counter() - started
    info["machine"]["load_after"] = load_average()
    print(file=out)
    print(table(bench.measurements), file=out)
    rows = target_rows(bench.measurements)
    if rows:
        print(file=out)
        width = max(len(r[0]) for r in rows)
        for text, value, holds in rows:
            print(f"{text.ljust(width)}  {value:>9}  {holds}", file=out)
    m = info["machine"]
    measured = [x for x in loads if x is not None]
    print(f"\n{len(bench.measurements)} misure in {total:.0f} s su {m['cpu']}, "
          f"{m['nproc']} core, {m['ram_gib']} GiB, Python {m['python']}; carico medio "
          f"{m['load_before']} prima, {m['load_after']} dopo"
          + (f" (da {min(measured)} a {max(measured)})" if measured else ""), file=out)
    if results is not None:
        with Path(results).open("a", encoding="utf-8") as handle:
            for measurement in bench.measurements:
                handle.write(json.dumps({**info, **measurement.line(),
                                         **{k: v for k, v in measurement.extra.items()
                                            if k == "objectives"}},
                                        ensure_ascii=False) + "\n")
    return bench.measurements


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES),
                        help=f"comma-separated, of {', '.join(SIZES)} (default S,M,L)")
    parser.add_argument("--xl", action="store_true",
                        help="add XL (30,000 objectives, 300 sector files)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of every measurement, median kept (default 3)")
    parser.add_argument("--repeat-xl", type=int, default=1,
                        help="rounds on XL (default 1)")
    parser.add_argument("--open-sizes", default=",".join(OPEN_SIZES),
                        help="sizes where LibreOffice's opening is timed (default L; "
                             "empty: none)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where the generated plans are kept")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS,
                        help="JSON lines file the results are appended to")
    parser.add_argument("--no-save", action="store_true", help="do not append the results")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        return stage_main(args.stage, args.folder, args.work)
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    if args.xl and "XL" not in sizes:
        sizes.append("XL")
    open_sizes = [s.strip().upper() for s in args.open_sizes.split(",") if s.strip()]
    run(sizes, max(1, args.repeat), args.cache, None if args.no_save else args.results,
        repeat_xl=max(1, args.repeat_xl), open_sizes=open_sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
