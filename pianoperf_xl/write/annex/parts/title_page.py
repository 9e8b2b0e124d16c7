"""The title page: the "Allegato A" box, BOZZA on a draft, ente, plan title, references."""

from __future__ import annotations

from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, paragraph
from pianoperf_xl.write.annex.styles import ALLEGATO, CENTER, DRAFT, FRONT, NOTE, NOTICE


def title_page(annex: Annex) -> None:
    facts = annex.facts
    paragraph(annex, txt.allegato_line(facts), ALLEGATO)
    if facts.draft:
        paragraph(annex, txt.DRAFT_MARK, DRAFT)
        paragraph(annex, txt.draft_notice(facts), NOTICE)
    paragraph(annex, txt.ente_with_province(facts.ente, facts.province), "Title")
    paragraph(annex, txt.plan_title(facts.year, facts.piao), "Subtitle")
    for line in txt.title_page_lines(facts):
        paragraph(annex, line, FRONT)
    references = paragraph(annex, txt.title_page_references(facts.laws_day), NOTE)
    references.paragraph_format.alignment = CENTER
