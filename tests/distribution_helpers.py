"""Shared inputs of the distribution-round tests: last year's consolidated workbook and
an outbox, both made from the bundled sample by the library itself."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

from pianoperf_xl.distribute.prepare import Distribution, prepare_outbox
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.write.consolidated import write_consolidated

from conftest import SAMPLE

ENTE = SAMPLE / "Ente.xlsx"
DUE = dt.date(2030, 10, 31)
# Settori of the sample's organigram -> their heads and addresses
SECTORS = {
    "Settore Finanziario": ("Ferri Raffaella", "ragioneria@comune.calcinate.bg.it"),
    "Settore Affari Generali": ("Cairo Micaela", "segreteria@comune.calcinate.bg.it"),
    "Settore Demografico": ("Airoldi Sonia", "stato.civile@comune.calcinate.bg.it"),
    "Settore Gestione del Territorio": ("Spinelli Carlo", "edilizia@comune.calcinate.bg.it"),
    "Settore Polizia Locale - Commercio": ("Mastroiusto Marco",
                                           "polizialocale@comune.calcinate.bg.it"),
}


def consolidated(folder: Path) -> Path:
    """The sample's consolidated workbook, as `build` writes it (the 2022 plan)."""
    return write_consolidated(check_folder(SAMPLE).plan, folder / "piano-2022-consolidato.xlsx")


def outbox(folder: Path, *, year: int | None = 2023, previous: Path | None = None
           ) -> Distribution:
    return prepare_outbox(ENTE, folder, year=year, previous_path=previous, due=DUE,
                          today=dt.date(2030, 10, 1))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
