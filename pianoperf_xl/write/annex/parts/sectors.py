"""The sectors: one landscape section each with its head, staff and objectives."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from docx.enum.section import WD_ORIENT, WD_SECTION

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.model import Objective, Sector
from pianoperf_xl.values import format_number, normalize_key
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, block, heading, labelled, paragraph
from pianoperf_xl.write.annex.formats import decimals
from pianoperf_xl.write.annex.header_footer import header
from pianoperf_xl.write.annex.ooxml import clean
from pianoperf_xl.write.annex.styles import MID, NOTE, NUM
from pianoperf_xl.write.annex.tables import MERGE, Col, Para, Row, add_table


def sectors(annex: Annex) -> None:
    for index, sector in enumerate(annex.reading.sectors):
        _sector_section(annex, sector, first=index == 0)


def _sector_section(annex: Annex, sector: Sector, first: bool) -> None:
    """A new landscape section whose header names the sector; the first one opens the part."""
    section = annex.doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # only the title page has its own
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = annex.portrait[1], annex.portrait[0]
    header(annex, section, sector)
    if first:
        heading(annex, 1, txt.H_SECTORS)
        block(annex, txt.sectors_intro(annex.facts))
    heading(annex, 2, txt.sector_heading(clean(sector.name)))
    labelled(annex, [(txt.LABEL_HEAD, clean(sector.head)),
                     (txt.LABEL_EMAIL, clean(sector.email))])
    _staff_table(annex, sector)
    _objectives_table(annex, sector)


def _staff_table(annex: Annex, sector: Sector) -> None:
    heading(annex, 3, txt.H_SECTOR_STAFF)
    if not sector.staff:
        paragraph(annex, txt.NO_STAFF, NOTE)
        return
    names = txt.COLS_STAFF
    cols = [Col(names[0], 1.0, MID), Col(names[1], 5.5), Col(names[2], 5.5), Col(names[3], 7.0),
            Col(names[4], 2.2, MID), Col(names[5], 2.4, MID)]
    rows = []
    for position, person in enumerate(sector.staff, 1):
        name: list[Para] = [((person.name, ""),)]
        if normalize_key(person.relation) == "esterno":
            name.append(((txt.EXTERNAL_STAFF, "i"),))
        hours = txt.part_time(person.weekly_hours) if person.weekly_hours else ""
        rows.append(Row([str(position), name, person.profile, person.office, person.grade,
                         hours]))
    add_table(annex.doc, cols, rows)


def _objectives_table(annex: Annex, sector: Sector) -> None:
    heading(annex, 3, txt.sector_objectives_heading(annex.facts.year))
    if not sector.objectives:
        paragraph(annex, txt.NO_OBJECTIVES, NOTE)
        return
    names = txt.COLS_OBJECTIVES
    cols = [Col(names[0], 1.3, MID), Col(names[1], 3.0), Col(names[2], 4.6), Col(names[3], 7.6),
            Col(names[4], 5.2), Col(names[5], 3.3)]
    weights = any(o.weight is not None for o in sector.objectives)
    if weights:
        cols.append(Col(txt.COL_WEIGHT, 1.3, NUM))
    rows = list(_objective_rows(annex.reading, sector, weights))
    add_table(annex.doc, cols, _without_widow(rows), keep=False)


def _objective_rows(reading: PlanReading, sector: Sector, weights: bool) -> Iterable[Row]:
    """One row per indicator; the objective's cells merge over its indicators, which are
    kept on one page. Area and azione are written on every objective: a cell merged over
    several objectives shows its text only on the page where it starts."""
    for objective in sector.objectives:
        indicators = objective.indicators or [None]
        for index, indicator in enumerate(indicators):
            staff = (indicator.staff_text or ", ".join(indicator.staff_refs)) if indicator else ""
            if index == 0:
                head = [reading.code_of(objective), objective.area, objective.action,
                        _objective_cell(objective)]
            else:
                head = [MERGE] * 4
            tail = [_weight(objective) if index == 0 else MERGE] if weights else []
            read = reading.of(indicator) if indicator else None
            yield Row([*head, _indicator_cell(read), staff, *tail],
                      keep_next=index + 1 < len(indicators))


def _without_widow(rows: list[Row]) -> list[Row]:
    """The last two rows kept together, so no page holds a table's last row alone."""
    if len(rows) >= 2:
        rows[-2] = replace(rows[-2], keep_next=True)
    return rows


def _objective_cell(objective: Objective) -> list[Para]:
    cell: list[Para] = [((objective.title, ""),)] if objective.title else []
    where = txt.mission_programme(objective.mission, objective.programme)
    if where:
        cell.append(((where, "i"),))
    return cell


def _indicator_cell(read: IndicatorReading | None) -> list[Para]:
    """What is measured, then the target and the deadline as the plan's reading has them."""
    if read is None:
        return []
    cell: list[Para] = []
    if read.measure:
        cell.append(((read.measure, ""),))
    for label, value in ((txt.LABEL_TARGET, read.indicator.target),
                         (txt.LABEL_DEADLINE, read.deadline_text)):
        if value:
            cell.append(((label, "i"), (value, "")))
    return cell


def _weight(objective: Objective) -> str:
    """The objective's weight as a percentage; 0,25 and 25 both read "25%"."""
    weight = objective.weight
    if weight is None:
        return ""
    points = weight * 100 if weight <= 1 else weight
    return f"{format_number(points, decimals([points]))}%"
