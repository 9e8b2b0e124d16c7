"""The *Organizzazione* sheet: the ente's political bodies and organigram, as declared in
the ente's workbook (with its notes), its own texts for the annex and the council's acts
for the deliberation, so that every table of that workbook reaches the consolidated
workbook."""

from __future__ import annotations

from pianoperf_xl.model import Ente
from pianoperf_xl.spec.ente import DELIBERATION
from pianoperf_xl.write.consolidated.base import (
    ANY, TEXT, WRAP, Book, Column, check, print_setup, put, set_height, set_width, subtitle, title,
    write_table,
)
from pianoperf_xl.write.cells import row_height

BODY_COLUMNS = (
    Column("Ruolo", TEXT, 20),
    Column("Cognome e nome", WRAP, 34),
    Column("Deleghe", WRAP, 44),
    Column("Ricevimento", WRAP, 30),
    Column("Email", TEXT, 40),
)
TEXT_COLUMNS = (
    Column("Parte", TEXT, 20),
    Column("Titolo", WRAP, 34),
    Column("Testo", WRAP, 44),
)
ACT_COLUMNS = (
    Column("Voce", WRAP, 20),
    Column("Valore", ANY, 34),
)
UNIT_COLUMNS = (
    Column("Tipo", TEXT, 20),
    Column("Struttura", WRAP, 34),
    Column("Settore di appartenenza", WRAP, 44),
    Column("Responsabile", WRAP, 30),
    Column("Persone", WRAP, 40),
    Column("Email", TEXT, 30),
    Column("Note", WRAP, 24),
)


def write_organisation(book: Book, ws, ente: Ente | None) -> None:
    for col, column in enumerate(UNIT_COLUMNS):
        width = max([column.width] + [c.width for c in BODY_COLUMNS[col:col + 1]])
        set_width(ws, col, col, width)
    if ente is None:
        title(book, ws, "Organizzazione dell'ente", "Il file dell'ente non è stato fornito.")
        return
    row = title(book, ws, f"Organizzazione - {ente.name or 'ente'}",
                "Organi politici e organigramma come dichiarati nel file dell'ente.")
    notes = ente.record.get("note")
    if notes:
        put(ws, row, 0, "Note dell'ente", book.formats.label)
        check(ws.merge_range(row, 1, row, len(UNIT_COLUMNS) - 1, "", book.formats.cell(WRAP)),
              ws, row, 1)
        put(ws, row, 1, notes, book.formats.cell(WRAP))
        set_height(ws, row, row_height([(notes, sum(c.width for c in UNIT_COLUMNS[1:]))]))
        row += 2
    row = subtitle(book, ws, row, "Organi politici", len(UNIT_COLUMNS) - 1)
    bodies = [(b.role, b.name, b.portfolio, b.office_hours, b.email) for b in ente.bodies]
    row = write_table(book, ws, row, 0, BODY_COLUMNS, bodies, "Organi") + 1
    row = subtitle(book, ws, row, "Organigramma", len(UNIT_COLUMNS) - 1)
    # The people as typed: the list the checks use is split from this text.
    units = [(u.kind, u.name, u.parent_sector, u.head, u.record.get("persone"), u.email,
              u.notes) for u in ente.organigram]
    row = write_table(book, ws, row, 0, UNIT_COLUMNS, units, "Organigramma") + 1
    row = _texts(book, ws, row, ente)
    _council_acts(book, ws, row, ente)
    print_setup(ws, landscape=True)


def _texts(book: Book, ws, row: int, ente: Ente) -> int:
    """The comune's own texts for the annex (the «Testi» sheet), when it wrote some."""
    # the rows as their author typed them (the annex decides how each is printed)
    texts = [(r.get("parte"), r.get("titolo"), r.get("testo")) for r in ente.texts
             if r.get("parte") or r.get("titolo") or r.get("testo")]
    if not texts:
        return row
    row = subtitle(book, ws, row, "Testi del comune per l'Allegato A", len(UNIT_COLUMNS) - 1)
    return write_table(book, ws, row, 0, TEXT_COLUMNS, texts, "Testi") + 1


def _council_acts(book: Book, ws, row: int, ente: Ente) -> None:
    """The council's acts the draft deliberation cites (the «Delibera» sheet)."""
    acts = ente.council_acts
    if acts is None:
        return
    row = subtitle(book, ws, row, "Dati per la proposta di deliberazione", len(UNIT_COLUMNS) - 1)
    values = [(f.label, acts.get(f.key)) for f in DELIBERATION.fields
              if acts.get(f.key) is not None]
    write_table(book, ws, row, 0, ACT_COLUMNS, values, "Delibera")
