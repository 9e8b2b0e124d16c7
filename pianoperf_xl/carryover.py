"""Objectives carried over from last year's plan into a pre-filled sector workbook.

``pianoperf distribute --from`` copies last year's objectives into each sector's workbook
and marks every copied row in the «Riportato da» column. It also records, in the hidden
``_meta`` sheet, a fingerprint of each carried objective as sent (``META_KEY`` rows). When
the workbook comes back, an objective still marked and with the fingerprint of a sent one
was returned exactly as sent: the check ``objective-carried-over-untouched`` reports it.

A fingerprint covers what the sector head is asked to update (codes, texts, target,
deadline, staff, weight, missione, programma, notes) of every row of the objective, in
order: changing any of them, adding or removing an indicator makes the objective
"touched". Values are compared in their matching form (case, accents and spacing aside;
a missione or programma by its code), so saving the workbook in Excel or LibreOffice
does not change a fingerprint.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any, Iterable, Mapping

from pianoperf_xl import spec as specs
from pianoperf_xl.spec.settore import OBJECTIVES
from pianoperf_xl.values import is_blank, normalize_key

MARK_KEY = "riportato"  # the «Riportato da» column of the Obiettivi sheet
META_KEY = specs.META_CARRIED  # one _meta row per fingerprint: ("carried", "<hex>")
# Every column of the Obiettivi sheet but the mark, in the sheet's order.
FINGERPRINT_KEYS = tuple(c.key for c in OBJECTIVES.columns if c.key != MARK_KEY)
EXCEL_DIGITS = 15


def mark(year: int | None) -> str:
    """The value of «Riportato da» on a carried row: "piano 2022"."""
    return f"piano {year}" if year else "piano precedente"


def canonical(key: str, value: Any) -> str:
    """The matching form of a value; a missione or programma by its code, as the reader
    keeps it ("01 - Servizi istituzionali…" and "01" are the same choice)."""
    from pianoperf_xl import reference

    if is_blank(value):
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(format(float(value), f".{EXCEL_DIGITS}g")).normalize()
        return format(number, "f")
    if key == "missione":
        value = reference.normalize_mission_code(str(value)) or value
    elif key == "programma":
        value = reference.normalize_programme_code(str(value)) or value
    return normalize_key(value)


def fingerprint(rows: Iterable[Mapping[str, Any]]) -> str:
    """The fingerprint of one objective: its rows (a fill's dicts or read values)."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update("\x1f".join(canonical(key, row.get(key)) for key in FINGERPRINT_KEYS)
                      .encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()[:20]
