"""Work beside the main process (pianoperf_xl.parallel) and the build that uses it: the
same documents as when everything is done in one process."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pianoperf_xl import parallel, pipeline

from helpers import SAMPLE

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this platform")


def _add(a: int, b: int = 0) -> int:
    return a + b


def _fail(message: str) -> None:
    raise ValueError(message)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not picklable")


def _fail_unpicklably() -> None:
    raise _Unpicklable("lost")


@needs_fork
def test_beside_returns_the_result():
    assert parallel.Beside(_add, 2, b=5).result() == 7


@needs_fork
def test_beside_raises_the_childs_exception():
    with pytest.raises(ValueError, match="nope"):
        parallel.Beside(_fail, "nope").result()


@needs_fork
def test_beside_reports_an_exception_that_cannot_travel():
    with pytest.raises(RuntimeError, match="lost"):
        parallel.Beside(_fail_unpicklably).result()


def _parts(path: Path, names: tuple[str, ...]) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith(names)}


@needs_fork
def test_build_with_the_annex_beside_writes_the_same_documents(tmp_path, monkeypatch):
    here = pipeline.build(SAMPLE, tmp_path / "here")
    monkeypatch.setattr(pipeline, "BESIDE_MIN_INDICATORS", 1)
    monkeypatch.setattr(parallel, "worth_it", lambda: True)
    beside = pipeline.build(SAMPLE, tmp_path / "beside")
    assert [p.name for p in beside.outputs] == [p.name for p in here.outputs]
    names = pipeline.output_names(here.report.plan)
    assert (_parts(tmp_path / "beside" / names["annex"], ("word/",))
            == _parts(tmp_path / "here" / names["annex"], ("word/",)))
    assert (_parts(tmp_path / "beside" / names["consolidated"], ("xl/",))
            == _parts(tmp_path / "here" / names["consolidated"], ("xl/",)))
    # the deliberation and the open data are written beside with the annex
    assert (_parts(tmp_path / "beside" / names["deliberation"], ("word/",))
            == _parts(tmp_path / "here" / names["deliberation"], ("word/",)))
    for key in ("csv", "opendata"):
        assert ((tmp_path / "beside" / names[key]).read_bytes()
                == (tmp_path / "here" / names[key]).read_bytes())
