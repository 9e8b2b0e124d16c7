"""The benchmark: each stage of pianoperf on three sizes of plan, against the raw libraries.

    python benchmarks/run.py [--sizes S,M,L] [--repeat N] [--cache DIR] [--results FILE]

Sizes: S is the bundled Calcinate sample (5 sectors, 48 objectives, 19 people); M and L
are synthetic plans written by ``benchmarks/generate.py`` once into the cache folder
(``benchmarks/.cache/``, not committed): M 20 sectors / 500 objectives / 600 people,
L 100 sectors / 10,000 objectives / 20,000 indicators / 5,000 people. XS (3 sectors,
10 objectives) is there for the tests.

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
  ``cell.text``, then saving);
- whole commands as separate processes, wall time and peak memory of the process tree:
  ``pianoperf build`` on every size; on S also ``pianoperf --help``, ``pianoperf check``
  and the baseline ``python -c "import click"``.

Each measurement prints one JSON line ``{"size", "stage", "seconds", "peak_rss_mb",
"baseline_seconds", "ratio"}``; a table and the targets of issue 6 follow. The lines are
appended, with the run's time, commit and machine, to ``benchmarks/results.jsonl``.
A measurement is repeated ``--repeat`` times (median) only while one run is cheap.
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
CHEAP_SECONDS = 2.0  # repeat a measurement only while one run takes less than this
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
}
DEFAULT_SIZES = ("S", "M", "L")
STAGES = ("read", "check", "consolidate", "annex")
BASELINE_OF = {"read": "raw-calamine", "consolidate": "raw-xlsxwriter", "annex": "naive-docx"}


@dataclass
class Measurement:
    size: str
    stage: str
    seconds: float
    peak_rss_mb: float | None = None
    baseline_seconds: float | None = None
    ratio: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # not printed: objectives, ...

    def line(self) -> dict[str, Any]:
        return {"size": self.size, "stage": self.stage, "seconds": round(self.seconds, 4),
                "peak_rss_mb": None if self.peak_rss_mb is None else round(self.peak_rss_mb, 1),
                "baseline_seconds": (None if self.baseline_seconds is None
                                     else round(self.baseline_seconds, 4)),
                "ratio": None if self.ratio is None else round(self.ratio, 3)}


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


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, now."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss(current)
        todo.extend(_children(current))
    return total


@dataclass
class ProcessResult:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_process(command: Sequence[str], cwd: Path | None = None) -> ProcessResult:
    """Run ``command``; wall time and peak memory: the larger of the process's own peak
    (wait4) and the sampled sum over its process tree (workers running side by side)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=out, stderr=err, cwd=cwd)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ProcessResult(seconds, max(usage.ru_maxrss * 1024, peak[0]) / MiB,
                             proc.returncode, out.read().decode("utf-8", "replace"),
                             err.read().decode("utf-8", "replace"))


