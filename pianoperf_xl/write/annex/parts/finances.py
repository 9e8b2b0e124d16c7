"""The financial resources: revenue and expense by titolo, missione and programma."""

from __future__ import annotations

from typing import Any, Sequence

from pianoperf_xl.model import BudgetLine
from pianoperf_xl.values import format_amount
from pianoperf_xl.write.annex import text as txt
from pianoperf_xl.write.annex.document import Annex, caption, heading, paragraph
from pianoperf_xl.write.annex.styles import MID, NUM
from pianoperf_xl.write.annex.tables import Col, Row, add_table


def finances(annex: Annex) -> None:
    budget = annex.plan.budget
    heading(annex, 1, txt.H_FINANCE)
    if budget is None:
        paragraph(annex, txt.MISSING_BUDGET)
        return
    paragraph(annex, txt.finance_intro(annex.facts))
    _budget_table(annex, txt.CAPTION_REVENUE, txt.COL_CODE_TITLE, budget.revenue)
    _budget_table(annex, txt.CAPTION_EXPENSE, txt.COL_CODE_TITLE, budget.expense)
    _budget_table(annex, txt.CAPTION_MISSIONS, txt.COL_CODE_MISSION, budget.missions)
    _budget_table(annex, txt.CAPTION_PROGRAMMES, txt.COL_CODE_PROGRAMME, budget.programmes)


def _budget_table(annex: Annex, title: str, code_header: str,
                  lines: Sequence[BudgetLine]) -> None:
    years = annex.plan.budget.years
    visible = _visible_lines(lines)
    if not visible or not years:
        return
    caption(annex, title)
    cols = [Col(code_header, 1.8, MID), Col(txt.COL_LABEL, 7.9)] + [
        Col(txt.col_forecast(y), 2.9, NUM) for y in years]
    rows = []
    for line in visible:
        code = line.code if line.code[:1].isdigit() else ""
        amounts = [format_amount(line.amounts[y]) if line.amounts.get(y) is not None else ""
                   for y in years]
        rows.append(Row([code, line.official_label or line.label, *amounts],
                        bold=line.is_total, shaded=line.is_total))
    add_table(annex.doc, cols, rows)


def _visible_lines(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """Lines with an amount; a total equal to the total just shown is left out."""
    shown: list[BudgetLine] = []
    last_total: dict[int, Any] | None = None
    for line in lines:
        if all(v is None for v in line.amounts.values()):
            continue
        if line.is_total:
            if line.amounts == last_total:
                continue
            last_total = line.amounts
        shown.append(line)
    return shown
