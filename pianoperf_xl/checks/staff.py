"""Staff checks: names on objectives, spellings, organigram, sector heads, headcount.

The staff lists of the sector workbooks are the reference: every name typed elsewhere —
"Personale coinvolto" on an objective, the organigram, a sector's Responsabile — is
looked up in them through the plan's reading (:mod:`pianoperf_xl.interpret`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from pianoperf_xl.checks.base import check
from pianoperf_xl.codes import (
    REF_UNKNOWN, REF_AMBIGUOUS, REF_TYPO, NAME_VARIANT, NO_OBJECTIVE,
    ORGANIGRAM_UNKNOWN, HEAD_MISMATCH, NOT_IN_ORGANIGRAM, HEAD_NOT_IN_STAFF, HEADCOUNT,
    IN_TWO_LISTS, emit,
)
from pianoperf_xl.findings import Finding, Location
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.indicators import IndicatorReading
from pianoperf_xl.interpret.names import same_person, same_spelling
from pianoperf_xl.interpret.people import (
    AMBIGUOUS, RESOLVED, UNKNOWN, Candidate, Person, Resolution,
)
from pianoperf_xl.interpret.sectors import is_kind, organigram_sector_units
from pianoperf_xl.model import FULL_TIME_HOURS, Ente, OrgUnit, Record, Sector
from pianoperf_xl.values import format_number, normalize_key
from pianoperf_xl.wording import describe

_SAME_NAME_HINT = "Scrivere il nome della persona allo stesso modo in tutti i file."


# --- names on objectives ---------------------------------------------------------------


@check(REF_UNKNOWN, REF_AMBIGUOUS, REF_TYPO)
def staff_refs(reading: PlanReading) -> Iterator[Finding]:
    """Every name in "Personale coinvolto" is someone of the staff lists."""
    if not reading.people:
        return
    for item in reading.indicators:
        for resolution in item.resolutions:
            for leaf in resolution.leaves():
                if leaf.status != RESOLVED:
                    yield _ref_finding(item, resolution, leaf)


def _ref_finding(item: IndicatorReading, whole: Resolution, leaf: Resolution) -> Finding:
    record = item.indicator.record
    quoted = f"«{leaf.ref}»" + (f" (in «{whole.ref}»)" if leaf is not whole else "")
    if leaf.status == UNKNOWN:
        return emit(REF_UNKNOWN, f"{quoted} in «Personale coinvolto» non corrisponde a "
                    "nessuno degli elenchi del personale dei settori.", record.at("personale"),
                    value=item.indicator.staff_text,
                    hint=_suggestion(leaf.candidates) or "Scrivere il cognome come "
                    "nell'elenco «Personale» del settore, o aggiungere la persona all'elenco.")
    if leaf.status == AMBIGUOUS:
        return emit(REF_AMBIGUOUS, f"{quoted} in «Personale coinvolto» può indicare più "
                    f"persone: {_or_list(_with_sector(c.person) for c in leaf.candidates)}.",
                    record.at("personale"), value=item.indicator.staff_text,
                    hint="Aggiungere il nome o l'iniziale, es. "
                    f"«{leaf.candidates[0].person.name}».")
    return emit(REF_TYPO, f"{quoted} in «Personale coinvolto» non è scritto come negli "
                f"elenchi del personale, dove c'è «{leaf.people[0].name}».",
                record.at("personale"), value=item.indicator.staff_text,
                hint=_suggestion(leaf.candidates))


@check(NO_OBJECTIVE)
def staff_without_objective(reading: PlanReading) -> Iterator[Finding]:
    """Everyone on a staff list works on at least one objective."""
    if not reading.plan.objectives:
        return
    for workload in reading.workloads:
        if not workload.objectives and not workload.possible:
            person = workload.person
            member = person.members[0]
            external = ", rapporto esterno" if person.external else ""
            yield emit(NO_OBJECTIVE, f"«{person.name}» ({', '.join(person.sectors)}{external}) "
                       "non lavora su nessun obiettivo: la performance individuale si valuta "
                       "sugli obiettivi.", member.record.at("nome"), value=member.name,
                       hint="Indicare la persona in «Personale coinvolto» degli obiettivi a cui "
                       "lavora" + ("; se è personale esterno che non partecipa agli obiettivi, "
                                   "si può togliere dall'elenco." if person.external else "."))


# --- spellings and the organigram ----------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A name written somewhere other than a staff list."""

    name: str
    where: Location
    label: str  # "responsabile di «Settore X» nell'organigramma"
    exempt: bool = False  # the Segretario: not expected on a sector's staff list


