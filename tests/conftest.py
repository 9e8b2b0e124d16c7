"""Shared fixtures: the bundled sample, and helpers to write purpose-made workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pianoperf_xl import spec as specs
from pianoperf_xl.office import find_soffice
from pianoperf_xl.write.templates import write_template

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "calcinate-2022"
SAMPLE_SOURCE = ROOT / "samples" / "source" / "calcinate-2022"
TEMPLATES = ROOT / "workbook_templates"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice is part of the test setup (scripts/test.sh installs it): never skipped."""
    path = find_soffice()
    assert path, "LibreOffice (soffice) manca: eseguire i test con scripts/test.sh"
    return path


@pytest.fixture
def make_workbook(tmp_path):
    """Write a template of ``kind`` filled with ``fill`` into a folder; returns its path."""

    def make(kind: str, fill: dict, *, name: str | None = None, year: int = 2022,
             folder: Path | None = None) -> Path:
        folder = folder or tmp_path
        template = specs.spec_for(kind, year)
        return write_template(template, folder / (name or f"{kind}.xlsx"), fill)

    return make


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    target = tmp_path / "calcinate"
    shutil.copytree(SAMPLE, target)
    return target


def pianoperf(*args, env: dict[str, str] | None = None, cwd: Path | None = None):
    """The command as a user runs it, in a process of its own, on a wide terminal;
    ``env`` is added to the environment."""
    import os
    import subprocess
    import sys

    full = {**os.environ, "COLUMNS": "250", "PYTHONPATH": os.pathsep.join(
        filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))), **(env or {})}
    full.pop("PIANOPERF_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "pianoperf_xl", *map(str, args)], cwd=cwd,
                          env=full, capture_output=True, text=True, timeout=600)
