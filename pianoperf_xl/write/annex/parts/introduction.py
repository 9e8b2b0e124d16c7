"""Parts 1-3: the plan, its legal basis, how it was formed (with the summary by sector)."""

from __future__ import annotations

import re

from pianoperf_xl.model import StrategicLine
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, block, caption, heading, paragraph
from pianoperf_xl.write.annex.formats import number
from pianoperf_xl.write.annex.ooxml import clean
from pianoperf_xl.write.annex.styles import LIST, NUM
from pianoperf_xl.write.annex.tables import Col, Row, add_table


def introduction(annex: Annex) -> None:
    """The comune's own presentation when it wrote one (else the standard one), the laws,
    the strategic lines of the DUP when listed, how the plan was formed."""
    ente = annex.plan.ente
    if ente is not None and ente.presentation:
        heading(annex, 1, txt.H_PRESENTATION, page_break=True)
        _own_paragraphs(annex, ente.presentation)
    else:
        heading(annex, 1, txt.H_INTRO, page_break=True)
        block(annex, txt.introduction(annex.facts))
    heading(annex, 1, txt.H_LAW)
    block(annex, txt.legal_basis(annex.facts))
    if ente is not None and ente.strategic_lines:
        _strategic_lines(annex, ente.strategic_lines)
    heading(annex, 1, txt.H_PROCESS)
    block(annex, txt.formation(annex.facts))
    _summary_table(annex)


# "a) …", "1. …", "- …": an item of a list the comune typed as one paragraph per row.
_ITEM = re.compile(r"^\s*(?:([a-z]\)|\d{1,2}[.)])|[-–•])\s+(.*)$", re.S)


def _own_paragraphs(annex: Annex, texts: list[str]) -> None:
    """The comune's paragraphs as typed; list items get the list style with their marker."""
    for text in texts:
        for part in (p.strip() for p in text.split("\n") if p.strip()):
            item = _ITEM.match(part)
            if item is None:
                paragraph(annex, part)
                continue
            added = paragraph(annex, item[1] or "–", LIST)
            added.add_run().add_tab()
            added.add_run(clean(item[2]))


def _strategic_lines(annex: Annex, lines: list[StrategicLine]) -> None:
    heading(annex, 1, txt.H_STRATEGY)
    paragraph(annex, txt.strategy_intro(annex.facts))
    for position, line in enumerate(lines, 1):
        added = paragraph(annex, f"{position}.", LIST)
        added.add_run().add_tab()
        if line.title:
            added.add_run(clean(line.title)).bold = True
        if line.text:
            if line.title:
                added.add_run().add_break()
            added.add_run(clean(line.text))


def _summary_table(annex: Annex) -> None:
    sectors = annex.reading.sectors
    if not sectors:
        return
    caption(annex, txt.CAPTION_SUMMARY)
    names = txt.COLS_SUMMARY
    cols = [Col(names[0], 6.0), Col(names[1], 4.5), Col(names[2], 2.0, NUM),
            Col(names[3], 2.0, NUM), Col(names[4], 2.0, NUM)]
    rows = [Row([s.name, s.head, number(len(s.staff)), number(len(s.objectives)),
                 number(len(s.indicators))]) for s in sectors]
    facts = annex.facts
    rows.append(Row([txt.SUMMARY_TOTAL, None, number(facts.staff), number(facts.objectives),
                     number(facts.indicators)], bold=True, shaded=True))
    add_table(annex.doc, cols, rows)