def organigram_places(ente: Ente) -> Iterator[Place]:
    """Every name of the organigram: heads and people of every unit."""
    for unit in ente.organigram:
        if unit.head:
            yield unit_head_place(unit)
        for name in unit.people:
            yield Place(name, unit.record.at("persone"),
                        f"tra le persone di «{unit.name}» nell'organigramma",
                        is_kind(unit, "Segretario"))


def unit_head_place(unit: OrgUnit) -> Place:
    return Place(unit.head or "", unit.record.at("responsabile"),
                 f"responsabile di «{unit.name}» nell'organigramma", is_kind(unit, "Segretario"))


def head_place(sector: Sector) -> Place:
    return Place(sector.head or "", sector.record.at("responsabile"),
                 f"responsabile nel file di «{sector.name}»")


@check(NAME_VARIANT)
def staff_name_variants(reading: PlanReading) -> Iterator[Finding]:
    """One person, one spelling: organigram and sector heads as in the staff lists."""
    plan, index = reading.plan, reading.index
    places = [*(organigram_places(plan.ente) if plan.ente else ()),
              *(head_place(s) for s in plan.sectors if s.head)]
    for place in places:
        person = index.match(place.name)
        if person and not any(same_spelling(place.name, m.name) for m in person.members):
            member = person.members[0]
            yield _variant(place, member.name, f"nell'elenco del personale di «{member.sector}»",
                           member.record.at("nome"))
    yield from _head_variants_outside_staff(reading)


def _head_variants_outside_staff(reading: PlanReading) -> Iterator[Finding]:
    """A sector head on no staff list: the organigram against the sector's workbook."""
    index = reading.index
    for sector, unit in reading.sector_units:
        if (unit and unit.head and sector.head and index.match(sector.head) is None
                and same_person(unit.head, sector.head)
                and not same_spelling(unit.head, sector.head)):
            yield _variant(unit_head_place(unit), sector.head,
                           f"come responsabile nel file di «{sector.name}»",
                           sector.record.at("responsabile"))


def _variant(place: Place, other: str, other_label: str, other_where: Location) -> Finding:
    return emit(NAME_VARIANT, f"«{place.name}», {place.label}, è scritto «{other}» "
                f"{other_label} ({describe(other_where)}).", place.where, value=place.name,
                hint=_SAME_NAME_HINT)


@check(ORGANIGRAM_UNKNOWN)
def organigram_people_in_staff(reading: PlanReading) -> Iterator[Finding]:
    """Everyone in the organigram (the Segretario aside) is on a staff list."""
    plan, index = reading.plan, reading.index
    if not plan.ente or not plan.staff:
        return
    for place in organigram_places(plan.ente):
        if not place.exempt and index.match(place.name) is None:
            yield emit(ORGANIGRAM_UNKNOWN, f"«{place.name}», {place.label}, non è in nessun "
                       "elenco del personale dei settori.", place.where, value=place.name,
                       hint=_suggestion(index.nearest(place.name)) or "Aggiungere la persona "
                       "all'elenco «Personale» del suo settore, o correggere l'organigramma.")


# --- sector heads ---------------------------------------------------------------------------


@check(HEAD_MISMATCH, NOT_IN_ORGANIGRAM)
def sector_heads_in_organigram(reading: PlanReading) -> Iterator[Finding]:
    """Every sector workbook is a Settore of the organigram, with the same head."""
    plan = reading.plan
    for sector, unit in reading.sector_units:
        if unit is None:
            names = _and_list(f"«{u.name}»" for u in organigram_sector_units(plan))
            yield emit(NOT_IN_ORGANIGRAM, f"«{sector.name}» non corrisponde a nessun settore "
                       f"dell'organigramma ({plan.ente.file}, foglio «Organigramma»).",
                       sector.record.at("settore"), value=sector.name,
                       hint=f"Settori dell'organigramma: {names}. Usare lo stesso nome, o "
                       "aggiungere il settore all'organigramma.")
        elif sector.head and unit.head and not same_person(sector.head, unit.head):
            yield emit(HEAD_MISMATCH, f"Il responsabile di «{sector.name}» è «{sector.head}», "
                       f"ma nell'organigramma il responsabile di «{unit.name}» è «{unit.head}» "
                       f"({describe(unit.record.at('responsabile'))}).",
                       sector.record.at("responsabile"), value=sector.head,
                       hint="Correggere il responsabile nel file del settore o "
                       "nell'organigramma.")


