"""Open data for «Amministrazione trasparente»: the plan's objectives and indicators as
``piano-ANNO-obiettivi.csv`` (UTF-8 with BOM, ``;``-separated, as Italian spreadsheets
open it) and ``piano-ANNO-obiettivi.json``, valid against the JSON Schema shipped in the
package (:func:`schema_path`, ``reference/data/obiettivi.schema.json``).

One row per indicator, the objective's values repeated. No personal data beyond the
sector heads' names, published with the plan anyway: the staff named on the indicators
are left out.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterator

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.write.atomic import atomic_path

SCHEMA_NAME = "obiettivi.schema.json"
_NUMBER = re.compile(r"-\d[\d.,]*")  # "-12", "-1.055,00": a negative number, not a formula
SCHEMA_ID = "https://pianoperf-xl.invalid/schema/obiettivi-1.json"

# (CSV column, JSON key of the indicator row): the CSV's header, in order.
COLUMNS = (
    ("anno", "anno"), ("ente", "ente"), ("settore", "settore"),
    ("responsabile", "responsabile"), ("codice_obiettivo", "codice_obiettivo"),
    ("area_strategica", "area_strategica"), ("azione", "azione"), ("obiettivo", "obiettivo"),
    ("missione", "missione"), ("programma", "programma"), ("peso", "peso"),
    ("indicatore", "indicatore"), ("target", "target"), ("scadenza", "scadenza"),
    ("scadenza_data", "scadenza_data"),
)


def schema_path() -> Path:
    """The JSON Schema of ``piano-ANNO-obiettivi.json``, as shipped in the package."""
    return Path(str(files("pianoperf_xl.reference") / "data" / SCHEMA_NAME))


def open_data(reading: PlanReading) -> dict[str, Any]:
    """The plan's objectives and indicators as the JSON document (see the schema)."""
    plan = reading.plan
    ente = (plan.ente.name if plan.ente and plan.ente.name else None) or next(
        (s.ente for s in plan.sectors if s.ente), None)
    sectors = []
    for sector in reading.sectors:
        objectives = []
        for objective in sector.objectives:
            indicators = []
            for indicator in objective.indicators:
                read = reading.of(indicator)
                indicators.append({
                    "indicatore": _text(read.measure),
                    "target": _text(indicator.target),
                    "scadenza": _text(read.deadline_text),
                    "scadenza_data": read.deadline.date.isoformat() if read.deadline.date
                    else None,
                })
            objectives.append({
                "codice": reading.code_of(objective),
                "area_strategica": objective.area,
                "azione": objective.action,
                "obiettivo": objective.title,
                "missione": objective.mission,
                "programma": objective.programme,
                "peso": _weight(objective.weight),
                "indicatori": indicators,
            })
        sectors.append({"settore": sector.name, "responsabile": sector.head,
                        "obiettivi": objectives})
    return {"$schema": SCHEMA_ID, "ente": ente, "anno": reading.year, "settori": sectors}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _weight(weight: Any) -> float | None:
    """The objective's weight as a percentage (0,25 and 25 both give 25)."""
    if weight is None:
        return None
    points = float(weight) * 100 if weight <= 1 else float(weight)
    return round(points, 4)


def rows(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The CSV's rows, one per indicator, from the JSON document."""
    for sector in document["settori"]:
        for objective in sector["obiettivi"]:
            for indicator in objective["indicatori"] or [{}]:
                yield {
                    "anno": document["anno"], "ente": document["ente"],
                    "settore": sector["settore"], "responsabile": sector["responsabile"],
                    "codice_obiettivo": objective["codice"],
                    "area_strategica": objective["area_strategica"],
                    "azione": objective["azione"], "obiettivo": objective["obiettivo"],
                    "missione": objective["missione"], "programma": objective["programma"],
                    "peso": _decimal_comma(objective["peso"]),
                    **{k: indicator.get(k) for k in ("indicatore", "target", "scadenza",
                                                     "scadenza_data")},
                }


def _decimal_comma(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:g}".replace(".", ",")


def write_open_data(reading: PlanReading, csv_path: str | os.PathLike,
                    json_path: str | os.PathLike) -> list[Path]:
    """Write the CSV and the JSON; return their paths."""
    document = open_data(reading)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=[c for c, _ in COLUMNS], delimiter=";",
                            quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(document):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    with atomic_path(csv_path) as tmp:
        Path(tmp).write_bytes(out.getvalue().encode("utf-8-sig"))
    with atomic_path(json_path) as tmp:
        Path(tmp).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return [Path(csv_path), Path(json_path)]


def csv_cell(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula is written with a leading
    apostrophe, so an opened CSV never runs what a workbook cell held."""
    if isinstance(value, str):
        value = " ".join(value.split())  # one line per row
        if value[:1] in ("=", "+", "@") or (value[:1] == "-"
                                            and not _NUMBER.fullmatch(value)):
            return "'" + value
    return value