def repeated(measure: Callable[[], ProcessResult], repeat: int) -> ProcessResult:
    """The median of up to ``repeat`` runs, repeated only while a run is cheap."""
    results = [measure()]
    while len(results) < repeat and results[0].seconds < CHEAP_SECONDS:
        results.append(measure())
    results.sort(key=lambda r: r.seconds)
    median = results[len(results) // 2]
    median.seconds = statistics.median(r.seconds for r in results)
    median.peak_rss_mb = max(r.peak_rss_mb for r in results)
    return median


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
    def __init__(self, repeat: int, cache: Path, emit: Callable[[Measurement], None]) -> None:
        self.repeat = repeat
        self.cache = cache
        self.emit = emit
        self.measurements: list[Measurement] = []

    def add(self, m: Measurement) -> Measurement:
        self.measurements.append(m)
        self.emit(m)
        return m

    def find(self, size: str, stage: str) -> Measurement | None:
        return next((m for m in self.measurements if m.size == size and m.stage == stage),
                    None)

    def stage(self, size: str, name: str, folder: Path, work: Path) -> Measurement:
        command = [sys.executable, str(Path(__file__).resolve()), "--stage", name,
                   "--folder", str(folder), "--work", str(work)]
        result = repeated(lambda: _checked(run_process(command, cwd=HERE)), self.repeat)
        report = json.loads(result.stdout.strip().splitlines()[-1])
        return Measurement(size, name, report.pop("seconds"), result.peak_rss_mb,
                           extra=report)

    def process(self, size: str, name: str, command: Sequence[str],
                ok: tuple[int, ...] = (0,)) -> Measurement:
        result = repeated(lambda: _checked(run_process(command), ok), self.repeat)
        return Measurement(size, name, result.seconds, result.peak_rss_mb)

    def run_size(self, size: Size) -> None:
        folder = size.folder(self.cache)
        work = Path(tempfile.mkdtemp(prefix=f"pianoperf-bench-{size.name}-"))
        try:
            results = {}
            for name in STAGES + tuple(BASELINE_OF.values()):
                results[name] = self.stage(size.name, name, folder, work)
            for name in STAGES:
                m = results[name]
                if name in BASELINE_OF:
                    base = results[BASELINE_OF[name]]
                    m.baseline_seconds, m.ratio = base.seconds, m.seconds / base.seconds
                self.add(m)
            for name in BASELINE_OF.values():
                self.add(results[name])
            out = work / "build"
            build = self.process(size.name, "build", [*pianoperf_command(), "build",
                                                      str(folder), "-o", str(out)], ok=(0, 1))
            build.extra["objectives"] = results["read"].extra["objectives"]
            self.add(build)
            per = Measurement(size.name, "build/objective",
                              build.seconds / max(build.extra["objectives"], 1),
                              extra={"objectives": build.extra["objectives"]})
            medium = self.find("M", "build/objective")
            if size.name == "L" and medium is not None:
                per.baseline_seconds, per.ratio = medium.seconds, per.seconds / medium.seconds
            self.add(per)
            if size.name == "S":
                self.whole_commands(folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def whole_commands(self, folder: Path) -> None:
        click = self.process("S", "import-click", [sys.executable, "-c", "import click"])
        self.add(click)
        helped = self.process("S", "help", [*pianoperf_command(), "--help"])
        helped.baseline_seconds, helped.ratio = click.seconds, helped.seconds / click.seconds
        self.add(helped)
        self.add(self.process("S", "check-command", [*pianoperf_command(), "check",
                                                      str(folder), "-q"], ok=(0, 1)))


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
    what: str = "seconds"  # "seconds", "ratio", "peak_rss_mb"


TARGETS = (
    Target("pianoperf --help within 1.5× of python -c 'import click'", "S", "help", 1.5,
           "ratio"),
    Target("check on S under 1 s (whole process)", "S", "check-command", 1.0),
    Target("build on S under 2 s (whole process)", "S", "build", 2.0),
    Target("L: read within 2× the raw calamine read", "L", "read", 2.0, "ratio"),
    Target("L: consolidated within 1.5× the raw xlsxwriter write", "L", "consolidate", 1.5,
           "ratio"),
    Target("L: annex ≥10× faster than the naive python-docx fill", "L", "annex", 0.1,
           "ratio"),
    Target("L: annex under 5 s", "L", "annex", 5.0),
    Target("L: build under 15 s", "L", "build", 15.0),
    Target("L: build peak memory under 1 GiB", "L", "build", 1024.0, "peak_rss_mb"),
    Target("L: seconds per objective ≤ 1.5× M's", "L", "build/objective", 1.5, "ratio"),
)


def target_rows(measurements: list[Measurement]) -> list[tuple[str, str, str]]:
    rows = []
    for target in TARGETS:
        m = next((m for m in measurements if m.size == target.size
                  and m.stage == target.stage), None)
        value = getattr(m, target.what) if m is not None else None
        if value is None:
            continue
        unit = {"seconds": " s", "ratio": "×", "peak_rss_mb": " MB"}[target.what]
        rows.append((target.text, f"{value:.3g}{unit}", "yes" if value <= target.limit
                     else "NO"))
    return rows


def table(measurements: list[Measurement]) -> str:
    head = ("size", "stage", "seconds", "peak MB", "baseline s", "ratio")
    rows = [head]
    for m in measurements:
        rows.append((m.size, m.stage, _num(m.seconds), _num(m.peak_rss_mb, 0),
                     _num(m.baseline_seconds), _num(m.ratio, 2)))
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
        results: Path | None = DEFAULT_RESULTS, out=sys.stdout) -> list[Measurement]:
    """Run the benchmark on ``sizes``; print the JSON lines, the table and the targets;
    append the lines to ``results`` (None: keep nothing)."""
    sys.path.insert(0, str(HERE))
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        raise ValueError(f"unknown sizes: {unknown} (known: {', '.join(SIZES)})")
    started = time.perf_counter()
    info = {"run": dt.datetime.now().isoformat(timespec="seconds"), "commit": commit(),
            "machine": machine()}

    def emit(m: Measurement) -> None:
        print(json.dumps(m.line()), file=out, flush=True)

    bench = Benchmark(repeat, Path(cache), emit)
    for name in sorted(sizes, key=list(SIZES).index):  # M before L: L's ratio needs M
        bench.run_size(SIZES[name])
    total = time.perf_counter() - started
    print(file=out)
    print(table(bench.measurements), file=out)
    rows = target_rows(bench.measurements)
    if rows:
        print(file=out)
        width = max(len(r[0]) for r in rows)
        for text, value, holds in rows:
            print(f"{text.ljust(width)}  {value:>9}  {holds}", file=out)
    m = info["machine"]
    print(f"\n{len(bench.measurements)} misure in {total:.0f} s su {m['cpu']}, "
          f"{m['nproc']} core, {m['ram_gib']} GiB, Python {m['python']}; carico medio "
          f"{m['load_before']} prima, {load_average()} dopo", file=out)
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
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each cheap measurement, median kept (default 3)")
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
    run(sizes, max(1, args.repeat), args.cache, None if args.no_save else args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
