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


CHANGED_IN_PARENT = "as imported"


def _changed_in_parent() -> str:
    return CHANGED_IN_PARENT


def test_fresh_child_is_a_new_interpreter(monkeypatch):
    """A fresh child returns and raises like a forked one, but inherits nothing: it sees
    this module as imported, not as the parent changed it."""
    monkeypatch.setitem(globals(), "CHANGED_IN_PARENT", "changed")
    assert parallel.Beside.fresh(_add, 2, b=5).result() == 7
    assert parallel.Beside.fresh(_changed_in_parent).result() == "as imported"
    with pytest.raises(ValueError, match="nope"):
        parallel.Beside.fresh(_fail, "nope").result()


def _answer_of(other: parallel.Beside) -> object:
    return other.answer()


@needs_fork
def test_a_later_child_takes_an_earlier_ones_answer():
    first = parallel.Beside(_add, 2, b=5)
    try:
        assert parallel.Beside(_answer_of, first).result() == 7
    finally:
        first.stop()
    failing = parallel.Beside(_fail, "nope")
    try:
        with pytest.raises(ValueError, match="nope"):
            parallel.Beside(_answer_of, failing).result()
    finally:
        failing.stop()


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
