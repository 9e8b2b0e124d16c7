"""Who is evaluated, in which group, by whom, and on which measured objectives: the
roster the schede are written from and the returned ones are checked against.

Everything about a person comes from the plan's reading (staff lists, workloads, sector
heads, the organigram's segretario) and the measured results; nothing is re-derived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pianoperf_xl.evaluation.compute import figure_score, objective_shares, results_score
from pianoperf_xl.evaluation.model import ENTE, OWN_OBJECTIVES, SECTOR, Group, ObjectiveShare
from pianoperf_xl.evaluation.settings import EvaluationSettings
from pianoperf_xl.interpret import PlanReading
from pianoperf_xl.interpret.people import Person
from pianoperf_xl.model import Sector, StaffMember
from pianoperf_xl.values import normalize_key

ROLE_LABELS = {"nucleo": "Nucleo di valutazione", "segretario": "Segretario comunale",
               "responsabile": "Responsabile del settore"}


@dataclass(frozen=True)
class Figures:
    """The measured achievements (0–1, None when not measured) the scores come from."""

    objectives: dict[tuple[str, str], float | None] = field(default_factory=dict)
    sectors: dict[str, float | None] = field(default_factory=dict)
    ente: float | None = None


def figures_of(tables: dict[str, Any]) -> Figures:
    """The results round's tables (``RoundResult.tables``) as plain figures."""
    def clean(value) -> float | None:
        return None if value is None or value != value else float(value)

    objectives = {(r.settore, r.rif): clean(r.percentuale)
                  for r in tables["obiettivi"].itertuples()}
    sectors = {r.settore: clean(r.percentuale) for r in tables["settori"].itertuples()}
    return Figures(objectives, sectors, clean(tables.get("ente")))


@dataclass(frozen=True)
class Evaluator:
    """Whose workbook: the Nucleo, the segretario, or a sector's head."""

    role: str  # «nucleo», «segretario», «responsabile»
    sector: str = ""  # the sector, for a head
    name: str | None = None  # who it should be, when the plan says it

    @property
    def key(self) -> str:
        return f"{self.role}:{self.sector}" if self.sector else self.role

    @property
    def label(self) -> str:
        """«Nucleo di valutazione», «Responsabile del Settore Polizia Locale» (not «… del
        settore Settore …»), «Responsabile del settore Ragioneria»."""
        role = ROLE_LABELS[self.role]
        if not self.sector:
            return role
        if self.sector.casefold().startswith("settore ") and role.endswith(" settore"):
            role = role.removesuffix(" settore")
        return f"{role} {self.sector}"

    @property
    def file_name(self) -> str:
        words = re.sub(r"[^\w]+", "-", (self.sector or ROLE_LABELS[self.role]).casefold())
        return f"schede-{words.strip('-') or 'valutatore'}.xlsx"


@dataclass(frozen=True)
class Evaluee:
    """One person of the staff lists, as the evaluation round sees them."""

    person: Person
    member: StaffMember  # their first staff row: sector, profile, category, hours
    sector: Sector | None
    is_head: bool
    group: Group | None  # None: no group of the settings takes them
    evaluator: Evaluator | None
    objectives: tuple[ObjectiveShare, ...]
    results: Decimal | None  # the results score by the group's basis, out of 100

    @property
    def name(self) -> str:
        return self.person.name


def segretario_name(reading: PlanReading) -> str | None:
    units = reading.plan.ente.organigram if reading.plan.ente else []
    return next((u.head for u in units if u.kind == "Segretario" and u.head), None)


def headed_sector(reading: PlanReading, person: Person) -> Sector | None:
    """The sector ``person`` heads, if any (the head's name as the sector writes it)."""
    for sector in reading.plan.sectors:
        if sector.head and reading.index.match(sector.head) is person:
            return sector
    return None


def sector_of(reading: PlanReading, member: StaffMember) -> Sector | None:
    key = normalize_key(member.sector or "")
    return next((s for s in reading.plan.sectors if normalize_key(s.name) == key), None)


def evaluator_for(reading: PlanReading, group: Group, sector: Sector | None) -> Evaluator:
    if group.evaluator == "responsabile":
        return Evaluator("responsabile", sector.name if sector else "",
                         sector.head if sector else None)
    if group.evaluator == "segretario":
        return Evaluator("segretario", "", segretario_name(reading))
    return Evaluator("nucleo")


def roster(reading: PlanReading, settings: EvaluationSettings, figures: Figures
           ) -> list[Evaluee]:
    """Everyone of the staff lists, in their order, with group, evaluator and objectives."""
    out = []
    for person in reading.people:
        member = person.members[0]
        headed = headed_sector(reading, person)
        sector = headed or sector_of(reading, member)
        group = settings.group_for(headed is not None, member.grade, member.profile)
        objectives = person_objectives(reading, person, figures)
        results = None
        if group is not None:
            results = (results_score(objectives) if group.results_basis == OWN_OBJECTIVES
                       else figure_score(figures.sectors.get(sector.name) if sector else None)
                       if group.results_basis == SECTOR
                       else figure_score(figures.ente) if group.results_basis == ENTE else None)
        evaluator = evaluator_for(reading, group, sector) if group is not None else None
        out.append(Evaluee(person, member, sector, headed is not None, group, evaluator,
                           objectives, results))
    return out


def person_objectives(reading: PlanReading, person: Person, figures: Figures
                      ) -> tuple[ObjectiveShare, ...]:
    objectives = reading.workload(person).objectives
    shares = objective_shares([o.weight for o in objectives])
    return tuple(ObjectiveShare(o.sector, o.ref, o.title or "", float(share),
                                figures.objectives.get((o.sector, o.ref)))
                 for o, share in zip(objectives, shares))


def by_evaluator(people: list[Evaluee]) -> dict[str, tuple[Evaluator, list[Evaluee]]]:
    """The roster grouped by evaluator, in the order each first appears."""
    out: dict[str, tuple[Evaluator, list[Evaluee]]] = {}
    for evaluee in people:
        if evaluee.evaluator is not None:
            out.setdefault(evaluee.evaluator.key, (evaluee.evaluator, []))[1].append(evaluee)
    return out
