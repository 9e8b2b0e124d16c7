"""The annex being written (:class:`Annex`) and the paragraphs every part of it adds:
body text, numbered headings, lettered lists, numbered table captions, labelled values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Sequence

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from pianoperf_xl.findings import ERROR
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.model import Plan
from pianoperf_xl.reference.laws import citing_day
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.chart_part import add_chart
from pianoperf_xl.write.annex.charts import Chart
from pianoperf_xl.write.annex.ooxml import W_P, clean, el, set_paragraph_property
from pianoperf_xl.write.annex.styles import A4, CAPTION, CENTER, LEFT, LIST, applied_style_id

SPACE_AFTER_TABLE = Pt(10)


@dataclass
class Annex:
    """The document, what it is written from, and its running numbers."""

    doc: DocxDocument
    reading: PlanReading  # the plan as interpreted, which holds the plan
    facts: txt.AnnexFacts
    portrait: tuple[Any, Any] = (A4[0], A4[1])  # page width and height of the first section
    keep_header: bool = False  # the base's own header (a letterhead) is kept
    keep_footer: bool = False
    headings: list[int] = field(default_factory=lambda: [0, 0])  # last "3.2" numbers
    tables: int = 0  # last table number
    figures: int = 0  # last chart number

    @property
    def plan(self) -> Plan:
        return self.reading.plan


def facts_of(reading: PlanReading, numero: str | None, data: dt.date | None,
             piao: bool = False) -> txt.AnnexFacts:
    """What the prose says about the plan; ``numero`` and ``data`` of the deliberation
    default to the ente's number and the plan's approval date, whose laws are cited."""
    plan = reading.plan
    ente, budget = plan.ente, plan.budget
    data = data or plan.approval_date
    return txt.AnnexFacts(
        ente=_ente_name(plan),
        province=_optional(ente.province) if ente else None,
        year=reading.year,
        sectors=len(plan.sectors),
        objectives=len(plan.objectives),
        indicators=sum(len(obj.indicators) for obj in plan.objectives),
        staff=len(plan.staff),
        errors=sum(1 for f in plan.findings if f.severity == ERROR),
        budget_approval=_optional(budget.approval) if budget else None,
        delibera_numero=_optional(numero or (ente.deliberation_number if ente else None)),
        delibera_data=data,
        laws_day=citing_day(data),
        piao=piao,
    )


def _ente_name(plan: Plan) -> str:
    candidates = [plan.ente.name if plan.ente else None, plan.budget.ente if plan.budget else None,
                  *(s.ente for s in plan.sectors)]
    return next((_optional(c) for c in candidates if _optional(c)), "Ente")


def _optional(text: Any) -> str | None:
    return clean(text).strip() or None


def paragraph(annex: Annex, text: str = "", style: str | None = None) -> Paragraph:
    """A paragraph; body text right after a table gets some space above it."""
    added = annex.doc.add_paragraph(clean(text))
    if style is not None:
        added._p.style = applied_style_id(annex.doc, style, WD_STYLE_TYPE.PARAGRAPH)
    previous = added._p.getprevious()
    if style is None and previous is not None and previous.tag == qn("w:tbl"):
        added.paragraph_format.space_before = SPACE_AFTER_TABLE
    return added


def heading(annex: Annex, level: int, text: str, *, page_break: bool = False) -> Paragraph:
    """Headings 1 and 2 are numbered "3." and "3.2"; heading 3 is not."""
    numbers = annex.headings
    if level == 1:
        numbers[:] = [numbers[0] + 1, 0]
        text = f"{numbers[0]}. {text}"
    elif level == 2:
        numbers[1] += 1
        text = f"{numbers[0]}.{numbers[1]} {text}"
    added = paragraph(annex, text, f"Heading {level}")
    if page_break:
        added.paragraph_format.page_break_before = True
    return added


def block(annex: Annex, prose: txt.Block) -> None:
    """Paragraphs and lettered lists ("a) …") of :mod:`text`."""
    for item in prose:
        if isinstance(item, tuple):
            for letter, entry in zip("abcdefghijklmnopqrstuvwxyz", item):
                last = paragraph(annex, f"{letter})", LIST)
                last.add_run().add_tab()
                last.add_run(clean(entry))
            last.paragraph_format.space_after = Pt(6)
        else:
            paragraph(annex, item)


def caption(annex: Annex, text: str) -> None:
    """A numbered table caption, kept on the page of its table with the sentence above."""
    annex.tables += 1
    added = paragraph(annex, f"Tabella {annex.tables} – {text}", CAPTION)
    previous = added._p.getprevious()
    if previous is not None and previous.tag == W_P:
        set_paragraph_property(previous, el("keepNext"))


def figure(annex: Annex, title: str, drawn: Chart | None, width_cm: float = 15.5) -> None:
    """A numbered chart: its caption, kept with the chart below it."""
    if drawn is None:
        return
    annex.figures += 1
    paragraph(annex, f"Grafico {annex.figures} – {title}", CAPTION).paragraph_format \
        .keep_with_next = True
    holder = paragraph(annex)
    holder.paragraph_format.alignment = CENTER
    holder.paragraph_format.keep_together = True
    add_chart(holder.add_run(), drawn, width_cm, annex.figures, title)


def labelled(annex: Annex, parts: Sequence[tuple[str, str | None]]) -> None:
    """One paragraph of bold labels and their values, e.g. 'Responsabile: Cairo Micaela'."""
    added = paragraph(annex)
    added.paragraph_format.alignment = LEFT
    first = True
    for label, value in parts:
        if not value:
            continue
        if not first:
            added.add_run("    ")
        added.add_run(clean(label)).bold = True
        added.add_run(clean(value))
        first = False
