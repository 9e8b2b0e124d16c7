"""Which sector workbook is which Settore of the organigram (or of last year's plan, or of
the round's list of sectors): names typed differently, matched one to one.

Sector names are matched without the words every sector name has ("Settore Servizi
Demografici" / "Settore Demografico"); token_set_ratio lets one name contain the other
("Finanziario" / "Economico Finanziario", "Polizia Locale" / "Polizia Locale - Commercio").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional, Protocol, TypeVar

from rapidfuzz import fuzz, process

from pianoperf_xl.interpret.names import parse_name, same_person
from pianoperf_xl.model import OrgUnit, Plan, Sector, StaffMember
from pianoperf_xl.values import normalize_key

SECTOR_NAME_SIMILARITY = 85
_SECTOR_WORDS = frozenset({"settore", "settori", "area", "servizi", "servizio", "ufficio",
                           "uffici", "di", "del", "dello", "della", "dei", "degli", "e", "ed"})


class NamedSector(Protocol):
    """Anything with a sector's name and head: a Sector, an OrgUnit, a sector of the round."""

    name: str
    head: Optional[str]


A = TypeVar("A", bound=NamedSector)
B = TypeVar("B", bound=NamedSector)


def match_sectors(sectors: Iterable[A], units: Iterable[B]) -> list[tuple[A, B | None]]:
    """Each of ``sectors`` with its counterpart among ``units``, or None.

    A name that, normalised, is the name of exactly one unit and of no other sector pairs
    the two at once (at 100 sectors, nearly all of them). The others qualify by similar
    names (see ``SECTOR_NAME_SIMILARITY``) or by the same head; the best pairs are taken
    first (both, then name, then head), one to one.
    """
    sectors, units = list(sectors), list(units)
    sector_words = [_sector_words(sector.name) for sector in sectors]
    unit_words = [_sector_words(unit.name) for unit in units]
    matched = _same_names(sector_words, unit_words)
    rest_s = [i for i in range(len(sectors)) if i not in matched]
    taken = set(matched.values())
    rest_u = [i for i in range(len(units)) if i not in taken]
    heads = {i: parse_name(units[i].head) for i in rest_u if units[i].head}
    pairs = []
    for s_i in rest_s:
        sector = sectors[s_i]
        head = parse_name(sector.head) if sector.head else None
        scores = {u_i: score for _, score, u_i in process.extract(
            sector_words[s_i], {u_i: unit_words[u_i] for u_i in rest_u},
            scorer=fuzz.token_set_ratio, score_cutoff=SECTOR_NAME_SIMILARITY, limit=None)}
        for u_i in rest_u:
            score = scores.get(u_i, 0)
            by_name = u_i in scores
            by_head = bool(head and u_i in heads and same_person(head, heads[u_i]))
            if by_name or by_head:
                pairs.append(((by_name and by_head, by_name, score, by_head), s_i, u_i))
    for _, s_i, u_i in sorted(pairs, key=lambda p: p[0], reverse=True):
        if s_i not in matched and u_i not in taken:
            matched[s_i] = u_i
            taken.add(u_i)
    return [(sector, units[matched[i]] if i in matched else None)
            for i, sector in enumerate(sectors)]


def _same_names(sector_words: list[str], unit_words: list[str]) -> dict[int, int]:
    """Sector index -> unit index, where the normalised name is one sector's and one
    unit's only."""
    sectors_of = Counter(sector_words)
    units_of: dict[str, list[int]] = {}
    for u_i, words in enumerate(unit_words):
        units_of.setdefault(words, []).append(u_i)
    return {s_i: units_of[words][0] for s_i, words in enumerate(sector_words)
            if words and sectors_of[words] == 1 and len(units_of.get(words, ())) == 1}


def _sector_words(name: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", normalize_key(name)) if w not in _SECTOR_WORDS)


def is_kind(unit: OrgUnit, kind: str) -> bool:
    """Whether an organigram row is of ``kind`` (Segretario, Settore, Ufficio, Servizio)."""
    return normalize_key(unit.kind) == normalize_key(kind)


def organigram_sector_units(plan: Plan) -> list[OrgUnit]:
    """The Settore rows of the plan's organigram."""
    return [u for u in plan.ente.organigram if is_kind(u, "Settore")] if plan.ente else []


def sector_units(plan: Plan) -> list[tuple[Sector, OrgUnit | None]]:
    """The plan's sectors matched to the organigram; empty without one."""
    units = organigram_sector_units(plan)
    return match_sectors(plan.sectors, units) if units else []


OUTSIDE_KINDS = ("Segretario",)  # organigram rows whose people are on no sector's list


def outside_sectors(plan: Plan) -> list[StaffMember]:
    """The people of the organigram who work outside the sectors (the segretario comunale
    and whoever the «Segretario» row lists), as staff rows of that row, so that a name on
    an objective resolves to them."""
    if plan.ente is None:
        return []
    return [StaffMember(name, unit.name, unit.name, None, None, None, None, None, unit.record)
            for unit in plan.ente.organigram
            if any(is_kind(unit, kind) for kind in OUTSIDE_KINDS)
            for name in ([unit.head] if unit.head else []) + list(unit.people)]
