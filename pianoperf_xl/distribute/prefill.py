"""A sector's pre-filled workbook: the settore template with what the segreteria knows.

Pre-filled: ente, plan year, sector name, head and e-mail; in «Personale» the people the
organigram gives the sector (name and office); with last year's objectives, each copied
row is marked in «Riportato da» and each objective's fingerprint goes in ``_meta`` (see
``carryover``). Grade and employment relation are left blank on purpose: the organigram
does not say them and only the sector head knows them; until they are filled in, the
reader reports them as required cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from pianoperf_xl import spec as specs
from pianoperf_xl.carryover import META_KEY, fingerprint
from pianoperf_xl.distribute.organigram import SectorEntry
from pianoperf_xl.distribute.previous import PreviousSector, Row
from pianoperf_xl.write.templates import Fill, write_template


def sector_fill(ente_name: str | None, year: int, sector: SectorEntry,
                previous: PreviousSector | None = None,
                known: Callable[[str], Row] = lambda name: {}) -> Fill:
    """``known``: what last year's plan says of a person (profile, category, hours,
    relation), by name."""
    objectives = previous.objectives if previous else []
    return {
        "Settore": {"ente": ente_name, "anno": year, "settore": sector.name,
                    "responsabile": sector.head, "email": sector.email},
        "Personale": [{**known(person.name), "nome": person.name, "ufficio": person.office}
                      for person in sector.staff],
        "Obiettivi": [row for objective in objectives for row in objective],
    }


def carried_meta(objectives: list[list[Row]]) -> list[tuple[str, str]]:
    return [(META_KEY, fingerprint(rows)) for rows in objectives]


def write_sector_workbook(path: Path, ente_name: str | None, year: int, sector: SectorEntry,
                          previous: PreviousSector | None = None,
                          known: Callable[[str], Row] = lambda name: {}) -> Path:
    fill = sector_fill(ente_name, year, sector, previous, known)
    meta = carried_meta(previous.objectives) if previous else []
    return write_template(specs.spec_for("settore", year), path, fill, meta=meta)
