"""Issue 13, point 13: the README's first command works on a machine whose system pip
refuses to install (Debian and Ubuntu: «externally managed environment»), as CI runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from helpers import ROOT

REFUSING_PIP = """#!/bin/sh
echo "error: externally-managed-environment" >&2
echo "This environment is externally managed (as the system pip of Debian and Ubuntu)." >&2
exit 1
"""


def readme_commands() -> list[str]:
    """The first code block of the README, as .ci/run reads it."""
    result = subprocess.run(["awk", "/^```/{block++; next} block==1", "README.md"],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_the_first_block_is_the_two_commands_ci_runs():
    main, test = readme_commands()[:2]
    assert main.startswith("python3 -m venv .venv && ") and ".venv/bin/pianoperf build" in main
    assert test == "bash scripts/test.sh"


def test_the_first_command_works_where_the_system_pip_refuses(tmp_path):
    checkout = tmp_path / "pianoperf"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(
        ".git", ".venv", "out", ".cache", "__pycache__", "*.egg-info", "build"))
    fake = tmp_path / "system-bin"
    fake.mkdir()
    for name in ("pip", "pip3"):
        (fake / name).write_text(REFUSING_PIP)
        (fake / name).chmod(0o755)
    python_dir = Path(shutil.which("python3")).parent
    env = {**os.environ, "PATH": os.pathsep.join([str(fake), str(python_dir), "/usr/bin",
                                                  "/bin"])}
    env.pop("VIRTUAL_ENV", None)
    main = readme_commands()[0]
    result = subprocess.run(["bash", "-c", main], cwd=checkout, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 1: the sample's error
    assert sorted(p.name for p in (checkout / "out").iterdir()) == [
        "piano-2022-allegato-A.docx", "piano-2022-consolidato.xlsx",
        "piano-2022-delibera.docx", "piano-2022-obiettivi.csv", "piano-2022-obiettivi.json",
        "piano-2022-verifiche.html", "piano-2022-verifiche.json"]
