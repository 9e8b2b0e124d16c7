"""The internal context: organi di governo, organisational structure, staff over the years."""

from __future__ import annotations

from typing import Callable, Sequence

from pianoperf_xl.model import OrgUnit, Record
from pianoperf_xl.spec.ente import history_years
from pianoperf_xl.values import normalize_key
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex import charts
from pianoperf_xl.write.annex.document import (Annex, block, caption, figure,
                                               heading, paragraph)
from pianoperf_xl.write.annex.formats import decimals, number
from pianoperf_xl.write.annex.ooxml import clean
from pianoperf_xl.write.annex.styles import NUM
from pianoperf_xl.write.annex.tables import Col, Row, add_table, runs

# (text, bold, shaded) of the first cell of a record's row, from the record and its index.
Label = Callable[[Record, int], tuple[str, bool, bool]]


def internal_context(annex: Annex) -> None:
    heading(annex, 1, txt.H_INTERNAL)
    if annex.plan.ente is None:
        paragraph(annex, txt.MISSING_ENTE)
        return
    block(annex, txt.internal_context(annex.facts))
    _bodies_table(annex)
    _structure_table(annex)
    _staff_history(annex)


def _bodies_table(annex: Annex) -> None:
    bodies = annex.plan.ente.bodies
    if not bodies:
        return
    heading(annex, 2, txt.H_BODIES)
    caption(annex, txt.CAPTION_BODIES)
    names = txt.COLS_BODIES
    cols = [Col(names[0], 2.2), Col(names[1], 3.4), Col(names[2], 4.6), Col(names[3], 6.8)]
    rows = [Row([b.role, runs((b.name, "b")), b.portfolio,
                 tuple(((v, ""),) for v in (b.office_hours, b.email) if v)]) for b in bodies]
    add_table(annex.doc, cols, rows)


def _structure_table(annex: Annex) -> None:
    units = annex.plan.ente.organigram
    if not units:
        return
    heading(annex, 2, txt.H_STRUCTURE)
    caption(annex, txt.CAPTION_STRUCTURE)
    names = txt.COLS_STRUCTURE
    cols = [Col(names[0], 5.6), Col(names[1], 5.4), Col(names[2], 6.0)]
    add_table(annex.doc, cols, _structure_rows(units))


def _structure_rows(units: Sequence[OrgUnit]) -> list[Row]:
    """Segretario first, then each settore (shaded) followed by its uffici."""
    sectors = [u for u in units if normalize_key(u.kind) == "settore"]
    offices = [u for u in units if normalize_key(u.kind) in ("ufficio", "servizio")]
    rows = [Row([runs((u.name, "b")), u.head, u.email]) for u in units
            if normalize_key(u.kind) == "segretario"]
    placed: set[int] = set()
    for sector in sectors:
        head = runs((txt.LABEL_HEAD, "i"), (sector.head or "", "b"))
        rows.append(Row([runs((sector.name, "b")), head, sector.email], shaded=True))
        for office in offices:
            if _same(office.parent_sector, sector.name):
                rows.append(_office_row(office))
                placed.add(id(office))
    orphans = [o for o in offices if id(o) not in placed]
    if orphans:
        rows.append(Row([runs((txt.STRUCTURE_OTHER, "b")), None, None], shaded=True))
        rows.extend(_office_row(o) for o in orphans)
    return rows


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and normalize_key(a) == normalize_key(b)


def _office_row(unit: OrgUnit) -> Row:
    people = " – ".join(unit.people) or unit.head
    lines = tuple(((v, f), ) for v, f in ((people, ""), (unit.notes, "i")) if v)
    return Row([unit.name, lines, unit.email], indent=True)


def _staff_history(annex: Annex) -> None:
    ente = annex.plan.ente
    if not ente.staff_history and not ente.average_age:
        return
    heading(annex, 2, txt.H_STAFF)
    years = history_years(annex.facts.year)
    if ente.staff_history:
        paragraph(annex, txt.staff_history_intro(years[0], years[-1]))
        caption(annex, txt.CAPTION_HISTORY)
        _year_table(annex, ente.staff_history, txt.COL_HISTORY,
                    _history_label(ente.staff_history))
        figure(annex, txt.FIGURE_STAFF, charts.staff_trend(ente.staff_history, years))
    if ente.average_age:
        paragraph(annex, txt.average_age_intro())
        caption(annex, txt.CAPTION_AGE)
        _year_table(annex, ente.average_age, txt.COL_AGE,
                    lambda record, _: (clean(record.get("gruppo")), False, False))


def _year_table(annex: Annex, records: Sequence[Record], first_col: str, label: Label) -> None:
    """A table of records by year (staff history, average age): label, then one column
    per year that has a value."""
    years = [str(y) for y in history_years(annex.facts.year)
             if any(r.get(str(y)) is not None for r in records)]
    if not years:
        return
    cols = [Col(first_col, 4.6)] + [Col(y, 1.4, NUM) for y in years]
    rows = []
    for index, record in enumerate(records):
        text, bold, shaded = label(record, index)
        places = decimals(record.get(y) for y in years)
        rows.append(Row([text, *(number(record.get(y), places) for y in years)],
                        bold=bold, shaded=shaded, indent=bool(record.get("categoria"))))
    add_table(annex.doc, cols, rows)


def _history_label(records: Sequence[Record]) -> Label:
    """A categoria is plain and a gruppo followed by its categorie bold; a totale is bold
    and shaded."""
    def label(record: Record, index: int) -> tuple[str, bool, bool]:
        group, grade = clean(record.get("gruppo")), clean(record.get("categoria"))
        if grade:
            return grade, False, False
        has_grades = index + 1 < len(records) and bool(records[index + 1].get("categoria"))
        is_total = normalize_key(group).startswith("totale")
        return group, has_grades or is_total, is_total
    return label
