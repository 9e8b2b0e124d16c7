"""Staff checks: names on objectives, spellings, organigram, sector heads, headcount.

The staff lists of the sector workbooks are the reference: every name typed elsewhere —
"Personale coinvolto" on an objective, the organigram, a sector's Responsabile — is
looked up in them through :mod:`pianoperf_xl.people`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from rapidfuzz import fuzz

from pianoperf_xl.checks.base import check
from pianoperf_xl.codes import define, emit
from pianoperf_xl.findings import ERROR, WARNING, Finding, Location
from pianoperf_xl.model import FULL_TIME_HOURS, Ente, OrgUnit, Plan, Record, Sector
from pianoperf_xl.people import (
    AMBIGUOUS, RESOLVED, UNKNOWN, Candidate, IndicatorStaff, Person, Resolution,
    StaffIndex, resolve_plan, same_person, same_spelling,
)
from pianoperf_xl.values import format_number, normalize_key
from pianoperf_xl.wording import describe

REF_UNKNOWN = define(
    "staff-ref-unknown", ERROR, "staff", "Persona non trovata",
    "Un nome in «Personale coinvolto» non corrisponde a nessuno degli elenchi del personale.")
REF_AMBIGUOUS = define(
    "staff-ref-ambiguous", WARNING, "staff", "Nome ambiguo",
    "Un nome in «Personale coinvolto» può indicare più persone degli elenchi del personale.")
REF_TYPO = define(
    "staff-ref-typo", WARNING, "staff", "Nome scritto diversamente",
    "Un nome in «Personale coinvolto» è stato riconosciuto solo per somiglianza: "
    "probabilmente un errore di battitura.")
NAME_VARIANT = define(
    "staff-name-variant", WARNING, "staff", "Nome scritto in due modi",
    "La stessa persona è scritta in modo diverso nell'organigramma, come responsabile "
    "di settore o negli elenchi del personale.")
NO_OBJECTIVE = define(
    "staff-no-objective", WARNING, "staff", "Persona senza obiettivi",
    "Una persona dell'elenco del personale non lavora su nessun obiettivo: la performance "
    "individuale si valuta sugli obiettivi.")
ORGANIGRAM_UNKNOWN = define(
    "staff-organigram-unknown", WARNING, "staff", "Persona dell'organigramma non trovata",
    "Una persona dell'organigramma non è in nessun elenco del personale dei settori "
    "(il segretario è escluso).")
HEAD_MISMATCH = define(
    "sector-head-mismatch", ERROR, "staff", "Responsabile diverso dall'organigramma",
    "Il responsabile indicato nel file del settore è una persona diversa da quella "
    "dell'organigramma.")
NOT_IN_ORGANIGRAM = define(
    "sector-not-in-organigram", WARNING, "staff", "Settore assente dall'organigramma",
    "Un file di settore non corrisponde a nessun settore dell'organigramma.")
HEAD_NOT_IN_STAFF = define(
    "sector-head-not-in-staff", WARNING, "staff", "Responsabile non nell'elenco",
    "Il responsabile del settore non è nell'elenco del personale del suo settore.")
HEADCOUNT = define(
    "staff-headcount-mismatch", WARNING, "staff", "Totale del personale diverso",
    "I dipendenti degli elenchi del personale più il segretario non sono il «Totale "
    "personale» dell'ultimo anno del personale storico.")
IN_TWO_LISTS = define(
    "staff-in-two-lists", WARNING, "staff", "Più di 36 ore in due settori",
    "Una persona è negli elenchi di più settori con più di 36 ore settimanali in tutto.")

# Sector names are matched without the words every sector name has ("Settore Servizi
# Demografici" / "Settore Demografico"); token_set_ratio lets one name contain the other
# ("Finanziario" / "Economico Finanziario", "Polizia Locale" / "Polizia Locale - Commercio").
SECTOR_NAME_SIMILARITY = 85
_SECTOR_WORDS = frozenset({"settore", "settori", "area", "servizi", "servizio", "ufficio",
                           "uffici", "di", "del", "dello", "della", "dei", "degli", "e", "ed"})
_SAME_NAME_HINT = "Scrivere il nome della persona allo stesso modo in tutti i file."


# --- names on objectives ---------------------------------------------------------------


@check(REF_UNKNOWN, REF_AMBIGUOUS, REF_TYPO)
def staff_refs(plan: Plan) -> Iterator[Finding]:
    """Every name in "Personale coinvolto" is someone of the staff lists."""
    staff = resolve_plan(plan)
    if not staff.index.people:
        return
    for item in staff.indicators:
        for resolution in item.resolutions:
            for leaf in resolution.leaves():
                if leaf.status != RESOLVED:
                    yield _ref_finding(item, resolution, leaf)


def _ref_finding(item: IndicatorStaff, whole: Resolution, leaf: Resolution) -> Finding:
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
def staff_without_objective(plan: Plan) -> Iterator[Finding]:
    """Everyone on a staff list works on at least one objective."""
    if not plan.objectives:
        return
    for workload in resolve_plan(plan).workloads:
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
                        _is_kind(unit, "Segretario"))


def unit_head_place(unit: OrgUnit) -> Place:
    return Place(unit.head or "", unit.record.at("responsabile"),
                 f"responsabile di «{unit.name}» nell'organigramma", _is_kind(unit, "Segretario"))


def head_place(sector: Sector) -> Place:
    return Place(sector.head or "", sector.record.at("responsabile"),
                 f"responsabile nel file di «{sector.name}»")


@check(NAME_VARIANT)
def staff_name_variants(plan: Plan) -> Iterator[Finding]:
    """One person, one spelling: organigram and sector heads as in the staff lists."""
    index = StaffIndex.from_plan(plan)
    places = [*(organigram_places(plan.ente) if plan.ente else ()),
              *(head_place(s) for s in plan.sectors if s.head)]
    for place in places:
        person = index.match(place.name)
        if person and not any(same_spelling(place.name, m.name) for m in person.members):
            member = person.members[0]
            yield _variant(place, member.name, f"nell'elenco del personale di «{member.sector}»",
                           member.record.at("nome"))
    yield from _head_variants_outside_staff(plan, index)


def _head_variants_outside_staff(plan: Plan, index: StaffIndex) -> Iterator[Finding]:
    """A sector head on no staff list: the organigram against the sector's workbook."""
    for sector, unit in _sector_units(plan):
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
def organigram_people_in_staff(plan: Plan) -> Iterator[Finding]:
    """Everyone in the organigram (the Segretario aside) is on a staff list."""
    if not plan.ente or not plan.staff:
        return
    index = StaffIndex.from_plan(plan)
    for place in organigram_places(plan.ente):
        if not place.exempt and index.match(place.name) is None:
            yield emit(ORGANIGRAM_UNKNOWN, f"«{place.name}», {place.label}, non è in nessun "
                       "elenco del personale dei settori.", place.where, value=place.name,
                       hint=_suggestion(index.nearest(place.name)) or "Aggiungere la persona "
                       "all'elenco «Personale» del suo settore, o correggere l'organigramma.")


