"""Build the ``Ente`` (ente data, organigram, context tables) from an ``ente`` workbook."""

from __future__ import annotations

import re

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Finding
from pianoperf_xl.model import Ente, OrgUnit, PoliticalBody, Record, StrategicLine
from pianoperf_xl.values import normalize_key

_PEOPLE_SEPARATORS = re.compile(r"\s*[,;]\s*|\s+[-–—]\s+|\n")


def split_people(text: str | None) -> list[str]:
    """The people of an organigram cell: "Ferri Raffaella – Donadoni Nives"."""
    if not text:
        return []
    return [p.strip() for p in _PEOPLE_SEPARATORS.split(text) if p and p.strip()]


def build_ente(form: Record, bodies: list[Record], organigram: list[Record],
               history: list[Record], ages: list[Record], population: Record | None,
               pyramid: list[Record], file: str, texts: list[Record] = (),
               council_acts: Record | None = None) -> Ente:
    return Ente(
        name=form.get("denominazione"), province=form.get("provincia"), year=form.get("anno"),
        approval_date=form.get("data_approvazione"),
        deliberation_number=form.get("numero_delibera"), area_km2=form.get("superficie"),
        inhabitants=form.get("abitanti"), density_declared=form.get("densita"),
        bodies=[PoliticalBody(role=r.get("ruolo"), name=r.get("nome") or "",
                              portfolio=r.get("deleghe"), office_hours=r.get("ricevimento"),
                              email=r.get("email"), record=r) for r in bodies],
        organigram=[OrgUnit(kind=r.get("tipo"), name=r.get("struttura") or "",
                            parent_sector=r.get("settore"), head=r.get("responsabile"),
                            people=split_people(r.get("persone")), email=r.get("email"),
                            notes=r.get("note"), record=r) for r in organigram],
        staff_history=history, average_age=ages, population=population, pyramid=pyramid,
        file=file, record=form,
        # a presentation row's title, if it has one, is printed as a paragraph of its own
        presentation=[t for r in texts if _part(r) == "presentazione" and r.get("testo")
                      for t in (r.get("titolo"), r.get("testo")) if t],
        # any other row with text is a strategic line: a blank or mistyped «Parte» is
        # reported at its cell, and the row is kept, not lost
        strategic_lines=[StrategicLine(r.get("titolo"), r.get("testo"), r) for r in texts
                         if not (_part(r) == "presentazione" and r.get("testo"))
                         and (r.get("titolo") or r.get("testo"))],
        texts=list(texts),
        council_acts=council_acts if council_acts is not None
        and any(v is not None for v in council_acts.values.values()) else None)


def _part(row: Record) -> str:
    return normalize_key(row.get("parte"))


def empty_text_rows(texts: list[Record]) -> list[Finding]:
    """«Testi» rows that name a part and nothing else: said, since nothing of them is
    printed."""
    return [emit("text-row-empty",
                 f"La riga dice la parte «{row.get('parte')}» ma non ha né titolo né testo: "
                 "nell'Allegato non c'è nulla da stampare. Scrivere il testo o cancellare "
                 "la riga.", row.at("parte"), value=row.get("parte"))
            for row in texts
            if row.get("parte") and not (row.get("titolo") or row.get("testo"))]
