"""A build that is interrupted or meets a disk problem never passes for a finished one.

The real command runs in a process of its own. It is killed (SIGKILL, and Ctrl-C) at
several points — before any output, while the reports, the workbook and the annex are
written, after each — and the output folder then holds either the whole previous set or
the whole new one, ``status --build`` tells the truth, and no process of the build is left
(the annex of a big plan is written by a forked child). A full disk, a read-only folder and
``-o`` below a file end with one Italian line, exit 2, and the previous set untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pianoperf_xl.inputs import build_inputs

from helpers import ROOT, benchmark_module, pianoperf

NAMES = ("piano-2022-verifiche.json", "piano-2022-verifiche.html",
         "piano-2022-consolidato.xlsx", "piano-2022-allegato-A.docx",
         "piano-2022-delibera.docx", "piano-2022-obiettivi.csv", "piano-2022-obiettivi.json")
STAGING = ".pianoperf-in-corso-"


def command(*args) -> list[str]:
    return [sys.executable, "-m", "pianoperf_xl", *map(str, args)]


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PIANOPERF_DEBUG", None)
    return env


def run(*args) -> subprocess.CompletedProcess:
    return pianoperf(*args)


def digests(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
            for name in NAMES if (folder / name).exists()}


def inputs_recorded(folder: Path) -> dict[str, str]:
    return json.loads((folder / NAMES[0]).read_text(encoding="utf-8"))["inputs"]


def leftover_processes(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (the build's own output folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if marker in text and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory) -> Path:
    """A generated plan big enough (2,000+ indicators) for the annex to be written by a
    forked child while the parent writes the workbook."""
    generate = benchmark_module("generate")
    folder = tmp_path_factory.mktemp("grande") / "piano"
    generate.generate_plan(folder, sectors=12, objectives=1_100, indicators_per_objective=2.0,
                           staff=400, seed=7, year=2022)
    return folder


def change_an_input(folder: Path) -> None:
    """A sector sends a new version: one workbook of the folder is replaced."""
    victim = sorted(p for p in folder.iterdir() if p.name.startswith("Settore"))[0]
    victim.unlink()


def wait_for(predicate, process: subprocess.Popen, limit: float = 300) -> bool:
    """Poll every millisecond until ``predicate()``; False when the process ended first."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if predicate():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.001)
    raise AssertionError("the build neither reached the point nor ended")


def staged(out: Path, pattern: str):
    def found() -> bool:
        return any(p.match(pattern) for d in out.glob(f"{STAGING}*") if d.is_dir()
                   for p in d.iterdir())
    return found


POINTS = {
    "before any output": lambda out: lambda: any(out.glob(f"{STAGING}*")),
    "reports written": lambda out: staged(out, "piano-2022-verifiche.html"),
    "while the workbook is written": lambda out: staged(out, ".tmp-*.xlsx"),
    "workbook written": lambda out: staged(out, "piano-2022-consolidato.xlsx"),
    "annex written": lambda out: staged(out, "piano-2022-allegato-A.docx"),
}


@pytest.mark.parametrize("point", list(POINTS))
def test_a_killed_build_leaves_the_previous_set_and_no_process(big_plan, tmp_path, point):
    folder = tmp_path / "piano"
    shutil.copytree(big_plan, folder)
    out = tmp_path / "uscita"
    first = run("build", folder, "-o", out)
    assert first.returncode in (0, 1), first.stderr
    before = digests(out)
    assert set(before) == set(NAMES)
    change_an_input(folder)

    process = subprocess.Popen(command("build", folder, "-o", out), env=environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reached = wait_for(POINTS[point](out), process)
    process.kill()
    process.wait(timeout=60)
    time.sleep(1.0)  # the kernel delivers the child's death signal
    assert leftover_processes(str(out)) == [], "a process of the killed build goes on"
    now = digests(out)
    status = run("status", folder, "--build", out)
    if now == before:  # the whole previous set, which status says is out of date
        assert "nessun file cambiato" not in status.stdout, status.stdout
    else:  # the whole new set, published before the kill (or the build ended first)
        assert set(now) == set(NAMES) and all(now[n] != before[n] for n in NAMES), point
        assert inputs_recorded(out) == build_inputs(folder)
        assert "nessun file cambiato" in status.stdout, status.stdout
    assert reached or now != before

    again = run("build", folder, "-o", out)  # the next build cleans up and publishes
    assert again.returncode in (0, 1), again.stderr
    assert not list(out.glob(f"{STAGING}*"))
    assert set(digests(out)) == set(NAMES) and digests(out) != before
    status = run("status", folder, "--build", out)
    assert "nessun file cambiato" in status.stdout, status.stdout


def test_ctrl_c_stops_the_build_cleanly(big_plan, tmp_path):
    folder = tmp_path / "piano"
    shutil.copytree(big_plan, folder)
    out = tmp_path / "uscita"
    assert run("build", folder, "-o", out).returncode in (0, 1)
    before = digests(out)
    change_an_input(folder)
    process = subprocess.Popen(command("build", folder, "-o", out), env=environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # the reports are staged just before the workbook is begun: the build has seconds of
    # work left (the workbook's temporary file appears only when it is zipped, so close
    # to the end that a quick build could publish before the signal is handled)
    assert wait_for(POINTS["reports written"](out), process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert digests(out) == before
    assert not list(out.glob(f"{STAGING}*"))  # Ctrl-C lets the build clean up itself
    time.sleep(0.5)
    assert leftover_processes(str(out)) == []


# -- disk problems ---------------------------------------------------------------------------


def mounted_tmpfs(path: Path, *options: str) -> bool:
    """A small file system of its own at ``path`` (needs root, as tests and CI run here)."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs",
                           str(path)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disco"
    assert mounted_tmpfs(disk, "size=4m"), "mount di un tmpfs non riuscito (serve root)"
    yield disk
    subprocess.run(["umount", str(disk)], capture_output=True)


def test_a_full_disk_is_one_line_and_leaves_the_previous_set(small_disk, sample_copy):
    out = small_disk / "uscita"
    assert run("build", sample_copy, "-o", out).returncode == 1
    before = digests(out)
    filler = small_disk / "riempitivo"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, free - 60_000))  # room for the reports, not more
    (sample_copy / "Settore Polizia Locale.xlsx").unlink()
    result = run("build", sample_copy, "-o", out)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Errore: Spazio su disco esaurito scrivendo in «{out}»: liberare spazio (o scegliere "
        "un altro disco con -o) e rilanciare. I documenti della volta precedente sono rimasti "
        "com'erano."]
    assert digests(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    filler.unlink()
    assert run("build", sample_copy, "-o", out).returncode == 1
    assert digests(out) != before


def test_a_read_only_folder_is_one_line(tmp_path, sample_copy):
    disk = tmp_path / "sola-lettura"
    assert mounted_tmpfs(disk, "ro", "size=100k"), "mount di un tmpfs non riuscito"
    try:
        result = run("build", sample_copy, "-o", disk)
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Errore: La cartella «{disk}» non si può scrivere (permessi o disco di sola "
        "lettura): scegliere un'altra cartella con -o.")


def test_output_below_a_file_is_one_line(tmp_path, sample_copy):
    (tmp_path / "documento.txt").write_text("")
    out = tmp_path / "documento.txt" / "uscita"
    result = run("build", sample_copy, "-o", out)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Errore: «{out}» non è una cartella (c'è un file con quel nome, o nel percorso): "
        "scegliere un'altra cartella con -o.")
    assert "Errore imprevisto" not in result.stderr