# --- sector heads ---------------------------------------------------------------------------


def match_sectors(sectors: Iterable[Sector], units: Iterable[OrgUnit]
                  ) -> list[tuple[Sector, OrgUnit | None]]:
    """Each sector workbook with its Settore row of the organigram, or None.

    A pair qualifies by similar names (see ``SECTOR_NAME_SIMILARITY``) or by the same
    head; the best pairs are taken first (both, then name, then head), one to one.
    """
    sectors, units = list(sectors), list(units)
    unit_words = [_sector_words(unit.name) for unit in units]
    pairs = []
    for s_i, sector in enumerate(sectors):
        words = _sector_words(sector.name)
        for u_i, unit in enumerate(units):
            score = fuzz.token_set_ratio(words, unit_words[u_i])
            by_name = score >= SECTOR_NAME_SIMILARITY
            by_head = bool(sector.head and unit.head and same_person(sector.head, unit.head))
            if by_name or by_head:
                pairs.append(((by_name and by_head, by_name, score, by_head), s_i, u_i))
    matched: dict[int, int] = {}
    for _, s_i, u_i in sorted(pairs, key=lambda p: p[0], reverse=True):
        if s_i not in matched and u_i not in matched.values():
            matched[s_i] = u_i
    return [(sector, units[matched[i]] if i in matched else None)
            for i, sector in enumerate(sectors)]


def _sector_words(name: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", normalize_key(name)) if w not in _SECTOR_WORDS)


def _sector_units(plan: Plan) -> list[tuple[Sector, OrgUnit | None]]:
    """The plan's sectors matched to the organigram; empty without one."""
    units = [u for u in plan.ente.organigram if _is_kind(u, "Settore")] if plan.ente else []
    return match_sectors(plan.sectors, units) if units else []


@check(HEAD_MISMATCH, NOT_IN_ORGANIGRAM)
def sector_heads_in_organigram(plan: Plan) -> Iterator[Finding]:
    """Every sector workbook is a Settore of the organigram, with the same head."""
    for sector, unit in _sector_units(plan):
        if unit is None:
            names = _and_list(f"«{u.name}»" for u in plan.ente.organigram
                             if _is_kind(u, "Settore"))
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
def sector_head_in_own_staff(plan: Plan) -> Iterator[Finding]:
    """The head of a sector is on the sector's own staff list."""
    for sector in plan.sectors:
        if (sector.head and sector.staff
                and not any(same_person(sector.head, m.name) for m in sector.staff)):
            yield emit(HEAD_NOT_IN_STAFF, f"Il responsabile «{sector.head}» non è nell'elenco "
                       f"del personale di «{sector.name}».", sector.record.at("responsabile"),
                       value=sector.head, hint="Aggiungere il responsabile al foglio "
                       "«Personale»: una riga per persona, responsabile compreso.")


# --- counts and hours ------------------------------------------------------------------------


@check(HEADCOUNT)
def staff_headcount(plan: Plan) -> Iterator[Finding]:
    """Employees on the staff lists plus the segretario = last year's Totale personale."""
    if not plan.ente or not plan.staff:
        return
    total = _history_row(plan.ente, "Totale personale")
    year = _last_year(total) if total else None
    if year is None:
        return
    secretary_row = _history_row(plan.ente, "Segretario")
    secretary = (secretary_row.get(year) if secretary_row else None) or 0
    employees = sum(1 for p in StaffIndex.from_plan(plan).people if not p.external)
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
def staff_in_two_lists(plan: Plan) -> Iterator[Finding]:
    """A person on several sectors' lists works at most 36 hours a week in all."""
    for person in StaffIndex.from_plan(plan).people:
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


def _is_kind(unit: OrgUnit, kind: str) -> bool:
    return normalize_key(unit.kind) == normalize_key(kind)
