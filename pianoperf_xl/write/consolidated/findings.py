"""The *Verifiche* sheet: every finding, errors first, coloured by severity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pianoperf_xl.findings import SEVERITIES, SEVERITY_LABELS, Finding
from pianoperf_xl.write.consolidated.base import (
    ANY, TEXT, WRAP, Book, Column, cell, conditional, print_setup, set_widths, title,
    write_table,
)

COLUMNS = (
    Column("Gravità", TEXT, 13),
    Column("Codice", TEXT, 26),
    Column("Messaggio", WRAP, 70),
    Column("File", WRAP, 26),
    Column("Foglio", TEXT, 14),
    Column("Cella", TEXT, 8),
    Column("Valore", ANY, 24),
    Column("Suggerimento", WRAP, 44),
)
_CELL = re.compile(r"([A-Z]*)(\d*)")


@dataclass(frozen=True)
class FindingsLayout:
    sheet: str
    severity_range: str  # absolute range of the Gravità column, for COUNTIF


def write_findings(book: Book, ws, findings: list[Finding]) -> FindingsLayout:
    note = ("Nessuna segnalazione." if not findings else
            "Ogni problema trovato, con il file, il foglio e la cella da correggere. "
            "Usare i filtri dell'intestazione per scegliere gravità, codice o file.")
    header_row = title(book, ws, "Verifiche del piano", note)
    rows = [(SEVERITY_LABELS.get(f.severity, f.severity), f.code, f.message, f.file,
             f.sheet, f.cell, f.value, f.hint) for f in sorted(findings, key=_order)]
    set_widths(ws, 0, COLUMNS)
    end = write_table(book, ws, header_row, 0, COLUMNS, rows, "Verifiche")
    first, last = header_row + 1, end - 1
    for label, style in book.formats.severity.items():
        conditional(ws, first, 0, last, len(COLUMNS) - 1, {
            "type": "formula", "criteria": f'=$A{first + 1}="{label}"',
            "format": style})
    ws.freeze_panes(header_row + 1, 0)
    print_setup(ws, landscape=True, repeat_row=header_row)
    return FindingsLayout(ws.name, f"{cell(first, 0, absolute=True)}:"
                                   f"{cell(last, 0, absolute=True)}")


def _order(finding: Finding) -> tuple:
    severity = (SEVERITIES.index(finding.severity) if finding.severity in SEVERITIES
                else len(SEVERITIES))
    letters, digits = _CELL.match(finding.cell or "").groups()
    return (severity, finding.file or "", finding.sheet or "", int(digits or 0),
            len(letters), letters, finding.code)
