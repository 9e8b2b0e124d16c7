"""The lines ``pianoperf evaluation`` prints: per group, how many were scored and how the
fund was split (no person's name or score: the terminal may be seen over a shoulder)."""

from __future__ import annotations

from pianoperf_xl.evaluation.model import Evaluation
from pianoperf_xl.values import format_amount


def summary_lines(evaluation: Evaluation) -> list[str]:
    lines = []
    if evaluation.invented:
        lines.append("ATTENZIONE: dati inventati (esempio), non una valutazione reale.")
    if evaluation.notes:
        lines.append(f"Note delle regole: {evaluation.notes}")
    for fund in evaluation.funds:
        people = [p for p in evaluation.people if p.group is fund.group]
        scored = sum(1 for p in people if p.total is not None)
        paid = sum(1 for p in people if p.bonus > 0)
        lines.append(f"{fund.group.name}: {len(people)} persone, {scored} con punteggio, "
                     f"{paid} con premio; fondo {format_amount(fund.fund)} euro, ripartiti "
                     f"{format_amount(fund.paid)}, non distribuiti "
                     f"{format_amount(fund.remainder)}.")
    return lines
