"""``write_deliberation``: the draft deliberation (``piano-ANNO-delibera.docx``) the
segretario brings to the Giunta with the Allegato A: heading, premises citing the laws in
force on the approval day and the council's DUP and budget deliberations, the opinions
of art. 49 TUEL, the operative part, the immediate-execution clause of art. 134 c. 4.

It is written with the annex's machinery: the same styles (and the comune's Word model,
``base``), the same BOZZA rules, the same facts of the plan (:func:`facts_of`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from docx.shared import Cm, Pt

from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.sectors import is_kind
from pianoperf_xl.spec.bilancio import GRAND_TOTAL
from pianoperf_xl.values import format_amount
from pianoperf_xl.write.annex import text as annex_text
from pianoperf_xl.write.annex.document import Annex, facts_of, paragraph
from pianoperf_xl.write.annex.header_footer import document_header, footer, has_content
from pianoperf_xl.write.annex.ooxml import clean
from pianoperf_xl.write.annex.styles import (ALLEGATO, CENTER, DRAFT, LEFT, LIST, NOTE, NOTICE,
                                             open_base)
from pianoperf_xl.write.annex.tables import save
from pianoperf_xl.write.atomic import atomic_path
from pianoperf_xl.write.deliberation import text as txt


def deliberation_facts(reading: PlanReading, annex: annex_text.AnnexFacts
                       ) -> txt.DeliberationFacts:
    """What the deliberation cites: the annex's facts, the council's acts of the ente
    workbook («Delibera» sheet), the budget total, the heads, the segretario."""
    plan = reading.plan
    ente = plan.ente
    acts = ente.council_acts if ente is not None else None
    get = acts.get if acts is not None else (lambda key: None)
    secretary = next((clean(u.head) for u in (ente.organigram if ente else [])
                      if is_kind(u, "Segretario") and u.head), None)
    return txt.DeliberationFacts(
        annex=annex,
        dup=txt.CouncilAct(get("dup_numero"), get("dup_data")),
        budget=txt.CouncilAct(get("bilancio_numero"), get("bilancio_data")),
        budget_total=_budget_total(reading),
        heads=tuple((clean(s.name), clean(s.head) or None) for s in reading.sectors),
        secretary=secretary,
        employees=get("dipendenti"),
    )


def _budget_total(reading: PlanReading) -> str | None:
    budget = reading.plan.budget
    if budget is None or not budget.first_year:
        return None
    line = next((l for l in budget.revenue if l.code == GRAND_TOTAL), None)
    amount = line.amounts.get(budget.first_year) if line else None
    return format_amount(amount) if amount is not None else None


KEYWORDS = "Piano della performance; proposta di deliberazione"


def write_deliberation(reading: PlanReading, path: str | os.PathLike, *,
                       delibera_numero: str | None = None,
                       delibera_data: dt.date | None = None,
                       base: str | os.PathLike | None = None, piao: bool = False) -> Path:
    """Write the draft deliberation for the plan ``reading`` reads to ``path`` (.docx)."""
    doc = open_base(base)
    annex = Annex(doc, reading, facts_of(reading, delibera_numero, delibera_data, piao))
    facts = deliberation_facts(reading, annex.facts)
    first = doc.sections[0]
    annex.keep_header = base is not None and has_content(first.header)
    annex.keep_footer = base is not None and has_content(first.footer)
    _header(annex)
    footer(annex, first)
    _body(annex, facts)
    props = doc.core_properties
    props.title = txt.document_title(annex.facts)
    props.author = props.last_modified_by = annex.facts.ente
    props.language = "it-IT"
    props.keywords = KEYWORDS  # how own_outputs.py recognises it in an input folder
    props.created = props.modified = dt.datetime.now().replace(microsecond=0)
    with atomic_path(path) as tmp:
        save(doc, str(tmp))
    return Path(path)


def _header(annex: Annex) -> None:
    if not annex.keep_header:
        document_header(annex, txt.HEADER_LINE)


def _centered(annex: Annex, text: str, style: str | None = None, bold: bool = False) -> None:
    added = paragraph(annex, "" if bold else text, style)
    added.paragraph_format.alignment = CENTER
    if bold:
        added.add_run(clean(text)).bold = True


def _numbered(annex: Annex, items: list[str]) -> None:
    for number, item in enumerate(items, 1):
        added = paragraph(annex, f"{number}.", LIST)
        added.add_run().add_tab()
        added.add_run(clean(item))


def _body(annex: Annex, facts: txt.DeliberationFacts) -> None:
    a = annex.facts
    paragraph(annex, txt.number_line(facts), ALLEGATO)
    if a.draft:
        paragraph(annex, annex_text.DRAFT_MARK, DRAFT)
        paragraph(annex, annex_text.draft_notice(a).replace("documento", "Piano"), NOTICE)
    ente = paragraph(annex)
    ente.paragraph_format.alignment = CENTER
    ente.paragraph_format.space_before = Pt(24)
    name = ente.add_run(clean(annex_text.ente_with_province(a.ente, a.province)))
    name.bold, name.font.size = True, Pt(16)
    _centered(annex, txt.TITLE, bold=True)
    paragraph(annex, txt.subject(facts)).runs[0].bold = True
    paragraph(annex, txt.DRAFT_NOTE, NOTE)
    _centered(annex, txt.THE_BOARD, bold=True)
    for line in txt.premises(facts) + txt.opinions(facts):
        paragraph(annex, line)
    paragraph(annex, txt.VOTE)
    _centered(annex, txt.DELIBERA, bold=True)
    _numbered(annex, txt.operative(facts))
    paragraph(annex, txt.SEPARATE_VOTE)
    _centered(annex, txt.DELIBERA, bold=True)
    paragraph(annex, txt.IMMEDIATE)
    signatures = paragraph(annex, txt.SIGNATURES[0])
    signatures.add_run().add_tab()
    signatures.add_run(txt.SIGNATURES[1])
    signatures.paragraph_format.space_before = Pt(36)
    signatures.paragraph_format.alignment = LEFT
    signatures.paragraph_format.tab_stops.add_tab_stop(Cm(10))
