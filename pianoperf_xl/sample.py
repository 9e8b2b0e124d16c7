"""The bundled sample: plain-data transcriptions turned into filled workbooks.

Each YAML file under ``samples/source/<name>/`` holds one workbook's values (kind, plan
year, file name, and per sheet the values in the shape ``write_template`` takes). The
workbooks are written from the spec and then saved once through LibreOffice, so their
formulas carry computed values as in a file saved by Excel.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pianoperf_xl import spec as specs


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


def build_sample(source_dir: str | Path, out_dir: str | Path, *, recalculate: bool = True
                 ) -> list[Path]:
    """Write one workbook per transcription into ``out_dir``; returns their paths."""
    from pianoperf_xl.office import convert
    from pianoperf_xl.write.templates import write_template

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="pianoperf-sample-") as tmp:
        for item in load_transcriptions(source_dir):
            raw = write_template(specs.spec_for(item.kind, item.year),
                                 Path(tmp) / "raw" / item.file, item.sheets)
            final = convert(raw, "xlsx", Path(tmp) / "saved") if recalculate else raw
            target = out_dir / item.file
            shutil.copyfile(final, target)
            written.append(target)
    return written
