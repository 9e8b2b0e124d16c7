"""Build a ``Sector`` from the records of a ``settore`` workbook."""

from __future__ import annotations

import re

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import FindingList
from pianoperf_xl.model import Indicator, Objective, Record, Sector, StaffMember

# Separators between names in "Personale coinvolto": commas, semicolons, slashes,
# dashes (spaced or joining two names: "Spinelli-Redolfi") and the word "e".
_NAME_SEPARATORS = re.compile(r"\s*[,;/]\s*|\s+[-–—]\s+|(?<=\w)[-–—](?=\w)|\s+e\s+")
_SKIP_WORDS = {"settore", "di", "del", "della", "e", "servizi", "servizio", "ufficio"}


def split_staff(text: str | None) -> list[str]:
    """The names in a "Personale coinvolto" cell, as typed (resolution is a check's job)."""
    if not text:
        return []
    return [part.strip() for part in _NAME_SEPARATORS.split(text) if part and part.strip()]


def sector_initials(name: str) -> str:
    """Short prefix for derived objective codes: "Settore Affari Generali" -> "AG"."""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]+", name) if w.lower() not in _SKIP_WORDS]
    return "".join(w[0].upper() for w in words)[:4] or "S"


def build_sector(form: Record, staff_rows: list[Record], objective_rows: list[Record],
                 file: str, findings: FindingList) -> Sector:
    name = form.get("settore") or file.rsplit(".", 1)[0]
    staff = [StaffMember(
        name=row.get("nome") or "", sector=name, profile=row.get("profilo"),
        office=row.get("ufficio"), grade=row.get("categoria"), weekly_hours=row.get("ore"),
        relation=row.get("rapporto"), notes=row.get("note"), record=row)
        for row in staff_rows]
    return Sector(name=name, head=form.get("responsabile"), email=form.get("email"),
                  ente=form.get("ente"), year=form.get("anno"), notes=form.get("note"),
                  staff=staff, objectives=_objectives(objective_rows, name, findings),
                  file=file, record=form)


def _from_above(row: Record, first: Record, key: str) -> bool:
    """The row has no value of its own for ``key``: blank, or the value of a merged area
    that starts on the objective's first row (the record points at the same cell)."""
    return not row.get(key) or row.cells.get(key) == first.cells.get(key)


# The objective's own values besides its text: on an indicator row they must be blank
# or the objective's, or the row is not one more indicator (the value would be lost).
_OBJECTIVE_KEYS = (("peso", "weight"), ("missione", "mission"), ("programma", "programme"))


def _continues(row: Record, current: Objective) -> bool:
    """The row is one more indicator of ``current``: no objective, code, area or action
    of its own (a merged "Obiettivo specifico" over the indicator rows counts as none),
    and no weight, missione or programma other than the objective's."""
    code = row.get("codice")
    return (_from_above(row, current.record, "obiettivo")
            and (not code or code == current.code)
            and _from_above(row, current.record, "area")
            and _from_above(row, current.record, "azione")
            and all(row.get(key) is None or _from_above(row, current.record, key)
                    or row.get(key) == getattr(current, attr)
                    for key, attr in _OBJECTIVE_KEYS))


def _objectives(rows: list[Record], sector: str, findings: FindingList) -> list[Objective]:
    """Group rows into objectives: a row without code and objective text is one more
    indicator of the objective above; blank area and action mean "as the row above"."""
    objectives: list[Objective] = []
    area = action = None
    prefix = sector_initials(sector)
    for row in rows:
        get = row.values.get  # Record.get, without a call of its own per value
        indicator = Indicator(
            description=get("indicatore"), target=get("target"),
            deadline=get("scadenza"), staff_text=get("personale"),
            staff_refs=split_staff(get("personale")), notes=get("note"), record=row)
        code, title = get("codice"), get("obiettivo")
        current = objectives[-1] if objectives else None
        if current is not None and _continues(row, current):
            current.indicators.append(indicator)
            continue
        if not title:
            findings.append(emit(
                "objective-missing-text", "Riga di obiettivo senza «Obiettivo specifico»"
                + (" e senza un obiettivo sopra a cui riferirla." if current is None
                else ": indicarlo, oppure lasciare vuoti area, azione, peso, "
                "missione e programma (o scriverli uguali a quelli dell'obiettivo "
                "sopra) se è un altro indicatore dell'obiettivo sopra."),
                row.at("obiettivo")))
        area_inherited = not get("area") and area is not None
        action_inherited = not get("azione") and action is not None
        area = get("area") or area
        action = get("azione") or action
        objectives.append(Objective(
            ref=code or f"{prefix}.{len(objectives) + 1:02d}", code=code, sector=sector,
            area=area, action=action, title=title, weight=get("peso"),
            mission=get("missione"), programme=get("programma"),
            indicators=[indicator], record=row, area_inherited=area_inherited,
            action_inherited=action_inherited))
    return objectives