@check(HEAD_NOT_IN_STAFF)
def sector_head_in_own_staff(reading: PlanReading) -> Iterator[Finding]:
    """The head of a sector is on the sector's own staff list."""
    for sector in reading.plan.sectors:
        if (sector.head and sector.staff
                and not any(same_person(sector.head, m.name) for m in sector.staff)):
            yield emit(HEAD_NOT_IN_STAFF, f"Il responsabile «{sector.head}» non è nell'elenco "
                       f"del personale di «{sector.name}».", sector.record.at("responsabile"),
                       value=sector.head, hint="Aggiungere il responsabile al foglio "
                       "«Personale»: una riga per persona, responsabile compreso.")


# --- counts and hours ------------------------------------------------------------------------


@check(HEADCOUNT)
def staff_headcount(reading: PlanReading) -> Iterator[Finding]:
    """Employees on the staff lists plus the segretario = last year's Totale personale."""
    plan = reading.plan
    if not plan.ente or not plan.staff:
        return
    total = _history_row(plan.ente, "Totale personale")
    year = _last_year(total) if total else None
    if year is None:
        return
    secretary_row = _history_row(plan.ente, "Segretario")
    secretary = (secretary_row.get(year) if secretary_row else None) or 0
    employees = sum(1 for p in reading.people if not p.external)
    declared = total.get(year)
    if employees + secretary != declared:
        yield emit(HEADCOUNT, f"Dipendenti negli elenchi del personale dei settori (esterni "
                   f"esclusi): {employees}, più il segretario: {format_number(secretary)}, in "
                   f"tutto {format_number(employees + secretary)}; ma il «Totale personale» al "
                   f"31/12/{year} è {format_number(declared)}.", total.at(year), value=declared,
                   hint="Controllare gli elenchi «Personale» dei settori (manca qualcuno? un "
                   "esterno è indicato come dipendente?) e la tabella del personale storico.")


def _history_row(ente: Ente, group: str) -> Record | None:
    """The group's own row of the staff history (the one without a grade)."""
    return next((r for r in ente.staff_history if not r.get("categoria")
                 and normalize_key(r.get("gruppo")) == normalize_key(group)), None)


def _last_year(row: Record) -> str | None:
    years = [key for key, value in row.values.items() if key.isdigit() and value is not None]
    return max(years, key=int) if years else None


@check(IN_TWO_LISTS)
def staff_in_two_lists(reading: PlanReading) -> Iterator[Finding]:
    """A person on several sectors' lists works at most 36 hours a week in all."""
    for person in reading.people:
        if len(person.sectors) > 1 and person.weekly_hours > FULL_TIME_HOURS:
            lists = _and_list(f"«{m.sector}» ({m.weekly_hours or FULL_TIME_HOURS} ore)"
                              for m in person.members)
            yield emit(IN_TWO_LISTS, f"«{person.name}» è negli elenchi del personale di {lists}: "
                       f"in tutto {person.weekly_hours} ore settimanali, più di "
                       f"{FULL_TIME_HOURS}.", person.members[1].record.at("ore"),
                       value=person.weekly_hours,
                       hint="Indicare in ogni elenco le ore dedicate a quel settore (colonna "
                       f"«Ore settimanali»), in tutto al massimo {FULL_TIME_HOURS}.")


# --- Italian text ------------------------------------------------------------------------------


def _suggestion(candidates: Iterable[Candidate]) -> str | None:
    names = [c.person.name for c in candidates]
    return f"forse intendevi: {_or_list(names)}?" if names else None


def _with_sector(person: Person) -> str:
    return f"{person.name} ({', '.join(person.sectors)})"


def _joined(items: Iterable[str], conjunction: str) -> str:
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _or_list(items: Iterable[str]) -> str:
    return _joined(items, "o")


def _and_list(items: Iterable[str]) -> str:
    return _joined(items, "e")

