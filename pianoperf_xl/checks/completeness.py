"""Whether the folder holds every kind of file a plan is made of.

A plan is the ente's workbook (organigram, context), the budget's and at least one
sector's. Each missing kind is an error: the Allegato A would otherwise come out clean
and without the part that kind gives it (and says in that part what is missing). Nothing
is said when no file at all could be used: the reader has said why already.
"""

from __future__ import annotations

from typing import Iterator

from pianoperf_xl.checks.base import check
from pianoperf_xl.codes import BUDGET_MISSING, ENTE_MISSING, SECTORS_MISSING, emit
from pianoperf_xl.findings import Finding, Location
from pianoperf_xl.interpret import PlanReading


@check(ENTE_MISSING, BUDGET_MISSING, SECTORS_MISSING)
def missing_kinds(reading: PlanReading) -> Iterator[Finding]:
    plan = reading.plan
    if not any(source.used for source in plan.files):
        return
    where = Location(plan.folder or "")
    if plan.ente is None:
        yield emit(ENTE_MISSING, "Nella cartella manca il file dell'ente: l'Allegato A non ha "
                   "organizzazione, contesto e popolazione, e le verifiche su organigramma, "
                   "responsabili e popolazione non sono state fatte.", where,
                   hint="Aggiungere alla cartella il file dell'ente compilato dalla segreteria "
                        "(modello-ente.xlsx).")
    if plan.budget is None:
        yield emit(BUDGET_MISSING, "Nella cartella manca il file del bilancio: l'Allegato A "
                   "non ha la parte finanziaria, e le verifiche sul bilancio non sono state "
                   "fatte.", where,
                   hint="Aggiungere alla cartella il file del bilancio compilato dalla "
                        "ragioneria (modello-bilancio.xlsx).")
    if not plan.sectors:
        yield emit(SECTORS_MISSING, "Nella cartella non c'è nessuna scheda di settore: il "
                   "piano non ha obiettivi.", where,
                   hint="Aggiungere le schede compilate dai settori (modello-settore.xlsx).")
