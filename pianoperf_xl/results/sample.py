"""The bundled results sample: a plain-data transcription (invented results) turned into
the returned ``rendiconto`` workbooks, written from the approved plan as
``results-templates`` writes them, filled, and saved once through LibreOffice."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from pianoperf_xl import spec as specs
from pianoperf_xl.results.prepare import (
    SETTINGS_FILE, approved_row, results_file_name, row_ref, sector_rows,
)
from pianoperf_xl.spec.rendiconto import META_DATE, META_ROUND
from pianoperf_xl.spec.smvp import DEFAULTS, default_fill


def build_results_sample(source: str | Path, samples: str | Path, out_dir: str | Path, *,
                         recalculate: bool = True) -> list[Path]:
    import yaml

    from pianoperf_xl.pipeline import read_and_check
    from pianoperf_xl.write.templates import write_template

    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    reading = read_and_check(Path(samples) / data["plan"])
    day = data["date"] if isinstance(data["date"], dt.date) else dt.date.fromisoformat(data["date"])
    meta = ((META_ROUND, data["round"]), (META_DATE, day.isoformat()))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pianoperf-risultati-") as tmp:
        raw: list[Path] = []
        for sector in reading.plan.sectors:
            given = data["sectors"].get(sector.name, {})
            changed = (data.get("changed") or {}).get(sector.name, {})
            dropped = set((data.get("dropped") or {}).get(sector.name, []))
            rows = []
            for ir in sector_rows(reading, sector):
                ref = row_ref(ir)
                if ref in dropped:
                    continue
                rows.append({**approved_row(ir), **(given.get("rows") or {}).get(ref, {}),
                             **changed.get(ref, {})})
            rows.extend((data.get("added") or {}).get(sector.name, []))
            form = {"ente": reading.plan.ente.name if reading.plan.ente else None,
                    "anno": reading.year, "settore": sector.name,
                    "responsabile": sector.head, "turno": data["round"],
                    "data_riferimento": day, **(given.get("form") or {})}
            raw.append(write_template(specs.spec_for("rendiconto", reading.year),
                                      Path(tmp) / results_file_name(sector),
                                      {"Rendiconto": form, "Risultati": rows}, meta=meta))
        raw.append(write_template(specs.spec_for("smvp", reading.year), Path(tmp) / SETTINGS_FILE,
                                  {**default_fill(),
                                   "Regole": {**DEFAULTS, **(data.get("rules") or {})}}))
        written = save_as_users_do(raw, out_dir, recalculate=recalculate)
    return written


def save_as_users_do(paths: list[Path], out_dir: Path, *, recalculate: bool = True
                     ) -> list[Path]:
    """Each workbook saved once through LibreOffice (as a user returning it would), into
    ``out_dir`` under its name; without ``recalculate``, copied as written."""
    from pianoperf_xl.office import convert

    written = []
    with tempfile.TemporaryDirectory(prefix="pianoperf-salvati-") as tmp:
        for path in paths:
            final = convert(path, "xlsx", Path(tmp)) if recalculate else path
            target = out_dir / path.name
            shutil.copyfile(final, target)
            written.append(target)
    return written
