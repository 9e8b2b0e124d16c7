"""The cells of a sent template that its recipient fills in, and their fingerprint.

A template sent in a round (a sector's ``rendiconto``, an evaluator's scheda) comes back
"untouched" when none of these cells differs from what was sent, even if the file was
saved again by Excel or LibreOffice (which changes its bytes): the fingerprint covers the
values in their matching form (``carryover.canonical``), not the file. The input cells
are those the spec leaves editable: not ``locked``, not computed by a formula.

Rows whose input cells are all blank do not count, so a row of approved content deleted
without filling anything in still reads as untouched; a value filled in, changed or
cleared does not.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterable

from pianoperf_xl import spec as specs
from pianoperf_xl.carryover import canonical
from pianoperf_xl.model import Record
from pianoperf_xl.spec.base import Field, FixedTable, FormSheet


def input_fields(sheet: specs.Sheet) -> tuple[Field, ...]:
    """The fields of ``sheet`` the recipient fills in."""
    if isinstance(sheet, FormSheet):
        fields = sheet.fields
    elif isinstance(sheet, FixedTable):
        fields = sheet.value_columns
    else:
        fields = sheet.columns
    return tuple(f for f in fields if not f.locked and not f.formula)


def _row(record: Record, fields: tuple[Field, ...]) -> list[str]:
    return [canonical(f.key, record.get(f.key)) for f in fields]


def input_fingerprint(kind: str, year: int, records: dict[str, Any]) -> str:
    """The fingerprint of the input cells of a workbook read with ``read.read_records``."""
    digest = hashlib.sha256()
    for sheet in specs.spec_for(kind, year).sheets:
        fields = input_fields(sheet)
        read = records.get(sheet.name)
        rows: Iterable[Record] = ([read] if isinstance(read, Record)
                                  else read if isinstance(read, list) else [])
        digest.update(sheet.name.encode("utf-8") + b"\x1d")
        for record in rows:
            values = _row(record, fields)
            if any(values):
                digest.update("\x1f".join(values).encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:20]
