"""Shared fixtures: the bundled sample, LibreOffice, purpose-made workbooks. What they are
made of is in helpers.py, which the test modules import (never this file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pianoperf_xl.office import find_soffice

from helpers import SAMPLE, write_workbook


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
        return write_workbook(kind, fill, folder or tmp_path, name=name, year=year)

    return make


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    target = tmp_path / "calcinate"
    shutil.copytree(SAMPLE, target)
    return target
