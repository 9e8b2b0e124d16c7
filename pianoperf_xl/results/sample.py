"""The bundled results samples: a plain-data transcription (invented results) turned into
the returned ``rendiconto`` workbooks, written from the approved plan as
``results-templates`` writes them, filled, and saved once through LibreOffice
(``sample.write_workbooks``, the same frame as the plan sample).

The transcription (``risultati.yaml``) names the round, its reference date, the plan
sample it reports on and the rules; per sector the form and the rows by reference
(«AG.05/1»); ``every_sector`` and ``every_row`` give values for every form and row (a
row listed overrides them); ``changed``, ``added`` and ``dropped`` plant rows typed
over, added or deleted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.results.prepare import (
    SETTINGS_FILE, approved_row, results_file_name, row_ref, sector_rows,
)
from pianoperf_xl.sample import SampleWorkbook, write_workbooks
from pianoperf_xl.spec.rendiconto import META_DATE, META_ROUND
from pianoperf_xl.spec.smvp import DEFAULTS, default_fill


def build_results_sample(source: str | Path, samples: str | Path, out_dir: str | Path, *,
                         recalculate: bool = True) -> list[Path]:
    import yaml

    from pianoperf_xl.pipeline import read_and_check

    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    reading = read_and_check(Path(samples) / data["plan"])
    return write_workbooks(_workbooks(reading, data), out_dir, recalculate=recalculate)


def _workbooks(reading: PlanReading, data: dict[str, Any]) -> Iterator[SampleWorkbook]:
    day = data["date"] if isinstance(data["date"], dt.date) else dt.date.fromisoformat(data["date"])
    meta = ((META_ROUND, data["round"]), (META_DATE, day.isoformat()))
    every = data.get("every_sector") or {}
    for sector in reading.plan.sectors:
        given = (data.get("sectors") or {}).get(sector.name, {})
        changed = (data.get("changed") or {}).get(sector.name, {})
        dropped = set((data.get("dropped") or {}).get(sector.name, []))
        listed = given.get("rows") or {}
        rows = [{**approved_row(ir), **(data.get("every_row") or {}),
                 **listed.get(row_ref(ir), {}), **changed.get(row_ref(ir), {})}
                for ir in sector_rows(reading, sector) if row_ref(ir) not in dropped]
        rows.extend((data.get("added") or {}).get(sector.name, []))
        form = {"ente": reading.plan.ente.name if reading.plan.ente else None,
                "anno": reading.year, "settore": sector.name,
                "responsabile": sector.head, "turno": data["round"],
                "data_riferimento": day, **(every.get("form") or {}),
                **(given.get("form") or {})}
        yield SampleWorkbook("rendiconto", reading.year, results_file_name(sector),
                             {"Rendiconto": form, "Risultati": rows}, meta)
    yield SampleWorkbook("smvp", reading.year, SETTINGS_FILE,
                         {**default_fill(), "Regole": {**DEFAULTS, **(data.get("rules") or {})}})
