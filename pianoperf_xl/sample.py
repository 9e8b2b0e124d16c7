"""The bundled samples: plain-data transcriptions turned into filled workbooks.

A plan sample: each YAML file under ``samples/source/<name>/`` holds one workbook's
values (kind, plan year, file name, and per sheet the values in the shape
``write_template`` takes). A results sample: ``samples/source/<name>/risultati.yaml``
holds the round and what each sector returned (``results.sample``); an evaluation
sample's ``valutazione.yaml`` the schede returned on a results sample
(``evaluation.sample``). Every way the
workbooks are written from the spec and then saved once through LibreOffice
(``write_workbooks``), so their formulas carry computed values as in a file saved by
Excel; ``build_named`` regenerates a sample by its name.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from pianoperf_xl import spec as specs

RESULTS_SOURCE = "risultati.yaml"  # a results sample's transcription
EVALUATION_SOURCE = "valutazione.yaml"  # an evaluation sample's transcription


@dataclass
class SampleWorkbook:
    """One workbook to write: its template kind and year, file name, fill and _meta rows."""

    kind: str
    year: int
    file: str
    fill: dict[str, Any]
    meta: Sequence[tuple[str, str]] = ()


@dataclass
class Transcription:
    kind: str
    year: int
    file: str
    sheets: dict[str, Any]
    source: Path


def load_transcription(path: str | Path) -> Transcription:
    import yaml

    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Transcription(kind=data["kind"], year=int(data["year"]), file=data["file"],
                         sheets=data.get("sheets") or {}, source=path)


def load_transcriptions(source_dir: str | Path) -> list[Transcription]:
    return [load_transcription(p) for p in sorted(Path(source_dir).glob("*.yaml"))]


def write_workbooks(items: Iterable[SampleWorkbook], out_dir: str | Path, *,
                    recalculate: bool = True) -> list[Path]:
    """Write each workbook from its spec into ``out_dir``, saved once through LibreOffice
    (unless ``recalculate`` is false); returns their paths."""
    from pianoperf_xl.write.templates import write_template

    with tempfile.TemporaryDirectory(prefix="pianoperf-sample-") as tmp:
        raw = [write_template(specs.spec_for(item.kind, item.year),
                              Path(tmp) / item.file, item.fill, meta=item.meta)
               for item in items]
        return save_as_users_do(raw, out_dir, recalculate=recalculate)


def save_as_users_do(paths: Iterable[Path], out_dir: str | Path, *,
                     recalculate: bool = True) -> list[Path]:
    """Each workbook saved once through LibreOffice (as a user returning it would), into
    ``out_dir`` under its name; without ``recalculate``, copied as written."""
    from pianoperf_xl.office import convert

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="pianoperf-salvati-") as tmp:
        for path in paths:
            final = convert(path, "xlsx", Path(tmp)) if recalculate else path
            target = out_dir / path.name
            shutil.copyfile(final, target)
            written.append(target)
    return written


def build_sample(source_dir: str | Path, out_dir: str | Path, *, recalculate: bool = True
                 ) -> list[Path]:
    """Write one workbook per transcription into ``out_dir``; returns their paths."""
    return write_workbooks((SampleWorkbook(t.kind, t.year, t.file, t.sheets)
                            for t in load_transcriptions(source_dir)), out_dir,
                           recalculate=recalculate)


def build_named(samples: str | Path, name: str, *, recalculate: bool = True) -> list[Path]:
    """Regenerate ``samples/<name>`` from ``samples/source/<name>``: its old workbooks are
    removed first, so a workbook dropped from the transcription goes too."""
    samples = Path(samples)
    source, target = samples / "source" / name, samples / name
    if not source.is_dir():
        raise FileNotFoundError(f"No transcription in {source}")
    for old in target.glob("*.xlsx"):
        old.unlink()
    if (source / RESULTS_SOURCE).is_file():
        from pianoperf_xl.results.sample import build_results_sample

        return build_results_sample(source / RESULTS_SOURCE, samples, target,
                                    recalculate=recalculate)
    if (source / EVALUATION_SOURCE).is_file():
        from pianoperf_xl.evaluation.sample import build_evaluation_sample

        return build_evaluation_sample(source / EVALUATION_SOURCE, samples, target,
                                       recalculate=recalculate)
    return build_sample(source, target, recalculate=recalculate)


def stage(source: str | Path) -> int:
    """The order samples are built in: plans, then results on a plan, then evaluations
    on results."""
    source = Path(source)
    return (2 if (source / EVALUATION_SOURCE).is_file()
            else 1 if (source / RESULTS_SOURCE).is_file() else 0)
