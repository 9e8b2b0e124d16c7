"""``distribuzione.csv``: what ``distribute`` prepared, for the segreteria and for ``status``.

Semicolon-separated UTF-8 with a byte-order mark, which is what Excel in Italian opens
directly. A value that Excel would take for a formula (starting with = + - @) is written
after an apostrophe, and read back without it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass
from pathlib import Path

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.own_outputs import MANIFEST_HEADERS
from pianoperf_xl.write.atomic import atomic_path

FILE_NAME = "distribuzione.csv"
HEADERS = MANIFEST_HEADERS  # also how the reader knows the file and what it lists
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Entry:
    sector: str
    head: str
    email: str
    file: str
    sha256: str
    draft: str  # the .eml file, "" when the sector has no address
    due: str  # dd/mm/yyyy


def csv_cell(value: str) -> str:
    """A value for a CSV that Excel opens: never taken for a formula (see module doc)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_uncell(value: str) -> str:
    """The value ``csv_cell`` wrote."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def write_manifest(folder: Path, entries: list[Entry]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for entry in entries:
        writer.writerow([csv_cell(v) for v in astuple(entry)])
    path = folder / FILE_NAME
    with atomic_path(path) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path


def read_manifest(folder: Path) -> list[Entry] | None:
    """The entries of ``folder``'s distribuzione.csv; None when there is none."""
    path = folder / FILE_NAME
    if not path.is_file():
        return None
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    if not rows or tuple(rows[0][:len(HEADERS)]) != HEADERS:
        raise DistributionError(f"«{path}» non è l'elenco scritto da «pianoperf distribute»: "
                         f"la prima riga deve essere {';'.join(HEADERS)}.")
    return [Entry(*(csv_uncell(v) for v in (row + [""] * len(HEADERS))[:len(HEADERS)]))
            for row in rows[1:] if any(row)]
