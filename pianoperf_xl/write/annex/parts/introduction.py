"""Parts 1-3: the plan, its legal basis, how it was formed (with the summary by sector)."""

from __future__ import annotations

from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, block, caption, heading
from pianoperf_xl.write.annex.formats import number
from pianoperf_xl.write.annex.styles import NUM
from pianoperf_xl.write.annex.tables import Col, Row, add_table


def introduction(annex: Annex) -> None:
    heading(annex, 1, txt.H_INTRO, page_break=True)
    block(annex, txt.introduction(annex.facts))
    heading(annex, 1, txt.H_LAW)
    block(annex, txt.legal_basis(annex.facts))
    heading(annex, 1, txt.H_PROCESS)
    block(annex, txt.formation(annex.facts))
    _summary_table(annex)


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
